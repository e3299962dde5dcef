import type { Position } from '../model/position';
import { ZONE_IDS, zoneOf, type Midline, type ZoneId } from '../model/zones';

/**
 * The variance of a placement drawn uniformly on 0–10: (10 − 0)² / 12. It is the
 * "no agreement at all" reference of r_wg (docs/methods.md, `agreement`).
 */
export const UNIFORM_VARIANCE = 100 / 12;

/** A standard deviation on each axis. */
export interface AxisSd {
  power: number;
  interest: number;
}

/** One `placed` position entering the statistics. */
export interface PlacedPoint {
  position: Position;
  contested: boolean;
}

/**
 * A one-standard-deviation ellipse from the 2×2 sample covariance matrix, for drawing.
 * The plane is the grid as shown: interest is the horizontal axis (x), power the vertical
 * axis (y, upwards).
 */
export interface Ellipse {
  /** The centroid. */
  centre: Position;
  /** Semi-axes, in grid units: the square roots of the covariance matrix's eigenvalues. */
  radii: { major: number; minor: number };
  /**
   * Angle of the major axis in degrees, measured from the interest (horizontal) axis
   * towards the power (vertical, upwards) axis, in (−90, 90]. A canvas whose y grows
   * downwards rotates by −angleDeg.
   */
  angleDeg: number;
}

/** Zone counts, one entry per zone id. */
export type ZoneCounts = Record<ZoneId, number>;

/** Per stakeholder, over a set of sessions (all selected, or one cohort). See docs/methods.md. */
export interface Descriptives {
  /** Sessions that placed it (status `placed`). */
  n: number;
  /** Sessions whose group did not know it (status `unknown`). */
  unknown: number;
  /** Sessions that did not get to it (status `not_discussed`). */
  notDiscussed: number;
  /** n / sessions in the set; null when the set is empty. */
  coverage: number | null;
  /** Arithmetic mean of power and of interest; null when n = 0. */
  centroid: Position | null;
  /** Sample standard deviation of each axis (divide by n − 1); null when n < 2. */
  sd: AxisSd | null;
  /** sqrt( Σ ‖p − centroid‖² / (n − 1) ); null when n < 2. */
  standardDistance: number | null;
  /**
   * r_wg for two axes: 1 − (sd_power² + sd_interest²) / (2 · 100/12), clipped to [0, 1].
   * 1: every session put it in the same spot; 0: no better than random. Null when n < 2.
   */
  agreement: number | null;
  /** How many placements fall in each zone (the study's midline decides high and low). */
  zoneCounts: ZoneCounts;
  /** The most frequent zone, ties broken in the order hp_hi, hp_li, lp_hi, lp_li; null when n = 0. */
  modalZone: ZoneId | null;
  /** Count of the modal zone / n; null when n = 0. */
  modalZoneShare: number | null;
  /** Contested placements / n; null when n = 0. */
  contestedShare: number | null;
  /** One-standard-deviation ellipse from the covariance matrix, when n ≥ 3; otherwise null. */
  ellipse: Ellipse | null;
}

export function emptyZoneCounts(): ZoneCounts {
  return { hp_hi: 0, hp_li: 0, lp_hi: 0, lp_li: 0 };
}

/** Arithmetic mean of each axis; null for no points. */
export function centroidOf(points: readonly Position[]): Position | null {
  if (points.length === 0) return null;
  let power = 0;
  let interest = 0;
  for (const p of points) {
    power += p.power;
    interest += p.interest;
  }
  return { power: power / points.length, interest: interest / points.length };
}

/** The 2×2 sample covariance matrix (divide by n − 1); null when n < 2. */
export function covarianceOf(points: readonly Position[], centroid: Position): { power: number; interest: number; cross: number } | null {
  const n = points.length;
  if (n < 2) return null;
  let pp = 0;
  let ii = 0;
  let pi = 0;
  for (const p of points) {
    const dp = p.power - centroid.power;
    const di = p.interest - centroid.interest;
    pp += dp * dp;
    ii += di * di;
    pi += dp * di;
  }
  return { power: pp / (n - 1), interest: ii / (n - 1), cross: pi / (n - 1) };
}

/** r_wg for two axes, clipped to [0, 1] (docs/methods.md `agreement`). */
export function agreementOf(sd: AxisSd): number {
  const r = 1 - (sd.power * sd.power + sd.interest * sd.interest) / (2 * UNIFORM_VARIANCE);
  return Math.min(1, Math.max(0, r));
}

/** The modal zone with the study's tie-break order (the order of ZONE_IDS), or null when nothing was counted. */
export function modalZoneOf(counts: ZoneCounts): ZoneId | null {
  let best: ZoneId | null = null;
  for (const z of ZONE_IDS) {
    if (counts[z] > 0 && (best === null || counts[z] > counts[best])) best = z;
  }
  return best;
}

/**
 * The one-standard-deviation ellipse of a covariance matrix, in the grid's plane
 * (x = interest, y = power). Eigenvalues of [[var_i, cov], [cov, var_p]] are
 * (a + c)/2 ± sqrt(((a − c)/2)² + b²); the major axis lies at ½·atan2(2b, a − c).
 */
export function ellipseOf(centre: Position, cov: { power: number; interest: number; cross: number }): Ellipse {
  const a = cov.interest;
  const c = cov.power;
  const b = cov.cross;
  const mean = (a + c) / 2;
  const spread = Math.hypot((a - c) / 2, b);
  const major = Math.sqrt(Math.max(0, mean + spread));
  const minor = Math.sqrt(Math.max(0, mean - spread));
  let angleDeg = (0.5 * Math.atan2(2 * b, a - c) * 180) / Math.PI;
  // atan2 gives (−180, 180], so the half-angle is in (−90, 90]; normalise −90 to 90.
  if (angleDeg <= -90) angleDeg += 180;
  return { centre, radii: { major, minor }, angleDeg };
}

/**
 * The descriptive statistics of one stakeholder over a set of sessions.
 * @param placed the positions of the sessions that placed it (status `placed`)
 * @param counts the set's size and the other statuses' counts
 */
export function describe(
  placed: readonly PlacedPoint[],
  counts: { sessions: number; unknown: number; notDiscussed: number },
  midline: Midline,
): Descriptives {
  const n = placed.length;
  const positions = placed.map((p) => p.position);
  const centroid = centroidOf(positions);
  const cov = centroid ? covarianceOf(positions, centroid) : null;
  const sd = cov ? { power: Math.sqrt(cov.power), interest: Math.sqrt(cov.interest) } : null;
  const zoneCounts = emptyZoneCounts();
  let contested = 0;
  for (const p of placed) {
    zoneCounts[zoneOf(p.position, midline)]++;
    if (p.contested) contested++;
  }
  const modalZone = modalZoneOf(zoneCounts);
  return {
    n,
    unknown: counts.unknown,
    notDiscussed: counts.notDiscussed,
    coverage: counts.sessions > 0 ? n / counts.sessions : null,
    centroid,
    sd,
    // Σ‖p − c‖² / (n − 1) is the sum of the two axes' sample variances.
    standardDistance: cov ? Math.sqrt(cov.power + cov.interest) : null,
    agreement: sd ? agreementOf(sd) : null,
    zoneCounts,
    modalZone,
    modalZoneShare: modalZone ? zoneCounts[modalZone] / n : null,
    contestedShare: n > 0 ? contested / n : null,
    ellipse: centroid && cov && n >= 3 ? ellipseOf(centroid, cov) : null,
  };
}
