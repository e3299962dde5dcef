import { describe, expect, it } from 'vitest';
import { parseLongFormat } from '../../../shared/csv/longFormat';
import { planImport, shortenLabel, type ImportPlan } from '../../../shared/csv/planImport';
import { newStudy } from '../../../shared/model/defaults';
import { OKABE_ITO } from '../../../shared/model/palette';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { loadLibrary } from '../../helpers/studyGenerator';

const HEADER = 'study,session,cohort,round,stakeholder,status,power,interest,contested,alt_power,alt_interest,note';
const NOW = '2026-03-01T10:00:00.000Z';
const counter = () => {
  let i = 0;
  return () => `id-${++i}`;
};
const rowsOf = (...lines: string[]) => {
  const parsed = parseLongFormat([HEADER, ...lines].join('\n'));
  expect(parsed.errors).toEqual([]);
  return parsed.rows;
};
function ok(plan: ImportPlan) {
  if (!plan.ok) throw new Error(`expected a plan, got ${JSON.stringify(plan.errors)}`);
  return plan;
}

describe('planImport into a new study', () => {
  const library = loadLibrary();
  const plan = ok(
    planImport(
      null,
      [],
      rowsOf(
        'Two districts,FGD 1,survivors,Baseline,police,,9,1,,,,',
        'Two districts,FGD 1,Survivors,Endline,Panchayat,,8,2,,,,',
        'Two districts,FGD 1,Survivors,Endline,BDO,unknown,,,,,,',
        'Two districts,T-1,Teachers group,Midline,Madrasa committee,,4,6,,,,',
        'Two districts,T-1,Teachers group,Midline,Village elders,,4,6,,,,',
        'Two districts,X-1,Duty bearers,,ASHA,,3,8,yes,5,5,"reason, with comma"',
      ),
      { newId: counter(), now: NOW, library },
    ),
  );

  it('creates the study from the library, titled from the file', () => {
    expect(plan.studyCreated).toBe(true);
    expect(plan.studyChanged).toBe(true);
    expect(plan.study.id).toBe('id-1');
    expect(plan.study.title).toBe('Two districts');
    expect(plan.study.createdAt).toBe(NOW);
    // Only what the file names: four library entries (in library order, with their labels), then the two new names.
    expect(plan.study.stakeholders.map((s) => s.id)).toEqual(['bdo', 'gram-panchayat', 'police', 'asha', ...plan.newStakeholders.map((s) => s.id)].sort((a, b) => rank(a) - rank(b)));
    expect(plan.libraryStakeholders.map((s) => s.id).sort()).toEqual(['asha', 'bdo', 'gram-panchayat', 'police']);
    expect(plan.study.stakeholders.find((s) => s.id === 'police')).toEqual(library.find((s) => s.id === 'police'));
  });
  const rank = (id: string) => {
    const i = library.findIndex((s) => s.id === id);
    return i < 0 ? library.length + plan.newStakeholders.findIndex((s) => s.id === id) : i;
  };

  it('creates the same study, with the same ids, colours and order, whatever the order of the rows', () => {
    const lines = [
      'Two districts,FGD 1,survivors,Baseline,police,,9,1,,,,',
      'Two districts,FGD 1,Survivors,Endline,Panchayat,,8,2,,,,',
      'Two districts,T-1,Teachers group,Midline,Madrasa committee,,4,6,,,,',
      'Two districts,T-2,Parents,Round 7,Village elders,,4,6,,,,',
      'Two districts,X-1,Duty bearers,,ASHA,,3,8,yes,5,5,"reason, with comma"',
    ];
    const canonical = (p: ImportPlan) => {
      const o = ok(p);
      return JSON.stringify({ study: o.study, sessions: [...o.sessions].map((x) => x.session).sort((a, b) => (a.id < b.id ? -1 : 1)) });
    };
    const first = canonical(planImport(null, [], rowsOf(...lines), { newId: counter(), now: NOW, library }));
    for (const order of [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 3, 0, 4, 2]]) {
      expect(canonical(planImport(null, [], rowsOf(...order.map((i) => lines[i]!)), { newId: counter(), now: NOW, library }))).toBe(first);
    }
  });

  it('matches stakeholders by name or short label ignoring case, and makes custom ones for new names', () => {
    const placed = plan.sessions.flatMap((p) => Object.keys(p.session.placements));
    expect(placed).toEqual(expect.arrayContaining(['police', 'gram-panchayat', 'bdo', 'asha']));
    expect(plan.newStakeholders.map((s) => [s.name, s.short, s.custom])).toEqual([
      ['Madrasa committee', 'Madrasa committee', true],
      ['Village elders', 'Village elders', true],
    ]);
  });

  it('matches cohorts and rounds by name or id; creates new ones with the next Okabe–Ito colour and shape', () => {
    expect(plan.newCohorts).toEqual([{ id: expect.any(String), name: 'Teachers group', colour: OKABE_ITO.bluishGreen, shape: 'star' }]);
    expect(plan.newRounds).toEqual([{ id: expect.any(String), name: 'Midline' }]);
    const byCode = (code: string, round: string | null) => plan.sessions.find((p) => p.session.code === code && p.session.roundId === round)!.session;
    expect(byCode('FGD 1', 'baseline').cohortId).toBe('survivors');
    expect(byCode('FGD 1', 'endline').cohortId).toBe('survivors');
    expect(byCode('X-1', null).cohortId).toBe('duty-bearers');
  });

  it('identifies sessions by code and round: one code in two rounds is two sessions', () => {
    expect(plan.sessions.map((p) => [p.session.code, p.session.roundId, p.action])).toEqual([
      ['FGD 1', 'baseline', 'created'],
      ['FGD 1', 'endline', 'created'],
      ['T-1', plan.newRounds[0]!.id, 'created'],
      ['X-1', null, 'created'],
    ]);
    const x1 = plan.sessions[3]!.session;
    expect(x1.placements.asha).toEqual({ status: 'placed', position: { power: 3, interest: 8 }, contested: true, alt: { power: 5, interest: 5 }, note: 'reason, with comma' });
    expect(x1).toMatchObject({ studyId: plan.study.id, kind: 'fgd', consent: false, createdAt: NOW, updatedAt: NOW });
  });
});

describe('planImport into an existing study', () => {
  const base = (): Study => {
    const study = newStudy({ id: 'study-1', title: 'Existing', now: '2026-01-01T00:00:00.000Z', stakeholders: loadLibrary() });
    const police = study.stakeholders.find((s) => s.id === 'police')!;
    police.labels = { bn: { name: 'স্থানীয় থানা', short: 'পুলিশ' }, hi: { name: 'स्थानीय थाना', short: 'पुलिस' } };
    return study;
  };
  const existingSession = (over: Partial<Session> = {}): Session => ({
    format: 'pimap/session',
    version: 2,
    revision: 1,
    writer: null,
    id: 'sess-1',
    studyId: 'study-1',
    code: 'FGD 1',
    kind: 'fgd',
    cohortId: 'survivors',
    roundId: 'baseline',
    date: '',
    place: '',
    facilitator: '',
    participants: 6,
    consent: true,
    notes: '',
    locked: false,
    placements: {
      police: { status: 'placed', position: { power: 9, interest: 1 }, contested: false, alt: null, note: 'kept?' },
      asha: { status: 'placed', position: { power: 3, interest: 8 }, contested: false, alt: null, note: 'kept' },
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });

  it('matches stakeholders by their Bengali and Hindi labels', () => {
    const plan = ok(planImport(base(), [], rowsOf(',S1,Survivors,,পুলিশ,,9,1,,,,', ',S2,Survivors,,स्थानीय थाना,,9,2,,,,'), { newId: counter(), now: NOW }));
    expect(plan.sessions.map((p) => Object.keys(p.session.placements))).toEqual([['police'], ['police']]);
    expect(plan.newStakeholders).toEqual([]);
    expect(plan.studyChanged).toBe(false);
  });

  it('updates an existing session (same code, any case, same round): the file replaces its rows, other placements stay', () => {
    const study = base();
    const plan = ok(planImport(study, [existingSession()], rowsOf(',fgd 1,Survivors,Baseline,Police,,7,4,,,,new reason'), { newId: counter(), now: NOW }));
    expect(plan.sessions).toHaveLength(1);
    const { session, action } = plan.sessions[0]!;
    expect(action).toBe('updated');
    expect(session.id).toBe('sess-1');
    expect(session.code).toBe('FGD 1');
    expect(session.placements.police).toEqual({ status: 'placed', position: { power: 7, interest: 4 }, contested: false, alt: null, note: 'new reason' });
    expect(session.placements.asha!.note).toBe('kept');
    expect(session.updatedAt).toBe(NOW);
    expect(session.consent).toBe(true);
    expect(plan.studyCreated).toBe(false);
    expect(plan.study.updatedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses a locked session, a session moved to another cohort, and conflicting rows — and plans nothing', () => {
    const study = base();
    const before = JSON.stringify(study);
    const plan = planImport(
      study,
      [existingSession({ locked: true }), existingSession({ id: 'sess-2', code: 'DB 1', cohortId: 'duty-bearers' })],
      rowsOf(
        ',FGD 1,Survivors,Baseline,Police,,7,4,,,,', // 2: locked
        ',DB 1,Survivors,Baseline,Police,,7,4,,,,', // 3: existing session is duty bearers
        ',NEW,Survivors,,Police,,7,4,,,,', // 4
        ',new,Survivors,,Local police station,,7,4,,,,', // 5: the same session and stakeholder again
        ',NEW,Duty bearers,,ASHA,,3,8,,,,', // 6: the same session in another cohort
        'Another title,NEW,Survivors,,BDO,,3,8,,,,', // 7: first line naming a study
        'Different,NEW,Survivors,,WDO,,3,8,,,,', // 8: mixed study titles
      ),
      { newId: counter(), now: NOW },
    );
    expect(plan.ok).toBe(false);
    expect(plan.errors).toEqual([
      { line: 2, column: 'session', code: 'session_locked', params: { session: 'FGD 1' } },
      { line: 3, column: 'cohort', code: 'session_cohort_changed', params: { session: 'DB 1', existing: 'Duty bearers', value: 'Survivors' } },
      { line: 5, column: 'stakeholder', code: 'duplicate_row', params: { firstLine: 4 } },
      { line: 6, column: 'cohort', code: 'cohort_mismatch', params: { value: 'Duty bearers', first: 'Survivors', firstLine: 4 } },
      { line: 8, column: 'study', code: 'mixed_studies', params: { value: 'Different', first: 'Another title' } },
    ]);
    expect(JSON.stringify(study)).toBe(before);
  });

  it('reports a name that is two stakeholders’ labels as ambiguous', () => {
    const study = base();
    study.stakeholders.push({ ...study.stakeholders.find((s) => s.id === 'bdo')!, id: 'bdo-2', name: 'Block office' });
    const plan = planImport(study, [], rowsOf(',S,Survivors,,bdo,,5,5,,,,'), { newId: counter(), now: NOW });
    expect(plan.errors).toEqual([{ line: 2, column: 'stakeholder', code: 'ambiguous_stakeholder', params: { value: 'bdo', candidates: 'bdo, bdo-2' } }]);
  });

  it('lets the model have the last word: more than 50 cohorts is reported, not written', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `,S${i},Cohort ${i},,ASHA,,3,8,,,,`);
    const plan = planImport(base(), [], rowsOf(...lines), { newId: counter(), now: NOW });
    expect(plan.ok).toBe(false);
    expect(plan.errors[0]).toMatchObject({ line: 2, code: 'invalid_result' });
  });

  it('needs a title for a new study', () => {
    expect(planImport(null, [], rowsOf(',S,Survivors,,ASHA,,3,8,,,,'), { newId: counter(), now: NOW }).errors).toEqual([{ line: 1, column: 'study', code: 'missing_title' }]);
    expect(ok(planImport(null, [], rowsOf(',S,Survivors,,ASHA,,3,8,,,,'), { title: ' Given ', newId: counter(), now: NOW })).study.title).toBe('Given');
  });
});

describe('shortenLabel', () => {
  it('cuts long custom names to 24 units without splitting a Bengali conjunct', () => {
    expect(shortenLabel('A very long stakeholder name indeed')).toBe('A very long stakeholder');
    const bengali = 'জেলা শিশু সুরক্ষা ইউনিট ক্ষত্রিয়';
    const short = shortenLabel(bengali);
    expect(short.length).toBeLessThanOrEqual(24);
    expect(bengali.startsWith(short)).toBe(true);
    // never ends on a virama (্), which would break the conjunct's rendering
    expect(short.endsWith('\u09CD')).toBe(false);
  });
});
