/**
 * What folder-sync tools leave beside a file when two devices changed it before they
 * could exchange it: a *conflict copy* — one device's version under a new name, next to
 * the other device's under the real one. Nothing in them may be lost, so the storage
 * layer recognises them by name instead of treating them as damaged or unknown files.
 *
 *   Syncthing   study.sync-conflict-20261202-101530-ABCDEF7.json
 *   Dropbox     study (Asha's conflicted copy 2026-12-02).json, study (conflicted copy 2026-12-02).json
 *   Nextcloud   study (conflicted copy 2026-12-02 101530).json
 *   others      study~1.json, study.json~2 (Unison, a USB copy made by some file managers)
 *
 * Temporary files that sync tools write while a transfer is under way are named too, so
 * they are skipped quietly and never read as a half-written session.
 */
export interface ConflictCopyName {
  /** The name of the file this is a copy of, e.g. `study.json` or `s1.json`. */
  original: string;
  /** The device the tool names, when it names one (Syncthing's short device id, Dropbox's user). */
  device: string | null;
  /** Which convention the name follows. */
  tool: 'syncthing' | 'dropbox' | 'numbered';
}

const SYNCTHING = /^(.+)\.sync-conflict-\d{8}-\d{6}-([A-Z0-9]{7})(\.[^.]+)?$/i;
// Dropbox writes a straight or a typographic apostrophe, depending on platform and version.
const DROPBOX = /^(.+?) \((?:(.+?)['\u2019]s )?conflicted copy(?: [^)]*)?\)(\.[^.]+)?$/i;
const NUMBERED_STEM = /^(.+)~(\d+)(\.[^.]+)$/;
const NUMBERED_TAIL = /^(.+\.[^.~]+)~(\d+)$/;

/** The conflict copy a file name stands for, or null when it is not one. */
export function parseConflictCopy(name: string): ConflictCopyName | null {
  let m = SYNCTHING.exec(name);
  if (m) return { original: `${m[1]}${m[3] ?? ''}`, device: m[2]!.toUpperCase(), tool: 'syncthing' };
  m = DROPBOX.exec(name);
  if (m) return { original: `${m[1]}${m[3] ?? ''}`, device: m[2] ?? null, tool: 'dropbox' };
  m = NUMBERED_STEM.exec(name);
  if (m) return { original: `${m[1]}${m[3]}`, device: null, tool: 'numbered' };
  m = NUMBERED_TAIL.exec(name);
  if (m) return { original: m[1]!, device: null, tool: 'numbered' };
  return null;
}

/** Files a sync tool writes while a transfer is under way (never complete, never ours). */
export function isSyncTemporary(name: string): boolean {
  return (
    /^\.syncthing\..*\.tmp$/i.test(name) ||
    /^~syncthing~.*\.tmp$/i.test(name) ||
    /^\.~.*\.tmp$/i.test(name) ||
    /\.(part|partial|crdownload|download)$/i.test(name) ||
    /^\.dropbox/i.test(name) ||
    /^\.stfolder$|^\.stignore$|^\.stversions$/i.test(name)
  );
}

/**
 * Who made the version a conflict copy holds, for messages ("saved by …"): the writer the
 * app recorded in the copy itself is the surest. Without one, Dropbox's user (the copy is
 * theirs) — but never Syncthing's device id, which names the device whose version *won*
 * (the one now in the main file), not the copy's.
 */
export function conflictCopyAuthor(name: ConflictCopyName, writerName: string | null | undefined): string | null {
  if (writerName) return writerName;
  return name.tool === 'syncthing' ? null : name.device;
}
