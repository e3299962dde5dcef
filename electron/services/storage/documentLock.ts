import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { HostError } from '../../../shared/contract/hostContract';

/**
 * Cross-process mutual exclusion per document, so that compare-and-replace (read the
 * revision on disk, compare it with the one a save was based on, write) is atomic
 * between the desktop app, a browser preview and `pimap` working on one data folder.
 * The in-process write queue (writeQueue.ts) orders writes inside one process; this
 * lock orders them between processes.
 *
 * The lock is a folder `<data>/.locks/<studyId>[.<sessionId>].lock`, made with
 * proper-lockfile: `mkdir` is atomic on every local and network file system, and the
 * holder touches the folder every few seconds. A lock not touched for `staleMs` belongs
 * to a process that died (killed, power cut) and is taken over, so a crash never blocks
 * a document for longer than that.
 */
export interface DocumentLocks {
  /** Run `job` while holding the document's lock; the lock is released whatever happens. */
  withLock<R>(key: DocumentKey, job: () => Promise<R>): Promise<R>;
}

export type DocumentKey = { kind: 'study'; studyId: string } | { kind: 'session'; studyId: string; sessionId: string };

/** The folder that holds the locks; dot-named, so the studies list skips it. */
export const LOCKS_DIR = '.locks';

export interface FileLockOptions {
  /** A lock not refreshed for this long is stale (its holder died) and is taken over. */
  staleMs?: number;
  /** How long to wait for a lock another process holds before giving up with `io`. */
  waitMs?: number;
  /** Told when a held lock was taken over by another process (this one stalled for longer than `staleMs`). */
  warn?: (message: string) => void;
}

/** Ids contain only letters, digits, "-" and "_", so "." separates them unambiguously. */
function lockName(key: DocumentKey): string {
  return key.kind === 'study' ? `${key.studyId}.lock` : `${key.studyId}.${key.sessionId}.lock`;
}

/** Lock files in `<dataDir>/.locks`, shared by every process using the data folder. */
export function fileLocks(dataDir: string, opts: FileLockOptions = {}): DocumentLocks {
  const dir = join(dataDir, LOCKS_DIR);
  const staleMs = opts.staleMs ?? 10_000;
  const waitMs = opts.waitMs ?? 20_000;
  const warn = opts.warn ?? ((m: string) => console.warn(m));
  return {
    async withLock(key, job) {
      const path = join(dir, lockName(key));
      await mkdir(dir, { recursive: true });
      let release: () => Promise<void>;
      try {
        release = await lockfile.lock(path, {
          // The lock names a document, not a file that must exist (a session being created).
          realpath: false,
          lockfilePath: path,
          stale: staleMs,
          update: Math.max(1_000, Math.floor(staleMs / 3)),
          // Writes hold the lock for milliseconds; wait with short, growing pauses.
          retries: { retries: Math.ceil(waitMs / 250), factor: 1.2, minTimeout: 20, maxTimeout: 250 },
          // The default throws from a timer and would crash the app: a save that lost its
          // lock has already compared revisions, so reporting is all that is left to do.
          onCompromised: (err) => warn(`The lock of ${lockName(key)} was taken over: ${err.message}`),
        });
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'ELOCKED')
          throw new HostError('io', `Not saved: another program has held the lock on this document for ${Math.round(waitMs / 1000)} s. Your changes are kept; retry.`);
        throw err;
      }
      try {
        return await job();
      } finally {
        await release().catch(() => undefined);
      }
    },
  };
}

/**
 * No cross-process lock: for the in-memory test disk, which only one process can see
 * (the write queue still orders writes within the process).
 */
export const inProcessOnly: DocumentLocks = {
  withLock: (_key, job) => job(),
};
