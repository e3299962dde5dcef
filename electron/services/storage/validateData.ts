import { join } from 'node:path';
import { isTempName } from './atomicWrite';
import { checkSessionFile, checkStudyFile } from './fileFormat';
import { isSafeId, QUARANTINE_DIR, SESSIONS_DIR, STUDY_FILE } from './layout';
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
}

export interface ValidationReport {
  dataDir: string;
  studies: StudyCheck[];
  problems: FileProblem[];
  filesChecked: number;
}

export async function validateDataFolder(dataDir: string, fs: StorageFs = nodeStorageFs): Promise<ValidationReport> {
  const report: ValidationReport = { dataDir, studies: [], problems: [], filesChecked: 0 };
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
    const study: StudyCheck = { folder, title: null, sessionFiles: 0, validSessions: 0, quarantined: 0 };
    report.studies.push(study);
    if (!isSafeId(folder)) {
      report.problems.push({ file: `${folder}/`, problem: 'the folder name is not a study id (a copy of a study folder?)' });
      continue;
    }
    report.filesChecked++;
    try {
      const loaded = checkStudyFile(await fs.readFile(join(dir, STUDY_FILE)), folder);
      if (loaded.ok) study.title = loaded.value.title;
      else report.problems.push({ file: `${folder}/${STUDY_FILE}`, problem: loaded.problem });
    } catch (err) {
      report.problems.push({ file: `${folder}/${STUDY_FILE}`, problem: isMissing(err) ? 'there is no study.json in the folder' : describeReadProblem(err) });
    }
    const names = await list(join(dir, SESSIONS_DIR));
    const present = new Set(names);
    for (const name of names) {
      if (!name.toLowerCase().endsWith('.json') || name.startsWith('.') || isTempName(name)) continue;
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
  }
  return report;
}
