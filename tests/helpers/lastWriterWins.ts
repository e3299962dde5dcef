import { StudyRepository, type RepositoryOptions } from '../../electron/services/storage/studyRepository';
import type { Session } from '../../shared/model/session';
import type { Study } from '../../shared/model/study';

/**
 * A repository whose saves are based on whatever revision is on disk at that moment
 * (last writer wins), unless a test passes a base revision itself. For the many tests
 * about something other than conflicts (crash safety, history, full disks), which save
 * the same document again and again, sometimes from a fresh repository after a "crash".
 * Tests of compare-and-replace use StudyRepository directly.
 */
export function lastWriterWins(dataDir: string, opts?: RepositoryOptions): StudyRepository {
  const repo = new StudyRepository(dataDir, opts);
  const overrides: Partial<StudyRepository> = {
    saveStudy: async (study: Study, base?: number) =>
      repo.saveStudy(study, base ?? (await repo.revisionOnDisk({ kind: 'study', studyId: study.id })) ?? study.revision),
    saveSession: async (session: Session, base?: number) =>
      repo.saveSession(session, base ?? (await repo.revisionOnDisk({ kind: 'session', studyId: session.studyId, sessionId: session.id })) ?? session.revision),
  };
  return new Proxy(repo, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop as keyof StudyRepository];
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A document without the fields the host sets on every save, to compare what was saved with what was asked. */
export function content<T extends { revision: number; writer: unknown }>(doc: T): Omit<T, 'revision' | 'writer'> {
  const { revision: _r, writer: _w, ...rest } = doc;
  return rest;
}
