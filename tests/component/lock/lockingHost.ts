import type { HostResult } from '../../../shared/contract/hostContract';
import type { FakeHost } from '../app/fakeHost';

type Bridge = NonNullable<Window['pimapHost']>;
type Op = keyof Bridge;

/**
 * Encryption on top of the shell's FakeHost, as the contract describes it (issue 16):
 * `encrypted` studies are refused with `study_locked` by every study operation until
 * `unlockStudy` is given the passphrase or the recovery key (else `wrong_passphrase`);
 * `lockStudy` forgets the keys; `studyChanges` answers `locked: true` for a study whose
 * key is gone; `listStudies` says which are encrypted. Calls are recorded in host.calls.
 */
export class LockingHost {
  readonly encrypted = new Set<string>();
  readonly unlocked = new Set<string>();
  readonly passphrase = 'river lamp seven quiet';
  readonly recoveryKey = Array.from({ length: 24 }, (_, i) => `word${i + 1}`).join(' ');

  constructor(readonly host: FakeHost) {
    // startApp installs the host before the first render: the encryption must be there by then.
    const plain = host.install.bind(host);
    host.install = () => {
      plain();
      this.wrap();
    };
  }

  encrypt(studyId: string, unlocked = false): void {
    this.encrypted.add(studyId);
    if (unlocked) this.unlocked.add(studyId);
  }

  /** The host wiped the keys by itself (the OS locked, another window's idle lock). */
  wipeKeys(): void {
    this.unlocked.clear();
  }

  private isLocked(studyId: unknown): boolean {
    return typeof studyId === 'string' && this.encrypted.has(studyId) && !this.unlocked.has(studyId);
  }

  private wrap(): void {
    const bridge = window.pimapHost as Bridge;
    const inner = { ...bridge };
    const fail = (code: string, message: string): HostResult<never> => ({ ok: false, error: { code: code as 'internal', message } });
    const record = (op: string, payload: unknown) => this.host.calls.push({ op, payload: structuredClone(payload) });
    const studyOf = (payload: unknown): unknown => {
      const p = payload as { studyId?: unknown; study?: { id?: unknown }; session?: { studyId?: unknown } };
      return p?.studyId ?? p?.study?.id ?? p?.session?.studyId;
    };
    // Every operation on a locked study is refused, as the real host does.
    for (const op of ['openStudy', 'saveStudy', 'saveSession', 'deleteSession', 'listSessionVersions'] as Op[]) {
      bridge[op] = async (payload: unknown) => {
        if (this.isLocked(studyOf(payload))) {
          record(op, payload);
          return fail('study_locked', 'the study is locked');
        }
        return inner[op](payload);
      };
    }
    bridge.studyChanges = async (payload: unknown) => {
      const result = (await inner.studyChanges(payload)) as HostResult<{ version: number }>;
      if (result.ok && this.isLocked(studyOf(payload))) return { ok: true, value: { ...result.value, locked: true } };
      return result;
    };
    bridge.listStudies = async (payload: unknown) => {
      const result = (await inner.listStudies(payload)) as HostResult<{ id: string; title: string; description: string }[]>;
      if (!result.ok) return result;
      return {
        ok: true,
        value: result.value.map((s) =>
          !this.encrypted.has(s.id) ? { ...s, encryption: 'none' } : this.unlocked.has(s.id) ? { ...s, encryption: 'unlocked' } : { ...s, title: '', description: '', encryption: 'locked' },
        ),
      };
    };
    bridge.unlockStudy = async (payload: unknown) => {
      record('unlockStudy', payload);
      const p = payload as { studyId: string; passphrase?: string; recoveryKey?: string };
      const words = p.recoveryKey?.trim().toLowerCase().split(/\s+/).join(' ');
      if (!this.encrypted.has(p.studyId)) return fail('not_found', 'not encrypted');
      if (p.passphrase !== this.passphrase && words !== this.recoveryKey) return fail('wrong_passphrase', 'neither opens it');
      this.unlocked.add(p.studyId);
      return { ok: true, value: { studyId: p.studyId } };
    };
    bridge.lockStudy = async (payload: unknown) => {
      record('lockStudy', payload);
      const { studyId } = payload as { studyId: string | null };
      const locked = [...this.unlocked].filter((id) => studyId === null || id === studyId);
      for (const id of locked) this.unlocked.delete(id);
      return { ok: true, value: { locked } };
    };
  }
}
