import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptFile, encryptedRevision, encryptFile, FileCipherError, isEncryptedFile, opaqueFileName } from '../../../electron/services/crypto/fileCipher';

const key = randomBytes(32);
const text = JSON.stringify({ code: 'FGD 3', notes: 'The pradhan signs papers for the agents.' });
const bind = { studyId: 'nadia-2026', fileId: 'session:fgd-3', revision: 4 };
const problem = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (err) {
    return err instanceof FileCipherError ? err.problem : String(err);
  }
};

describe('one encrypted file', () => {
  it('round-trips, reveals nothing of its text, and is different at every write', () => {
    const a = encryptFile(key, Buffer.from(text), bind);
    const b = encryptFile(key, Buffer.from(text), bind);
    expect(isEncryptedFile(a)).toBe(true);
    expect(isEncryptedFile(Buffer.from(text))).toBe(false);
    expect(encryptedRevision(a)).toBe(4);
    expect(a.equals(b)).toBe(false);
    for (const secret of ['FGD 3', 'pradhan', 'agents']) expect(a.includes(Buffer.from(secret))).toBe(false);
    expect(decryptFile(key, a, bind).toString('utf8')).toBe(text);
    expect(decryptFile(key, a, { studyId: bind.studyId, fileId: bind.fileId }).toString('utf8')).toBe(text);
  });

  it('one flipped byte anywhere, another key, another file id, study or revision: damaged, never wrong text', () => {
    const sealed = encryptFile(key, Buffer.from(text), bind);
    for (let i = 0; i < sealed.length; i += 7) {
      const bad = Buffer.from(sealed);
      bad[i] = bad[i]! ^ 0x01;
      expect(problem(() => decryptFile(key, bad, bind)), `byte ${i}`).toMatch(/damaged|not_encrypted/);
    }
    expect(problem(() => decryptFile(randomBytes(32), sealed, bind))).toBe('damaged');
    expect(problem(() => decryptFile(key, sealed, { ...bind, fileId: 'session:fgd-4' }))).toBe('damaged');
    expect(problem(() => decryptFile(key, sealed, { ...bind, studyId: 'other' }))).toBe('damaged');
    expect(problem(() => decryptFile(key, sealed, { ...bind, revision: 3 }))).toBe('damaged');
    expect(problem(() => decryptFile(key, sealed.subarray(0, 30), bind))).toBe('damaged');
    expect(problem(() => decryptFile(key, Buffer.from(text), bind))).toBe('not_encrypted');
  });

  it('file names are a keyed hash of the identity: the same on every device with the key, nothing readable', () => {
    const n = opaqueFileName(key, 'session:fgd-3');
    expect(n).toMatch(/^[a-z2-7]{26}$/);
    expect(opaqueFileName(Buffer.from(key), 'session:fgd-3')).toBe(n);
    expect(opaqueFileName(key, 'session:fgd-4')).not.toBe(n);
    expect(opaqueFileName(randomBytes(32), 'session:fgd-3')).not.toBe(n);
  });
});
