import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { entropyToMnemonic, mnemonicToEntropy, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';

/**
 * The keys of an encrypted study (issue 16). A random 256-bit *data key* encrypts every
 * file of the study; it is stored only wrapped (AES-256-GCM), twice:
 *  - by a key derived from the passphrase with **scrypt** (Node's own crypto, no native
 *    add-on to build for Electron: N = 2^17, r = 8, p = 1 — 128 MiB and about half a
 *    second per attempt on a field laptop, which is what makes guessing a passphrase slow);
 *  - by the *recovery key*: 256 random bits shown once as 24 words (BIP-39's English list,
 *    @scure/bip39), which already has full entropy, so HKDF-SHA-256 is enough to derive
 *    its wrapping key.
 * Changing the passphrase re-wraps the data key; the files are not touched. Each wrap's
 * associated data names the study and the slot, so a wrap cannot be moved to another
 * study or slot. Keys live in the main process (or the preview's Node side) only.
 */

export const KDF_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
/** scrypt needs 128·N·r bytes; Node refuses more than 32 MiB unless told. */
const SCRYPT_MAXMEM = 256 * 1024 * 1024;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const RECOVERY_INFO = 'pimap recovery key v1';

export interface WrappedKey {
  /** Present for the passphrase slot: how its key is derived. */
  kdf?: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  nonce: string;
  ciphertext: string;
  tag: string;
}

/** What is stored beside an encrypted study (its key file): no secret in the clear. */
export interface StudyKeyFile {
  format: 'pimap-study-keys';
  version: 1;
  studyId: string;
  passphrase: WrappedKey;
  recovery: WrappedKey;
  /**
   * Set while an existing study's files are being rewritten encrypted: until it is cleared,
   * a file still in the clear is one not reached yet, not one planted. The next unlock
   * finishes the work after a crash.
   */
  encrypting?: boolean;
}

export type KeyringProblem = 'wrong_passphrase' | 'wrong_recovery_key' | 'malformed_recovery_key' | 'damaged_key_file';

export class KeyringError extends Error {
  constructor(
    readonly problem: KeyringProblem,
    message: string,
  ) {
    super(message);
    this.name = 'KeyringError';
  }
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

function scrypt(passphrase: string, salt: Uint8Array, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const opts: ScryptOptions = { ...params, maxmem: SCRYPT_MAXMEM };
  // NFC: the same passphrase typed on two keyboards (a Bengali conjunct composed or not) must give the same key.
  return new Promise((resolve, reject) => scryptCb(passphrase.normalize('NFC'), salt, KEY_BYTES, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const aad = (studyId: string, slot: 'passphrase' | 'recovery') => Buffer.from(`pimap-study-keys|v1|${studyId}|${slot}`, 'utf8');

function wrap(kek: Uint8Array, dataKey: Uint8Array, associated: Buffer): Omit<WrappedKey, 'kdf'> {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(associated);
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { nonce: b64(nonce), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
}

/** The data key, or null when `kek` is not the key that wrapped it (GCM's tag does not match). */
function unwrap(kek: Uint8Array, w: WrappedKey, associated: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, unb64(w.nonce));
    decipher.setAAD(associated);
    decipher.setAuthTag(unb64(w.tag));
    const key = Buffer.concat([decipher.update(unb64(w.ciphertext)), decipher.final()]);
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

const recoveryKek = (entropy: Uint8Array, studyId: string) => Buffer.from(hkdfSync('sha256', entropy, Buffer.from(studyId, 'utf8'), RECOVERY_INFO, KEY_BYTES));

async function passphraseSlot(studyId: string, passphrase: string, dataKey: Uint8Array): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const kek = await scrypt(passphrase, salt, KDF_PARAMS);
  return { kdf: { name: 'scrypt', ...KDF_PARAMS, salt: b64(salt) }, ...wrap(kek, dataKey, aad(studyId, 'passphrase')) };
}

/** Words typed back: any case, any spacing or line breaks between them. */
export function normaliseRecoveryKey(words: string): string {
  return words.normalize('NFKD').toLowerCase().split(/[\s,.;-]+/).filter(Boolean).join(' ');
}

/** A new recovery key: 256 random bits as 24 words, shown once to the person who turns encryption on. */
export function newRecoveryWords(): string {
  return entropyToMnemonic(randomBytes(KEY_BYTES), wordlist);
}

/** The 256 bits behind recovery words; `malformed_recovery_key` for a mistyped or missing word. */
function recoveryEntropy(words: string): Uint8Array {
  const typed = normaliseRecoveryKey(words);
  // BIP-39's checksum catches a mistyped or missing word before any key is tried.
  if (!validateMnemonic(typed, wordlist) || typed.split(' ').length !== 24)
    throw new KeyringError('malformed_recovery_key', 'These words are not a recovery key: check each of the 24 words.');
  return mnemonicToEntropy(typed, wordlist);
}

/**
 * A new data key for `studyId`, wrapped by the passphrase and by the recovery key: the
 * words given (from `newRecoveryWords`, confirmed by the person first) or new ones.
 */
export async function createKeyring(studyId: string, passphrase: string, recoveryWords?: string): Promise<{ keyFile: StudyKeyFile; dataKey: Buffer; recoveryKey: string }> {
  const dataKey = randomBytes(KEY_BYTES);
  const recoveryKey = normaliseRecoveryKey(recoveryWords ?? newRecoveryWords());
  const keyFile: StudyKeyFile = {
    format: 'pimap-study-keys',
    version: 1,
    studyId,
    passphrase: await passphraseSlot(studyId, passphrase, dataKey),
    recovery: wrap(recoveryKek(recoveryEntropy(recoveryKey), studyId), dataKey, aad(studyId, 'recovery')),
  };
  return { keyFile, dataKey, recoveryKey };
}

function checkKeyFile(keyFile: StudyKeyFile): NonNullable<WrappedKey['kdf']> {
  const kdf = keyFile.passphrase?.kdf;
  if (keyFile.format !== 'pimap-study-keys' || keyFile.version !== 1 || !kdf || kdf.name !== 'scrypt')
    throw new KeyringError('damaged_key_file', 'The study’s key file is not one this version can read.');
  return kdf;
}

/** The data key, from the passphrase; `wrong_passphrase` when it is not the study's. */
export async function unlockWithPassphrase(keyFile: StudyKeyFile, passphrase: string): Promise<Buffer> {
  const kdf = checkKeyFile(keyFile);
  const kek = await scrypt(passphrase, unb64(kdf.salt), kdf);
  const key = unwrap(kek, keyFile.passphrase, aad(keyFile.studyId, 'passphrase'));
  if (!key) throw new KeyringError('wrong_passphrase', 'The passphrase is not this study’s.');
  return key;
}

/** The data key, from the 24 words of the recovery key. */
export function unlockWithRecoveryKey(keyFile: StudyKeyFile, words: string): Buffer {
  checkKeyFile(keyFile);
  const key = unwrap(recoveryKek(recoveryEntropy(words), keyFile.studyId), keyFile.recovery, aad(keyFile.studyId, 'recovery'));
  if (!key) throw new KeyringError('wrong_recovery_key', 'This recovery key is not this study’s.');
  return key;
}

/** A key file whose passphrase slot is re-wrapped for `newPassphrase`; the data key and the recovery slot stay. */
export async function changePassphrase(keyFile: StudyKeyFile, dataKey: Uint8Array, newPassphrase: string): Promise<StudyKeyFile> {
  checkKeyFile(keyFile);
  return { ...keyFile, passphrase: await passphraseSlot(keyFile.studyId, newPassphrase, dataKey) };
}

/** Whether two keys are the same, in constant time. */
export function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
