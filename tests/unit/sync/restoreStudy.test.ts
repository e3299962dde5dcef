import { describe, expect, it } from 'vitest';
import { buildBackup, buildBundle, type HistoryEntry } from '../../../shared/export/studyFile';
import type { Session } from '../../../shared/model/session';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { parseConflictCopy } from '../../../shared/sync/conflictCopies';
import { conflictCopyName, planRestore, sameSessionContent, type LocalStudy, type RestorePlan } from '../../../shared/sync/restoreStudy';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';

/**
 * The restore planner: what restoring a backup writes, by the sync's rules — a new study
 * as it is; into a local copy, study.json merged add-wins, new sessions added, local ones
 * kept, identical ones left alone, and a session changed on both sides kept twice (the
 * backup's as a conflict copy), never overwriting anything.
 */
const S = 'study-a';
const NOW = new Date('2026-12-03T09:20:05.000Z');
const A = { id: 'dev-a', name: 'Asha (app)' };
const B = { id: 'dev-b', name: 'Bikash (app)' };

const custom = (id: string, name: string): Stakeholder => ({ id, name, short: name.slice(0, 24), description: '', category: 'community', labels: {}, retired: false, custom: true });
const saved = <T extends Study | Session>(doc: T, revision: number, writer = A): T => ({ ...structuredClone(doc), revision, writer });

function study(at: string, change: (s: Study) => void = () => undefined): Study {
  const s = saved(makeStudy(S), 3);
  s.updatedAt = at;
  change(s);
  return s;
}

function plan(local: LocalStudy | null, backup: ReturnType<typeof buildBackup>): RestorePlan {
  const r = planRestore(local, backup, { now: NOW });
  if (!r.ok) throw new Error(r.problem);
  return r.plan;
}

const version = (session: Session, versionId: string): HistoryEntry => ({ sessionId: session.id, versionId, session });

describe('planRestore with no local copy', () => {
  it('writes the study and every session as they are, with all the history', () => {
    const st = study('2026-12-01T10:00:00.000Z');
    const s1 = saved(makeSession(S, 's1', 'FGD 1', 4), 7, B);
    const s2 = saved(makeSession(S, 's2', 'FGD 2', 1), 2);
    const history = [version(saved(makeSession(S, 's1', 'FGD 1', 3), 6, B), '20261201T100000000Z'), version(s1, '20261201T100500000Z')];
    const p = plan(null, buildBackup(st, [s1, s2], { exportedAt: NOW.toISOString(), history }));
    expect(p.createStudy).toEqual(st);
    expect(p.saveStudy).toBeNull();
    // As they are: the revision and writer of the backup, not restamped.
    expect(p.addSessions).toEqual([s1, s2]);
    expect(p.conflictCopies).toEqual([]);
    expect(p.history).toEqual(history);
    expect(p.summary).toMatchObject({ studyId: S, created: true, studyChanged: true, addedSessions: ['FGD 1', 'FGD 2'], conflicts: [], historyAdded: 2 });
    expect(p.summary.added.stakeholders).toHaveLength(12);
  });
});

describe('planRestore into a local copy', () => {
  const base = study('2026-12-01T10:00:00.000Z');
  const localStudy = study('2026-12-02T10:00:00.000Z', (s) => s.stakeholders.push(custom('sh-boatmen', 'Boatmen association')));
  const backupStudy = study('2026-12-02T11:00:00.000Z', (s) => {
    s.stakeholders.push(custom('sh-brokers', 'Labour brokers'));
    s.cohorts.push({ id: 'teachers', name: 'Teachers', colour: '#336699', shape: 'star' });
    s.rounds.push({ id: 'midline', name: 'Midline' });
  });

  it('merges study.json add-wins by id, saved over the local revision', () => {
    const p = plan({ study: localStudy, sessions: [] }, buildBackup(backupStudy, [], { exportedAt: NOW.toISOString() }));
    expect(p.createStudy).toBeNull();
    expect(p.saveStudy?.baseRevision).toBe(3);
    expect(p.saveStudy?.study.stakeholders.map((s) => s.id).slice(-2)).toEqual(['sh-boatmen', 'sh-brokers']);
    expect(p.saveStudy?.study.cohorts.map((c) => c.id)).toContain('teachers');
    expect(p.saveStudy?.study.rounds.map((r) => r.id)).toContain('midline');
    expect(p.summary.added).toEqual({ stakeholders: ['Labour brokers'], cohorts: ['Teachers'], rounds: ['Midline'] });
    expect(p.summary.studyChanged).toBe(true);
  });

  it('leaves study.json alone when the backup adds nothing to it', () => {
    const p = plan({ study: localStudy, sessions: [] }, buildBackup(base, [], { exportedAt: NOW.toISOString() }));
    expect(p.saveStudy).toBeNull();
    expect(p.summary).toMatchObject({ studyChanged: false, added: { stakeholders: [], cohorts: [], rounds: [] } });
  });

  it('adds a session only in the backup, keeps one only local, and does nothing for one that is the same apart from revision and writer', () => {
    const onlyBackup = saved(makeSession(S, 's3', 'FGD 3', 2), 5, B);
    const onlyLocal = saved(makeSession(S, 's4', 'FGD 4', 2), 1);
    const same = makeSession(S, 's1', 'FGD 1', 1);
    const p = plan(
      { study: base, sessions: [saved(same, 9, A), onlyLocal] },
      buildBackup(base, [saved(same, 4, B), onlyBackup], { exportedAt: NOW.toISOString() }),
    );
    expect(p.addSessions).toEqual([onlyBackup]);
    expect(p.conflictCopies).toEqual([]);
    expect(p.summary).toMatchObject({ addedSessions: ['FGD 3'], unchangedSessions: ['FGD 1'], localOnlySessions: ['FGD 4'], conflicts: [] });
  });

  it('keeps a session changed on both sides twice: the local file stays, the backup version goes beside it as a conflict copy', () => {
    const ours = saved(makeSession(S, 's1', 'FGD 1', 2), 6, A);
    const theirs = saved(makeSession(S, 's1', 'FGD 1', 3), 6, B);
    const p = plan({ study: base, sessions: [ours] }, buildBackup(base, [theirs], { exportedAt: NOW.toISOString() }));
    expect(p.addSessions).toEqual([]);
    expect(p.conflictCopies).toEqual([{ sessionId: 's1', code: 'FGD 1', fileName: 's1.sync-conflict-20261203-092005-RESTORE.json', session: theirs }]);
    // The name a sync tool gives, so storage reports it like any sync conflict copy.
    expect(parseConflictCopy(p.conflictCopies[0]!.fileName)).toEqual({ original: 's1.json', device: 'RESTORE', tool: 'syncthing' });
    expect(p.summary.conflicts).toEqual([{ sessionId: 's1', code: 'FGD 1', fileName: 's1.sync-conflict-20261203-092005-RESTORE.json' }]);
    expect(p.summary.unchangedSessions).toEqual([]);
  });

  it('never takes a file name in use, and adds no second copy when the same version is already kept beside the session', () => {
    const ours = saved(makeSession(S, 's1', 'FGD 1', 2), 6);
    const theirs = saved(makeSession(S, 's1', 'FGD 1', 3), 6, B);
    const backup = buildBackup(base, [theirs], { exportedAt: NOW.toISOString() });
    const inUse = 's1.sync-conflict-20261203-092005-RESTORE.json';
    const other = saved(makeSession(S, 's1', 'FGD 1', 8), 6, B);
    const bumped = plan({ study: base, sessions: [ours], conflictCopies: [{ fileName: inUse, session: other }], fileNames: ['s1.json', inUse] }, backup);
    expect(bumped.conflictCopies.map((c) => c.fileName)).toEqual(['s1.sync-conflict-20261203-092006-RESTORE.json']);
    // The same backup restored a second time: its version is already there.
    const again = plan({ study: base, sessions: [ours], conflictCopies: [{ fileName: inUse, session: saved(theirs, 1) }], fileNames: ['s1.json', inUse] }, backup);
    expect(again.conflictCopies).toEqual([]);
    expect(again.summary.alreadyKept).toEqual([{ sessionId: 's1', code: 'FGD 1', fileName: inUse }]);
    expect(conflictCopyName('s1', NOW, 'RESTORE', new Set())).toBe(inUse);
  });

  it('adds history versions only where the local history does not have them', () => {
    const s1 = saved(makeSession(S, 's1', 'FGD 1', 2), 3);
    const h = [version(saved(makeSession(S, 's1', 'FGD 1', 0), 1), '20261201T100000000Z'), version(saved(makeSession(S, 's1', 'FGD 1', 1), 2), '20261201T100500000Z'), version(s1, '20261201T101000000Z')];
    const p = plan(
      { study: base, sessions: [s1], historyIds: { s1: ['20261201T100000000Z', '20261201T101000000Z'] } },
      buildBackup(base, [s1], { exportedAt: NOW.toISOString(), history: h }),
    );
    expect(p.history.map((x) => x.versionId)).toEqual(['20261201T100500000Z']);
    expect(p.summary.historyAdded).toBe(1);
  });
});

describe('planRestore refuses', () => {
  it('a redacted export (not a backup) and a local study of another id', () => {
    const st = study('2026-12-01T10:00:00.000Z');
    const redacted = buildBundle(st, [makeSession(S, 's1', 'FGD 1')], { exportedAt: NOW.toISOString(), redact: true });
    expect(planRestore(null, redacted, { now: NOW })).toEqual({ ok: false, problem: expect.stringContaining('not a backup') });
    const other = { ...st, id: 'study-b' };
    expect(planRestore({ study: other, sessions: [] }, buildBackup(st, [], { exportedAt: NOW.toISOString() }), { now: NOW })).toMatchObject({ ok: false });
  });

  it('a merge that would not be valid settings together', () => {
    const many = (prefix: string) => Array.from({ length: 260 }, (_, i) => custom(`${prefix}-${i}`, `${prefix} ${i}`));
    const local = study('2026-12-02T10:00:00.000Z', (s) => (s.stakeholders = many('a')));
    const theirs = study('2026-12-02T11:00:00.000Z', (s) => (s.stakeholders = many('b')));
    const r = planRestore({ study: local, sessions: [] }, buildBackup(theirs, [], { exportedAt: NOW.toISOString() }), { now: NOW });
    expect(r).toMatchObject({ ok: false, problem: expect.stringContaining('not valid settings') });
  });
});

describe('sameSessionContent', () => {
  it('ignores revision, writer and key order, nothing else', () => {
    const s = makeSession(S, 's1', 'FGD 1', 1);
    const reordered = Object.fromEntries(Object.entries(saved(s, 8, B)).reverse()) as Session;
    expect(sameSessionContent(s, reordered)).toBe(true);
    expect(sameSessionContent(s, { ...s, updatedAt: '2026-12-03T00:00:00.000Z' })).toBe(false);
  });
});
