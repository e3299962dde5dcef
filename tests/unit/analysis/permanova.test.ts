import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permanova, ssWithinFromDistances } from '../../../shared/analysis/permanova';
import { Mulberry32, streamSeed } from '../../../shared/analysis/prng';

// The golden two-cohort set (power, interest):
//   A: (9,1) (9,3) (9,2)   centroid (9,2)   SS_A = 0 + (1 + 1 + 0) = 2
//   B: (5,7) (7,7) (6,7)   centroid (6,7)   SS_B = (1 + 1 + 0) + 0 = 2
//   overall centroid (7.5, 4.5)
//   SS_total = power: 3·1.5² + 2.5² + 0.5² + 1.5² = 6.75 + 8.75 = 15.5
//            + interest: 3.5² + 1.5² + 2.5² + 3·2.5² = 20.75 + 18.75 = 39.5  → 55
//   SS_within = 2 + 2 = 4; SS_between = 55 − 4 = 51 (= 3·8.5 + 3·8.5)
//   pseudo-F = (51 / (2 − 1)) / (4 / (6 − 2)) = 51; R² = 51/55 = 0.927272…
const power = [9, 9, 9, 5, 7, 6];
const interest = [1, 3, 2, 7, 7, 7];
const labels = Int32Array.from([0, 0, 0, 1, 1, 1]);

function allSplits(n: number, size: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, chosen: number[]) => {
    if (chosen.length === size) return void out.push([...chosen]);
    for (let i = start; i < n; i++) rec(i + 1, [...chosen, i]);
  };
  rec(0, []);
  return out;
}

describe('PERMANOVA with a seeded permutation test', () => {
  it('computes SS, pseudo-F and R² of the golden set', () => {
    const r = permanova(interest, power, labels, 2, { permutations: 999, rng: new Mulberry32(1) });
    expect(r.ssTotal).toBeCloseTo(55, 12);
    expect(r.ssWithin).toBeCloseTo(4, 12);
    expect(r.ssBetween).toBeCloseTo(51, 12);
    expect(r.pseudoF).toBeCloseTo(51, 10);
    expect(r.rSquared).toBeCloseTo(51 / 55, 12);
    // Anderson's distance form gives the same SS_within: (1/3)(d²(a1,a2) + d²(a1,a3) + d²(a2,a3)) + …
    // = (1/3)(4 + 1 + 1) + (1/3)(4 + 1 + 1) = 2 + 2 = 4
    expect(ssWithinFromDistances(interest, power, labels, 2)).toBeCloseTo(4, 12);
  });

  it('estimates the exact permutation p-value of the golden set (2 of the 20 splits reach F = 51)', () => {
    // Enumerate all C(6,3) = 20 ways to split six sessions into two cohorts of three; only the
    // observed split and its mirror image reach SS_within = 4, so the exact p-value is 2/20 = 0.1.
    const splits = allSplits(6, 3).map((a) => Int32Array.from({ length: 6 }, (_, i) => (a.includes(i) ? 0 : 1)));
    const atLeast = splits.filter((l) => ssWithinFromDistances(interest, power, l, 2) <= 4 + 1e-9).length;
    expect(atLeast).toBe(2);
    const r = permanova(interest, power, labels, 2, { permutations: 9999, rng: new Mulberry32(1) });
    // B = 9,999 shuffles: the standard error of the estimate is √(0.1·0.9/9999) ≈ 0.003.
    expect(Math.abs(r.pValue - 0.1)).toBeLessThan(0.012);
  });

  it('gives the same p-value for the same seed, and a different stream for another seed', () => {
    const run = (seed: number) => permanova(interest, power, labels, 2, { permutations: 2000, rng: new Mulberry32(seed) }).pValue;
    expect(run(7)).toBe(run(7));
    expect([run(1), run(2), run(3)].some((p, _, all) => p !== all[0])).toBe(true);
  });

  it('reports p = 1 when the cohorts hold identical points (every shuffle reaches F = 0)', () => {
    // A and B both placed it at (3,7) (4,6) (5,5): SS_between = 0, so F* ≥ F for every shuffle.
    const xs = [7, 6, 5, 7, 6, 5];
    const ys = [3, 4, 5, 3, 4, 5];
    const r = permanova(xs, ys, labels, 2, { permutations: 999, rng: new Mulberry32(1) });
    expect(r.ssBetween).toBeCloseTo(0, 12);
    expect(r.pValue).toBe(1);
  });

  it('reaches the floor 1/(B + 1) for three well-separated cohorts', () => {
    // Six sessions each around (9,1), (2,9) and (9,9): only the observed split (up to relabelling,
    // 6 of 17,153,136 labellings) reaches the observed F.
    const xs: number[] = [];
    const ys: number[] = [];
    const ls: number[] = [];
    const centres = [[9, 1], [2, 9], [9, 9]] as const;
    centres.forEach(([p, i], g) => {
      for (let k = 0; k < 6; k++) {
        ys.push(p + ((k % 3) - 1) * 0.3);
        xs.push(i + (Math.floor(k / 3) - 0.5) * 0.4);
        ls.push(g);
      }
    });
    const r = permanova(xs, ys, Int32Array.from(ls), 3, { permutations: 9999, rng: new Mulberry32(1) });
    expect(r.pValue).toBe(1 / 10000);
  });

  it('agrees with the distance form of SS_within on random data (the identity the fast path relies on)', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 4, maxLength: 40 }), (rows) => {
        const used = [...new Set(rows.map((r) => r[2]))].sort();
        if (used.length < 2) return true;
        const ls = Int32Array.from(rows, (r) => used.indexOf(r[2]));
        const xs = rows.map((r) => r[0] / 10);
        const ys = rows.map((r) => r[1] / 10);
        const fast = permanova(xs, ys, ls, used.length, { permutations: 0, rng: new Mulberry32(1) });
        return Math.abs(fast.ssWithin - ssWithinFromDistances(xs, ys, ls, used.length)) < 1e-8 * Math.max(1, fast.ssTotal);
      }),
    );
  });

  it('gives the same p-value on the packed 0.1-grid path as on the general path (same shuffles)', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 6, maxLength: 60 }), fc.integer(), (rows, seed) => {
        const used = [...new Set(rows.map((r) => r[2]))].sort();
        if (used.length < 2) return true;
        const ls = Int32Array.from(rows, (r) => used.indexOf(r[2]));
        const xs = rows.map((r) => r[0] / 10);
        const ys = rows.map((r) => r[1] / 10);
        const grid = permanova(xs, ys, ls, used.length, { permutations: 199, rng: new Mulberry32(seed) });
        const general = permanova(xs, ys, ls, used.length, { permutations: 199, rng: new Mulberry32(seed), gridPath: false });
        return grid.pValue === general.pValue;
      }),
      { numRuns: 200 },
    );
    // Off the grid (hand-made data with two decimals) the general path is used and still works.
    const off = permanova([1.25, 1.35, 1.3, 8.75, 8.65, 8.7], [2, 2, 2, 8, 8, 8], labels, 2, { permutations: 999, rng: new Mulberry32(1) });
    expect(off.pValue).toBeCloseTo(0.1, 1);
  });

  it('derives independent, reproducible streams per stakeholder', () => {
    expect(streamSeed(1, 'police')).toBe(streamSeed(1, 'police'));
    expect(streamSeed(1, 'police')).not.toBe(streamSeed(2, 'police'));
    expect(streamSeed(1, 's1')).not.toBe(streamSeed(1, 's2'));
    const r = new Mulberry32(123);
    const values = Array.from({ length: 10000 }, () => r.nextFloat());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // Uniform mean 0.5 with standard error √(1/12/10000) ≈ 0.0029.
    expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length - 0.5)).toBeLessThan(0.015);
  });
});
