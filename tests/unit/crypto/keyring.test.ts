import { describe, expect, it } from 'vitest';
import { changePassphrase, createKeyring, KDF_PARAMS, KeyringError, sameKey, unlockWithPassphrase, unlockWithRecoveryKey } from '../../../electron/services/crypto/keyring';

/**
 * The study's keys: one data key, wrapped by the passphrase (scrypt, N = 2^17) and by the
 * recovery key (24 words). Real parameters: each passphrase attempt costs what it costs
 * in the app.
 */
const problemOf = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
    return null;
  } catch (err) {
    return err instanceof KeyringError ? err.problem : String(err);
  }
};

describe('study keyring', () => {
  it('opens with the passphrase and with the recovery key, and with nothing else', async () => {
    const { keyFile, dataKey, recoveryKey } = await createKeyring('study-a', 'মাঠের খাতা 2026');
    expect(recoveryKey.split(' ')).toHaveLength(24);
    expect(keyFile.passphrase.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(KDF_PARAMS.N).toBeGreaterThanOrEqual(2 ** 17);
    // No secret in the clear in the stored file.
    const stored = JSON.stringify(keyFile);
    expect(stored).not.toContain(dataKey.toString('base64'));
    expect(stored).not.toContain(recoveryKey.split(' ')[0]! + ' ' + recoveryKey.split(' ')[1]!);

    expect(sameKey(await unlockWithPassphrase(keyFile, 'মাঠের খাতা 2026'), dataKey)).toBe(true);
    expect(await problemOf(unlockWithPassphrase(keyFile, 'মাঠের খাতা 2025'))).toBe('wrong_passphrase');
    // Typed back in capitals, on several lines: still the key.
    expect(sameKey(unlockWithRecoveryKey(keyFile, `\n${recoveryKey.toUpperCase().replace(/ /g, '  \n ')}\n`), dataKey)).toBe(true);
    const words = recoveryKey.split(' ');
    const swapped = [words[1], words[0], ...words.slice(2)].join(' ');
    expect(await problemOf(() => unlockWithRecoveryKey(keyFile, swapped))).toBe(words[0] === words[1] ? null : 'malformed_recovery_key');
    expect(await problemOf(() => unlockWithRecoveryKey(keyFile, words.slice(0, 23).join(' ')))).toBe('malformed_recovery_key');
    // Another study's recovery key is a valid key, but not this study's.
    const other = await createKeyring('study-b', 'x');
    expect(await problemOf(() => unlockWithRecoveryKey(keyFile, other.recoveryKey))).toBe('wrong_recovery_key');
  }, 30_000);

  it('a wrap cannot be moved to another study, and a passphrase change keeps the data key and the recovery key', async () => {
    const a = await createKeyring('study-a', 'first passphrase');
    const moved = { ...a.keyFile, studyId: 'study-b' };
    expect(await problemOf(unlockWithPassphrase(moved, 'first passphrase'))).toBe('wrong_passphrase');

    const changed = await changePassphrase(a.keyFile, a.dataKey, 'second passphrase');
    expect(await problemOf(unlockWithPassphrase(changed, 'first passphrase'))).toBe('wrong_passphrase');
    expect(sameKey(await unlockWithPassphrase(changed, 'second passphrase'), a.dataKey)).toBe(true);
    expect(sameKey(unlockWithRecoveryKey(changed, a.recoveryKey), a.dataKey)).toBe(true);
    expect(changed.recovery).toEqual(a.keyFile.recovery);
  }, 30_000);

  it('the same passphrase composed or decomposed (NFC / NFD) opens the study', async () => {
    const composed = 'ক্ষমতা é';
    const { keyFile, dataKey } = await createKeyring('study-n', composed);
    expect(sameKey(await unlockWithPassphrase(keyFile, composed.normalize('NFD')), dataKey)).toBe(true);
  }, 30_000);
});
