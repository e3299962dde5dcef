import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../shared/analysis/benjaminiHochberg';

describe('Benjamini–Hochberg q-values', () => {
  it("reproduces the textbook example of Benjamini and Hochberg (1995), section 4: 15 p-values, 4 discoveries at 0.05", () => {
    // The 15 p-values of the paper's example (J. R. Statist. Soc. B 57(1), p. 295–296).
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];
    // m = 15; m/i · p_(i): 0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0695, 0.063857…, 0.0645,
    // 0.0765, 0.486, 0.581182…, 0.714875, 0.753231…, 0.813214…, 1
    // then the running minimum from the largest down: q_6 = min(0.0695, q_7 = 0.063857…) = 0.063857…,
    // q_5 = min(0.0603, 0.063857…) = 0.0603.
    const expected = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0298 * 15 / 7, 0.0298 * 15 / 7, 0.0645, 0.0765, 0.486, 0.4262 * 15 / 11, 0.714875, 0.6528 * 15 / 13, 0.759 * 15 / 14, 1];
    const q = benjaminiHochberg(p);
    q.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    // The paper rejects exactly the four smallest at level 0.05.
    expect(q.filter((v) => v < 0.05)).toHaveLength(4);
  });

  it('keeps the input order', () => {
    // Sorted: 0.01 (rank 1), 0.02 (2), 0.04 (3); m = 3 → 0.03, 0.03, 0.04
    expect(benjaminiHochberg([0.04, 0.01, 0.02])).toEqual([0.04, 0.03, 0.03]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('never lowers a p-value, never exceeds 1, and preserves the order of p-values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }), (p) => {
        const q = benjaminiHochberg(p);
        return p.every((pi, i) => q[i]! >= pi - 1e-15 && q[i]! <= 1 && p.every((pj, j) => !(pi < pj) || q[i]! <= q[j]! + 1e-15));
      }),
    );
  });
});
