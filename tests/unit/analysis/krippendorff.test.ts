import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { krippendorffAlphaInterval, krippendorffAlphaIntervalMatrix } from '../../../shared/analysis/krippendorff';

const _ = null;

describe("Krippendorff's alpha, interval metric, missing values allowed", () => {
  it('reproduces the published worked example: 4 observers × 12 units, interval α = 0.849', () => {
    // Reliability data from Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability",
    // Annenberg School for Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43),
    // section C (any number of observers, missing data). Krippendorff reports α = 0.743 (nominal),
    // 0.815 (ordinal), 0.849 (interval) and 0.797 (ratio) for this table. The same table and the
    // ordinal and ratio values are the test data of the `krippendorff` Python package
    // (github.com/pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py).
    const table = [
      /* A */ [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      /* B */ [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      /* C */ [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      /* D */ [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    expect(krippendorffAlphaIntervalMatrix(table)!).toBeCloseTo(0.849, 3);
  });

  it('reproduces the interval value 0.810845 of the 3 coders × 15 units example (krippendorff package test_interval_metric)', () => {
    // Wikipedia's computational example; α_interval = 0.810845 in
    // github.com/pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py, test_interval_metric.
    const table = [
      [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
      [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
      [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
    ];
    expect(krippendorffAlphaIntervalMatrix(table)!).toBeCloseTo(0.810845, 6);
  });

  it('matches a hand computation on a tiny table', () => {
    // Units: u1 = {1, 1}, u2 = {3, 5}; n = 4 pairable values.
    // D_o = (1/n) Σ_u Σ_{i≠j} (v_i − v_j)² / (m_u − 1) = (0 + 2·(3 − 5)²/1) / 4 = 8/4 = 2
    // D_e = Σ_{i≠j} (v_i − v_j)² / (n(n − 1)) over {1, 1, 3, 5}: 2·(4·36 − 10²) / 12 = 88/12 = 7.333…
    // α = 1 − 2 / 7.333… = 1 − 0.272727… = 0.727272…
    expect(krippendorffAlphaInterval([[1, 1], [3, 5]])!).toBeCloseTo(8 / 11, 12);
  });

  it('ignores units with a single value and is undefined without pairable variation', () => {
    expect(krippendorffAlphaInterval([[1, 1], [3, 5], [7]])).toBeCloseTo(8 / 11, 12);
    expect(krippendorffAlphaInterval([[4], [6]])).toBeNull();
    expect(krippendorffAlphaInterval([[4, 4], [4, 4]])).toBeNull();
  });

  it("is 1 whenever coders agree within every unit and units differ (values at the recorded precision, 0.1)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }).map((t) => t / 10), fc.integer({ min: 2, max: 6 })), { minLength: 2, maxLength: 15 }), (units) => {
        const data = units.map(([v, m]) => new Array<number>(m).fill(v));
        const distinct = new Set(units.map(([v]) => v)).size > 1;
        const a = krippendorffAlphaInterval(data);
        return distinct ? Math.abs(a! - 1) < 1e-9 : a === null;
      }),
    );
  });
});
