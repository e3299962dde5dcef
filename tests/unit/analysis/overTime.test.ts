import { describe, expect, it } from 'vitest';
import { compareCohorts } from '../../../shared/analysis/compareCohorts';
import { compareRounds, defaultRoundPair } from '../../../shared/analysis/overTime';
import { session, smallStudy } from './builders';

// Baseline and endline of the same groups:
//   FGD 1 (A): police (9,2) → (8,6)   shift (−1, +4)   hp_li → hp_hi
//   FGD 2 (A): police (8,3) → (8,4)   shift ( 0, +1)   hp_li → hp_li
//   DB 1  (B): police (6,6) → (7,8)   shift (+1, +2)   hp_hi → hp_hi
//   FGD 3 (A): baseline only — unpaired
//   DB 2  (B): mapped twice at endline by mistake — ambiguous, left out
const study = smallStudy(['police', 'asha']);
const sessions = [
  session('b-f1', 'A', { police: [9, 2], asha: [3, 7] }, { code: 'FGD 1', roundId: 'baseline' }),
  session('b-f2', 'A', { police: [8, 3], asha: 'u' }, { code: 'FGD 2', roundId: 'baseline' }),
  session('b-f3', 'A', { police: [9, 1] }, { code: 'FGD 3', roundId: 'baseline' }),
  session('b-d1', 'B', { police: [6, 6] }, { code: 'DB 1', roundId: 'baseline' }),
  session('b-d2', 'B', { police: [6, 6] }, { code: 'DB 2', roundId: 'baseline' }),
  session('e-f1', 'A', { police: [8, 6], asha: [3, 8] }, { code: 'fgd 1 ', roundId: 'endline' }),
  session('e-f2', 'A', { police: [8, 4], asha: [2, 8] }, { code: 'FGD 2', roundId: 'endline' }),
  session('e-d1', 'B', { police: [7, 8] }, { code: 'DB 1', roundId: 'endline' }),
  session('e-d2a', 'B', { police: [7, 8] }, { code: 'DB 2', roundId: 'endline' }),
  session('e-d2b', 'B', { police: [7, 8] }, { code: 'DB 2', roundId: 'endline' }),
];

describe('over time: pairs by session code across two rounds', () => {
  const overTime = compareRounds(study, sessions, { fromRoundId: 'baseline', toRoundId: 'endline' });

  it('pairs codes case-insensitively and reports what could not be paired', () => {
    expect(overTime.from).toBe('Baseline');
    expect(overTime.to).toBe('Endline');
    expect(overTime.pairs).toEqual([
      { code: 'FGD 1', fromSessionId: 'b-f1', toSessionId: 'e-f1', cohortId: 'A' },
      { code: 'FGD 2', fromSessionId: 'b-f2', toSessionId: 'e-f2', cohortId: 'A' },
      { code: 'DB 1', fromSessionId: 'b-d1', toSessionId: 'e-d1', cohortId: 'B' },
    ]);
    expect(overTime.ambiguousCodes).toEqual(['DB 2']);
    expect(overTime.unpairedSessionIds).toEqual(['b-f3']);
  });

  it('computes the mean shift vector per stakeholder and per cohort', () => {
    const police = overTime.stakeholders.find((s) => s.id === 'police')!;
    expect(police.n).toBe(3);
    // overall: power (−1 + 0 + 1)/3 = 0; interest (4 + 1 + 2)/3 = 7/3
    expect(police.meanShift!.power).toBeCloseTo(0, 12);
    expect(police.meanShift!.interest).toBeCloseTo(7 / 3, 12);
    const [a, b] = police.cohorts;
    // A: power (−1 + 0)/2 = −0.5; interest (4 + 1)/2 = 2.5
    expect(a).toMatchObject({ id: 'A', name: 'Cohort A', n: 2, meanShift: { power: -0.5, interest: 2.5 } });
    expect(b).toMatchObject({ id: 'B', n: 1, meanShift: { power: 1, interest: 2 } });
    expect(police.shifts[0]).toEqual({ sessionCode: 'FGD 1', fromSessionId: 'b-f1', toSessionId: 'e-f1', cohortId: 'A', from: { power: 9, interest: 2 }, to: { power: 8, interest: 6 } });
  });

  it('builds the zone transition table per cohort', () => {
    const police = overTime.stakeholders.find((s) => s.id === 'police')!;
    const a = police.cohorts[0]!.transitions;
    expect(a.hp_li.hp_hi).toBe(1); // FGD 1
    expect(a.hp_li.hp_li).toBe(1); // FGD 2
    expect(Object.values(a).flatMap((row) => Object.values(row)).reduce((x, y) => x + y, 0)).toBe(2);
    expect(police.cohorts[1]!.transitions.hp_hi.hp_hi).toBe(1); // DB 1
  });

  it('counts only pairs where both sessions placed the stakeholder', () => {
    // asha: FGD 1 placed twice (3,7) → (3,8); FGD 2 was unknown at baseline
    const asha = overTime.stakeholders.find((s) => s.id === 'asha')!;
    expect(asha.n).toBe(1);
    expect(asha.meanShift).toEqual({ power: 0, interest: 1 });
    expect(asha.cohorts.find((c) => c.id === 'B')).toMatchObject({ n: 0, meanShift: null });
  });

  it('is part of compareCohorts, by default between the first two rounds with sessions, ignoring the round filter', () => {
    expect(defaultRoundPair(study, sessions)).toEqual({ fromRoundId: 'baseline', toRoundId: 'endline' });
    expect(defaultRoundPair(study, sessions.filter((s) => s.roundId === 'baseline'))).toBeNull();
    const r = compareCohorts(study, sessions, { roundId: 'endline', permutations: 9 });
    expect(r.round).toEqual({ id: 'endline', name: 'Endline' });
    expect(r.sessions).toBe(5);
    expect(r.overTime!.pairs).toHaveLength(3);
    expect(compareCohorts(study, sessions.filter((s) => s.roundId === 'baseline'), { permutations: 9 }).overTime).toBeNull();
  });
});
