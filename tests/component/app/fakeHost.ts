import { dispatchHostCall } from '../../../shared/contract/dispatch';
import {
  HOST_OPS,
  HostError,
  type HostHandlers,
  type LoadProblem,
  type Prefs,
  type SessionVersion,
  type TrashEntry,
} from '../../../shared/contract/hostContract';
import { newSession, newStudy } from '../../../shared/model/defaults';
import type { Session } from '../../../shared/model/session';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import libraryFile from '../../../resources/stakeholders.json';

export const LIBRARY = libraryFile.stakeholders as Stakeholder[];
export const NOW = '2026-02-01T09:00:00.000Z';

/**
 * An in-memory host behind `window.pimapHost`, validated by the real dispatcher so a
 * payload the real host would refuse is refused here too. Tests read what was "saved"
 * from it, and can make an operation fail to see how the UI copes.
 */
export class FakeHost {
  studies = new Map<string, Study>();
  sessions = new Map<string, Session>();
  trash: (TrashEntry & { study?: Study; sessions: Session[] })[] = [];
  versions = new Map<string, (SessionVersion & { session: Session })[]>();
  problems = new Map<string, LoadProblem[]>();
  prefs: Prefs = { language: 'en', largeText: false, lastStudyId: null, recentStudyIds: [] };
  /** Every call, in order, for assertions about what the UI asked for. */
  calls: { op: string; payload: unknown }[] = [];
  /** Make an operation fail with this error until cleared. */
  failing = new Map<string, HostError>();
  /** Hold an operation until the returned function is called (a slow disk). */
  hold(op: string): () => void {
    let release!: () => void;
    this.holds.set(op, new Promise<void>((r) => (release = r)));
    return () => {
      this.holds.delete(op);
      release();
    };
  }
  private holds = new Map<string, Promise<void>>();
  private clock = 0;

  private now(): string {
    this.clock++;
    return new Date(Date.parse(NOW) + this.clock * 1000).toISOString();
  }

  sessionsOf(studyId: string): Session[] {
    return [...this.sessions.values()].filter((s) => s.studyId === studyId);
  }

  addStudy(study: Study, sessions: Session[] = []): void {
    this.studies.set(study.id, structuredClone(study));
    for (const s of sessions) this.sessions.set(s.id, structuredClone(s));
  }

  /** What `studyChanges` answers: bump it after changing a study behind the app's back. */
  diskChanges = 0;

  // Only the operations the shell uses; any other is answered with an error by the dispatcher.
  private readonly handlers: Partial<HostHandlers> = {
    appInfo: async () => ({ name: 'Power–Interest Mapper', version: '0.1.0', host: 'test', dataDir: '/fake/data' }),
    getLibrary: async () => structuredClone(LIBRARY),
    listStudies: async () =>
      [...this.studies.values()].map((s) => ({
        id: s.id,
        title: s.title,
        description: s.description,
        updatedAt: s.updatedAt,
        sessionCount: this.sessionsOf(s.id).length,
        cohortCount: s.cohorts.length,
      })),
    createStudy: async ({ study }) => {
      if (this.studies.has(study.id)) throw new HostError('conflict', 'a study with this id exists');
      this.studies.set(study.id, { ...structuredClone(study), revision: 1 });
      return { savedAt: this.now(), revision: 1 };
    },
    // Compare-and-replace like the real host: a save based on another revision is refused.
    saveStudy: async ({ study, baseRevision }) => {
      const stored = this.studies.get(study.id);
      if (stored && stored.revision !== baseRevision) throw new HostError('conflict', `study changed elsewhere (revision ${stored.revision})`);
      this.studies.set(study.id, { ...structuredClone(study), revision: baseRevision + 1 });
      return { savedAt: this.now(), revision: baseRevision + 1 };
    },
    // The files' change counter (StudyWatcher); a test bumps `diskChanges` after changing a study "on disk".
    studyChanges: async () => ({ version: this.diskChanges }),
    openStudy: async ({ studyId }) => {
      const study = this.studies.get(studyId);
      if (!study) throw new HostError('not_found', `no study ${studyId}`);
      return { study: structuredClone(study), sessions: structuredClone(this.sessionsOf(studyId)), problems: this.problems.get(studyId) ?? [] };
    },
    deleteStudy: async ({ studyId }) => {
      const study = this.studies.get(studyId);
      if (!study) throw new HostError('not_found', `no study ${studyId}`);
      const sessions = this.sessionsOf(studyId);
      this.studies.delete(studyId);
      for (const s of sessions) this.sessions.delete(s.id);
      const trashId = `t-${this.trash.length + 1}`;
      this.trash.push({ trashId, kind: 'study', studyId, label: study.title, deletedAt: this.now(), study, sessions });
      return { trashId };
    },
    listTrash: async () => this.trash.map(({ trashId, kind, studyId, label, deletedAt }) => ({ trashId, kind, studyId, label, deletedAt })),
    restoreFromTrash: async ({ trashId }) => {
      const entry = this.trash.find((e) => e.trashId === trashId);
      if (!entry) throw new HostError('not_found', `nothing in the trash called ${trashId}`);
      this.trash = this.trash.filter((e) => e !== entry);
      if (entry.study) this.studies.set(entry.study.id, entry.study);
      for (const s of entry.sessions) this.sessions.set(s.id, s);
      return { studyId: entry.studyId };
    },
    saveSession: async ({ session, baseRevision }) => {
      const stored = this.sessions.get(session.id);
      if ((stored?.revision ?? 0) !== baseRevision) throw new HostError('conflict', `session changed elsewhere (revision ${stored?.revision ?? 0})`);
      session = { ...session, revision: baseRevision + 1 };
      this.sessions.set(session.id, structuredClone(session));
      const list = this.versions.get(session.id) ?? [];
      const placed = Object.values(session.placements).filter((p) => p.status === 'placed').length;
      list.push({ versionId: `v${list.length + 1}`, savedAt: this.now(), kind: 'recent', placed, unknown: 0, notDiscussed: 0, session: structuredClone(session) });
      this.versions.set(session.id, list);
      return { savedAt: this.now(), revision: session.revision };
    },
    deleteSession: async ({ studyId, sessionId }) => {
      const session = this.sessions.get(sessionId);
      if (!session || session.studyId !== studyId) throw new HostError('not_found', `no session ${sessionId}`);
      this.sessions.delete(sessionId);
      const trashId = `t-${this.trash.length + 1}`;
      this.trash.push({ trashId, kind: 'session', studyId, label: session.code, deletedAt: this.now(), sessions: [session] });
      return { trashId };
    },
    listSessionVersions: async ({ sessionId }) => (this.versions.get(sessionId) ?? []).map(({ session, ...v }) => ({ ...v, placements: structuredClone(session.placements) })),
    restoreSessionVersion: async ({ sessionId, versionId }) => {
      const v = (this.versions.get(sessionId) ?? []).find((x) => x.versionId === versionId);
      if (!v) throw new HostError('not_found', `no version ${versionId}`);
      const revision = (this.sessions.get(sessionId)?.revision ?? v.session.revision) + 1;
      const restored = { ...structuredClone(v.session), revision };
      this.sessions.set(sessionId, restored);
      for (const [studyId, list] of this.problems) this.problems.set(studyId, list.filter((p) => p.sessionId !== sessionId));
      return { session: structuredClone(restored), savedAt: this.now(), revision };
    },
    getPrefs: async () => structuredClone(this.prefs),
    setPrefs: async (patch) => {
      this.prefs = { ...this.prefs, ...patch };
      return structuredClone(this.prefs);
    },
  };

  /** Install as `window.pimapHost`, the bridge the Electron preload provides. */
  install(): void {
    const bridge = Object.fromEntries(
      HOST_OPS.map((op) => [
        op,
        async (payload: unknown) => {
          this.calls.push({ op, payload: structuredClone(payload) });
          const held = this.holds.get(op);
          if (held) await held;
          const failure = this.failing.get(op);
          if (failure) return { ok: false, error: { code: failure.code, message: failure.message } };
          return dispatchHostCall(this.handlers as HostHandlers, op, payload);
        },
      ]),
    );
    window.pimapHost = bridge as unknown as NonNullable<Window['pimapHost']>;
  }
}

/** A study with the first `n` library stakeholders. */
export function makeStudy(id: string, title: string, n = 6): Study {
  return newStudy({ id, title, description: `About ${title}`, now: NOW, stakeholders: LIBRARY.slice(0, n) });
}

export function makeSession(study: Study, id: string, code: string, over: Partial<Session> = {}): Session {
  return { ...newSession({ id, studyId: study.id, code, kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now: NOW, consent: true }), ...over };
}
