/** Order statistics for benchmark samples. Empty input gives NaN, never a made-up zero. */

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the value at or above the q-th fraction of samples, so a p95 of 20
  // frames is the 19th slowest, not an interpolation between two real frames.
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const p95 = (values: readonly number[]): number => quantile(values, 0.95);

export const max = (values: readonly number[]): number => (values.length ? Math.max(...values) : Number.NaN);

/** Consecutive differences: frame timestamps → frame intervals. */
export function intervals(timestamps: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < timestamps.length; i++) out.push(timestamps[i]! - timestamps[i - 1]!);
  return out;
}

/** Least-squares slope of y over x = 0, 1, 2, … (memory per open/close cycle). */
export function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return Number.NaN;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/** One frame at 60 Hz, the refresh rate of headless Chromium here. */
export const VSYNC_MS = 1000 / 60;

/**
 * Frame intervals as whole refresh periods (16.7, 33.3, 50 ms …). requestAnimationFrame
 * timestamps are frame begin times, so a frame that made its vsync reads 16.6–16.8 ms
 * with clock jitter; snapping removes the jitter, not the dropped frames.
 */
export function snapToVsync(values: readonly number[]): number[] {
  return values.map((v) => Math.max(1, Math.round(v / VSYNC_MS)) * VSYNC_MS);
}
