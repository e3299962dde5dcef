import { constants as fsConstants } from 'node:fs';
import { open, mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';

/**
 * The few file-system calls storage needs, as an interface, so that tests can swap in
 * a shim that simulates power cuts (unsynced data forgotten), a full disk or a
 * read-only folder. Everything in electron/services/storage goes through this; nothing
 * there imports `node:fs` directly except the real implementation below.
 *
 * Errors are Node-style: an `Error` with a `code` such as ENOENT, EEXIST, ENOSPC.
 */
export interface StorageFs {
  /** The whole file. Throws ENOENT when missing, EISDIR for a folder. */
  readFile(path: string): Promise<Uint8Array>;
  /** Create a new file for writing; throws EEXIST if it already exists. */
  createExclusive(path: string): Promise<WritableFile>;
  /** Atomically replace `to` (a file) with `from`, or move a folder to a free name. */
  rename(from: string, to: string): Promise<void>;
  /** Make the folder's entries (names created, renamed, removed) durable. */
  syncDir(dir: string): Promise<void>;
  /** Create one folder; the parent must exist. Throws EEXIST if it already exists. */
  mkdir(dir: string): Promise<void>;
  /** Names in a folder (no `.`/`..`). Throws ENOENT when missing. */
  readdir(dir: string): Promise<string[]>;
  /** File or folder facts, or null when nothing is there. */
  stat(path: string): Promise<FileStat | null>;
  /** Remove a file. Only used for our own temporary files and for pruning history. */
  unlink(path: string): Promise<void>;
}

export interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  /** fsync: the data is on the disk, not only in the OS cache. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FileStat {
  kind: 'file' | 'dir' | 'other';
  size: number;
  mtimeMs: number;
}

/** The Node error code of an error, if any. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const isWindows = process.platform === 'win32';

/**
 * On Windows a rename over a file that an antivirus or indexer briefly holds open fails
 * with EPERM/EACCES/EBUSY; retrying for a moment is what graceful-fs does too.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rename(from, to);
    } catch (err) {
      const code = errorCode(err);
      if (!isWindows || attempt >= 10 || !(code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) throw err;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

/** The real file system. */
export const nodeStorageFs: StorageFs = {
  async readFile(path) {
    return new Uint8Array(await readFile(path));
  },
  async createExclusive(path) {
    const handle = await open(path, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o666);
    return {
      async write(data) {
        let offset = 0;
        while (offset < data.length) {
          const { bytesWritten } = await handle.write(data, offset, data.length - offset);
          offset += bytesWritten;
        }
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: renameWithRetry,
  async syncDir(dir) {
    // Windows cannot open a folder for fsync; NTFS journals renames itself.
    if (isWindows) return;
    const handle = await open(dir, fsConstants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async mkdir(dir) {
    await mkdir(dir);
  },
  async readdir(dir) {
    return readdir(dir);
  },
  async stat(path) {
    try {
      const s = await stat(path);
      return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other', size: s.size, mtimeMs: s.mtimeMs };
    } catch (err) {
      if (errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR') return null;
      throw err;
    }
  },
  async unlink(path) {
    await unlink(path);
  },
};
