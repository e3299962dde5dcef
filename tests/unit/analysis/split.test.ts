import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareCohorts, completeComparison, countPlannedTest, defaultCompareRound, planComparison, type PlannedTest } from '../../../shared/analysis/compareCohorts';
import { countPermutations, permutationCost, planPermanova, type PermutationTest } from '../../../shared/analysis/permanova';
import { Mulberry32 } from '../../../shared/analysis/prng';
import { decodeSessions, encodeSessions } from '../../../shared/analysis/sessionData';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { decodeRequest, encodeRequest, finishAnalysis, planAnalysis, runAnalysis, type AnalysisRequest } from '../../../renderer/src/compare/analysisRequest';
import { joinResult, splitResult } from '../../../renderer/src/compare/analysisTransport';
import { generateStudy } from '../../helpers/studyGenerator';

/*
 * The compare view spreads the permutation counts over several workers and sends sessions
 * and results in typed arrays and parts. None of it may change a number: the split result
 * must equal the one-thread result, bit for bit, and both must equal what the analysis gave
 * before the split existed (pinned below).
 */

const sha = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

/** Two rounds with 30 pairs. */
const paired = generateStudy({ seed: 7, sessions: 120, stakeholders: 20, endlinePairs: 30 });
/** The same, on the 0.1 grid as the editor records (the packed path). */
const onGrid = (() => {
  const g = generateStudy({ seed: 7, sessions: 120, stakeholders: 20, endlinePairs: 30 });
  for (const s of g.sessions)
    for (const p of Object.values(s.placements)) if (p.position) p.position = { power: Math.round(p.position.power * 10) / 10, interest: Math.round(p.position.interest * 10) / 10 };
  return g;
})();
/** Off the 0.1 grid, not even on the generator's 0.01 (the plane path). */
const offGrid = (() => {
  const g = generateStudy({ seed: 11, sessions: 60, stakeholders: 12, noise: 1.37 });
  for (const s of g.sessions)
    for (const p of Object.values(s.placements))
      if (p.position) p.position = { power: Math.min(10, p.position.power + 0.0137), interest: Math.min(10, p.position.interest + 0.0071) };
  return g;
})();

function requestOf({ study, sessions }: { study: Study; sessions: Session[] }, permutations: number, seed: number, roundKeys?: string[]): AnalysisRequest {
  return {
    study,
    sessions,
    roundKeys: roundKeys ?? [...new Set(sessions.map((s) => s.roundId ?? ''))],
    cohortIds: study.cohorts.map((c) => c.id),
    permutations,
    seed,
    roundPair: null,
  };
}

/**
 * What the worker pool does, without workers: the request encoded and posted (cloned), the
 * tests dealt round-robin, costliest first, to `workers` workers, each test posted (cloned)
 * and counted there, the result sent back in parts (cloned) and joined.
 */
function splitRun(req: AnalysisRequest, workers: number) {
  const planned = planAnalysis(decodeRequest(structuredClone(encodeRequest(req).request)));
  const tests = planned.plan.tests;
  const order = tests.map((_, i) => i).sort((a, b) => permutationCost(tests[b]!.test) - permutationCost(tests[a]!.test) || a - b);
  const share: number[][] = Array.from({ length: workers }, () => []);
  order.forEach((index, k) => share[k % workers]!.push(index));
  const counts = new Array<number>(tests.length).fill(-1);
  // Last worker first: the order in which counts are made must not matter either.
  for (const indices of share.reverse()) for (const i of indices) counts[i] = countPlannedTest(structuredClone(tests[i]!) as PlannedTest);
  const { head, messages } = splitResult(finishAnalysis(planned, counts), 500);
  return joinResult(structuredClone(head), messages.map((m) => structuredClone(m)));
}

describe('the analysis split over workers', () => {
  it('equals the one-thread analysis, bit for bit (2, 3 and 4 workers; grid and plane data; over time)', () => {
    const latest = (d: typeof paired) => [d.study.rounds.at(-1)!.id];
    const both = (d: typeof paired) => d.study.rounds.map((r) => r.id);
    for (const [data, rounds, permutations, seed, testable] of [
      [paired, latest, 999, 5, true],
      [onGrid, latest, 999, 2, true],
      [paired, both, 99, 5, false], // the same groups in two rounds: nothing testable, still the same result
      [offGrid, both, 499, 3, true],
    ] as const) {
      const req = requestOf(data, permutations, seed, rounds(data));
      const single = runAnalysis(req);
      expect(single.comparison.stakeholders.some((s) => s.pValue !== null)).toBe(testable);
      for (const workers of [2, 3, 4]) {
        const split = splitRun(req, workers);
        expect(split).toEqual(single);
        expect(JSON.stringify(split)).toBe(JSON.stringify(single));
      }
    }
    // The over-time part travels in parts too.
    expect(runAnalysis(requestOf(paired, 99, 1)).overTime?.stakeholders.some((s) => s.shifts.length > 0)).toBe(true);
  });

  it('gives the numbers the analysis gave before the split (pinned from the previous implementation)', () => {
    expect(sha(compareCohorts(paired.study, paired.sessions, { permutations: 999, seed: 5 }))).toBe('49e886483ccb3b323d2bcd4749dec965444ce68126da16941872f06c1ea35b72');
    expect(sha(compareCohorts(offGrid.study, offGrid.sessions, { permutations: 999, seed: 3 }))).toBe('4999617ea503a70a73a4b56ab82d53067c12656e263088d58954cfbf1b3f4e6c');
    expect(sha(compareCohorts(paired.study, paired.sessions, { permutations: 199, seed: -17, roundId: paired.study.rounds[0]!.id }))).toBe(
      '5c577ed96ebe3e50ad440bba33701ef8137a7420a624d19717e78a00ca14d9f4',
    );
  });

  it('tells of each test as it is planned, and a count taken then (its values moved away at once) is the count', () => {
    const early: number[] = [];
    const countsAtPlanning = new Map<number, number>();
    const plan = planComparison(paired.study, paired.sessions, { permutations: 199, seed: 5 }, (t, index) => {
      early.push(index);
      // As the worker pool does: counted elsewhere, the values gone from the planner's reach.
      countsAtPlanning.set(index, countPlannedTest({ ...t, test: { ...t.test, values: t.test.values.slice() } }));
      t.test.values.fill(Number.NaN);
    });
    expect(early).toEqual(plan.tests.map((_, i) => i));
    const fresh = planComparison(paired.study, paired.sessions, { permutations: 199, seed: 5 });
    expect(plan.tests.map((_, i) => countsAtPlanning.get(i))).toEqual(fresh.tests.map(countPlannedTest));
    expect(sha(completeComparison(plan, plan.tests.map((_, i) => countsAtPlanning.get(i)!)))).toBe(sha(completeComparison(fresh, fresh.tests.map(countPlannedTest))));
  });

  it('plans grid, plane and line counts, and each agrees with a plain shuffle drawn from Mulberry32', () => {
    const kinds = new Set<string>();
    for (const data of [onGrid, offGrid])
      for (const t of planComparison(data.study, data.sessions, { permutations: 50, roundId: defaultCompareRound(data.study, data.sessions) ?? undefined }).tests) kinds.add(t.test.kind);
    expect([...kinds].sort()).toEqual(['grid', 'line', 'plane']);

    const rng = new Mulberry32(99);
    for (let trial = 0; trial < 30; trial++) {
      const n = 8 + rng.nextBelow(30);
      const k = 2 + rng.nextBelow(3);
      const labels = Int32Array.from({ length: n }, (_, i) => (i < k ? i : rng.nextBelow(k)));
      const kind = trial % 3;
      const xs = Array.from({ length: n }, () => (kind === 0 ? rng.nextBelow(101) / 10 : rng.nextFloat() * 10));
      const ys = Array.from({ length: n }, () => (kind === 2 ? 0 : kind === 0 ? rng.nextBelow(101) / 10 : rng.nextFloat() * 10));
      const plan = planPermanova(xs, ys, labels, k, { permutations: 300 });
      expect(plan.test!.kind).toBe(['grid', 'plane', 'line'][kind]);
      const seed = rng.nextUint32();
      expect(countPermutations(plan.test!, new Mulberry32(seed))).toBe(plainCount(xs, ys, labels, k, 300, plan.test!.threshold, seed));
      if (kind === 2) {
        // The line path is the plane path with the zero y left out: the same count exactly.
        const line = planPermanova(xs, ys, labels, k, { permutations: 300 }).test!;
        const xy = new Float64Array(2 * n);
        line.values.forEach((v, i) => (xy[2 * i] = v));
        const plane: PermutationTest = { ...line, kind: 'plane', values: xy };
        expect(countPermutations(plane, new Mulberry32(seed))).toBe(countPermutations(line, new Mulberry32(seed)));
      }
    }
  });

  it('rebuilds from typed arrays exactly what the analysis reads of each session', () => {
    const ids = paired.study.stakeholders.map((s) => s.id);
    const decoded = decodeSessions(structuredClone(encodeSessions(paired.sessions, ids)));
    paired.sessions.forEach((s, i) => {
      const d = decoded[i]!;
      expect([d.id, d.code, d.cohortId, d.roundId]).toEqual([s.id, s.code, s.cohortId, s.roundId]);
      expect(Object.keys(d.placements).sort()).toEqual(Object.keys(s.placements).filter((k) => ids.includes(k)).sort());
      for (const [k, p] of Object.entries(d.placements)) expect(p).toEqual({ status: s.placements[k]!.status, position: s.placements[k]!.position, contested: s.placements[k]!.contested });
    });
  });
});

/** #{SS_between* ≥ threshold} the plain way: the same partial Fisher–Yates, group sums from scratch. */
function plainCount(xs: number[], ys: number[], labels: Int32Array, k: number, permutations: number, threshold: number, seed: number): number {
  const n = xs.length;
  const sizes = new Array<number>(k).fill(0);
  for (const g of labels) sizes[g]!++;
  sizes.sort((a, b) => a - b);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const order = Array.from({ length: n }, (_, i) => i);
  const rng = new Mulberry32(seed);
  let count = 0;
  for (let b = 0; b < permutations; b++) {
    let i = 0;
    for (let g = 0; g < k - 1; g++) {
      for (const end = i + sizes[g]!; i < end; i++) {
        const j = i + Math.floor(rng.nextFloat() * (n - i));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    let ss = 0;
    let start = 0;
    for (const size of sizes) {
      let sx = 0;
      let sy = 0;
      for (let t = start; t < start + size; t++) {
        sx += xs[order[t]!]! - mx;
        sy += ys[order[t]!]! - my;
      }
      ss += (sx * sx + sy * sy) / size;
      start += size;
    }
    if (ss >= threshold) count++;
  }
  return count;
}
