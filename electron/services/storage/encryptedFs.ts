import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { HostError } from '../../../shared/contract/hostContract';
import { parseConflictCopy } from '../../../shared/sync/conflictCopies';
import { FileCipherError, encryptFile, isEncryptedFile, openFile } from '../crypto/fileCipher';
import { KeyringError, type StudyKeyFile } from '../crypto/keyring';
import { targetOfTemp } from './atomicWrite';
import { HISTORY_DIR, isSafeId, SESSIONS_DIR, STUDY_FILE, STUDY_HISTORY_KEY } from './layout';
import type { FileStat, StorageFs, WritableFile } from './storageFs';

/**
 * Encryption at rest (issue 16), as one more layer of the file system storage already goes
 * through. Every byte storage writes into an encrypted study's folder — settings, sessions,
 * history, quarantine notes, conflict copies, the temporary file of each atomic write —
 * passes through `createExclusive` here and reaches the disk sealed (fileCipher.ts); every
 * read is opened here. Nothing above this layer knows a study is encrypted except for the
 * few places that must (the list of studies, the trash's labels, turning encryption on).
 *
 * A study is encrypted when its folder holds `keys.json` (the wrapped data key, no secret
 * in the clear). Its data key lives only in `StudyKeys`, in this process's memory; without
 * it every read and write of the study fails with `study_locked`, before touching a file.
 *
 * Sealed files carry their identity (`study`, `session:<id>`) in their authenticated
 * header. Where the folder says which file must be (`sessions/<id>.json`, its history,
 * `study.json`) a file sealed as another one is refused: swapped files are reported and
 * quarantined like damaged ones, never shown as the other session.
 */

export const KEY_FILE = 'keys.json';

const WrappedKeySchema = z.object({
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }).optional(),
  nonce: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
});
const KeyFileSchema = z.object({
  format: z.literal('pimap-study-keys'),
  version: z.literal(1),
  studyId: z.string(),
  passphrase: WrappedKeySchema,
  recovery: WrappedKeySchema,
  encrypting: z.boolean().optional(),
});

/** The key file's content; `damaged_key_file` when it is not one. */
export function parseKeyFile(bytes: Uint8Array, studyId: string): StudyKeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new KeyringError('damaged_key_file', 'The study’s key file (keys.json) is not valid JSON.');
  }
  const result = KeyFileSchema.safeParse(parsed);
  if (!result.success || result.data.studyId !== studyId) throw new KeyringError('damaged_key_file', 'The study’s key file (keys.json) is damaged or belongs to another study.');
  return result.data as StudyKeyFile;
}

/**
 * Opens a locked study when it is first touched: the CLI's `--passphrase-file`. Returns
 * the data key, or null to leave the study locked (the caller then fails `study_locked`).
 */
export type Unlocker = (studyId: string, keyFile: StudyKeyFile) => Promise<Buffer | null>;

/**
 * The data keys this process holds, by study. Wiping overwrites the key bytes before
 * dropping them, so a memory dump after a lock does not find them in this buffer (copies
 * made inside OpenSSL or by the garbage collector are beyond what JavaScript can reach).
 */
export class StudyKeys {
  private readonly keys = new Map<string, Buffer>();
  private readonly listeners = new Set<(studyIds: string[]) => void>();
  /** Tried once per touch of a locked study (the CLI's `--passphrase-file`). */
  unlocker: Unlocker | null = null;

  get(studyId: string): Buffer | null {
    return this.keys.get(studyId) ?? null;
  }
  has(studyId: string): boolean {
    return this.keys.has(studyId);
  }
  set(studyId: string, key: Uint8Array): void {
    this.wipe(studyId, false);
    this.keys.set(studyId, Buffer.from(key));
  }
  /** Held study ids. */
  held(): string[] {
    return [...this.keys.keys()];
  }
  /** Forget one study's key (or all, with null); returns the ids whose keys were wiped. */
  wipe(studyId: string | null, notify = true): string[] {
    const ids = studyId === null ? this.held() : this.keys.has(studyId) ? [studyId] : [];
    for (const id of ids) {
      this.keys.get(id)!.fill(0);
      this.keys.delete(id);
    }
    if (notify && ids.length) for (const l of this.listeners) l(ids);
    return ids;
  }
  /** Called with the ids whenever keys are wiped (the watcher tells open pages). */
  onWipe(listener: (studyIds: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function badMessage(message: string, path: string): Error {
  return Object.assign(new Error(`EBADMSG: ${message}, open '${path}'`), { code: 'EBADMSG', path, detail: message });
}

export function lockedError(): HostError {
  return new HostError('study_locked', 'This study is encrypted and locked: unlock it with its passphrase or its recovery key.');
}

/** Where a path sits: in which study folder, and which file the folder says must be there. */
interface Place {
  studyId: string;
  /** `study` or `session:<id>` when the place fixes which file must be there. */
  expected: string | undefined;
  isKeyFile: boolean;
}

/** `session:<id>` for a session file or a sync tool's copy of one, `study` for study.json or its copies. */
function identityOfName(name: string): string | undefined {
  const original = parseConflictCopy(name)?.original ?? name;
  const stem = original.replace(/\.json$/i, '');
  if (stem === original) return undefined;
  return isSafeId(stem) ? `session:${stem}` : undefined;
}

export interface EncryptedFs extends StorageFs {
  /** `none`, or whether this process holds the key of an encrypted study. */
  stateOf(studyId: string): Promise<'none' | 'locked' | 'unlocked'>;
  /** The study's key file, or null when the study is not encrypted. */
  keyFileOf(studyId: string): Promise<StudyKeyFile | null>;
  /** Seal bytes for a study explicitly (files outside its folder: its trash entries). */
  seal(studyId: string, fileId: string, plaintext: Uint8Array): Buffer;
  /** Open a sealed file of a study explicitly; throws `study_locked` without the key. */
  open(studyId: string, bytes: Uint8Array): Buffer;
  /** The file system below this layer (the key file is written there). */
  readonly inner: StorageFs;
  /** Forget what is known about a study's key file (after it was written or removed). */
  forget(studyId: string): void;
}

/** The revision a document records, for the sealed file's header (0 for notes). */
function revisionOf(plaintext: Uint8Array): number {
  try {
    const doc = JSON.parse(new TextDecoder().decode(plaintext)) as { revision?: unknown };
    return typeof doc?.revision === 'number' && Number.isInteger(doc.revision) && doc.revision >= 0 && doc.revision <= 0xffffffff ? doc.revision : 0;
  } catch {
    return 0;
  }
}

/** The identity a sealed file is written with: the place's, or `note` for anything else (quarantine notes). */
export function fileIdFor(place: { expected: string | undefined }): string {
  return place.expected ?? 'note';
}

export function encryptedFs(inner: StorageFs, dataDir: string, keys: StudyKeys): EncryptedFs {
  /** Key files read, by study: once a study is encrypted it never goes back, so a hit is kept. */
  const keyFiles = new Map<string, StudyKeyFile>();

  function placeOf(path: string): Place | null {
    const rel = relative(dataDir, path);
    if (!rel || rel.startsWith('..')) return null;
    const segs = rel.split(sep);
    const studyId = segs[0]!;
    if (segs.length < 2 || studyId.startsWith('.') || !isSafeId(studyId)) return null;
    const rest = segs.slice(1).map((s, i, all) => (i === all.length - 1 ? targetOfTemp(s) : s));
    const isKeyFile = rest.length === 1 && rest[0] === KEY_FILE;
    let expected: string | undefined;
    if (rest.length === 1) expected = rest[0] === STUDY_FILE || parseConflictCopy(rest[0]!)?.original === STUDY_FILE ? 'study' : undefined;
    else if (rest.length === 2 && rest[0] === SESSIONS_DIR) expected = identityOfName(rest[1]!);
    else if (rest.length === 3 && rest[0] === HISTORY_DIR) expected = rest[1] === STUDY_HISTORY_KEY ? 'study' : isSafeId(rest[1]!) ? `session:${rest[1]}` : undefined;
    return { studyId, expected, isKeyFile };
  }

  async function keyFileOf(studyId: string): Promise<StudyKeyFile | null> {
    const known = keyFiles.get(studyId);
    if (known && !known.encrypting) return known;
    let bytes: Uint8Array;
    try {
      bytes = await inner.readFile(join(dataDir, studyId, KEY_FILE));
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT' || (err as { code?: string }).code === 'ENOTDIR') return null;
      throw err;
    }
    let keyFile: StudyKeyFile;
    try {
      keyFile = parseKeyFile(bytes, studyId);
    } catch (err) {
      // Never a per-file problem: quarantining every session because keys.json is bad would be wrong.
      throw new HostError('invalid_file', err instanceof Error ? err.message : String(err));
    }
    keyFiles.set(studyId, keyFile);
    return keyFile;
  }

  /** The key of an encrypted study, unlocking it on first touch when an unlocker is set. */
  async function keyFor(studyId: string, keyFile: StudyKeyFile): Promise<Buffer> {
    const held = keys.get(studyId);
    if (held) return held;
    const unlocked = keys.unlocker ? await keys.unlocker(studyId, keyFile) : null;
    if (!unlocked) throw lockedError();
    keys.set(studyId, unlocked);
    return keys.get(studyId)!;
  }

  function openWith(key: Buffer, studyId: string, bytes: Uint8Array, expected: string | undefined, path: string): Buffer {
    try {
      return openFile(key, bytes, { studyId, fileId: expected }).plaintext;
    } catch (err) {
      if (err instanceof FileCipherError) throw badMessage(err.message, path);
      throw err;
    }
  }

  const layer: EncryptedFs = {
    inner,
    async readFile(path) {
      const bytes = await inner.readFile(path);
      const place = placeOf(path);
      if (!place || place.isKeyFile) return bytes;
      const keyFile = await keyFileOf(place.studyId);
      if (!keyFile) return bytes;
      const key = await keyFor(place.studyId, keyFile);
      if (!isEncryptedFile(bytes)) {
        // While an existing study is being encrypted, a file in the clear is one not reached yet.
        if (keyFile.encrypting) return bytes;
        throw badMessage('it is not encrypted although the study is, so it was put here from outside the app', path);
      }
      return openWith(key, place.studyId, bytes, place.expected, path);
    },
    async createExclusive(path) {
      const place = placeOf(path);
      const keyFile = place && !place.isKeyFile ? await keyFileOf(place.studyId) : null;
      if (!place || !keyFile) return inner.createExclusive(path);
      const key = await keyFor(place.studyId, keyFile);
      const file = await inner.createExclusive(path);
      // GCM seals a whole message: collect what is written and seal it once, at sync or close.
      const chunks: Uint8Array[] = [];
      let sealed = false;
      const flush = async () => {
        if (sealed) return;
        sealed = true;
        const plaintext = Buffer.concat(chunks);
        await file.write(encryptFile(key, plaintext, { studyId: place.studyId, fileId: fileIdFor(place), revision: revisionOf(plaintext) }));
      };
      const writable: WritableFile = {
        async write(data) {
          if (sealed) throw new Error('write after sync on an encrypted file');
          chunks.push(Buffer.from(data));
        },
        async sync() {
          await flush();
          await file.sync();
        },
        async close() {
          try {
            await flush();
          } finally {
            await file.close();
          }
        },
      };
      return writable;
    },
    rename: (from, to) => inner.rename(from, to),
    syncDir: (dir) => inner.syncDir(dir),
    mkdir: (dir) => inner.mkdir(dir),
    readdir: (dir) => inner.readdir(dir),
    stat: (path): Promise<FileStat | null> => inner.stat(path),
    lstat: (path) => inner.lstat(path),
    unlink: (path) => inner.unlink(path),
    ...(inner.rmdir ? { rmdir: (dir: string) => inner.rmdir!(dir) } : {}),
    async stateOf(studyId) {
      const keyFile = await keyFileOf(studyId);
      return !keyFile ? 'none' : keys.has(studyId) ? 'unlocked' : 'locked';
    },
    keyFileOf,
    seal(studyId, fileId, plaintext) {
      const key = keys.get(studyId);
      if (!key) throw lockedError();
      return encryptFile(key, plaintext, { studyId, fileId, revision: revisionOf(plaintext) });
    },
    open(studyId, bytes) {
      const key = keys.get(studyId);
      if (!key) throw lockedError();
      return openWith(key, studyId, bytes, undefined, studyId);
    },
    forget(studyId) {
      keyFiles.delete(studyId);
    },
  };
  return layer;
}
