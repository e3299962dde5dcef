import { join, parse as parsePath } from 'node:path';
import type { z } from 'zod';
import {
  HostError,
  type LoadProblem,
  type OpenStudyResult,
  type SaveResult,
  type SessionVersion,
  type StudySummary,
  type TrashEntry,
} from '../../../shared/contract/hostContract';
import { describeIssues } from '../../../shared/model/migrations';
import { nameKey } from '../../../shared/model/names';
import { SessionSchema, type Session } from '../../../shared/model/session';
import { StudySchema, type Study } from '../../../shared/model/study';
import { ensureDir, isTempName, moveDurably, sweepTempFiles, writeFileAtomic } from './atomicWrite';
import { checkSessionFile, checkStudyFile, encodeDocument, loadSessionBytes, loadStudyBytes, placementCounts, sameBytes, type Loaded } from './fileFormat';
import { isVersionId, listVersionIds, recordVersion, retention, versionFile, versionSavedAt } from './history';
import { assertSafeId, isSafeId, Layout, STUDY_FILE, STUDY_HISTORY_KEY } from './layout';
import { quarantineFile } from './quarantine';
import { isEncryptedFile } from '../crypto/fileCipher';
import { describeReadProblem, isMissing, toHostError } from './storageErrors';
import { nodeStorageFs, type FileStat, type StorageFs } from './storageFs';
import * as trash from './trash';
import { KeyedQueue } from './writeQueue';
import { fileLocks, inProcessOnly, type DocumentKey, type DocumentLocks } from './documentLock';
import type { Writer } from '../../../shared/model/common';
import { canonicalJson, sameDocument } from '../../../shared/model/sameDocument';
import { isSyncTemporary, parseConflictCopy, conflictCopyAuthor } from '../../../shared/sync/conflictCopies';
import { mergeStudies } from '../../../shared/sync/mergeStudy';
import { RESTORE_DEVICE } from '../../../shared/sync/restoreStudy';
import { encryptedFs, KEY_FILE, lockedError, StudyKeys, type EncryptedFs } from './encryptedFs';
import { changePassphrase as changeKeyPassphrase, KeyringError, unlockWithPassphrase, unlockWithRecoveryKey, type StudyKeyFile } from '../crypto/keyring';

export interface RepositoryOptions {
  /** The file system; tests pass a shim that simulates power cuts and full disks. */
  fs?: StorageFs;
  /** The clock used for saved-at times, history and trash; tests inject one. */
  now?: () => Date;
  /** Where non-fatal trouble is reported (a history copy that could not be written). */
  warn?: (message: string) => void;
  /** Who this process writes as; stored in every document it saves. */
  writer?: Writer;
  /**
   * Cross-process locks for compare-and-replace. Default: lock folders in `<data>/.locks`
   * on the real disk; with a test `fs` (one process only) the write queue alone.
   */
  locks?: DocumentLocks;
  /**
   * The data keys of encrypted studies this process holds (issue 16). The host services
   * share theirs with the lock; by default the repository has its own, empty: encrypted
   * studies are then listed as locked and fail `study_locked`.
   */
  keys?: StudyKeys;
}

/** A study folder that could not be listed. Reported, never fatal to the others. */
export interface StudyProblem {
  /** The folder, relative to the data folder. */
  folder: string;
  studyId: string | null;
  problem: string;
  /** An earlier valid study.json exists in the folder's history. */
  recoverable: boolean;
}

/** Reads in parallel when opening a large study; enough to hide disk latency, few enough to not exhaust file handles. */
const READ_PARALLELISM = 16;

/**
 * All studies and session maps in one data folder. Used by the desktop app, the browser
 * preview and the CLI alike. Every write is crash-safe (see atomicWrite.ts), serialised
 * per file (see writeQueue.ts) and recorded in history (see history.ts); every read is
 * validated and damaged files are quarantined, never deleted (see quarantine.ts).
 *
 * Errors are HostErrors with a code the UI understands: not_found, conflict, locked,
 * invalid_payload, invalid_file, disk_full, read_only, io.
 */
export class StudyRepository {
  readonly layout: Layout;
  /** The data keys of encrypted studies held by this process. */
  readonly keys: StudyKeys;
  /** Every file storage reads or writes goes through the encryption layer (a no-op for plain studies). */
  private readonly fs: EncryptedFs;
  private readonly now: () => Date;
  private readonly warn: (message: string) => void;
  private readonly queue = new KeyedQueue();
  private readonly locks: DocumentLocks;
  private currentWriter: Writer;

  constructor(dataDir: string, opts: RepositoryOptions = {}) {
    this.layout = new Layout(dataDir);
    this.keys = opts.keys ?? new StudyKeys();
    this.fs = encryptedFs(opts.fs ?? nodeStorageFs, dataDir, this.keys);
    this.now = opts.now ?? (() => new Date());
    this.warn = opts.warn ?? ((m) => console.warn(m));
    this.currentWriter = opts.writer ?? { id: 'unnamed', name: '' };
    this.locks = opts.locks ?? (opts.fs ? inProcessOnly : fileLocks(dataDir, { warn: this.warn }));
  }

  /** Who this process writes as (stamped on every saved document). */
  get writer(): Writer {
    return this.currentWriter;
  }

  /**
   * The name people see next to what this process changed ("changed by Asha's laptop"):
   * the device name a facilitator chose, or the computer's. The id stays the same.
   */
  setWriterName(name: string): void {
    this.currentWriter = { id: this.currentWriter.id, name: name.slice(0, 200) };
  }

  get dataDir(): string {
    return this.layout.dataDir;
  }

  /** The file system as storage sees it: plain for plain studies, decrypted for unlocked ones. */
  get storageFs(): EncryptedFs {
    return this.fs;
  }

  /** Resolves when every queued write has finished (call before quitting). */
  flush(): Promise<void> {
    return this.queue.idle();
  }

  // ---------------------------------------------------------------- studies

  /**
   * Every study in the data folder, newest first. A folder whose study.json is missing
   * or damaged does not hide the others: it is returned in `problems`.
   */
  async listStudies(): Promise<{ studies: StudySummary[]; problems: StudyProblem[] }> {
    const studies: StudySummary[] = [];
    const problems: StudyProblem[] = [];
    for (const name of await this.readdirOrEmpty(this.dataDir)) {
      if (name.startsWith('.')) continue;
      const dir = join(this.dataDir, name);
      // lstat, not stat: a symbolic link (even a loop) is named as a problem, never followed.
      const entry = await this.lstatQuietly(dir);
      if (entry?.kind === 'symlink') {
        problems.push({ folder: name, studyId: isSafeId(name) ? name : null, problem: describeReadProblem({ code: 'ESYMLINK' }), recoverable: false });
        continue;
      }
      if (entry?.kind !== 'dir') continue;
      if (!isSafeId(name)) {
        problems.push({ folder: name, studyId: null, problem: 'the folder name is not a study id (a copy of a study folder?)', recoverable: false });
        continue;
      }
      let loaded: Loaded<Study>;
      let encryption: 'none' | 'locked' | 'unlocked';
      try {
        encryption = await this.fs.stateOf(name);
        // A locked study is listed without reading it (its title is encrypted too); the CLI's
        // --passphrase-file unlocks on first read, so it reads.
        if (encryption === 'locked' && !this.keys.unlocker) throw lockedError();
        loaded = await this.readStudyFile(name);
        encryption = await this.fs.stateOf(name);
      } catch (err) {
        if (!(err instanceof HostError)) throw err;
        if (err.code === 'study_locked' || err.code === 'wrong_passphrase') {
          studies.push(await this.lockedSummary(name));
          continue;
        }
        problems.push({ folder: name, studyId: name, problem: err.message, recoverable: false });
        continue;
      }
      if (!loaded.ok) {
        problems.push({ folder: name, studyId: name, problem: loaded.problem, recoverable: (await this.newestValidStudy(name)) !== null });
        continue;
      }
      const study = loaded.value;
      const sessionNames = await this.sessionFileNames(name);
      studies.push({
        id: study.id,
        title: study.title,
        description: study.description,
        updatedAt: await this.lastChange(name, study.updatedAt, sessionNames),
        sessionCount: sessionNames.length,
        cohortCount: study.cohorts.length,
        ...(encryption === 'none' ? {} : { encryption }),
      });
    }
    studies.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.title.localeCompare(b.title));
    return { studies, problems };
  }

  /** What can be said of a locked study without its key: how many sessions, when it last changed. */
  private async lockedSummary(studyId: string): Promise<StudySummary> {
    const sessionNames = await this.sessionFileNames(studyId);
    const keys = await this.lstatQuietly(join(this.layout.studyDir(studyId), 'keys.json'));
    const since = new Date(keys?.mtimeMs ?? 0).toISOString();
    return { id: studyId, title: '', description: '', updatedAt: await this.lastChange(studyId, since, sessionNames), sessionCount: sessionNames.length, cohortCount: 0, encryption: 'locked' };
  }

  /** Studies whose title matches as names do (`nameKey`: trimmed, spaces collapsed, NFC, case-insensitive), for the CLI's `--study <title>`. */
  async findStudiesByTitle(title: string): Promise<StudySummary[]> {
    const wanted = nameKey(title);
    return (await this.listStudies()).studies.filter((s) => nameKey(s.title) === wanted);
  }

  /** Create a study folder with its study.json. `conflict` if a study with this id exists. */
  async createStudy(input: Study): Promise<SaveResult> {
    const study = parseOrReject(StudySchema, input, 'study');
    assertSafeId(study.id, 'study id');
    return this.queue.run(studyKey(study.id), async () => {
      const what = `study “${study.title}”`;
      try {
        await ensureDir(this.fs, this.dataDir, parsePath(this.dataDir).root);
        return await this.locks.withLock({ kind: 'study', studyId: study.id }, async () => {
          if (await this.fs.stat(this.layout.studyFile(study.id)))
            throw new HostError('conflict', `A study with id "${study.id}" already exists`);
          await ensureDir(this.fs, this.layout.sessionsDir(study.id), this.dataDir);
          return await this.writeStudy(this.stamp(study, 1), what);
        });
      } catch (err) {
        throw toHostError(err, what);
      }
    });
  }

  /**
   * Replace a study's settings: compare-and-replace against `baseRevision` (by default the
   * revision inside the document, i.e. the one it was read at). `not_found` if the study
   * does not exist; `conflict`, writing nothing, if study.json has another revision.
   */
  /**
   * `revisionAbove`: the written revision is also above this one — a merge with another
   * device's version (a restore) must land above both, as the sync's merge does, so a
   * window or device holding either version sees it as newer.
   */
  async saveStudy(input: Study, baseRevision: number = input.revision, opts: { revisionAbove?: number } = {}): Promise<SaveResult> {
    const study = parseOrReject(StudySchema, input, 'study');
    assertSafeId(study.id, 'study id');
    // One save at a time, never merged: two saves based on the same revision come from
    // two writers, and merging them would report "Saved" for the one that was dropped.
    return this.queue.run(studyKey(study.id), () =>
      this.locks.withLock({ kind: 'study', studyId: study.id }, async () => {
        const what = `study “${study.title}”`;
        try {
          const file = this.layout.studyFile(study.id);
          const current = await this.readOrNull(file);
          if (!current) throw new HostError('not_found', `There is no study with id "${study.id}"`);
          const stored = loadStudyBytes(current);
          if (stored.ok) {
            if (sameContent(stored.value, study)) return { savedAt: this.now().toISOString(), revision: stored.value.revision };
            if (stored.value.revision !== baseRevision) throw conflict(what, stored.value, baseRevision);
          } else await this.quarantine(study.id, file, 'it could not be read when a newer save replaced it');
          const onDisk = stored.ok ? stored.value.revision : baseRevision;
          return await this.writeStudy(this.stamp(study, Math.max(onDisk, opts.revisionAbove ?? 0) + 1), what);
        } catch (err) {
          throw toHostError(err, what);
        }
      }),
    );
  }

  /**
   * A study and all its session maps. Damaged session files are moved to quarantine and
   * listed in `problems` (naming the session if its code could be read, and saying
   * whether an earlier version can be restored); all the other sessions load.
   * A damaged study.json fails with `invalid_file` but is left where it is.
   */
  async openStudy(studyId: string): Promise<OpenStudyResult> {
    assertSafeId(studyId, 'study id');
    await this.sweepStudy(studyId);
    const syncProblems = await this.mergeStudyConflictCopies(studyId);
    const loaded = await this.readStudyFile(studyId);
    if (!loaded.ok) {
      const copies = await this.studyConflictCopyNames(studyId);
      const kept = copies.length ? ` A sync tool's conflict copy of its settings is in the study folder (${copies.join(', ')}); it was left there, not merged.` : '';
      if (loaded.problem === MISSING) throw new HostError('not_found', `There is no study with id "${studyId}"${kept ? `: study.json is missing.${kept}` : ''}`);
      const earlier = await this.newestValidStudy(studyId);
      const name = loaded.label ?? earlier?.title ?? studyId;
      const offer = earlier ? ' An earlier valid version is kept in its history folder.' : '';
      throw new HostError('invalid_file', `The settings of study “${name}” cannot be read: ${loaded.problem}.${offer}${kept}`);
    }
    const sessions: Session[] = [];
    const problems: LoadProblem[] = [...syncProblems, ...(await this.sessionConflictCopies(studyId))];
    const names = await this.lowerCaseExtensions(studyId, await this.sessionFileNames(studyId));
    await forEachLimited(names, READ_PARALLELISM, async (name) => {
      const outcome = await this.loadSessionFile(studyId, name);
      if ('session' in outcome) sessions.push(outcome.session);
      else problems.push(outcome.problem);
    });
    sessions.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
    problems.sort((a, b) => a.file.localeCompare(b.file));
    return { study: loaded.value, sessions, problems };
  }

  // ------------------------------------------------------------ encryption (issue 16)

  /**
   * Turn on encryption: store the key file (marked `encrypting`), hold the key, then
   * rewrite every file of the study and of its trash entries sealed, each inside the
   * queue and lock of the document it belongs to so a save meanwhile is never undone;
   * last, clear the mark. After a crash the mark stays and `unlock` finishes the work.
   * Returns how many files were rewritten.
   */
  async encryptStudy(studyId: string, keyFile: StudyKeyFile, dataKey: Uint8Array): Promise<number> {
    assertSafeId(studyId, 'study id');
    if (!(await this.fs.stat(this.layout.studyFile(studyId)))) throw new HostError('not_found', `There is no study with id "${studyId}"`);
    if (await this.fs.keyFileOf(studyId)) throw new HostError('conflict', 'This study is already encrypted.');
    try {
      this.keys.set(studyId, dataKey);
      await this.writeKeyFile(studyId, { ...keyFile, encrypting: true });
      return await this.finishEncryption(studyId);
    } catch (err) {
      throw toHostError(err, 'the encryption of the study');
    }
  }

  /** Unlock with the passphrase or the recovery key; finishes an encryption a crash interrupted. */
  async unlock(studyId: string, secret: { passphrase: string } | { recoveryKey: string }): Promise<void> {
    assertSafeId(studyId, 'study id');
    const keyFile = await this.fs.keyFileOf(studyId);
    if (!keyFile) throw new HostError('invalid_payload', 'This study is not encrypted.');
    let key: Buffer;
    try {
      key = 'passphrase' in secret ? await unlockWithPassphrase(keyFile, secret.passphrase) : unlockWithRecoveryKey(keyFile, secret.recoveryKey);
    } catch (err) {
      if (err instanceof KeyringError) throw new HostError(err.problem === 'damaged_key_file' ? 'invalid_file' : 'wrong_passphrase', err.message);
      throw err;
    }
    this.keys.set(studyId, key);
    key.fill(0);
    if (keyFile.encrypting) await this.finishEncryption(studyId);
  }

  /** Re-wrap the data key for a new passphrase; the files are not touched. */
  async changePassphrase(studyId: string, newPassphrase: string): Promise<void> {
    assertSafeId(studyId, 'study id');
    const keyFile = await this.fs.keyFileOf(studyId);
    if (!keyFile) throw new HostError('invalid_payload', 'This study is not encrypted.');
    const key = this.keys.get(studyId);
    if (!key) throw lockedError();
    await this.writeKeyFile(studyId, await changeKeyPassphrase(keyFile, key, newPassphrase));
  }

  private async writeKeyFile(studyId: string, keyFile: StudyKeyFile): Promise<void> {
    await this.queue.run(`keys:${studyId}`, () => writeFileAtomic(this.fs.inner, join(this.layout.studyDir(studyId), KEY_FILE), encodeDocument(keyFile)));
    this.fs.forget(studyId);
  }

  private async finishEncryption(studyId: string): Promise<number> {
    let rewritten = 0;
    const seal = async (path: string) => {
      const bytes = await this.fs.inner.readFile(path);
      if (isEncryptedFile(bytes)) return;
      await writeFileAtomic(this.fs, path, bytes); // the layer seals it
      rewritten++;
    };
    const root = this.layout.studyDir(studyId);
    for (const { path, rel } of await this.filesUnder(root)) {
      if (rel.length === 1 && rel[0] === KEY_FILE) continue;
      const name = rel[rel.length - 1]!;
      if (isTempName(name)) continue;
      const doc = documentOf(studyId, rel);
      if (!doc) await this.queue.run(`file:${path}`, () => seal(path));
      else if (doc.kind === 'study') await this.queue.run(studyKey(studyId), () => this.locks.withLock(doc, () => seal(path)));
      else await this.queue.run(sessionKey(studyId, doc.sessionId), () => this.locks.withLock(doc, () => seal(path)));
    }
    // Its sessions in the trash: sealed in place, and the session code dropped from the plain manifest.
    for (const entry of await trash.entriesOf(this.fs.inner, this.layout, studyId)) {
      if (entry.manifest.kind !== 'session' || !entry.manifest.sessionId) continue;
      for (const { path, rel } of await this.filesUnder(entry.dir)) {
        if (rel.length === 1 && rel[0] === trash.MANIFEST) continue;
        const bytes = await this.fs.inner.readFile(path);
        if (isEncryptedFile(bytes)) continue;
        await writeFileAtomic(this.fs.inner, path, this.fs.seal(studyId, `session:${entry.manifest.sessionId}`, bytes));
        rewritten++;
      }
      if (entry.manifest.label !== '') await trash.relabel(this.fs.inner, this.layout, entry.trashId, entry.manifest, '');
    }
    const keyFile = await this.fs.keyFileOf(studyId);
    if (keyFile?.encrypting) {
      const { encrypting: _done, ...finished } = keyFile;
      await this.writeKeyFile(studyId, finished);
    }
    return rewritten;
  }

  /** Every regular file below `dir` (not following links), with its path relative to `dir`. */
  private async filesUnder(dir: string, rel: string[] = []): Promise<{ path: string; rel: string[] }[]> {
    const out: { path: string; rel: string[] }[] = [];
    for (const name of await this.readdirOrEmpty(dir)) {
      const path = join(dir, name);
      const kind = (await this.lstatQuietly(path))?.kind;
      if (kind === 'dir') out.push(...(await this.filesUnder(path, [...rel, name])));
      else if (kind === 'file') out.push({ path, rel: [...rel, name] });
    }
    return out;
  }

  /**
   * Forget a study on this device: remove its folder (settings, sessions, history,
   * quarantine, key file) and its trash entries, and wipe its key. The one deletion in
   * storage, asked for explicitly; SSDs and copies elsewhere may keep what was removed.
   */
  async forgetStudy(studyId: string): Promise<{ removedFiles: number }> {
    assertSafeId(studyId, 'study id');
    const rmdir = this.fs.rmdir?.bind(this.fs);
    if (!rmdir) throw new HostError('forbidden', 'This storage cannot remove folders.');
    return this.queue.run(studyKey(studyId), async () => {
      const dir = this.layout.studyDir(studyId);
      if ((await this.fs.lstat(dir))?.kind !== 'dir') throw new HostError('not_found', `There is no study with id "${studyId}"`);
      let removedFiles = 0;
      // Deepest first; links and odd entries are removed as entries, never followed.
      const removeTree = async (d: string): Promise<void> => {
        for (const name of await this.readdirOrEmpty(d)) {
          const path = join(d, name);
          if ((await this.lstatQuietly(path))?.kind === 'dir') await removeTree(path);
          else {
            await this.fs.unlink(path);
            removedFiles++;
          }
        }
        await rmdir(d);
      };
      try {
        for (const entry of await trash.entriesOf(this.fs.inner, this.layout, studyId)) await removeTree(entry.dir);
        await removeTree(dir);
        await this.fs.syncDir(this.dataDir);
      } catch (err) {
        throw toHostError(err, 'the removal of the study from this device');
      } finally {
        this.keys.wipe(studyId);
        this.fs.forget(studyId);
      }
      return { removedFiles };
    });
  }

  /** Move a study folder to the trash. */
  async deleteStudy(studyId: string): Promise<{ trashId: string }> {
    assertSafeId(studyId, 'study id');
    return this.queue.run(studyKey(studyId), async () => {
      const dir = this.layout.studyDir(studyId);
      if ((await this.fs.stat(dir))?.kind !== 'dir') throw new HostError('not_found', `There is no study with id "${studyId}"`);
      const loaded = await this.readStudyFile(studyId);
      const label = loaded.ok ? loaded.value.title : (loaded.label ?? studyId);
      try {
        // An encrypted study's title stays out of the trash's plain manifest (listTrash reads it from the sealed item).
        const shown = (await this.fs.stateOf(studyId)) === 'none' ? label : '';
        const entry = await trash.openTrashEntry(this.fs, this.layout, { kind: 'study', studyId, sessionId: null, label: shown }, this.now());
        await moveDurably(this.fs, dir, join(entry.dir, trash.TRASHED_STUDY));
        return { trashId: entry.trashId };
      } catch (err) {
        throw toHostError(err, `the move of study “${label}” to the trash`);
      }
    });
  }

  /**
   * The trash, newest first. Entries of an encrypted study carry no label in their plain
   * manifest: it is read from the sealed item when this process holds the study's key,
   * and the entry is marked `encrypted`.
   */
  async listTrash(): Promise<TrashEntry[]> {
    const entries = await trash.listTrash(this.fs, this.layout);
    return Promise.all(
      entries.map(async (e) => {
        if (e.label !== '') return e;
        const item = join(this.layout.trashEntry(e.trashId), e.kind === 'study' ? join(trash.TRASHED_STUDY, STUDY_FILE) : trash.TRASHED_SESSION);
        try {
          const bytes = await this.fs.inner.readFile(item);
          if (!isEncryptedFile(bytes)) return e;
          if (!this.keys.has(e.studyId)) return { ...e, encrypted: true };
          const plain = this.fs.open(e.studyId, bytes);
          const label = e.kind === 'study' ? loadStudyBytes(plain).label : loadSessionBytes(plain).label;
          return { ...e, label: label ?? '', encrypted: true };
        } catch {
          return { ...e, encrypted: true };
        }
      }),
    );
  }

  /** Move a study or session back from the trash; `conflict` if something is in its place. */
  async restoreFromTrash(trashId: string): Promise<{ studyId: string }> {
    const manifest = await trash.readManifest(this.fs, this.layout, trashId);
    if (!manifest || manifest.restoredAt) throw trash.trashNotFound(trashId);
    const key = manifest.kind === 'study' ? studyKey(manifest.studyId) : sessionKey(manifest.studyId, manifest.sessionId ?? '');
    return this.queue.run(key, async () => {
      const entryDir = this.layout.trashEntry(trashId);
      const what = `the restore of “${manifest.label}”`;
      try {
        if (manifest.kind === 'study') {
          const item = join(entryDir, trash.TRASHED_STUDY);
          if (!(await this.fs.stat(item))) throw trash.trashNotFound(trashId);
          if (await this.fs.stat(this.layout.studyDir(manifest.studyId)))
            throw new HostError('conflict', `A study with id "${manifest.studyId}" exists again; it was not replaced`);
          await ensureDir(this.fs, this.dataDir, parsePath(this.dataDir).root);
          await moveDurably(this.fs, item, this.layout.studyDir(manifest.studyId));
        } else {
          const sessionId = manifest.sessionId ?? '';
          const item = join(entryDir, trash.TRASHED_SESSION);
          if (!(await this.fs.stat(item))) throw trash.trashNotFound(trashId);
          if (!(await this.fs.stat(this.layout.studyFile(manifest.studyId))))
            throw new HostError('not_found', `The study of session “${manifest.label}” no longer exists; restore the study first`);
          const target = this.layout.sessionFile(manifest.studyId, sessionId);
          if (await this.fs.stat(target)) throw new HostError('conflict', `Session “${manifest.label}” exists again; it was not replaced`);
          const studyDir = this.layout.studyDir(manifest.studyId);
          await ensureDir(this.fs, this.layout.sessionsDir(manifest.studyId), studyDir);
          await moveDurably(this.fs, item, target);
          await trash.restoreHistory(this.fs, join(entryDir, trash.TRASHED_HISTORY), this.layout.historyDir(manifest.studyId, sessionId), studyDir);
        }
        await trash.markRestored(this.fs, this.layout, trashId, manifest, this.now());
        return { studyId: manifest.studyId };
      } catch (err) {
        throw toHostError(err, what);
      }
    });
  }

  // ---------------------------------------------------------------- sessions

  /**
   * Save a session map. Resolves with the time and the new revision once the file is
   * durable (renamed into place and its folder fsynced) — only then may the UI say
   * "Saved". Compare-and-replace: under the session's cross-process lock, the revision on
   * disk is read again and must equal `baseRevision` (by default the revision inside the
   * document; 0 for a new session, which must not exist yet).
   *
   * - `conflict`, writing nothing, if the file has another revision (another window,
   *   process or import saved it) or was deleted since; a save whose content equals the
   *   file (a retry whose answer was lost) succeeds without writing;
   * - `not_found` if its study does not exist;
   * - `locked` if the stored map is locked and this one is locked too but different
   *   (unlocking is saving it with `locked: false`);
   * - disk_full / read_only / io with a readable reason; nothing in memory is changed
   *   and the same call can simply be retried.
   */
  async saveSession(input: Session, baseRevision: number = input.revision): Promise<SaveResult> {
    const session = parseOrReject(SessionSchema, input, 'session');
    assertSafeId(session.studyId, 'study id');
    assertSafeId(session.id, 'session id');
    // Never merged with another queued save: see saveStudy.
    return this.queue.run(sessionKey(session.studyId, session.id), () =>
      this.locks.withLock(sessionLock(session.studyId, session.id), async () => {
        const what = `session “${session.code}”`;
        try {
          if (!(await this.fs.stat(this.layout.studyFile(session.studyId))))
            throw new HostError('not_found', `There is no study with id "${session.studyId}" to save session “${session.code}” in`);
          const file = this.layout.sessionFile(session.studyId, session.id);
          const current = await this.readOrNull(file);
          let onDisk = 0;
          if (current) {
            const stored = loadSessionBytes(current);
            if (stored.ok) {
              if (sameContent(stored.value, session)) return { savedAt: this.now().toISOString(), revision: stored.value.revision };
              if (stored.value.revision !== baseRevision) throw conflict(what, stored.value, baseRevision);
              assertUnlocked(stored.value, session);
              onDisk = stored.value.revision;
            } else {
              // Unreadable, so nothing to compare: it is kept in quarantine, never lost.
              await this.quarantine(session.studyId, file, `it could not be read (${stored.problem}) when a newer save replaced it`);
              onDisk = baseRevision;
            }
          } else if (baseRevision !== 0) throw conflict(what, null, baseRevision);
          const next = this.stamp(session, onDisk + 1);
          return await this.writeSession(next, encodeDocument(next), what);
        } catch (err) {
          throw toHostError(err, what);
        }
      }),
    );
  }

  /** Move a session file and its history to the trash. */
  async deleteSession(studyId: string, sessionId: string): Promise<{ trashId: string }> {
    assertSafeId(studyId, 'study id');
    assertSafeId(sessionId, 'session id');
    return this.queue.run(sessionKey(studyId, sessionId), () => this.locks.withLock(sessionLock(studyId, sessionId), async () => {
      const file = this.layout.sessionFile(studyId, sessionId);
      const current = await this.readOrNull(file);
      if (!current) throw new HostError('not_found', `There is no session with id "${sessionId}" in this study`);
      const label = loadSessionBytes(current).label ?? sessionId;
      try {
        const shown = (await this.fs.stateOf(studyId)) === 'none' ? label : '';
        const entry = await trash.openTrashEntry(this.fs, this.layout, { kind: 'session', studyId, sessionId, label: shown }, this.now());
        await moveDurably(this.fs, file, join(entry.dir, trash.TRASHED_SESSION));
        const history = this.layout.historyDir(studyId, sessionId);
        if (await this.fs.stat(history)) await moveDurably(this.fs, history, join(entry.dir, trash.TRASHED_HISTORY));
        return { trashId: entry.trashId };
      } catch (err) {
        throw toHostError(err, `the move of session “${label}” to the trash`);
      }
    }));
  }

  /**
   * Earlier versions of a session, newest first, for "Restore an earlier version".
   * The newest saved version is left out while it is identical to the current file.
   */
  async listSessionVersions(studyId: string, sessionId: string): Promise<SessionVersion[]> {
    assertSafeId(studyId, 'study id');
    assertSafeId(sessionId, 'session id');
    const dir = this.layout.historyDir(studyId, sessionId);
    const ids = await listVersionIds(this.fs, dir);
    const kinds = retention(ids, this.now());
    const current = await this.readOrNull(this.layout.sessionFile(studyId, sessionId));
    const versions: SessionVersion[] = [];
    for (const [i, versionId] of [...ids].reverse().entries()) {
      const kind = kinds.get(versionId);
      if (!kind) continue;
      const bytes = await this.readOrNull(versionFile(dir, versionId));
      if (!bytes) continue;
      if (i === 0 && current && sameBytes(bytes, current)) continue;
      const loaded = loadSessionBytes(bytes);
      if (!loaded.ok) continue;
      // The map itself too: the Versions dialog previews it before a restore.
      versions.push({ versionId, savedAt: versionSavedAt(versionId).toISOString(), kind, ...placementCounts(loaded.value), placements: loaded.value.placements });
    }
    return versions;
  }

  /**
   * Make an earlier version the current one. It is written as a new save (with a new
   * `updatedAt`), so the state it replaces stays in history and the restore can itself
   * be undone. Works when the current file is missing or was quarantined.
   */
  async restoreSessionVersion(studyId: string, sessionId: string, versionId: string): Promise<{ session: Session; savedAt: string; revision: number }> {
    assertSafeId(studyId, 'study id');
    assertSafeId(sessionId, 'session id');
    const notFound = () => new HostError('not_found', `Session ${sessionId} has no earlier version "${versionId.slice(0, 60)}"`);
    if (!isVersionId(versionId)) throw notFound();
    // The user chose this version explicitly: it replaces whatever revision is on disk.
    return this.queue.run(sessionKey(studyId, sessionId), () => this.locks.withLock(sessionLock(studyId, sessionId), async () => {
      const bytes = await this.readOrNull(versionFile(this.layout.historyDir(studyId, sessionId), versionId));
      if (!bytes) throw notFound();
      const old = loadSessionBytes(bytes);
      if (!old.ok) throw new HostError('invalid_file', `That earlier version cannot be read: ${old.problem}`);
      if (old.value.id !== sessionId || old.value.studyId !== studyId) throw notFound();
      const what = `session “${old.value.code}”`;
      try {
        if (!(await this.fs.stat(this.layout.studyFile(studyId)))) throw new HostError('not_found', `There is no study with id "${studyId}"`);
        const file = this.layout.sessionFile(studyId, sessionId);
        const current = await this.readOrNull(file);
        let onDisk = old.value.revision;
        if (current) {
          const stored = loadSessionBytes(current);
          if (stored.ok && stored.value.locked)
            throw new HostError('locked', `Session “${stored.value.code}” is locked; unlock it before restoring an earlier version`);
          if (!stored.ok) await this.quarantine(studyId, file, `it could not be read (${stored.problem}) when an earlier version was restored`);
          else onDisk = stored.value.revision;
        }
        const restored = this.stamp({ ...old.value, updatedAt: this.now().toISOString() }, Math.max(onDisk, old.value.revision) + 1);
        const { savedAt, revision } = await this.writeSession(restored, encodeDocument(restored), what);
        return { session: restored, savedAt, revision };
      } catch (err) {
        throw toHostError(err, what);
      }
    }));
  }

  /**
   * The revision of a document on disk now: 0 when there is no file, null when the file
   * cannot be read. Informational only: a save must still state its base revision, which
   * is compared again under the lock.
   */
  async revisionOnDisk(key: DocumentKey): Promise<number | null> {
    const file = key.kind === 'study' ? this.layout.studyFile(key.studyId) : this.layout.sessionFile(key.studyId, key.sessionId);
    const bytes = await this.readOrNull(file);
    if (!bytes) return 0;
    const loaded = key.kind === 'study' ? loadStudyBytes(bytes) : loadSessionBytes(bytes);
    return loaded.ok ? loaded.value.revision : null;
  }

  // ---------------------------------------------------------------- internals

  /** The document as this process writes it: the next revision, and this writer. */
  private stamp<T extends Study | Session>(doc: T, revision: number): T {
    return { ...doc, revision, writer: this.writer };
  }

  private async writeStudy(study: Study, what: string): Promise<SaveResult> {
    const bytes = encodeDocument(study);
    await writeFileAtomic(this.fs, this.layout.studyFile(study.id), bytes);
    const savedAt = this.now();
    await this.recordVersionQuietly(study.id, STUDY_HISTORY_KEY, bytes, savedAt, what);
    return { savedAt: savedAt.toISOString(), revision: study.revision };
  }

  private async writeSession(session: Session, bytes: Uint8Array, what: string): Promise<SaveResult> {
    const studyDir = this.layout.studyDir(session.studyId);
    await ensureDir(this.fs, this.layout.sessionsDir(session.studyId), studyDir);
    await writeFileAtomic(this.fs, this.layout.sessionFile(session.studyId, session.id), bytes);
    const savedAt = this.now();
    await this.recordVersionQuietly(session.studyId, session.id, bytes, savedAt, what);
    return { savedAt: savedAt.toISOString(), revision: session.revision };
  }

  /**
   * The current file is already durable when this runs, so a history copy that cannot
   * be written (disk just filled up) is reported but does not turn a save into a failure.
   */
  private async recordVersionQuietly(studyId: string, key: string, bytes: Uint8Array, at: Date, what: string): Promise<void> {
    try {
      await recordVersion(this.fs, this.layout.historyDir(studyId, key), this.layout.studyDir(studyId), bytes, at);
    } catch (err) {
      this.warn(`The history copy of ${what} was not written: ${toHostError(err, what).message}`);
    }
  }

  private async readStudyFile(studyId: string): Promise<Loaded<Study>> {
    const read = await this.readEntry(this.layout.studyFile(studyId));
    if (read === null) return { ok: false, problem: MISSING, label: null };
    if ('problem' in read) return { ok: false, problem: `study.json cannot be used: ${read.problem}`, label: null };
    return checkStudyFile(read.bytes, studyId);
  }

  /**
   * One entry of a study, read for loading: null when it is not there, a problem when it
   * is not a regular readable file (folder, link, FIFO, device, too large, no permission).
   * Never throws, so one odd entry cannot fail the study or the list.
   */
  private async readEntry(path: string): Promise<{ bytes: Uint8Array } | { problem: string } | null> {
    try {
      return { bytes: await this.fs.readFile(path) };
    } catch (err) {
      if (isMissing(err)) return null;
      // A locked study or an unreadable key file is the whole study's state, never one file's damage.
      if (err instanceof HostError) throw err;
      return { problem: describeReadProblem(err) };
    }
  }

  /**
   * `s1.JSON` (a copy made on Windows, an upper-casing sync tool) is renamed to `s1.json`
   * before loading, because saves always write `<id>.json`: on a case-sensitive disk the
   * first save would otherwise leave two files for one session, and the next open would
   * show it twice. When `s1.json` is also there, the `.JSON` file is left for the loader,
   * which reports it as a second copy.
   */
  private async lowerCaseExtensions(studyId: string, names: string[]): Promise<string[]> {
    const present = new Set(names);
    const out: string[] = [];
    for (const name of names) {
      const stem = name.slice(0, -'.json'.length);
      const lower = `${stem}.json`;
      if (name === lower || !isSafeId(stem) || present.has(lower)) {
        out.push(name);
        continue;
      }
      const dir = this.layout.sessionsDir(studyId);
      const renamed = await this.queue.run(sessionKey(studyId, stem), async () => {
        try {
          if ((await this.fs.lstat(join(dir, name)))?.kind !== 'file') return false;
          await moveDurably(this.fs, join(dir, name), join(dir, lower));
          return true;
        } catch (err) {
          this.warn(`Could not rename ${this.layout.shown(join(dir, name))} to ${lower}: ${toHostError(err, lower).message}`);
          return false;
        }
      });
      out.push(renamed ? lower : name);
      if (renamed) present.add(lower);
    }
    return out.sort();
  }

  /** lstat that treats an unreadable entry like a missing one (used only to decide what to list). */
  private async lstatQuietly(path: string): Promise<FileStat | null> {
    try {
      return await this.fs.lstat(path);
    } catch {
      return null;
    }
  }

  /** A history copy, or null if it cannot be read for any reason (history only adds an offer to restore). */
  private async readVersionQuietly(path: string): Promise<Uint8Array | null> {
    try {
      return await this.fs.readFile(path);
    } catch {
      return null;
    }
  }

  /** Load one session file; on any problem quarantine it and describe the problem. */
  private async loadSessionFile(studyId: string, name: string): Promise<{ session: Session } | { problem: LoadProblem }> {
    const stem = name.slice(0, -'.json'.length);
    const sessionId = isSafeId(stem) ? stem : null;
    const file = join(this.layout.sessionsDir(studyId), name);
    const check = async (): Promise<{ session: Session } | { problem: string; label: string | null } | null> => {
      const read = await this.readEntry(file);
      if (read === null) return null;
      if ('problem' in read) return { problem: read.problem, label: null };
      const loaded = checkSessionFile(read.bytes, { studyId, fileName: name });
      return loaded.ok ? { session: loaded.value } : { problem: loaded.problem, label: loaded.label };
    };
    const first = await check();
    if (!first || 'session' in first) return first ?? { problem: this.vanished(name) };
    // Re-check inside the session's queue: a save may have replaced the file meanwhile.
    return this.queue.run(sessionKey(studyId, sessionId ?? `file:${name}`), async () => {
      const again = await check();
      if (!again) return { problem: this.vanished(name) };
      if ('session' in again) return again;
      const recovered = sessionId ? await this.newestValidSession(studyId, sessionId) : null;
      let quarantinedTo: string | null = null;
      try {
        quarantinedTo = this.layout.shown(await this.quarantine(studyId, file, again.problem));
      } catch (err) {
        this.warn(`Could not move ${this.layout.shown(file)} to quarantine: ${toHostError(err, 'the quarantine folder').message}`);
      }
      return {
        problem: {
          file: this.layout.shown(file),
          sessionId,
          sessionCode: again.label ?? recovered?.code ?? null,
          problem: again.problem,
          quarantinedTo,
          recoverable: recovered !== null,
        },
      };
    });
  }

  private vanished(name: string): LoadProblem {
    return { file: name, sessionId: null, sessionCode: null, problem: 'the file disappeared while it was read', quarantinedTo: null, recoverable: false };
  }

  private quarantine(studyId: string, file: string, why: string): Promise<string> {
    return quarantineFile(this.fs, {
      file,
      quarantineDir: this.layout.quarantineDir(studyId),
      studyDir: this.layout.studyDir(studyId),
      shownAs: this.layout.shown(file),
      why,
      now: this.now(),
    });
  }

  private async newestValidSession(studyId: string, sessionId: string): Promise<Session | null> {
    const dir = this.layout.historyDir(studyId, sessionId);
    for (const id of (await listVersionIds(this.fs, dir)).reverse()) {
      const bytes = await this.readVersionQuietly(versionFile(dir, id));
      const loaded = bytes ? loadSessionBytes(bytes) : null;
      if (loaded?.ok && loaded.value.id === sessionId) return loaded.value;
    }
    return null;
  }

  private async newestValidStudy(studyId: string): Promise<Study | null> {
    const dir = this.layout.historyDir(studyId, STUDY_HISTORY_KEY);
    for (const id of (await listVersionIds(this.fs, dir)).reverse()) {
      const bytes = await this.readVersionQuietly(versionFile(dir, id));
      const loaded = bytes ? loadStudyBytes(bytes) : null;
      if (loaded?.ok && loaded.value.id === studyId) return loaded.value;
    }
    return null;
  }

  /**
   * When the study last changed: its settings or any session map. Mapping a session is
   * the usual change, so the list would look stale if it only read study.json.
   * File times are used rather than reading every session file (a study may hold 1,000).
   */
  private async lastChange(studyId: string, studyUpdatedAt: string, sessionNames: readonly string[]): Promise<string> {
    let latest = Date.parse(studyUpdatedAt);
    for (const file of sessionNames) {
      const s = await this.lstatQuietly(join(this.layout.sessionsDir(studyId), file));
      if (s?.kind === 'file' && s.mtimeMs > latest) latest = s.mtimeMs;
    }
    return new Date(latest).toISOString();
  }

  /** Session files of a study: `*.json` in sessions/, not our temporary files, not a sync tool's. */
  private async sessionFileNames(studyId: string): Promise<string[]> {
    const names = await this.readdirOrEmpty(this.layout.sessionsDir(studyId));
    return names.filter((n) => n.toLowerCase().endsWith('.json') && !n.startsWith('.') && !isTempName(n) && !isSyncFile(n)).sort();
  }

  /** Names of the sync tools' conflict copies of study.json in the study folder. */
  private async studyConflictCopyNames(studyId: string): Promise<string[]> {
    const names = await this.readdirOrEmpty(this.layout.studyDir(studyId));
    return names.filter((n) => !isSyncTemporary(n) && parseConflictCopy(n)?.original === STUDY_FILE).sort();
  }

  /**
   * Conflict copies of study.json that a sync tool left in the study folder (two devices
   * changed the settings before they synced) are merged into study.json at once — add-wins
   * by id (shared/sync/mergeStudy), so a cohort, round or stakeholder added on either device
   * is kept — and the copy is then moved to `.sync-archive/`, never deleted. A copy that
   * cannot be read is quarantined and reported, like any damaged file.
   *
   * The merged study.json gets a revision above both versions', so a window that read
   * either of them cannot save over the merge without a conflict. While study.json itself
   * is missing or damaged nothing is merged and the copy stays where it is (openStudy names
   * it in its error). A merge that cannot be written (read-only folder, full disk) is
   * reported and does not stop the study from opening; it is tried again next time.
   */
  private async mergeStudyConflictCopies(studyId: string): Promise<LoadProblem[]> {
    const copies = await this.studyConflictCopyNames(studyId);
    if (copies.length === 0) return [];
    const problems: LoadProblem[] = [];
    const studyDir = this.layout.studyDir(studyId);
    await this.queue.run(studyKey(studyId), () =>
      this.locks.withLock({ kind: 'study', studyId }, async () => {
        for (const name of copies) {
          const file = join(studyDir, name);
          const shown = this.layout.shown(file);
          const report = (problem: string, quarantinedTo: string | null) =>
            problems.push({ file: shown, sessionId: null, sessionCode: null, problem, quarantinedTo, recoverable: false });
          const read = await this.readEntry(file);
          // Gone meanwhile: another instance of the app merged it first.
          if (read === null) continue;
          const copy: Loaded<Study> = 'bytes' in read ? checkStudyFile(read.bytes, studyId) : { ok: false, problem: read.problem, label: null };
          if (!copy.ok) {
            const why = `a sync tool's conflict copy of study.json that cannot be used: ${copy.problem}`;
            let quarantinedTo: string | null = null;
            try {
              quarantinedTo = this.layout.shown(await this.quarantine(studyId, file, why));
            } catch (err) {
              this.warn(`Could not move ${shown} to quarantine: ${toHostError(err, 'the quarantine folder').message}`);
            }
            report(why, quarantinedTo);
            continue;
          }
          const current = await this.readStudyFile(studyId);
          if (!current.ok) continue;
          const merged = mergeStudies(current.value, copy.value);
          const what = `study “${merged.study.title}”`;
          try {
            if (merged.changed) {
              const next = this.stamp(merged.study, Math.max(current.value.revision, copy.value.revision) + 1);
              // Never write a study.json that would not load (e.g. more than 500 stakeholders together).
              const valid = StudySchema.safeParse(next);
              if (!valid.success) {
                report(`a sync tool's conflict copy of study.json that cannot be merged: together the two versions are not valid settings (${describeIssues(valid.error)}); it is left where it is`, null);
                continue;
              }
              await this.writeStudy(next, what);
            }
            const added = [...merged.added.stakeholders, ...merged.added.cohorts, ...merged.added.rounds];
            await quarantineFile(this.fs, {
              file,
              quarantineDir: this.layout.syncArchiveDir(studyId),
              studyDir,
              shownAs: shown,
              why: `a sync tool left it as a conflict copy of study.json; it was merged into study.json${added.length > 0 ? ` (it added: ${added.join(', ')})` : ' (it had nothing study.json did not have)'}`,
              now: this.now(),
              note: ['Nothing was deleted: everything this copy had that study.json did not is now in study.json.', 'This copy is kept only so the merge can be checked.'],
            });
          } catch (err) {
            const e = toHostError(err, what);
            this.warn(`Could not merge ${shown} into study.json: ${e.message}`);
            report(`a sync tool's conflict copy of study.json that could not be merged yet (${e.message}); it is left where it is and merged the next time the study is opened`, null);
          }
        }
      }),
    );
    return problems;
  }

  /**
   * End a session's sync conflict (a second version a sync tool left beside it) with the
   * facilitator's choice, nothing deleted:
   *  - `keep_current`: the map stays as it is; the copy goes to `.sync-archive/`.
   *  - `use_copy`: the copy's map replaces it, saved as the next revision (the replaced one
   *    stays in the history); the copy goes to `.sync-archive/`.
   *  - `keep_both`: the copy becomes a session of its own (`asSession`: its new id and code),
   *    and the copy goes to `.sync-archive/`.
   * `copyName` is the copy's file name in the study's sessions folder.
   */
  async resolveSyncCopy(
    studyId: string,
    copyName: string,
    choice: 'keep_current' | 'use_copy' | 'keep_both',
    asSession: { id: string; code: string } | null = null,
  ): Promise<{ sessionId: string }> {
    assertSafeId(studyId, 'study id');
    const parsed = parseConflictCopy(copyName);
    const stem = parsed?.original.toLowerCase().endsWith('.json') ? parsed.original.slice(0, -'.json'.length) : null;
    if (!parsed || !stem || !isSafeId(stem) || copyName.includes('/') || copyName.includes('\\') || copyName.startsWith('.'))
      throw new HostError('invalid_payload', `“${copyName}” is not a sync conflict copy of a session`);
    const file = join(this.layout.sessionsDir(studyId), copyName);
    const read = await this.readEntry(file);
    if (read === null) throw new HostError('not_found', `The second version ${copyName} is no longer in the study's sessions folder`);
    if (!('bytes' in read)) throw new HostError('invalid_file', `The second version ${copyName} cannot be read: ${read.problem}`);
    const copy = checkSessionFile(read.bytes, { studyId, fileName: parsed.original });
    if (!copy.ok) throw new HostError('invalid_file', `The second version ${copyName} cannot be used: ${copy.problem}`);
    const current = (await this.openStudy(studyId)).sessions.find((s) => s.id === stem) ?? null;
    let sessionId = stem;
    if (choice === 'use_copy') {
      await this.saveSession({ ...copy.value, id: stem }, current ? current.revision : 0);
    } else if (choice === 'keep_both') {
      if (!asSession) throw new HostError('invalid_payload', 'keeping both versions needs the new session\'s id and code');
      assertSafeId(asSession.id, 'session id');
      await this.saveSession({ ...copy.value, id: asSession.id, code: asSession.code, locked: false }, 0);
      sessionId = asSession.id;
    }
    const label = copy.value.code;
    await quarantineFile(this.fs, {
      file,
      quarantineDir: this.layout.syncArchiveDir(studyId),
      studyDir: this.layout.studyDir(studyId),
      shownAs: this.layout.shown(file),
      why:
        choice === 'keep_current'
          ? `the second version of session “${label}” a sync tool left; the facilitator kept the other version`
          : choice === 'use_copy'
            ? `the second version of session “${label}” a sync tool left; the facilitator chose it, and it is now the session (the version it replaced is in the history)`
            : `the second version of session “${label}” a sync tool left; the facilitator kept both, and this one is now the session “${asSession!.code}”`,
      now: this.now(),
      note: ['Nothing was deleted.', 'This file is kept only so the choice can be checked.'],
    });
    return { sessionId };
  }

  /**
   * A sync tool's conflict copy of a session (`s1.sync-conflict-…json`): another device's
   * version of the same map. Both versions are kept where they are — neither is loaded in
   * place of the other, and the copy is not quarantined as if it were damaged — and the copy
   * is reported (`kind: 'sync_copy'`), naming the session and the device, until someone
   * resolves it. A copy that cannot be used, or whose session file is not there, is
   * reported as a plain problem and also left where it is.
   */
  private async sessionConflictCopies(studyId: string): Promise<LoadProblem[]> {
    const dir = this.layout.sessionsDir(studyId);
    const names = (await this.readdirOrEmpty(dir)).sort();
    const present = new Set(names.map((n) => n.toLowerCase()));
    const out: LoadProblem[] = [];
    for (const name of names) {
      const parsed = parseConflictCopy(name);
      if (!parsed || name.startsWith('.') || isSyncTemporary(name) || !parsed.original.toLowerCase().endsWith('.json')) continue;
      const stem = parsed.original.slice(0, -'.json'.length);
      const original = `${stem}.json`;
      const sessionId = isSafeId(stem) ? stem : null;
      const file = join(dir, name);
      const read = await this.readEntry(file);
      if (read === null) continue;
      const copy: Loaded<Session> = 'bytes' in read ? checkSessionFile(read.bytes, { studyId, fileName: original }) : { ok: false, problem: read.problem, label: null };
      const device = conflictCopyAuthor(parsed, copy.ok ? copy.value.writer?.name : null);
      const from = device ? ` saved by ${device}` : '';
      const base = { file: this.layout.shown(file), sessionId, sessionCode: copy.ok ? copy.value.code : copy.label, quarantinedTo: null, recoverable: false };
      if (!copy.ok) {
        out.push({ ...base, problem: `a sync tool's conflict copy of ${original}${from} that cannot be used (${copy.problem}); it is left where it is` });
      } else if (!present.has(original.toLowerCase())) {
        out.push({ ...base, problem: `a sync tool's copy of session “${copy.value.code}”${from}, but ${original} itself is not in the folder; it is left where it is: rename it to ${original} to open it` });
      } else {
        out.push({
          ...base,
          problem: `a second version of session “${copy.value.code}”${from}, left by a sync tool because two devices changed it before they synced; both are kept: the map shows ${original}; copy what you need from this file into it, then move this file out of the sessions folder`,
          kind: 'sync_copy',
          device,
          source: parsed.device === RESTORE_DEVICE ? 'restore' : 'sync',
        });
      }
    }
    return out;
  }

  /** Remove temporary files left by a writer that died, in every folder the study writes to. */
  private async sweepStudy(studyId: string): Promise<void> {
    const dirs = [this.layout.studyDir(studyId), this.layout.sessionsDir(studyId), this.layout.quarantineDir(studyId)];
    for (const key of await this.readdirOrEmpty(this.layout.historyRoot(studyId))) dirs.push(this.layout.historyDir(studyId, key));
    const nowMs = this.now().getTime();
    for (const dir of dirs) await sweepTempFiles(this.fs, dir, nowMs);
  }

  private async readOrNull(path: string): Promise<Uint8Array | null> {
    try {
      return await this.fs.readFile(path);
    } catch (err) {
      if (isMissing(err)) return null;
      throw toHostError(err, this.layout.shown(path), 'read');
    }
  }

  private async readdirOrEmpty(dir: string): Promise<string[]> {
    try {
      return await this.fs.readdir(dir);
    } catch (err) {
      if (isMissing(err)) return [];
      throw toHostError(err, this.layout.shown(dir) || 'the data folder', 'read');
    }
  }
}

/** Marker problem for "study.json is not there" (a folder, not a damaged file). */
const MISSING = 'there is no study.json in the folder';

/** A sync tool's conflict copy or temporary file: never one of the study's session files. */
function isSyncFile(name: string): boolean {
  return isSyncTemporary(name) || parseConflictCopy(name) !== null;
}

function studyKey(studyId: string): string {
  return `study:${studyId}`;
}
function sessionKey(studyId: string, sessionId: string): string {
  return `session:${studyId}/${sessionId}`;
}
function sessionLock(studyId: string, sessionId: string): DocumentKey {
  return { kind: 'session', studyId, sessionId };
}

/** Which document a file of a study folder belongs to (its path relative to the folder), if any. */
function documentOf(studyId: string, rel: string[]): DocumentKey | null {
  const name = rel[rel.length - 1]!;
  if (rel.length === 1 && (name === STUDY_FILE || parseConflictCopy(name)?.original === STUDY_FILE)) return { kind: 'study', studyId };
  if (rel.length === 3 && rel[0] === '.history') return rel[1] === STUDY_HISTORY_KEY ? { kind: 'study', studyId } : isSafeId(rel[1]!) ? sessionLock(studyId, rel[1]!) : null;
  if (rel.length === 2 && rel[0] === 'sessions') {
    const stem = (parseConflictCopy(name)?.original ?? name).replace(/\.json$/i, '');
    return isSafeId(stem) ? sessionLock(studyId, stem) : null;
  }
  return null;
}

/** Same document apart from its revision and writer: saving it again changes nothing. */
function sameContent(stored: Study | Session, incoming: Study | Session): boolean {
  return sameDocument(stored, incoming);
}

/** The save was based on a revision that is no longer the one on disk. Nothing is written. */
function conflict(what: string, stored: Study | Session | null, baseRevision: number): HostError {
  if (!stored) return new HostError('conflict', `Not saved: ${what} was deleted or moved elsewhere since this window read it. Nothing was written.`);
  const by = stored.writer?.name ? ` by ${stored.writer.name}` : '';
  return new HostError(
    'conflict',
    `Not saved: ${what} was changed elsewhere${by} (it is at revision ${stored.revision}; this save was based on revision ${baseRevision}). Nothing was written.`,
  );
}

/**
 * The repository never writes a document that would fail to load, even when called
 * directly (CLI) rather than through the validated contract.
 */
function parseOrReject<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HostError('invalid_payload', `The ${what} is not valid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** A locked map may be unlocked, but not changed while it stays locked. */
function assertUnlocked(stored: Session, incoming: Session): void {
  if (!stored.locked || !incoming.locked) return;
  const strip = (s: Session) => canonicalJson({ ...s, updatedAt: '', revision: 0, writer: null });
  if (strip(stored) !== strip(incoming))
    throw new HostError('locked', `Session “${stored.code}” is locked: the group signed off this map. Unlock it before changing it.`);
}


async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
