import QRCode from 'qrcode';
import { HostError, type HostHandlers } from '../../shared/contract/hostContract';
import { createKeyring, KeyringError, newRecoveryWords } from './crypto/keyring';
import type { StudyRepository } from './storage/studyRepository';

/**
 * Encrypted studies behind the host contract (issue 16). The keys stay here, in the host
 * process: the renderer only ever sees the recovery key's words, once, to show them.
 */
export function encryptionHandlers(
  repository: StudyRepository,
  onForget: (studyId: string) => void = () => undefined,
): Pick<HostHandlers, 'newRecoveryKey' | 'encryptStudy' | 'unlockStudy' | 'lockStudy' | 'changePassphrase' | 'forgetStudy'> {
  return {
    newRecoveryKey: async () => {
      const words = newRecoveryWords();
      // Level M survives a smudged or creased print; the words are short enough for it.
      const qrSvg = await QRCode.toString(words, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { words, qrSvg };
    },
    encryptStudy: async ({ studyId, passphrase, recoveryKey }) => {
      let made;
      try {
        made = await createKeyring(studyId, passphrase, recoveryKey);
      } catch (err) {
        if (err instanceof KeyringError) throw new HostError('invalid_payload', err.message);
        throw err;
      }
      try {
        return { files: await repository.encryptStudy(studyId, made.keyFile, made.dataKey) };
      } finally {
        made.dataKey.fill(0); // the repository holds its own copy
      }
    },
    unlockStudy: async ({ studyId, passphrase, recoveryKey }) => {
      await repository.unlock(studyId, passphrase !== undefined ? { passphrase } : { recoveryKey: recoveryKey ?? '' });
      return { studyId };
    },
    lockStudy: async ({ studyId }) => ({ locked: repository.keys.wipe(studyId) }),
    changePassphrase: async ({ studyId, newPassphrase }) => {
      await repository.changePassphrase(studyId, newPassphrase);
      return {};
    },
    forgetStudy: async ({ studyId }) => {
      const result = await repository.forgetStudy(studyId);
      onForget(studyId);
      return result;
    },
  };
}
