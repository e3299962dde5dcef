import { join } from 'node:path';
import { HostError } from '../../../shared/contract/hostContract';
import type { EncryptedFs } from './encryptedFs';
import { isTempName } from './atomicWrite';
import { checkSessionFile, checkStudyFile } from './fileFormat';
import { isSafeId, QUARANTINE_DIR, SESSIONS_DIR, STUDY_FILE, SYNC_ARCHIVE_DIR } from './layout';
import { isSyncTemporary, parseConflictCopy, conflictCopyAuthor, type ConflictCopyName } from '../../../shared/sync/conflictCopies';
import { mergeStudies } from '../../../shared/sync/mergeStudy';
import type { Study } from '../../../shared/model/study';
import { describeReadProblem, isMissing } from './storageErrors';
import { nodeStorageFs, type StorageFs } from './storageFs';

/**
 * A read-only check of a whole data folder, for `pimap validate`: every study.json and
 * every session file is decoded, validated and checked to be in the right place, with
 * the same rules the app applies when it opens a study — but nothing is moved, written
 * or quarantined, so it is safe to run on a backup or next to a running app.
 */
export interface FileProblem {
  /** Relative to the data folder, with "/" separators. */
  file: string;
  problem: string;
}

export interface StudyCheck {
  folder: string;
  /** The study's title when study.json could be read. */
  title: string | null;
  sessionFiles: number;
  validSessions: number;
  /** Files already set aside in the study's quarantine folder (not counted as problems). */
  quarantined: number;
  /** Conflict copies of study.json the app already merged, kept in `.sync-archive/`. */
  syncMerged: number;
  /** Issue 16: an encrypted study, checked with its key (`unlocked`) or not checked for want of it (`locked`). */
  encrypted?: 'locked' | 'unlocked';
}

/**
 * A sync tool's conflict copy (see shared/sync/conflictCopies). A copy of study.json is
 * merged by the app when the study is opened, so a valid one is not a problem; a copy of a
 * session is another device's version of that map, which a person must look at, so it is
 * also listed in `problems`.
 */
export interface SyncCopy {
  /** Relative to the data folder, with "/" separators. */
  file: string;
  /** The file it is a copy of, e.g. `study-a/study.json`. */
  of: string;
  kind: 'study' | 'session';
  /** The device the sync tool names, when it names one. */
  device: string | null;
  /** What it is and what happens to it, in one sentence. */
  note: string;
}

export interface ValidationReport {
  dataDir: string;
  studies: StudyCheck[];
  problems: FileProblem[];
  /** Every conflict copy found, whether or not it is a problem. */
  syncCopies: SyncCopy[];
  filesChecked: number;
}

export async function validateDataFolder(dataDir: string, fs: StorageFs = nodeStorageFs): Promise<ValidationReport> {
  const report: ValidationReport = { dataDir, studies: [], problems: [], syncCopies: [], filesChecked: 0 };
  const list = async (dir: string): Promise<string[]> => {
    try {
      return (await fs.readdir(dir)).sort();
    } catch (err) {
      if (isMissing(err)) return [];
      // A folder that cannot be listed is one problem, not the end of the check.
      if (dir !== dataDir) {
        report.problems.push({ file: shownOf(dir), problem: `the folder cannot be listed: ${describeReadProblem(err)}` });
        return [];
      }
      throw err;
    }
  };
  const shownOf = (dir: string) => `${dir.slice(dataDir.length).replace(/^[\\/]+/, '').split('\\').join('/')}/`;
  for (const folder of await list(dataDir)) {
    if (folder.startsWith('.')) continue;
    const dir = join(dataDir, folder);
    // lstat: a linked folder (even a link loop) is named, never followed, as when the app lists studies.
    const entry = await fs.lstat(dir).catch(() => null);
    if (entry?.kind === 'symlink') {
      report.problems.push({ file: `${folder}/`, problem: describeReadProblem({ code: 'ESYMLINK' }) });
      continue;
    }
    if (entry?.kind !== 'dir') continue;
    const study: StudyCheck = { folder, title: null, sessionFiles: 0, validSessions: 0, quarantined: 0, syncMerged: 0 };
    report.studies.push(study);
    if (!isSafeId(folder)) {
      report.problems.push({ file: `${folder}/`, problem: 'the folder name is not a study id (a copy of a study folder?)' });
      continue;
    }
    const encryption = 'stateOf' in fs ? await (fs as EncryptedFs).stateOf(folder).catch(() => 'none' as const) : 'none';
    if (encryption !== 'none') study.encrypted = encryption;
    if (encryption === 'locked') {
      // Its files can only be checked with the key: try it (the CLI's --passphrase-file), else say so.
      try {
        await fs.readFile(join(dir, STUDY_FILE));
        study.encrypted = 'unlocked';
      } catch (err) {
        if (err instanceof HostError && (err.code === 'study_locked' || err.code === 'wrong_passphrase')) {
          study.sessionFiles = (await list(join(dir, SESSIONS_DIR))).filter((n) => n.toLowerCase().endsWith('.json') && !isTempName(n)).length;
          if (err.code === 'wrong_passphrase') report.problems.push({ file: `${folder}/`, problem: err.message });
          continue;
        }
      }
    }
    report.filesChecked++;
    let current: Study | null = null;
    try {
      const loaded = checkStudyFile(await fs.readFile(join(dir, STUDY_FILE)), folder);
      if (loaded.ok) {
        study.title = loaded.value.title;
        current = loaded.value;
      } else report.problems.push({ file: `${folder}/${STUDY_FILE}`, problem: loaded.problem });
    } catch (err) {
      report.problems.push({ file: `${folder}/${STUDY_FILE}`, problem: isMissing(err) ? 'there is no study.json in the folder' : describeReadProblem(err) });
    }
    for (const name of await list(dir)) {
      const parsed = isSyncTemporary(name) ? null : parseConflictCopy(name);
      if (parsed?.original !== STUDY_FILE) continue;
      report.filesChecked++;
      await checkStudyCopy({ fs, report, folder, dir }, current, name, conflictCopyAuthor(parsed, null));
    }
    const names = await list(join(dir, SESSIONS_DIR));
    const present = new Set(names);
    for (const name of names) {
      if (name.startsWith('.') || isTempName(name) || isSyncTemporary(name)) continue;
      const copyOf = parseConflictCopy(name);
      if (copyOf) {
        if (!copyOf.original.toLowerCase().endsWith('.json')) continue;
        report.filesChecked++;
        await checkSessionCopy({ fs, report, folder, dir }, present, name, `${copyOf.original.slice(0, -'.json'.length)}.json`, copyOf);
        continue;
      }
      if (!name.toLowerCase().endsWith('.json')) continue;
      study.sessionFiles++;
      report.filesChecked++;
      const file = `${folder}/${SESSIONS_DIR}/${name}`;
      try {
        // A lone `s1.JSON` is fine: the app renames it to `s1.json` when it opens the study.
        const lower = `${name.slice(0, -'.json'.length)}.json`;
        const fileName = present.has(lower) ? name : lower;
        const loaded = checkSessionFile(await fs.readFile(join(dir, SESSIONS_DIR, name)), { studyId: folder, fileName });
        if (loaded.ok) study.validSessions++;
        else report.problems.push({ file, problem: loaded.label ? `session “${loaded.label}”: ${loaded.problem}` : loaded.problem });
      } catch (err) {
        report.problems.push({ file, problem: describeReadProblem(err) });
      }
    }
    study.quarantined = (await list(join(dir, QUARANTINE_DIR))).filter((n) => !n.endsWith('.why.txt')).length;
    study.syncMerged = (await list(join(dir, SYNC_ARCHIVE_DIR))).filter((n) => !n.endsWith('.why.txt')).length;
  }
  return report;
}

interface CopyContext {
  fs: StorageFs;
  report: ValidationReport;
  folder: string;
  dir: string;
}

/** One conflict copy of `<folder>/study.json`; `current` is study.json when it could be read. */
async function checkStudyCopy(ctx: CopyContext, current: Study | null, name: string, device: string | null): Promise<void> {
  const { fs, report, folder, dir } = ctx;
  const file = `${folder}/${name}`;
  const of = `${folder}/${STUDY_FILE}`;
  const from = device ? ` from device ${device}` : '';
  const say = (note: string, problem: boolean) => {
    report.syncCopies.push({ file, of, kind: 'study', device, note });
    if (problem) report.problems.push({ file, problem: note });
  };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(join(dir, name));
  } catch (err) {
    return say(`a sync tool's conflict copy of study.json${from} that cannot be read: ${describeReadProblem(err)}; the app moves it to quarantine when the study is opened`, true);
  }
  const copy = checkStudyFile(bytes, folder);
  if (!copy.ok) return say(`a sync tool's conflict copy of study.json${from} that cannot be used: ${copy.problem}; the app moves it to quarantine when the study is opened`, true);
  if (!current) return say(`a sync tool's conflict copy of study.json${from}; it cannot be merged while study.json cannot be read, so it is left where it is`, true);
  const merged = mergeStudies(current, copy.value);
  const added = [...merged.added.stakeholders.map((n) => `stakeholder “${n}”`), ...merged.added.cohorts.map((n) => `cohort “${n}”`), ...merged.added.rounds.map((n) => `round “${n}”`)];
  const what = added.length ? `it adds ${added.join(', ')}` : merged.changed ? 'it adds nothing, only newer wording' : 'it has nothing study.json does not have';
  say(`a sync tool's conflict copy of study.json${from}, not a problem: the app merges it into study.json when the study is next opened (${what}) and keeps the copy in ${SYNC_ARCHIVE_DIR}/`, false);
}

/** One conflict copy of `<folder>/sessions/<original>`; `present`: the names in sessions/. */
async function checkSessionCopy(ctx: CopyContext, present: ReadonlySet<string>, name: string, original: string, parsed: ConflictCopyName): Promise<void> {
  const { fs, report, folder, dir } = ctx;
  const file = `${folder}/${SESSIONS_DIR}/${name}`;
  const of = `${folder}/${SESSIONS_DIR}/${original}`;
  let device = conflictCopyAuthor(parsed, null);
  let from = device ? ` saved by ${device}` : '';
  const say = (note: string) => {
    report.syncCopies.push({ file, of, kind: 'session', device, note });
    report.problems.push({ file, problem: note });
  };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(join(dir, SESSIONS_DIR, name));
  } catch (err) {
    return say(`a sync tool's conflict copy of ${original}${from} that cannot be read: ${describeReadProblem(err)}`);
  }
  const copy = checkSessionFile(bytes, { studyId: folder, fileName: original });
  if (copy.ok) {
    device = conflictCopyAuthor(parsed, copy.value.writer?.name);
    from = device ? ` saved by ${device}` : '';
  }
  if (!copy.ok) return say(`a sync tool's conflict copy of ${original}${from} that cannot be used: ${copy.problem}`);
  if (!present.has(original)) return say(`a sync tool's copy of session “${copy.value.code}”${from}, but ${original} itself is not there: rename it to ${original} to use it`);
  say(`a second version of session “${copy.value.code}”${from}, left by a sync tool because two devices changed it before they synced: both are kept: the app shows ${original}; copy what you need from this file into that map, then move it out of the sessions folder`);
}
