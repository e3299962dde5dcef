import { join, parse as parsePath } from 'node:path';
import { HostError, type LoadProblem } from '../../../shared/contract/hostContract';
import { buildBackup, serializeBundle, type HistoryEntry, type StudyBundle } from '../../../shared/export/studyFile';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { isSyncTemporary, parseConflictCopy } from '../../../shared/sync/conflictCopies';
import { conflictCopyName, planRestore, RESTORE_DEVICE, sameSessionContent, type LocalStudy, type RestoreOptions, type RestoreSummary } from '../../../shared/sync/restoreStudy';
import { ensureDir, writeFileAtomic } from './atomicWrite';
import type { StorageFs } from './storageFs';
import { fileLocks, type DocumentLocks } from './documentLock';
import { checkSessionFile, encodeDocument, loadSessionBytes, sameBytes } from './fileFormat';
import { listVersionIds, recordVersion, versionFile } from './history';
import { assertSafeId, STUDY_HISTORY_KEY } from './layout';
import { isMissing, toHostError } from './storageErrors';
import type { StudyRepository } from './studyRepository';

/**
 * Backup and restore of one study on the real disk (issue 15, part 4). The file is a
 * study file (shared/export/studyFile.ts) — every session, never redacted, and with
 * history the earlier versions of each session (format version 2). What a restore
 * writes is decided by shared/sync/restoreStudy.ts; this module carries it out the way
 * the repository writes: atomic writes, a history copy of every document written, and
 * each file written under its document's cross-process lock, checked again under the
 * lock. A restore only ever *creates* files — a new study, a new session, a conflict copy
 * beside a session, a missing history version — except study.json of an existing study,
 * which is saved through the repository (compare-and-replace on the revision it read).
 */

export interface BackupResult {
  bundle: StudyBundle;
  /** The file's text (serializeBundle). */
  text: string;
  /** What is in the study folder but not in the backup: damaged files, sync conflict copies. */
  leftOut: LoadProblem[];
  /** Earlier versions carried (0 without history). */
  historyVersions: number;
}

/** Earlier versions of a session in its history folder that can still be read, oldest first. */
async function readHistory(fs: StorageFs, repository: StudyRepository, studyId: string, sessionId: string): Promise<HistoryEntry[]> {
  const dir = repository.layout.historyDir(studyId, sessionId);
  const out: HistoryEntry[] = [];
  for (const versionId of await listVersionIds(fs, dir)) {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(versionFile(dir, versionId));
    } catch {
      continue;
    }
    const loaded = loadSessionBytes(bytes);
    if (loaded.ok && loaded.value.id === sessionId && loaded.value.studyId === studyId) out.push({ sessionId, versionId, session: loaded.value });
  }
  return out;
}

/** A backup of the study `studyId`: its settings and every session that loads, with their history if asked. */
export async function backupStudy(repository: StudyRepository, studyId: string, opts: { withHistory: boolean; now?: Date; fs?: StorageFs }): Promise<BackupResult> {
  const fs = opts.fs ?? repository.storageFs;
  const opened = await repository.openStudy(studyId);
  const history: HistoryEntry[] = [];
  if (opts.withHistory) for (const s of opened.sessions) history.push(...(await readHistory(fs, repository, studyId, s.id)));
  const bundle = buildBackup(opened.study, opened.sessions, { exportedAt: (opts.now ?? new Date()).toISOString(), history: opts.withHistory ? history : null });
  return { bundle, text: serializeBundle(bundle), leftOut: opened.problems, historyVersions: history.length };
}

export interface RestoreServiceOptions {
  now?: Date;
  /** The device part of conflict copy names (default RESTORE). */
  device?: string;
  /** Cross-process locks; by default the data folder's, as the repository uses. */
  locks?: DocumentLocks;
  fs?: StorageFs;
}

export type RestoreOutcome = { ok: true; summary: RestoreSummary } | { ok: false; problem: string };

/** What is on disk for `studyId`, or null when the data folder has no study with that id. */
async function readLocal(repository: StudyRepository, fs: StorageFs, studyId: string, historyOf: readonly string[]): Promise<LocalStudy | null> {
  let opened;
  try {
    opened = await repository.openStudy(studyId);
  } catch (err) {
    if (err instanceof HostError && err.code === 'not_found') return null;
    throw err;
  }
  const dir = repository.layout.sessionsDir(studyId);
  let names: string[] = [];
  try {
    names = (await fs.readdir(dir)).sort();
  } catch (err) {
    if (!isMissing(err)) throw toHostError(err, repository.layout.shown(dir), 'read');
  }
  const conflictCopies: { fileName: string; session: Session }[] = [];
  for (const name of names) {
    const parsed = parseConflictCopy(name);
    if (!parsed || isSyncTemporary(name)) continue;
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(join(dir, name));
    } catch {
      continue;
    }
    const copy = checkSessionFile(bytes, { studyId, fileName: parsed.original });
    if (copy.ok) conflictCopies.push({ fileName: name, session: copy.value });
  }
  const historyIds: Record<string, string[]> = {};
  for (const id of historyOf) historyIds[id] = await listVersionIds(fs, repository.layout.historyDir(studyId, id));
  return { study: opened.study, sessions: opened.sessions, conflictCopies, fileNames: names, historyIds };
}

/**
 * Restore a backup into the repository's data folder: a new study as it is, or merged
 * into the local copy by the sync's rules (see shared/sync/restoreStudy.ts). Returns what
 * was added and what became a conflict; `ok: false` (nothing written) for a file that is
 * not a backup. A storage failure part-way is thrown as a HostError; what was written
 * before it is complete, and running the restore again finishes the rest.
 */
export async function restoreBackup(repository: StudyRepository, backup: StudyBundle, opts: RestoreServiceOptions = {}): Promise<RestoreOutcome> {
  const fs = opts.fs ?? repository.storageFs;
  const now = opts.now ?? new Date();
  const layout = repository.layout;
  const studyId = backup.study.id;
  assertSafeId(studyId, 'study id');
  for (const s of backup.sessions) assertSafeId(s.id, 'session id');
  const locks = opts.locks ?? fileLocks(repository.dataDir);
  const historyOf = [...new Set((backup.history ?? []).map((h) => h.sessionId))];
  const local = await readLocal(repository, fs, studyId, historyOf);
  const planOptions: RestoreOptions = { now, device: opts.device ?? RESTORE_DEVICE };
  const planned = planRestore(local, backup, planOptions);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const summary: RestoreSummary = structuredClone(plan.summary);
  const studyDir = layout.studyDir(studyId);
  const what = `study “${backup.study.title}”`;
  const historyBytes = new Map<string, Uint8Array[]>();
  for (const h of plan.history) historyBytes.set(h.sessionId, [...(historyBytes.get(h.sessionId) ?? []), encodeDocument(h.session)]);

  // 1. study.json first, so every stakeholder the sessions place is in the study.
  if (plan.createStudy) {
    const study: Study = plan.createStudy;
    await locks.withLock({ kind: 'study', studyId }, async () => {
      try {
        await ensureDir(fs, repository.dataDir, parsePath(repository.dataDir).root);
        if (await fs.stat(layout.studyFile(studyId)))
          throw new HostError('conflict', `A study with id "${studyId}" appeared in ${repository.dataDir} while the backup was being restored; nothing was restored. Run the restore again.`);
        await ensureDir(fs, layout.sessionsDir(studyId), repository.dataDir);
        const bytes = encodeDocument(study);
        await writeFileAtomic(fs, layout.studyFile(studyId), bytes);
        await recordVersion(fs, layout.historyDir(studyId, STUDY_HISTORY_KEY), studyDir, bytes, now);
      } catch (err) {
        throw toHostError(err, what);
      }
    });
  } else if (plan.saveStudy) {
    try {
      // Above both versions' revisions, like the sync's merge (mergeStudy).
      await repository.saveStudy(plan.saveStudy.study, plan.saveStudy.baseRevision, { revisionAbove: backup.study.revision });
    } catch (err) {
      if (err instanceof HostError && err.code === 'conflict')
        throw new HostError('conflict', `${err.message} Nothing was restored; run the restore again to merge the backup into the new version.`);
      throw err;
    }
  }

  // 2. New sessions, as they are. A file that appeared meanwhile is never replaced: the
  // backup's version then goes beside it as a conflict copy, unless it is the same.
  const taken = new Set([...(local?.fileNames ?? []), ...plan.conflictCopies.map((c) => c.fileName)].map((n) => n.toLowerCase()));
  const lateConflicts: typeof plan.conflictCopies = [];
  for (const session of plan.addSessions) {
    await locks.withLock({ kind: 'session', studyId, sessionId: session.id }, async () => {
      const file = layout.sessionFile(studyId, session.id);
      try {
        const there = await fs.stat(file);
        if (there) {
          const current = loadSessionBytes(await fs.readFile(file));
          const at = summary.addedSessions.indexOf(session.code);
          if (at >= 0) summary.addedSessions.splice(at, 1);
          if (current.ok && sameSessionContent(current.value, session)) summary.unchangedSessions.push(session.code);
          else {
            const fileName = conflictCopyName(session.id, now, planOptions.device!, taken);
            taken.add(fileName.toLowerCase());
            lateConflicts.push({ sessionId: session.id, code: session.code, fileName, session });
          }
          return;
        }
        await ensureDir(fs, layout.sessionsDir(studyId), studyDir);
        const bytes = encodeDocument(session);
        await writeFileAtomic(fs, file, bytes);
        // Its history copy, unless the backup's history already holds these very bytes.
        if (!(historyBytes.get(session.id) ?? []).some((b) => sameBytes(b, bytes))) await recordVersion(fs, layout.historyDir(studyId, session.id), studyDir, bytes, now);
      } catch (err) {
        throw toHostError(err, `session “${session.code}”`);
      }
    });
  }

  // 3. Conflict copies beside sessions changed on both sides (create-only: a name in use is never reused).
  for (const c of [...plan.conflictCopies, ...lateConflicts]) {
    await locks.withLock({ kind: 'session', studyId, sessionId: c.sessionId }, async () => {
      try {
        let fileName = c.fileName;
        while (await fs.stat(join(layout.sessionsDir(studyId), fileName))) {
          taken.add(fileName.toLowerCase());
          fileName = conflictCopyName(c.sessionId, now, planOptions.device!, taken);
        }
        await writeFileAtomic(fs, join(layout.sessionsDir(studyId), fileName), encodeDocument(c.session));
        if (!plan.conflictCopies.includes(c)) summary.conflicts.push({ sessionId: c.sessionId, code: c.code, fileName });
        else if (fileName !== c.fileName) summary.conflicts = summary.conflicts.map((x) => (x.fileName === c.fileName ? { ...x, fileName } : x));
      } catch (err) {
        throw toHostError(err, `the second version of session “${c.code}”`);
      }
    });
  }

  // 4. History: versions the local history does not have, never replacing one it has.
  const bySession = new Map<string, HistoryEntry[]>();
  for (const h of plan.history) bySession.set(h.sessionId, [...(bySession.get(h.sessionId) ?? []), h]);
  let historyAdded = 0;
  for (const [sessionId, entries] of bySession) {
    await locks.withLock({ kind: 'session', studyId, sessionId }, async () => {
      const dir = layout.historyDir(studyId, sessionId);
      try {
        await ensureDir(fs, dir, studyDir);
        for (const h of entries) {
          const file = versionFile(dir, h.versionId);
          if (await fs.stat(file)) continue;
          await writeFileAtomic(fs, file, encodeDocument(h.session));
          historyAdded++;
        }
      } catch (err) {
        throw toHostError(err, `the history of session “${entries[0]!.session.code}”`);
      }
    });
  }
  summary.historyAdded = historyAdded;
  return { ok: true, summary };
}
