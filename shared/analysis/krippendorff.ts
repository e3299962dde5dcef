/**
 * Krippendorff's alpha with the interval metric, missing values allowed
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section E).
 *
 * Here the coders are sessions and the units are stakeholders; it is computed per axis.
 * Only units with at least two values are pairable. With n the number of pairable values,
 * m_u the number of values in unit u, and δ²(c, k) = (c − k)²:
 *
 *   D_o = (1/n) Σ_u Σ_{i≠j in u} δ²(v_i, v_j) / (m_u − 1)
 *   D_e = 1 / (n(n − 1)) Σ_{i≠j over all pairable values} δ²(v_i, v_j)
 *   α   = 1 − D_o / D_e
 *
 * This is the coincidence-matrix form written over values rather than categories, so it
 * works for any real values. For a set of m values, Σ_{i≠j}(v_i − v_j)² = 2(m Σv² − (Σv)²).
 */

/**
 * @param units for each unit, the values the coders gave it (missing ones left out)
 * @returns alpha, or null when it is undefined: fewer than two pairable values, or no
 *   variation at all among them (D_e = 0)
 */
export function krippendorffAlphaInterval(units: ReadonlyArray<ReadonlyArray<number>>): number | null {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let observed = 0;
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    let s = 0;
    let s2 = 0;
    for (const v of values) {
      s += v;
      s2 += v * v;
    }
    observed += (2 * (m * s2 - s * s)) / (m - 1);
    n += m;
    sum += s;
    sumSq += s2;
  }
  if (n < 2) return null;
  const dObserved = observed / n;
  const dExpected = (2 * (n * sumSq - sum * sum)) / (n * (n - 1));
  // Rounding can leave a tiny positive D_e for identical values; treat it as none.
  if (!(dExpected > 1e-12 * Math.max(1, sumSq / n))) return null;
  return 1 - dObserved / dExpected;
}

/**
 * Alpha from a coders × units matrix with null for missing values (the layout of
 * Krippendorff's reliability data tables).
 */
export function krippendorffAlphaIntervalMatrix(matrix: ReadonlyArray<ReadonlyArray<number | null>>): number | null {
  const unitCount = Math.max(0, ...matrix.map((row) => row.length));
  const units: number[][] = [];
  for (let u = 0; u < unitCount; u++) {
    const values: number[] = [];
    for (const row of matrix) {
      const v = row[u];
      if (v !== null && v !== undefined) values.push(v);
    }
    units.push(values);
  }
  return krippendorffAlphaInterval(units);
}
