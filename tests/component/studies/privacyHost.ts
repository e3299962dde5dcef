import { dispatchHostCall } from '../../../shared/contract/dispatch';
import { HostError, type HostHandlers, type StudySummary } from '../../../shared/contract/hostContract';
import { FakeHost } from '../app/fakeHost';

/** 24 words, as the host's `newRecoveryKey` gives them (BIP-39 English words). */
export const RECOVERY_WORDS = 'abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual'.split(' ');
/** A small SVG like the host's QR code; only its being drawn as an image matters here. */
export const QR_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="2" height="2"/></svg>';

type Op = 'newRecoveryKey' | 'encryptStudy' | 'changePassphrase' | 'forgetStudy' | 'listStudies';

/**
 * The shell's fake host with the encryption operations of issue 16 (the shared FakeHost
 * predates them). Payloads still go through the real dispatcher, so a passphrase the
 * contract refuses is refused here too; the studies list carries `encryption`, with a
 * locked study's title and description blanked as the real host does.
 */
export class PrivacyHost extends FakeHost {
  encryption = new Map<string, 'locked' | 'unlocked'>();
  /** What encryptStudy answers as the number of files rewritten. */
  encryptedFiles = 7;
  private held = new Map<string, Promise<void>>();

  holdOp(op: Op): () => void {
    let release!: () => void;
    this.held.set(op, new Promise<void>((r) => (release = r)));
    return () => {
      this.held.delete(op);
      release();
    };
  }

  override install(): void {
    super.install();
    const bridge = window.pimapHost!;
    const listStudies = bridge.listStudies;
    const handlers: Partial<HostHandlers> = {
      newRecoveryKey: async () => ({ words: RECOVERY_WORDS.join(' '), qrSvg: QR_SVG }),
      encryptStudy: async ({ studyId }) => {
        if (!this.studies.has(studyId)) throw new HostError('not_found', `no study ${studyId}`);
        if (this.encryption.has(studyId)) throw new HostError('conflict', 'already encrypted');
        this.encryption.set(studyId, 'unlocked');
        return { files: this.encryptedFiles };
      },
      changePassphrase: async ({ studyId }) => {
        if (this.encryption.get(studyId) !== 'unlocked') throw new HostError('study_locked', 'locked');
        return {};
      },
      forgetStudy: async ({ studyId }) => {
        if (!this.studies.has(studyId)) throw new HostError('not_found', `no study ${studyId}`);
        const removedFiles = 1 + this.sessionsOf(studyId).length;
        for (const s of this.sessionsOf(studyId)) this.sessions.delete(s.id);
        this.studies.delete(studyId);
        this.encryption.delete(studyId);
        return { removedFiles };
      },
    };
    const run = (op: Op) => async (payload: unknown) => {
      const held = this.held.get(op);
      if (held) await held;
      return dispatchHostCall(handlers as HostHandlers, op, payload);
    };
    for (const op of ['newRecoveryKey', 'encryptStudy', 'changePassphrase', 'forgetStudy'] as const)
      bridge[op] = async (payload: unknown) => {
        this.calls.push({ op, payload: structuredClone(payload) });
        return run(op)(payload);
      };
    bridge.listStudies = async (payload: unknown) => {
      const result = await listStudies(payload);
      if (!result.ok) return result;
      const value = (result.value as StudySummary[]).map((s): StudySummary => {
        const state = this.encryption.get(s.id);
        if (state === 'locked') return { ...s, title: '', description: '', cohortCount: 0, encryption: 'locked' };
        return { ...s, encryption: state ?? 'none' };
      });
      return { ok: true, value };
    };
  }
}
