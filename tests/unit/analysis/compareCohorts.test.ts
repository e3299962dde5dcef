import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../shared/analysis/benjaminiHochberg';
import { compareCohorts } from '../../../shared/analysis/compareCohorts';
import { krippendorffAlphaInterval } from '../../../shared/analysis/krippendorff';
import { session, smallStudy } from './builders';

// The golden study: cohorts A and B, four sessions each.
//   police: A placed (9,1)* (9,3) (9,2), a4 did not know it; B placed (5,7) (7,7) (6,7), b4 did
//           not discuss it. (* contested, minority view (5,6))
//   vlcpc:  A did not know it in a1, a2, a4 and placed (3,3) in a3; B placed (7,3) (8,4) (6,2);
//           b4 has no entry.
//   asha:   every session placed it at low power, high interest.
//   media:  no session has an entry, so it is not analysed.
const study = smallStudy(['police', 'vlcpc', 'asha', 'media']);
const sessions = [
  session('a1', 'A', { police: { c: [9, 1], alt: [5, 6] }, vlcpc: 'u', asha: [2, 8] }),
  session('a2', 'A', { police: [9, 3], vlcpc: 'u', asha: [4, 8] }),
  session('a3', 'A', { police: [9, 2], vlcpc: [3, 3], asha: [2, 6] }),
  session('a4', 'A', { police: 'u', vlcpc: 'u', asha: [3, 7] }),
  session('b1', 'B', { police: [5, 7], vlcpc: [7, 3], asha: [4, 6] }),
  session('b2', 'B', { police: [7, 7], vlcpc: [8, 4], asha: [3, 7] }),
  session('b3', 'B', { police: [6, 7], vlcpc: [6, 2], asha: [3, 7] }),
  session('b4', 'B', { police: 'n', asha: [2, 8] }),
];
const result = compareCohorts(study, sessions, { permutations: 9999, seed: 1 });
const byId = (id: string) => result.stakeholders.find((s) => s.id === id)!;

describe('compareCohorts on the golden study', () => {
  it('reports the set: sessions, cohorts, midline, axes, permutations and seed', () => {
    expect(result.sessions).toBe(8);
    expect(result.cohorts).toEqual([
      { id: 'A', name: 'Cohort A', sessions: 4 },
      { id: 'B', name: 'Cohort B', sessions: 4 },
    ]);
    expect(result.midline).toEqual({ power: 5, interest: 5 });
    expect(result.axes.power).toBe('Power and influence to prevent trafficking');
    expect(result.permutations).toBe(9999);
    expect(result.seed).toBe(1);
    expect(result.round).toBeNull();
    expect(result.stakeholders.map((s) => s.id)).toEqual(['police', 'vlcpc', 'asha']);
  });

  it('describes police overall (golden numbers)', () => {
    const police = byId('police');
    // n = 6 of 8 sessions → coverage 0.75; 1 unknown (a4), 1 not discussed (b4)
    expect(police).toMatchObject({ n: 6, unknown: 1, notDiscussed: 1, coverage: 0.75 });
    // centroid: power (9+9+9+5+7+6)/6 = 45/6 = 7.5; interest (1+3+2+7+7+7)/6 = 27/6 = 4.5
    expect(police.centroid).toEqual({ power: 7.5, interest: 4.5 });
    // power Σd² = 3·1.5² + 2.5² + 0.5² + 1.5² = 15.5 → var 15.5/5 = 3.1
    // interest Σd² = 3.5² + 1.5² + 2.5² + 3·2.5² = 39.5 → var 7.9
    expect(police.sd!.power).toBeCloseTo(Math.sqrt(3.1), 12);
    expect(police.sd!.interest).toBeCloseTo(Math.sqrt(7.9), 12);
    // standardDistance = √((15.5 + 39.5)/5) = √11
    expect(police.standardDistance).toBeCloseTo(Math.sqrt(11), 12);
    // agreement = 1 − (3.1 + 7.9)/(2 · 100/12) = 1 − 11/16.666… = 1 − 0.66 = 0.34
    expect(police.agreement).toBeCloseTo(0.34, 12);
    // A's three are hp_li; B's (5,7) (7,7) (6,7) are hp_hi (power 5 is on the midline: high).
    // Tie 3–3 → hp_hi comes first; share 3/6.
    expect(police.zoneCounts).toEqual({ hp_hi: 3, hp_li: 3, lp_hi: 0, lp_li: 0 });
    expect(police.modalZone).toBe('hp_hi');
    expect(police.modalZoneShare).toBe(0.5);
    // one contested placement of six
    expect(police.contestedShare).toBeCloseTo(1 / 6, 12);
    expect(police.ellipse).not.toBeNull();
  });

  it('describes police per cohort and between cohorts (golden numbers)', () => {
    const police = byId('police');
    const [a, b] = police.cohorts;
    // A: centroid (9, 2); power sd 0; interest deviations −1, 1, 0 → var 1 → sd 1
    expect(a).toMatchObject({ id: 'A', name: 'Cohort A', sessions: 4, n: 3, unknown: 1, notDiscussed: 0, coverage: 0.75, centroid: { power: 9, interest: 2 }, sd: { power: 0, interest: 1 }, modalZone: 'hp_li' });
    // agreement = 1 − (0 + 1)/(2 · 100/12) = 1 − 0.06 = 0.94
    expect(a!.agreement).toBeCloseTo(0.94, 12);
    expect(b).toMatchObject({ id: 'B', sessions: 4, n: 3, unknown: 0, notDiscussed: 1, centroid: { power: 6, interest: 7 }, sd: { power: 1, interest: 0 }, modalZone: 'hp_hi' });
    // c̄ = ((9+6)/2, (2+7)/2) = (7.5, 4.5); Σ‖c_k − c̄‖² = (1.5² + 2.5²)·2 = 17; /(K − 1 = 1) → 17
    expect(police.betweenVariance).toBeCloseTo(17, 12);
    // ‖(9,2) − (6,7)‖ = √(9 + 25) = √34
    expect(police.maxCentroidDistance!.distance).toBeCloseTo(Math.sqrt(34), 12);
    expect(police.maxCentroidDistance!.cohortIds).toEqual(['A', 'B']);
    expect(police.maxCentroidDistance!.cohorts).toEqual(['Cohort A', 'Cohort B']);
  });

  it('tests police: pseudo-F 51, R² 51/55, p near the exact 0.1', () => {
    // SS_total 55, SS_within 4 (see permanova.test.ts) → F = (51/1)/(4/4) = 51, R² = 51/55
    const police = byId('police');
    expect(police.testable).toBe(true);
    expect(police.notTestableReason).toBeNull();
    expect(police.pseudoF).toBeCloseTo(51, 10);
    expect(police.rSquared).toBeCloseTo(51 / 55, 12);
    expect(Math.abs(police.pValue! - 0.1)).toBeLessThan(0.012);
    expect(police.zoneConsensus).toBe(false); // A's modal zone hp_li, B's hp_hi
    expect(police.divergent).toBe(false); // q ≥ p ≈ 0.1
  });

  it('does not test vlcpc (cohort A placed it once) and says why', () => {
    const vlcpc = byId('vlcpc');
    expect(vlcpc.testable).toBe(false);
    expect(vlcpc.notTestableReason).toBe('fewer_than_two_cohorts_with_3');
    expect(vlcpc.pValue).toBeNull();
    expect(vlcpc.qValue).toBeNull();
    expect(vlcpc.rSquared).toBeNull();
    expect(vlcpc.divergent).toBe(false);
    // Points and centroids are still there: A (3,3), B ((7+8+6)/3, (3+4+2)/3) = (7,3)
    expect(vlcpc.cohorts.map((c) => c.centroid)).toEqual([{ power: 3, interest: 3 }, { power: 7, interest: 3 }]);
    // c̄ = (5, 3); Σ‖c_k − c̄‖² = 4 + 4 = 8 → betweenVariance 8; distance 4
    expect(vlcpc.betweenVariance).toBeCloseTo(8, 12);
    expect(vlcpc.maxCentroidDistance!.distance).toBeCloseTo(4, 12);
    // overall: 3 of 4 placements hp_li → modal hp_li, share 0.75, but A's modal zone is lp_li: no consensus
    expect(vlcpc.modalZone).toBe('hp_li');
    expect(vlcpc.modalZoneShare).toBe(0.75);
    expect(vlcpc.zoneConsensus).toBe(false);
    // b4 has no entry: it counts in the set (coverage 4/8) but in no status
    expect(vlcpc).toMatchObject({ n: 4, unknown: 3, notDiscussed: 0, coverage: 0.5 });
  });

  it('finds the zone consensus on asha', () => {
    const asha = byId('asha');
    // all eight placements are lp_hi → share 1 ≥ 0.75, and both cohorts' modal zone is lp_hi
    expect(asha.zoneCounts.lp_hi).toBe(8);
    expect(asha.zoneConsensus).toBe(true);
    // centroid ((2+4+2+3+4+3+3+2)/8, (8+8+6+7+6+7+7+8)/8) = (23/8, 57/8)
    expect(asha.centroid).toEqual({ power: 2.875, interest: 7.125 });
    expect(asha.testable).toBe(true);
    expect(asha.divergent).toBe(false);
  });

  it('adjusts p-values with Benjamini–Hochberg across the testable stakeholders only', () => {
    const police = byId('police');
    const asha = byId('asha');
    const q = benjaminiHochberg([police.pValue!, asha.pValue!]);
    expect(police.qValue).toBe(q[0]);
    expect(asha.qValue).toBe(q[1]);
  });

  it('reports the salience gap: B placed vlcpc in 3 of 4 sessions, A did not know it in 3 of 4', () => {
    expect(result.salienceGaps).toEqual([
      { stakeholderId: 'vlcpc', stakeholder: 'vlcpc', placedByCohortId: 'B', placedBy: 'Cohort B', placedShare: 0.75, unknownToCohortId: 'A', unknownTo: 'Cohort A', unknownShare: 0.75 },
    ]);
  });

  it("computes Krippendorff's alpha per axis with sessions as coders and stakeholders as units", () => {
    expect(result.alpha.power).toBeCloseTo(krippendorffAlphaInterval([[9, 9, 9, 5, 7, 6], [3, 7, 8, 6], [2, 4, 2, 3, 4, 3, 3, 2]])!, 12);
    expect(result.alpha.interest).toBeCloseTo(krippendorffAlphaInterval([[1, 3, 2, 7, 7, 7], [3, 3, 4, 2], [8, 8, 6, 7, 6, 7, 7, 8]])!, 12);
  });

  it('lists raw points for every stakeholder, with session and cohort', () => {
    expect(byId('police').points).toEqual([
      { sessionId: 'a1', sessionCode: 'a1', cohortId: 'A', position: { power: 9, interest: 1 }, contested: true },
      { sessionId: 'a2', sessionCode: 'a2', cohortId: 'A', position: { power: 9, interest: 3 }, contested: false },
      { sessionId: 'a3', sessionCode: 'a3', cohortId: 'A', position: { power: 9, interest: 2 }, contested: false },
      { sessionId: 'b1', sessionCode: 'b1', cohortId: 'B', position: { power: 5, interest: 7 }, contested: false },
      { sessionId: 'b2', sessionCode: 'b2', cohortId: 'B', position: { power: 7, interest: 7 }, contested: false },
      { sessionId: 'b3', sessionCode: 'b3', cohortId: 'B', position: { power: 6, interest: 7 }, contested: false },
    ]);
  });

  it('measures session-to-session distance over the stakeholders both placed', () => {
    const ids = result.sessionList.map((s) => s.id);
    expect(ids).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4']);
    const d = (x: string, y: string) => result.sessionDistances[ids.indexOf(x)]![ids.indexOf(y)];
    // a1–b1: police (9,1)–(5,7) = √52; vlcpc unknown in a1; asha (2,8)–(4,6) = √8 → (√52 + √8)/2
    expect(d('a1', 'b1')).toBeCloseTo((Math.sqrt(52) + Math.sqrt(8)) / 2, 12);
    expect(d('b1', 'a1')).toBe(d('a1', 'b1'));
    // a4–b4: only asha, (3,7)–(2,8) = √2
    expect(d('a4', 'b4')).toBeCloseTo(Math.SQRT2, 12);
    expect(d('a3', 'a3')).toBe(0);
  });

  it('gives identical output for the same data, permutations and seed, whatever the session order', () => {
    const again = compareCohorts(study, [...sessions].reverse(), { permutations: 9999, seed: 1 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
    const otherSeed = compareCohorts(study, sessions, { permutations: 9999, seed: 2 });
    expect(otherSeed.stakeholders[0]!.centroid).toEqual(result.stakeholders[0]!.centroid);
  });

  it('keeps a stakeholder p-value when other stakeholders are added or removed (one stream per stakeholder)', () => {
    const withoutAsha = sessions.map((s) => {
      const copy = structuredClone(s);
      delete copy.placements.asha;
      return copy;
    });
    const r = compareCohorts(study, withoutAsha, { permutations: 9999, seed: 1 });
    expect(r.stakeholders.find((s) => s.id === 'police')!.pValue).toBe(byId('police').pValue);
  });

  it('restricts to the chosen cohorts: one cohort leaves nothing testable and no between-cohort numbers', () => {
    const onlyA = compareCohorts(study, sessions, { cohortIds: ['A'], permutations: 99 });
    expect(onlyA.sessions).toBe(4);
    expect(onlyA.cohorts).toEqual([{ id: 'A', name: 'Cohort A', sessions: 4 }]);
    const police = onlyA.stakeholders.find((s) => s.id === 'police')!;
    // One cohort is never "all cohorts agree", however unanimous its sessions are.
    expect(police).toMatchObject({ testable: false, pValue: null, betweenVariance: null, maxCentroidDistance: null, zoneConsensus: false, dispersion: null });
  });
});
