import { describe, expect, it } from 'vitest';
import { HostError, type StudySummary } from '../../../shared/contract/hostContract';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { describeCsvError, importCsv, previewCsvImport, type ImportHandlers } from '../../../electron/services/csvImport';
import { loadLibrary } from '../../helpers/studyGenerator';

const CSV = ['study,session,cohort,round,stakeholder,power,interest', 'T,S1,Survivors,,Police,9,1', 'T,S2,Survivors,,Police,8,2', 'T,S3,Survivors,,Police,7,3'].join('\n');
const SAVED = { savedAt: '2026-03-01T10:00:00.000Z' };

/** Host handlers over memory, recording every write, with an optional failure on the n-th session save. */
function memoryHandlers(failOnSave?: number) {
  const studies = new Map<string, Study>();
  const sessions = new Map<string, Session>();
  const revisions = new Map<string, number>();
  const log: string[] = [];
  let saves = 0;
  const handlers: ImportHandlers = {
    listStudies: async () => [...studies.values()].map((s): StudySummary => ({ id: s.id, title: s.title, description: '', updatedAt: s.updatedAt, sessionCount: 0, cohortCount: s.cohorts.length })),
    openStudy: async ({ studyId }) => ({
      study: studies.get(studyId)!,
      sessions: [...sessions.values()].filter((s) => s.studyId === studyId).map((s) => ({ ...s, revision: revisions.get(s.id) ?? 0 })),
      problems: [],
    }),
    createStudy: async ({ study }) => (log.push(`createStudy ${study.id}`), studies.set(study.id, { ...study, revision: 1 }), { ...SAVED, revision: 1 }),
    saveStudy: async ({ study, baseRevision }) => {
      log.push(`saveStudy ${study.id}`);
      studies.set(study.id, { ...study, revision: baseRevision + 1 });
      return { ...SAVED, revision: baseRevision + 1 };
    },
    saveSession: async ({ session, baseRevision }) => {
      if (++saves === failOnSave) throw new HostError('disk_full', 'The disk is full');
      // Compare-and-replace like the repository: a session changed since it was read is refused.
      if ((revisions.get(session.id) ?? 0) !== baseRevision) throw new HostError('conflict', `${session.code} changed elsewhere`);
      log.push(`saveSession ${session.code}`);
      sessions.set(session.id, session);
      revisions.set(session.id, baseRevision + 1);
      return { ...SAVED, revision: baseRevision + 1 };
    },
    deleteSession: async ({ sessionId }) => (log.push(`deleteSession ${sessions.get(sessionId)?.code}`), sessions.delete(sessionId), { trashId: 't' }),
    deleteStudy: async ({ studyId }) => (log.push(`deleteStudy ${studyId}`), studies.delete(studyId), { trashId: 't' }),
    getLibrary: async () => loadLibrary(),
  };
  return { handlers, studies, sessions, log };
}

let n = 0;
const newId = () => `id-${++n}`;

describe('csvImport (shared by pimap import and the app)', () => {
  it('previews without writing anything', async () => {
    const m = memoryHandlers();
    const preview = await previewCsvImport(m.handlers, CSV, { newId });
    expect(preview.ok).toBe(true);
    if (preview.ok) expect(preview.plan.sessions).toHaveLength(3);
    expect(m.log).toEqual([]);
  });

  it('writes the study first, then each session', async () => {
    const m = memoryHandlers();
    const r = await importCsv(m.handlers, CSV, { newId });
    expect(r.ok).toBe(true);
    expect(m.log).toEqual([expect.stringMatching(/^createStudy /), 'saveSession S1', 'saveSession S2', 'saveSession S3']);
  });

  it('undoes what it wrote when the disk fails part-way, and rethrows the error', async () => {
    const m = memoryHandlers(3);
    await expect(importCsv(m.handlers, CSV, { newId })).rejects.toThrow('The disk is full');
    expect(m.studies.size).toBe(0);
    expect(m.log.at(-1)).toMatch(/^deleteStudy /);
  });

  it('restores updated sessions and deletes created ones when extending a study fails', async () => {
    const m = memoryHandlers();
    await importCsv(m.handlers, CSV, { newId });
    const before = JSON.stringify([...m.sessions.values()]);
    const failing = memoryHandlers(2);
    // Same state, failing disk: copy the stored study and sessions over.
    for (const [k, v] of m.studies) failing.studies.set(k, v);
    for (const [k, v] of m.sessions) failing.sessions.set(k, v);
    const more = ['study,session,cohort,stakeholder,power,interest', 'T,S1,Survivors,Police,5,5', 'T,S9,Survivors,Police,5,5', 'T,S10,Survivors,Police,5,5'].join('\n');
    await expect(importCsv(failing.handlers, more, { newId })).rejects.toThrow('The disk is full');
    expect(failing.log).toEqual(['saveSession S1', 'saveSession S1']);
    expect(JSON.stringify([...failing.sessions.values()])).toBe(before);
  });

  it('refuses a title shared by two studies', async () => {
    const m = memoryHandlers();
    await importCsv(m.handlers, CSV, { newId });
    await importCsv(m.handlers, CSV.replace(/^T,/gm, 'U,'), { newId });
    const [, second] = [...m.studies.values()];
    second!.title = 'T';
    const r = await importCsv(m.handlers, CSV, { newId });
    expect(r).toMatchObject({ ok: false, problem: { code: 'ambiguous_study', title: 'T' } });
  });

  it('words every error code for the command line', () => {
    expect(describeCsvError({ line: 12, column: 'power', code: 'out_of_range', params: { value: '11' } })).toBe('line 12, power: 11 is outside the scale 0–10');
    expect(describeCsvError({ line: 3, code: 'field_count', params: { expected: 12, found: 8 } })).toBe('line 3: the row has 8 fields; the header has 12');
  });
});
