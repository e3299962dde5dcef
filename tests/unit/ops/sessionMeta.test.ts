import { describe, expect, it } from 'vitest';
import { SessionSchema } from '../../../shared/model/session';
import {
  duplicateSession,
  groupSessions,
  nextRoundId,
  sessionProgress,
  sessionWithCode,
  suggestSessionCode,
  updateSessionDetails,
} from '../../../shared/ops/sessionMeta';
import { addRound, retireStakeholder } from '../../../shared/ops/studyOps';
import { NOW, sessionIn, studyWith } from './fixtures';

describe('sessionProgress', () => {
  it('counts placed, unknown, not discussed and remaining over active stakeholders', () => {
    let study = studyWith();
    const session = sessionIn(study, {
      id: 's1',
      code: 'FGD 1',
      placements: {
        bdo: { status: 'placed', position: { power: 8, interest: 2 }, contested: false, alt: null, note: '' },
        'gram-panchayat': { status: 'unknown', position: null, contested: false, alt: null, note: '' },
        police: { status: 'not_discussed', position: null, contested: false, alt: null, note: '' },
      },
    });
    expect(sessionProgress(study, session)).toEqual({ placed: 1, unknown: 1, notDiscussed: 1, remaining: 1, total: 4 });
    // A retired stakeholder no longer counts, even when it was placed.
    study = retireStakeholder(study, 'bdo', true);
    expect(sessionProgress(study, session)).toEqual({ placed: 0, unknown: 1, notDiscussed: 1, remaining: 1, total: 3 });
  });
});

describe('session codes', () => {
  const study = studyWith();
  const sessions = [
    sessionIn(study, { id: 'a', code: 'FGD 1' }),
    sessionIn(study, { id: 'b', code: 'FGD 3' }),
    sessionIn(study, { id: 'c', code: 'FGD 1', roundId: 'endline' }),
    sessionIn(study, { id: 'd', code: 'DB-07', kind: 'interview', cohortId: 'duty-bearers' }),
  ];

  it('finds a clash in the same round regardless of case and spaces', () => {
    expect(sessionWithCode(sessions, ' fgd  1', 'baseline')?.id).toBe('a');
    expect(sessionWithCode(sessions, 'FGD 1', 'baseline', 'a')).toBeUndefined();
    expect(sessionWithCode(sessions, 'FGD 2', 'baseline')).toBeUndefined();
    expect(sessionWithCode(sessions, 'FGD 3', 'endline')).toBeUndefined();
  });

  it('compares codes as names are compared (nameKey): a decomposed Bengali code clashes with the composed one', () => {
    const composed = 'দলগত আলোচনা ৪'.normalize('NFC');
    const withBengali = [...sessions, sessionIn(study, { id: 'e', code: composed })];
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(sessionWithCode(withBengali, ` ${decomposed.replace(' ', '  ')} `, 'baseline')?.id).toBe('e');
  });

  it('suggests the next free code of a kind', () => {
    expect(suggestSessionCode(sessions, 'fgd', 'baseline', 'FGD')).toBe('FGD 4');
    expect(suggestSessionCode(sessions, 'interview', 'baseline', 'Interview')).toBe('Interview 1');
  });

  it('trims edited details', () => {
    const next = updateSessionDetails(sessions[0]!, { code: ' FGD 9 ', place: ' Block office ', participants: 7 });
    expect(next).toMatchObject({ code: 'FGD 9', place: 'Block office', participants: 7 });
  });
});

describe('duplicateSession', () => {
  const study = studyWith();
  const source = sessionIn(study, {
    id: 'src',
    code: 'FGD 2',
    date: '2026-03-04',
    place: 'Community hall',
    facilitator: 'RB',
    participants: 8,
    consent: true,
    notes: 'Long discussion of the police',
    locked: true,
    placements: { police: { status: 'placed', position: { power: 9, interest: 1.5 }, contested: false, alt: null, note: 'They take money' } },
  });

  it('picks the next round', () => {
    expect(nextRoundId(study, 'baseline')).toBe('endline');
    expect(nextRoundId(study, 'endline')).toBeNull();
    expect(nextRoundId(addRound(study, { id: 'r3', name: 'Follow-up' }), 'endline')).toBe('r3');
  });

  it('copies the metadata but not the date, notes, lock, consent or (by default) placements', () => {
    const copy = duplicateSession(source, { id: 'copy', now: NOW, roundId: 'endline', copyPlacements: false });
    expect(copy).toMatchObject({ id: 'copy', code: 'FGD 2', roundId: 'endline', place: 'Community hall', facilitator: 'RB', participants: 8 });
    expect(copy).toMatchObject({ date: '', notes: '', locked: false, consent: false, placements: {} });
    expect(SessionSchema.safeParse(copy).success).toBe(true);
  });

  it('copies placements as a starting point when asked, without sharing objects', () => {
    const copy = duplicateSession(source, { id: 'copy', now: NOW, roundId: 'endline', copyPlacements: true });
    expect(copy.placements).toEqual(source.placements);
    copy.placements.police!.note = 'changed';
    expect(source.placements.police!.note).toBe('They take money');
  });
});

describe('groupSessions', () => {
  it('groups by cohort then round, sorts codes naturally and keeps orphans visible', () => {
    const study = studyWith();
    const sessions = [
      sessionIn(study, { id: '1', code: 'FGD 10' }),
      sessionIn(study, { id: '2', code: 'FGD 2' }),
      sessionIn(study, { id: '3', code: 'FGD 2', roundId: 'endline' }),
      sessionIn(study, { id: '4', code: 'DB-1', cohortId: 'duty-bearers', roundId: null }),
      sessionIn(study, { id: '5', code: 'X', cohortId: 'gone' }),
    ];
    const groups = groupSessions(study, sessions);
    expect(groups.map((g) => [g.cohort?.id ?? null, g.count])).toEqual([
      ['survivors', 3],
      ['social-workers', 0],
      ['duty-bearers', 1],
      ['financiers', 0],
      [null, 1],
    ]);
    expect(groups[0]!.rounds.map((r) => [r.round?.id, r.sessions.map((s) => s.code)])).toEqual([
      ['baseline', ['FGD 2', 'FGD 10']],
      ['endline', ['FGD 2']],
    ]);
    expect(groups[2]!.rounds[0]!.round).toBeNull();
  });
});
