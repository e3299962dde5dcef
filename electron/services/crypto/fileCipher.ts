import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * One file of an encrypted study at rest (issue 16): AES-256-GCM with a fresh 96-bit nonce
 * per write, under a key derived from the study's data key. The associated data binds the
 * ciphertext to the study, to the file's identity and to the revision written in its
 * header, so a file altered, swapped for another session's or given another revision
 * fails to open — and is then handled like any damaged file (reported, quarantined).
 *
 * Layout: "PIMAPENC" · version 1 (1 byte) · revision (uint32 BE) · file id length (uint16 BE)
 * · file id (UTF-8) · nonce (12) · tag (16) · ciphertext.
 * The revision and the file id are in the clear but authenticated (they are part of the
 * associated data): the id lets a file that was *moved* (to the trash, the quarantine, a
 * sync archive) still be opened, while a reader that knows which file should be at a place
 * (`sessions/<id>.json` must be that session) checks it and refuses a swapped one. Ids are
 * random (no code or title); the revision is a counter, not content.
 */

const MAGIC = Buffer.from('PIMAPENC', 'ascii');
const VERSION = 1;
const FIXED = MAGIC.length + 1 + 4 + 2;
const NONCE = 12;
const TAG = 16;
const MAX_FILE_ID = 400;

/** What a file is bound to: a file taken from another study, id or revision does not open. */
export interface FileBinding {
  studyId: string;
  /** The file's identity in the study (`study`, `session:<id>`, `note`…). */
  fileId: string;
  revision: number;
}

export type CipherProblem = 'not_encrypted' | 'damaged';

export class FileCipherError extends Error {
  constructor(
    readonly problem: CipherProblem,
    message: string,
  ) {
    super(message);
    this.name = 'FileCipherError';
  }
}

const subkey = (dataKey: Uint8Array, purpose: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `pimap ${purpose} v1`, 32));

function associated(header: Buffer, studyId: string): Buffer {
  return Buffer.concat([header, Buffer.from(JSON.stringify([studyId]), 'utf8')]);
}

export function isEncryptedFile(bytes: Uint8Array): boolean {
  return bytes.length >= FIXED && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC);
}

/** The revision a file's header claims, or null when it is not an encrypted file. */
export function encryptedRevision(bytes: Uint8Array): number | null {
  return isEncryptedFile(bytes) ? Buffer.from(bytes).readUInt32BE(MAGIC.length + 1) : null;
}

export function encryptFile(dataKey: Uint8Array, plaintext: Uint8Array, binding: FileBinding): Buffer {
  if (!Number.isInteger(binding.revision) || binding.revision < 0 || binding.revision > 0xffffffff) throw new RangeError(`revision ${binding.revision} cannot be stored`);
  const id = Buffer.from(binding.fileId, 'utf8');
  if (id.length > MAX_FILE_ID) throw new RangeError('file id too long');
  const header = Buffer.alloc(FIXED + id.length);
  MAGIC.copy(header, 0);
  header.writeUInt8(VERSION, MAGIC.length);
  header.writeUInt32BE(binding.revision, MAGIC.length + 1);
  header.writeUInt16BE(id.length, MAGIC.length + 5);
  id.copy(header, FIXED);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', subkey(dataKey, 'file encryption'), nonce);
  cipher.setAAD(associated(header, binding.studyId));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, nonce, cipher.getAuthTag(), body]);
}

export interface Decrypted {
  plaintext: Buffer;
  fileId: string;
  revision: number;
}

/**
 * The file's plaintext and the identity it was written with; `damaged` when it was
 * altered, cut, sealed with another key or for another study, or — when the caller says
 * which file or revision it expects — written as another file or revision.
 */
export function openFile(dataKey: Uint8Array, bytes: Uint8Array, expect: { studyId: string; fileId?: string; revision?: number }): Decrypted {
  if (!isEncryptedFile(bytes)) throw new FileCipherError('not_encrypted', 'the file is not encrypted');
  const buf = Buffer.from(bytes);
  const idLength = buf.readUInt8(MAGIC.length) === VERSION ? buf.readUInt16BE(MAGIC.length + 5) : -1;
  if (idLength < 0 || idLength > MAX_FILE_ID || buf.length < FIXED + idLength + NONCE + TAG)
    throw new FileCipherError('damaged', 'the encrypted file is cut short or of an unknown version');
  const revision = buf.readUInt32BE(MAGIC.length + 1);
  const headerEnd = FIXED + idLength;
  const header = buf.subarray(0, headerEnd);
  const nonce = buf.subarray(headerEnd, headerEnd + NONCE);
  const tag = buf.subarray(headerEnd + NONCE, headerEnd + NONCE + TAG);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', subkey(dataKey, 'file encryption'), nonce);
    decipher.setAAD(associated(header, expect.studyId));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(buf.subarray(headerEnd + NONCE + TAG)), decipher.final()]);
  } catch {
    throw new FileCipherError('damaged', 'the encrypted file was altered, or belongs to another study');
  }
  const fileId = header.subarray(FIXED).toString('utf8');
  if (expect.fileId !== undefined && expect.fileId !== fileId) throw new FileCipherError('damaged', `the encrypted file belongs to another file of the study (${fileId}), so it was swapped or moved here`);
  if (expect.revision !== undefined && expect.revision !== revision) throw new FileCipherError('damaged', `the file claims revision ${revision}, not ${expect.revision}`);
  return { plaintext, fileId, revision };
}

/** The plaintext of a file that must be `binding` (its study, id and, if given, revision). */
export function decryptFile(dataKey: Uint8Array, bytes: Uint8Array, binding: Omit<FileBinding, 'revision'> & { revision?: number }): Buffer {
  return openFile(dataKey, bytes, binding).plaintext;
}

export function opaqueFileName(dataKey: Uint8Array, fileId: string): string {
  const mac = createHmac('sha256', subkey(dataKey, 'file names')).update(fileId, 'utf8').digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of mac) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1; // only the bits not yet used
  }
  return out;
}
