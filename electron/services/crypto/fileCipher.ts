import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * One file of an encrypted study at rest (issue 16): AES-256-GCM with a fresh 96-bit nonce
 * per write, under a key derived from the study's data key. The associated data binds the
 * ciphertext to the study, to the file's identity and to the revision written in its
 * header, so a file altered, swapped for another session's or given another revision
 * fails to open — and is then handled like any damaged file (reported, quarantined).
 *
 * Layout: "PIMAPENC" · version 1 (1 byte) · revision (uint32 BE) · nonce (12) · tag (16) · ciphertext.
 * The revision is in the clear so a reader can bind it without decrypting first; it is a
 * counter, not content.
 */

const MAGIC = Buffer.from('PIMAPENC', 'ascii');
const VERSION = 1;
const HEADER = MAGIC.length + 1 + 4;
const NONCE = 12;
const TAG = 16;

/** What a file is bound to: a file taken from another study, id or revision does not open. */
export interface FileBinding {
  studyId: string;
  /** The file's identity in the study (`study`, `session:<id>`, `history:<id>/<version>`…). */
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

function associated(header: Buffer, b: FileBinding): Buffer {
  return Buffer.concat([header, Buffer.from(JSON.stringify([b.studyId, b.fileId]), 'utf8')]);
}

export function isEncryptedFile(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC);
}

/** The revision a file's header claims, or null when it is not an encrypted file. */
export function encryptedRevision(bytes: Uint8Array): number | null {
  return isEncryptedFile(bytes) ? Buffer.from(bytes).readUInt32BE(MAGIC.length + 1) : null;
}

export function encryptFile(dataKey: Uint8Array, plaintext: Uint8Array, binding: FileBinding): Buffer {
  if (!Number.isInteger(binding.revision) || binding.revision < 0 || binding.revision > 0xffffffff) throw new RangeError(`revision ${binding.revision} cannot be stored`);
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt8(VERSION, MAGIC.length);
  header.writeUInt32BE(binding.revision, MAGIC.length + 1);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', subkey(dataKey, 'file encryption'), nonce);
  cipher.setAAD(associated(header, binding));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, nonce, cipher.getAuthTag(), body]);
}

/** The file's plaintext; `damaged` when it was altered, swapped or bound to another file or revision. */
export function decryptFile(dataKey: Uint8Array, bytes: Uint8Array, binding: Omit<FileBinding, 'revision'> & { revision?: number }): Buffer {
  if (!isEncryptedFile(bytes)) throw new FileCipherError('not_encrypted', 'the file is not encrypted');
  const buf = Buffer.from(bytes);
  if (buf.readUInt8(MAGIC.length) !== VERSION || buf.length < HEADER + NONCE + TAG) throw new FileCipherError('damaged', 'the encrypted file is cut short or of an unknown version');
  const revision = buf.readUInt32BE(MAGIC.length + 1);
  if (binding.revision !== undefined && binding.revision !== revision) throw new FileCipherError('damaged', `the file claims revision ${revision}, not ${binding.revision}`);
  const header = buf.subarray(0, HEADER);
  const nonce = buf.subarray(HEADER, HEADER + NONCE);
  const tag = buf.subarray(HEADER + NONCE, HEADER + NONCE + TAG);
  try {
    const decipher = createDecipheriv('aes-256-gcm', subkey(dataKey, 'file encryption'), nonce);
    decipher.setAAD(associated(header, { ...binding, revision }));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(buf.subarray(HEADER + NONCE + TAG)), decipher.final()]);
  } catch {
    throw new FileCipherError('damaged', 'the encrypted file was altered, or belongs to another file or study');
  }
}

/**
 * The name a file gets on disk: a keyed hash of its identity, so names reveal no session
 * code, title or id, yet each device with the key computes the same name (folder sync still
 * pairs files by name). 26 base32 characters (130 bits).
 */
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
