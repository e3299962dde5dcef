/**
 * Benjamini–Hochberg adjusted p-values (q-values), the step-up procedure of Benjamini and
 * Hochberg (1995): with the m p-values sorted ascending, q_(i) = min_{j ≥ i} min(1, m/j · p_(j)).
 * The result is in the input's order. Equal to R's p.adjust(p, "BH").
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1]!;
    running = Math.min(running, (m / rank) * pValues[i]!);
    q[i] = running;
  }
  return q;
}
