import { constants as fsConstants } from 'node:fs';
import { lstat, open, mkdir, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { MAX_FILE_BYTES } from './fileFormat';

/**
 * The few file-system calls storage needs, as an interface, so that tests can swap in
 * a shim that simulates power cuts (unsynced data forgotten), a full disk or a
 * read-only folder. Everything in electron/services/storage goes through this; nothing
 * there imports `node:fs` directly except the real implementation below.
 *
 * Errors are Node-style: an `Error` with a `code` such as ENOENT, EEXIST, ENOSPC.
 */
export interface StorageFs {
  /**
   * The whole file. Throws ENOENT when missing, EISDIR for a folder, and — on the real
   * disk — ESYMLINK for a symbolic link (never followed), ENOTREG for a FIFO, device or
   * socket (never opened: opening a FIFO blocks), EFBIG above MAX_FILE_BYTES.
   */
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
  /** File or folder facts, or null when nothing is there. Follows symbolic links. */
  stat(path: string): Promise<FileStat | null>;
  /**
   * Facts about the entry itself, not following a symbolic link (kind 'symlink'), or
   * null when nothing is there. Used on every entry of the data folder before it is read.
   */
  lstat(path: string): Promise<FileStat | null>;
  /** Remove a file. Only used for our own temporary files and for pruning history. */
  unlink(path: string): Promise<void>;
  /**
   * Remove an empty folder. Only "Forget this study on this device" (issue 16) removes
   * folders; a file system without it (the tests' simulated disks) cannot forget.
   */
  rmdir?(dir: string): Promise<void>;
}

export interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  /** fsync: the data is on the disk, not only in the OS cache. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FileStat {
  /** 'other' is a FIFO, device or socket; 'symlink' only comes from lstat. */
  kind: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  mtimeMs: number;
}

/** The Node error code of an error, if any. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const isWindows = process.platform === 'win32';

/** An error shaped like Node's, with one of our own codes (ESYMLINK, ENOTREG) where Node has none. */
export function readRefusal(code: string, message: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${message}, open '${path}'`), { code, path });
}

type Kind = FileStat['kind'];
function kindOf(s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): Kind {
  return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'symlink' : 'other';
}

/** Refuse anything that is not a regular file of sane size, without opening it. */
function refuseUnlessRegular(kind: Kind, size: number, path: string): void {
  if (kind === 'symlink') throw readRefusal('ESYMLINK', 'symbolic link not followed', path);
  if (kind === 'dir') throw readRefusal('EISDIR', 'illegal operation on a directory', path);
  if (kind !== 'file') throw readRefusal('ENOTREG', 'not a regular file', path);
  if (size > MAX_FILE_BYTES) throw Object.assign(readRefusal('EFBIG', 'file too large', path), { size });
}

/**
 * Read a data file without ever blocking on it or following a link: lstat first (a FIFO
 * or device is refused before any open — opening a FIFO waits for a writer and would
 * hold one of libuv's four threads, stalling every other save), then open with
 * O_NOFOLLOW | O_NONBLOCK and check again with fstat, in case the entry was swapped
 * between the two calls.
 */
async function readRegularFile(path: string): Promise<Uint8Array> {
  const before = await lstat(path);
  refuseUnlessRegular(kindOf(before), before.size, path);
  let handle;
  try {
    handle = await open(path, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0));
  } catch (err) {
    if (errorCode(err) === 'ELOOP') throw readRefusal('ESYMLINK', 'symbolic link not followed', path);
    throw err;
  }
  try {
    const now = await handle.stat();
    refuseUnlessRegular(kindOf(now), now.size, path);
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

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
  readFile: readRegularFile,
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
  async lstat(path) {
    try {
      const s = await lstat(path);
      return { kind: kindOf(s), size: s.size, mtimeMs: s.mtimeMs };
    } catch (err) {
      if (errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR') return null;
      throw err;
    }
  },
  async unlink(path) {
    await unlink(path);
  },
  async rmdir(dir) {
    await rmdir(dir);
  },
};
