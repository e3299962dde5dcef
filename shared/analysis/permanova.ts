import type { Mulberry32 } from './prng';

/** What the permutation test reports for one stakeholder. See docs/methods.md. */
export interface PermanovaResult {
  /** Sessions that placed the stakeholder (N). */
  n: number;
  /** Cohorts among them with at least one session (K). */
  groups: number;
  /** Σ of squared distances to the overall centroid. */
  ssTotal: number;
  /** Σ over cohorts of squared distances to the cohort centroid. */
  ssWithin: number;
  /** SS_total − SS_within. */
  ssBetween: number;
  /** [SS_between / (K − 1)] / [SS_within / (N − K)]; null when SS_within ≤ 1e-9 (F is infinite or undefined). */
  pseudoF: number | null;
  /** SS_between / SS_total; null when SS_total ≤ 1e-9 (every session put it in the same spot). */
  rSquared: number | null;
  /** (1 + #{F* ≥ F}) / (1 + B); 1 when SS_total ≤ 1e-9 (the caller does not report it: nothing to test). */
  pValue: number;
  /** B, the number of label shuffles. */
  permutations: number;
}

/** A sum of squares at or below this is zero (positions are on a 0–10 scale). */
export const SS_TOLERANCE = 1e-9;
/** Relative tolerance when a permuted statistic is compared with the observed one. */
export const TIE_TOLERANCE = 1e-9;

/**
 * One label-permutation count, ready to run: everything `permanova` derives from the data
 * before its shuffle loop. Plain data (typed arrays and numbers), so it can be posted to
 * another worker; `countPermutations` on it gives the same count wherever it runs.
 */
export interface PermutationTest {
  /**
   * How `values` hold the points: `grid`, packed x·2^20 + y in tenths (data on the 0.1
   * grid); `plane`, centred (x, y) interleaved; `line`, centred x alone (every y is 0, as in
   * the dispersion test, where the plane path would shuffle and add zeros).
   */
  kind: 'grid' | 'plane' | 'line';
  values: Float64Array;
  /** Group sizes, smallest first. */
  sizes: Int32Array;
  permutations: number;
  /** A shuffle counts when its SS_between is at least this. */
  threshold: number;
  /** Grid only: Σx and Σy in tenths, and the overall centroid. */
  totalX: number;
  totalY: number;
  mx: number;
  my: number;
}

/** `permanova` without its p-value: the observed statistics and the count still to run (null: nothing to test). */
export interface PermanovaPlan {
  result: Omit<PermanovaResult, 'pValue'>;
  test: PermutationTest | null;
}

/**
 * PERMANOVA on Euclidean distances in the power–interest plane, with a label-permutation
 * test.
 *
 * NOTE: for Euclidean distances, Anderson's identity SS_W = Σ_g (1/n_g) Σ_{i<j in g} d²_ij
 * equals Σ_g Σ_{i∈g} ‖x_i − c_g‖², and SS_between = Σ_g ‖S_g‖² / n_g where S_g is the sum
 * of group g's points after centring on the overall centroid. F is a decreasing function of
 * SS_within (SS_total is the same under every shuffle), so F* ≥ F exactly when
 * SS_between* ≥ SS_between. A shuffle therefore costs O(N) — a partial Fisher–Yates that
 * accumulates the group sums as it goes — instead of the O(N²) pass over the distance matrix
 * a general PERMANOVA needs. `ssWithinFromDistances` keeps the distance form for checking.
 *
 * @param xs interest of each session's placement
 * @param ys power of each session's placement
 * @param labels cohort index of each session, 0..K−1, every index used at least once
 */
export function permanova(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  labels: ArrayLike<number>,
  groupCount: number,
  options: {
    permutations: number;
    rng: Mulberry32;
    /** Use the packed path for data on the 0.1 grid (default true); tests turn it off to compare the two. */
    gridPath?: boolean;
  },
): PermanovaResult {
  const plan = planPermanova(xs, ys, labels, groupCount, options);
  return { ...plan.result, pValue: plan.test ? pValueOf(countPermutations(plan.test, options.rng), options.permutations) : 1 };
}

/** (1 + #{F* ≥ F}) / (1 + B). */
export function pValueOf(atLeastAsLarge: number, permutations: number): number {
  return (1 + atLeastAsLarge) / (1 + permutations);
}

/**
 * The observed statistics of `permanova` and its permutation count still to run, so the
 * counts of many tests can be spread over workers (each count depends only on its test and
 * its own seeded stream, so where it runs never changes it).
 */
export function planPermanova(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  labels: ArrayLike<number>,
  groupCount: number,
  options: { permutations: number; gridPath?: boolean },
): PermanovaPlan {
  const n = labels.length;
  const k = groupCount;
  const permutations = options.permutations;
  // Centre on the overall centroid: group sums then give SS_between directly.
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  let ssTotal = 0;
  for (let i = 0; i < n; i++) {
    cx[i] = xs[i]! - mx;
    cy[i] = ys[i]! - my;
    ssTotal += cx[i]! * cx[i]! + cy[i]! * cy[i]!;
  }
  const sizes = new Int32Array(k);
  const sumX = new Float64Array(k);
  const sumY = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const g = labels[i]!;
    sizes[g]!++;
    sumX[g]! += cx[i]!;
    sumY[g]! += cy[i]!;
  }
  let ssBetween = 0;
  for (let g = 0; g < k; g++) ssBetween += (sumX[g]! * sumX[g]! + sumY[g]! * sumY[g]!) / sizes[g]!;
  // Guard against rounding pushing SS_between a hair above SS_total.
  ssBetween = Math.min(ssBetween, ssTotal);
  const ssWithin = Math.max(0, ssTotal - ssBetween);
  // Sums of squares are compared with a tolerance, never with zero: the mean of six 1.1s is
  // 1.0999999999999999, so six identical points leave an SS_total of about 1e-31, and a
  // `> 0` test would run a test on nothing and report it as highly significant.
  const pseudoF = ssWithin > SS_TOLERANCE ? ssBetween / (k - 1) / (ssWithin / (n - k)) : null;
  const rSquared = ssTotal > SS_TOLERANCE ? ssBetween / ssTotal : null;
  const result = { n, groups: k, ssTotal, ssWithin, ssBetween, pseudoF, rSquared, permutations };

  if (!(ssTotal > SS_TOLERANCE) || k < 2 || permutations < 1) return { result, test: null };

  // Shuffled positions [start_g, start_g + n_g) belong to group g, smallest groups first.
  // The largest group goes last and is never visited: its sum is the total minus the others'.
  const sortedSizes = Int32Array.from(sizes).sort();
  // The statistic compared is SS_between, which orders permutations exactly as pseudo-F
  // and R² do (SS_total is the same under every shuffle), and stays finite when F is not
  // (SS_within ≈ 0). Ties (duplicate points, mirror-image splits) must count as "at least as
  // large": a relative tolerance of 1e-9, relative to SS_total, absorbs rounding.
  const threshold = ssBetween - TIE_TOLERANCE * ssTotal;
  const base = { sizes: sortedSizes, permutations, threshold, totalX: 0, totalY: 0, mx, my };
  if ((options.gridPath ?? true) && n <= GRID_MAX_N && onTenthGrid(xs) && onTenthGrid(ys)) {
    const packed = new Float64Array(n);
    let totalX = 0;
    let totalY = 0;
    for (let i = 0; i < n; i++) {
      const x = Math.round(xs[i]! * 10);
      const y = Math.round(ys[i]! * 10);
      packed[i] = x * PACK + y;
      totalX += x;
      totalY += y;
    }
    return { result, test: { ...base, kind: 'grid', values: packed, totalX, totalY } };
  }
  let flat = true;
  for (let i = 0; i < n && flat; i++) flat = cy[i] === 0;
  if (flat) return { result, test: { ...base, kind: 'line', values: cx } };
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = cx[i]!;
    xy[2 * i + 1] = cy[i]!;
  }
  return { result, test: { ...base, kind: 'plane', values: xy } };
}

/**
 * #{F* ≥ F}: the test's shuffles, drawn from `rng` (left where the shuffles leave it).
 * Shuffles `test.values` in place, so a test is counted once.
 */
export function countPermutations(test: PermutationTest, rng: Mulberry32): number {
  // The generator runs on a local copy of its state (see Mulberry32.getState).
  const state = { value: rng.getState() };
  const count =
    test.kind === 'grid'
      ? countOnGrid(test.values, test.sizes, test.totalX, test.totalY, test.mx, test.my, test.permutations, test.threshold, state)
      : test.kind === 'line'
        ? countLine(test.values, test.sizes, test.permutations, test.threshold, state)
        : countPlane(test.values, test.sizes, test.permutations, test.threshold, state);
  rng.setState(state.value);
  return count;
}

/**
 * The cost of a count in shuffle steps (every point but the largest group's, per shuffle),
 * for spreading many counts evenly over workers.
 */
export function permutationCost(test: PermutationTest): number {
  let visited = 0;
  for (let g = 0; g < test.sizes.length - 1; g++) visited += test.sizes[g]!;
  return test.permutations * (visited + 1);
}

/** Positions are recorded to one decimal; the packed path needs every value on that grid. */
function onTenthGrid(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) {
    const t = values[i]! * 10;
    if (!(t >= 0 && t <= 100) || Math.abs(t - Math.round(t)) > 1e-9) return false;
  }
  return true;
}

/** Σy in tenths must stay below 2^20 (100 · N < 1,048,576) for the packing to be exact. */
const GRID_MAX_N = 10_000;
const PACK = 1_048_576; // 2^20

// NOTE: the three loops below inline Mulberry32.nextFloat() on a local state, step for
// step: the same numbers as the class gives, without a field write per draw. Forward
// Fisher–Yates: position i takes a uniform pick among positions i..n−1 (`| 0` is Math.floor
// for these non-negative values below 2^31, and cheaper).

/**
 * The permutation count for data on the 0.1 grid: each point is packed into one double,
 * x·2^20 + y in tenths, whose sums stay exact integers (below 2^53). One array, one
 * swap and one addition per step — about a quarter faster than the plane path — and
 * group sums that are exact, so mirror-image splits tie exactly. The same random numbers
 * drive the same swaps as the other paths.
 */
function countOnGrid(
  packed: Float64Array,
  sizes: Int32Array,
  totalX: number,
  totalY: number,
  mx: number,
  my: number,
  permutations: number,
  threshold: number,
  state: { value: number },
): number {
  const n = packed.length;
  const k = sizes.length;
  const lastSize = sizes[k - 1]!;
  let st = state.value | 0;
  let count = 0;
  for (let b = 0; b < permutations; b++) {
    let ss = 0;
    let restX = totalX;
    let restY = totalY;
    let i = 0;
    for (let g = 0; g < k - 1; g++) {
      const size = sizes[g]!;
      const end = i + size;
      let sum = 0;
      for (; i < end; i++) {
        st = (st + 0x6d2b79f5) | 0;
        let t = st;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const j = i + ((((t ^ (t >>> 14)) >>> 0) * 2.3283064365386963e-10 * (n - i)) | 0);
        const v = packed[j]!;
        packed[j] = packed[i]!;
        packed[i] = v;
        sum += v;
      }
      const sx = Math.floor(sum / PACK);
      const sy = sum - sx * PACK;
      restX -= sx;
      restY -= sy;
      // Back to grid units, centred on the overall centroid.
      const dx = sx / 10 - size * mx;
      const dy = sy / 10 - size * my;
      ss += (dx * dx + dy * dy) / size;
    }
    const dx = restX / 10 - lastSize * mx;
    const dy = restY / 10 - lastSize * my;
    ss += (dx * dx + dy * dy) / lastSize;
    if (ss >= threshold) count++;
  }
  state.value = st;
  return count;
}

/** The permutation count for any real values: centred points, interleaved and shuffled in place. */
function countPlane(xy: Float64Array, sizes: Int32Array, permutations: number, threshold: number, state: { value: number }): number {
  const n = xy.length / 2;
  const k = sizes.length;
  const lastSize = sizes[k - 1]!;
  let st = state.value | 0;
  let count = 0;
  for (let b = 0; b < permutations; b++) {
    let ss = 0;
    let restX = 0;
    let restY = 0;
    let i = 0;
    for (let g = 0; g < k - 1; g++) {
      const size = sizes[g]!;
      const end = i + size;
      let sx = 0;
      let sy = 0;
      for (; i < end; i++) {
        st = (st + 0x6d2b79f5) | 0;
        let t = st;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const j = i + ((((t ^ (t >>> 14)) >>> 0) * 2.3283064365386963e-10 * (n - i)) | 0);
        const x = xy[2 * j]!;
        const y = xy[2 * j + 1]!;
        xy[2 * j] = xy[2 * i]!;
        xy[2 * j + 1] = xy[2 * i + 1]!;
        xy[2 * i] = x;
        xy[2 * i + 1] = y;
        sx += x;
        sy += y;
      }
      ss += (sx * sx + sy * sy) / size;
      restX += sx;
      restY += sy;
    }
    // Centred data: the last group's sum is minus the others'.
    ss += (restX * restX + restY * restY) / lastSize;
    if (ss >= threshold) count++;
  }
  state.value = st;
  return count;
}

/**
 * The plane path with every y = 0 (the dispersion test's one-dimensional distances): the
 * same swaps and the same sums, since adding a zero y changes no value, at half the work.
 */
function countLine(xs: Float64Array, sizes: Int32Array, permutations: number, threshold: number, state: { value: number }): number {
  const n = xs.length;
  const k = sizes.length;
  const lastSize = sizes[k - 1]!;
  let st = state.value | 0;
  let count = 0;
  for (let b = 0; b < permutations; b++) {
    let ss = 0;
    let restX = 0;
    let i = 0;
    for (let g = 0; g < k - 1; g++) {
      const size = sizes[g]!;
      const end = i + size;
      let sx = 0;
      for (; i < end; i++) {
        st = (st + 0x6d2b79f5) | 0;
        let t = st;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const j = i + ((((t ^ (t >>> 14)) >>> 0) * 2.3283064365386963e-10 * (n - i)) | 0);
        const x = xs[j]!;
        xs[j] = xs[i]!;
        xs[i] = x;
        sx += x;
      }
      ss += (sx * sx) / size;
      restX += sx;
    }
    ss += (restX * restX) / lastSize;
    if (ss >= threshold) count++;
  }
  state.value = st;
  return count;
}

/**
 * SS_within in PERMANOVA's distance form, Σ_g (1/n_g) Σ_{i<j in g} d²_ij (Anderson 2001).
 * O(N²): used by tests to check the O(N) form above, not in the analysis.
 */
export function ssWithinFromDistances(xs: ArrayLike<number>, ys: ArrayLike<number>, labels: ArrayLike<number>, groupCount: number): number {
  const sizes = new Array<number>(groupCount).fill(0);
  for (let i = 0; i < labels.length; i++) sizes[labels[i]!]!++;
  let ss = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (labels[i] !== labels[j]) continue;
      const dx = xs[i]! - xs[j]!;
      const dy = ys[i]! - ys[j]!;
      ss += (dx * dx + dy * dy) / sizes[labels[i]!]!;
    }
  }
  return ss;
}
