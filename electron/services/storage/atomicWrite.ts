import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { errorCode, type StorageFs } from './storageFs';

/**
 * Crash-safe replacement of one file: the target is always either the complete old
 * content or the complete new content, whatever happens (process killed, power cut).
 *
 *   1. write `<target>.<pid>-<random>.tmp`   (a new file, never the target itself)
 *   2. fsync it                              (its bytes are on the disk)
 *   3. rename it over the target             (atomic on POSIX and NTFS)
 *   4. fsync the folder                      (the rename itself is on the disk)
 *
 * Only after step 4 may a caller report "Saved". Skipping step 2 can leave an empty or
 * partial file after a power cut (the rename reaches the disk before the data); skipping
 * step 4 can bring the old file back.
 */
export async function writeFileAtomic(fs: StorageFs, target: string, data: Uint8Array): Promise<void> {
  const tmp = tempNameFor(target);
  inFlightTemps.add(tmp);
  try {
    const file = await fs.createExclusive(tmp);
    try {
      await file.write(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(tmp, target);
    await fs.syncDir(dirname(target));
  } catch (err) {
    // Best effort: a failed write (disk full) should not leave its partial copy behind.
    // If even that fails the sweep on the next open removes it.
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  } finally {
    inFlightTemps.delete(tmp);
  }
}

/**
 * Move a file or folder to a new name and make both folders' entries durable, so after
 * a power cut the item is in exactly one of the two places.
 */
export async function moveDurably(fs: StorageFs, from: string, to: string): Promise<void> {
  await fs.rename(from, to);
  await fs.syncDir(dirname(to));
  if (dirname(from) !== dirname(to)) await fs.syncDir(dirname(from));
}

/**
 * Create `dir` and any missing parents up to (not including) `root`, fsyncing each
 * parent so a new folder survives a power cut together with what is later written in it.
 * `root` must already exist: storage never creates a study folder by accident.
 */
export async function ensureDir(fs: StorageFs, dir: string, root: string): Promise<void> {
  if (dir === root || (await fs.stat(dir))?.kind === 'dir') return;
  const parent = dirname(dir);
  if (parent === dir) throw Object.assign(new Error(`ENOENT: ${root} does not exist`), { code: 'ENOENT' });
  await ensureDir(fs, parent, root);
  try {
    await fs.mkdir(dir);
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') throw err;
  }
  await fs.syncDir(parent);
}

/** Temporary files this process is writing right now; the sweep must leave them alone. */
const inFlightTemps = new Set<string>();

const TEMP_PATTERN = /\.(\d+)-[0-9a-f]{12}\.tmp$/;

function tempNameFor(target: string): string {
  return `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

/** The file a temporary name stands for (`s1.json.123-abcdef012345.tmp` → `s1.json`); other names unchanged. */
export function targetOfTemp(name: string): string {
  return name.replace(TEMP_PATTERN, '');
}

/** True for names that writeFileAtomic creates (so the loader can ignore them). */
export function isTempName(name: string): boolean {
  return TEMP_PATTERN.test(name);
}

/** A temporary file this old is an orphan even if its process id was reused meanwhile. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/**
 * Remove temporary files left by a writer that died (killed, power cut) in `dir`.
 * A temp file is an orphan when the process that wrote it is gone, when it is ours but
 * not being written, or when it is older than an hour. Files being written by another
 * running instance (the CLI next to the app) are left alone. Returns the names removed.
 */
export async function sweepTempFiles(fs: StorageFs, dir: string, nowMs = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    if (inFlightTemps.has(path)) continue;
    const pid = Number(match[1]);
    const ownOrDead = pid === process.pid || !processAlive(pid);
    const old = nowMs - ((await fs.stat(path))?.mtimeMs ?? 0) > ORPHAN_AGE_MS;
    if (!ownOrDead && !old) continue;
    try {
      await fs.unlink(path);
      removed.push(basename(path));
    } catch {
      // Another instance swept it first, or the folder is read-only: harmless.
    }
  }
  return removed;
}
