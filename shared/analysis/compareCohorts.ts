import type { Position } from '../model/position';
import type { Session } from '../model/session';
import type { Axes, Study } from '../model/study';
import type { Midline } from '../model/zones';
import { benjaminiHochberg } from './benjaminiHochberg';
import { describe, type Descriptives, type PlacedPoint } from './descriptive';
import { krippendorffAlphaInterval } from './krippendorff';
import { compareRounds, defaultRoundPair, type OverTime } from './overTime';
import { permanova } from './permanova';
import { Mulberry32, streamSeed } from './prng';
import { salienceGapsOf, type SalienceGap } from './salience';

export const DEFAULT_PERMUTATIONS = 9999;
export const DEFAULT_SEED = 1;
/** A cohort needs this many sessions that placed a stakeholder to count towards `testable`. */
export const MIN_COHORT_N_FOR_TEST = 3;
/** `divergent` when the q-value is below this. */
export const DIVERGENCE_Q = 0.05;
/** `zoneConsensus` needs the modal zone's share over all sessions to reach this. */
export const CONSENSUS_SHARE = 0.75;

/** What to analyse and how. Every field is optional. */
export interface CompareOptions {
  /** B, the number of label shuffles in the permutation test (default 9,999). 0 skips the test's p-values (all 1). */
  permutations?: number;
  /** Seed of the permutation test (default 1). Same data, permutations and seed → same output. */
  seed?: number;
  /** Only these cohorts (default: all). */
  cohortIds?: readonly string[];
  /** Only sessions of this round (default: all rounds). The over-time analysis ignores it. */
  roundId?: string;
  /** The two rounds to pair for the over-time analysis (default: the first two rounds with sessions). */
  overTime?: { fromRoundId: string; toRoundId: string };
}

/** Why a stakeholder has no permutation test. A code for the UI and CLI to word. */
export type NotTestableReason = 'fewer_than_two_cohorts_with_3';

/** One session's placement of a stakeholder, so every centroid can show its raw points. */
export interface RawPoint {
  sessionId: string;
  sessionCode: string;
  cohortId: string;
  position: Position;
  contested: boolean;
}

/** One cohort's view of one stakeholder: the descriptive statistics over the cohort's sessions. */
export interface CohortDescriptives extends Descriptives {
  /** The cohort's id. */
  id: string;
  name: string;
  /** The cohort's sessions in the analysed set (the denominator of `coverage`). */
  sessions: number;
}

/** The largest distance between two cohort centroids, and which pair. */
export interface CentroidDistance {
  distance: number;
  cohortIds: [string, string];
  /** The two cohorts' names. */
  cohorts: [string, string];
}

/** Everything computed for one stakeholder. Field meanings are those of ANALYSIS.md. */
export interface StakeholderComparison extends Descriptives {
  id: string;
  name: string;
  short: string;
  /** Each cohort in the analysis (also those with n = 0, so "n per cohort" is always shown). */
  cohorts: CohortDescriptives[];
  /** Σ_k ‖c_k − c̄‖² / (K − 1) over the K cohorts with n ≥ 1, c̄ their unweighted mean; null when K < 2. */
  betweenVariance: number | null;
  /** Largest distance between two cohort centroids; null when K < 2. */
  maxCentroidDistance: CentroidDistance | null;
  /** At least two cohorts with n ≥ 3. */
  testable: boolean;
  /** Why not testable; null when testable. */
  notTestableReason: NotTestableReason | null;
  /** [SS_between / (K − 1)] / [SS_within / (N − K)]; null when not testable or SS_within = 0. */
  pseudoF: number | null;
  /** (1 + #{F* ≥ F}) / (1 + B) from B seeded label shuffles; null when not testable. Exploratory. */
  pValue: number | null;
  /** Benjamini–Hochberg adjustment of pValue across the testable stakeholders; null when not testable. */
  qValue: number | null;
  /** SS_between / SS_total; null when not testable or SS_total = 0. */
  rSquared: number | null;
  /** Every cohort with n ≥ 1 has the same modal zone, and modalZoneShare over all sessions ≥ 0.75. */
  zoneConsensus: boolean;
  /** Testable and qValue < 0.05. */
  divergent: boolean;
  /** The sessions that placed it, for drawing raw points under every centroid. */
  points: RawPoint[];
}

/** An analysed session, in the order used by `sessionDistances`. */
export interface AnalysedSession {
  id: string;
  code: string;
  cohortId: string;
  roundId: string | null;
}

/** The result of comparing cohorts: one object, also printed by `pimap analyze --json`. */
export interface CohortComparison {
  /** Sessions analysed (the unit of analysis: sessions, not individuals). */
  sessions: number;
  /** The zone boundaries used. */
  midline: Midline;
  /** The axes' wording, printed in every export of results. */
  axes: Axes;
  /** B, the number of label shuffles. */
  permutations: number;
  seed: number;
  /** The round analysed, or null for all rounds. */
  round: { id: string; name: string } | null;
  /** The cohorts analysed, in study order, with their number of sessions. */
  cohorts: Array<{ id: string; name: string; sessions: number }>;
  /** Krippendorff's alpha (interval) per axis: sessions as coders, stakeholders as units; null when undefined. */
  alpha: { power: number | null; interest: number | null };
  salienceGaps: SalienceGap[];
  /** Stakeholders with at least one entry (any status) in the analysed sessions, in study order. */
  stakeholders: StakeholderComparison[];
  /** The analysed sessions, sorted by cohort, round, code and id; the order of `sessionDistances`. */
  sessionList: AnalysedSession[];
  /**
   * Session-to-session distance: the mean Euclidean distance over the stakeholders both
   * sessions placed; null when they placed none in common. Square, in `sessionList` order.
   */
  sessionDistances: Array<Array<number | null>>;
  /** Pairs by session code across two rounds; null when fewer than two rounds have sessions. */
  overTime: OverTime | null;
}

/** Stable comparison of strings, independent of the runtime's locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sessions in a canonical order (cohort, round, code, id in study order and code-point
 * order). The permutation test depends on the order of its points, so sorting makes the
 * output independent of the order sessions were read from disk.
 */
export function canonicalSessionOrder(study: Study, sessions: readonly Session[]): Session[] {
  const cohortIndex = new Map(study.cohorts.map((c, i) => [c.id, i]));
  const roundIndex = new Map(study.rounds.map((r, i) => [r.id, i]));
  const rank = (m: Map<string, number>, id: string | null) => (id === null ? -1 : (m.get(id) ?? m.size));
  return [...sessions].sort(
    (a, b) =>
      rank(cohortIndex, a.cohortId) - rank(cohortIndex, b.cohortId) ||
      byText(a.cohortId, b.cohortId) ||
      rank(roundIndex, a.roundId) - rank(roundIndex, b.roundId) ||
      byText(a.roundId ?? '', b.roundId ?? '') ||
      byText(a.code, b.code) ||
      byText(a.id, b.id),
  );
}

/** Sessions of the study selected by the options' cohort and round filters, in canonical order. */
export function selectSessions(study: Study, sessions: readonly Session[], options: Pick<CompareOptions, 'cohortIds' | 'roundId'> = {}): Session[] {
  const cohorts = options.cohortIds ? new Set(options.cohortIds) : null;
  return canonicalSessionOrder(
    study,
    sessions.filter((s) => (!cohorts || cohorts.has(s.cohortId)) && (options.roundId === undefined || s.roundId === options.roundId)),
  );
}

/**
 * Compare how cohorts placed each stakeholder: descriptive statistics overall and per
 * cohort, between-cohort spread, a seeded PERMANOVA permutation test with Benjamini–Hochberg
 * q-values, Krippendorff's alpha, salience gaps, session distances and the over-time
 * pairing. Pure: no I/O, no clock, no Math.random.
 */
export function compareCohorts(study: Study, allSessions: readonly Session[], options: CompareOptions = {}): CohortComparison {
  const permutations = Math.max(0, Math.floor(options.permutations ?? DEFAULT_PERMUTATIONS));
  const seed = Math.floor(options.seed ?? DEFAULT_SEED);
  const midline = study.midline;
  const sessions = selectSessions(study, allSessions, options);

  // The cohorts analysed: the requested ones, or every cohort with a selected session;
  // in study order, then any cohort id a session uses that the study does not list.
  const wanted = options.cohortIds ? new Set(options.cohortIds) : new Set(sessions.map((s) => s.cohortId));
  const cohortList = study.cohorts.filter((c) => wanted.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
  for (const s of sessions) if (!cohortList.some((c) => c.id === s.cohortId)) cohortList.push({ id: s.cohortId, name: s.cohortId });
  const cohortIndex = new Map(cohortList.map((c, i) => [c.id, i]));
  const cohortSessions = cohortList.map((c) => sessions.filter((s) => s.cohortId === c.id).length);

  const stakeholderList = study.stakeholders.filter((st) => sessions.some((s) => s.placements[st.id] !== undefined));

  const results: StakeholderComparison[] = [];
  const alphaUnits = { power: [] as number[][], interest: [] as number[][] };
  const gaps: SalienceGap[] = [];
  for (const st of stakeholderList) {
    const placedAll: PlacedPoint[] = [];
    const placedBy: PlacedPoint[][] = cohortList.map(() => []);
    const unknownBy = cohortList.map(() => 0);
    const notDiscussedBy = cohortList.map(() => 0);
    const points: RawPoint[] = [];
    const labels: number[] = [];
    for (const s of sessions) {
      const p = s.placements[st.id];
      if (!p) continue;
      const k = cohortIndex.get(s.cohortId)!;
      if (p.status === 'placed' && p.position) {
        const point = { position: p.position, contested: p.contested };
        placedAll.push(point);
        placedBy[k]!.push(point);
        labels.push(k);
        points.push({ sessionId: s.id, sessionCode: s.code, cohortId: s.cohortId, position: p.position, contested: p.contested });
      } else if (p.status === 'unknown') unknownBy[k]!++;
      else if (p.status === 'not_discussed') notDiscussedBy[k]!++;
    }
    alphaUnits.power.push(placedAll.map((p) => p.position.power));
    alphaUnits.interest.push(placedAll.map((p) => p.position.interest));

    const overall = describe(
      placedAll,
      { sessions: sessions.length, unknown: sum(unknownBy), notDiscussed: sum(notDiscussedBy) },
      midline,
    );
    const cohorts: CohortDescriptives[] = cohortList.map((c, k) => ({
      id: c.id,
      name: c.name,
      sessions: cohortSessions[k]!,
      ...describe(placedBy[k]!, { sessions: cohortSessions[k]!, unknown: unknownBy[k]!, notDiscussed: notDiscussedBy[k]! }, midline),
    }));
    const present = cohorts.filter((c) => c.n >= 1);
    const between = betweenCohorts(present);
    const testable = cohorts.filter((c) => c.n >= MIN_COHORT_N_FOR_TEST).length >= 2;

    let pseudoF: number | null = null;
    let pValue: number | null = null;
    let rSquared: number | null = null;
    if (testable) {
      // Relabel to 0..K−1 over the cohorts that placed it (N sessions, K cohorts).
      const dense = new Map(present.map((c, i) => [cohortIndex.get(c.id)!, i]));
      const test = permanova(
        placedAll.map((p) => p.position.interest),
        placedAll.map((p) => p.position.power),
        Int32Array.from(labels, (k) => dense.get(k)!),
        present.length,
        { permutations, rng: new Mulberry32(streamSeed(seed, st.id)) },
      );
      pseudoF = test.pseudoF;
      pValue = test.pValue;
      rSquared = test.rSquared;
    }
    const zoneConsensus =
      overall.modalZone !== null &&
      (overall.modalZoneShare ?? 0) >= CONSENSUS_SHARE &&
      present.every((c) => c.modalZone === overall.modalZone);

    gaps.push(...salienceGapsOf(st, cohorts));
    results.push({
      id: st.id,
      name: st.name,
      short: st.short,
      n: overall.n,
      unknown: overall.unknown,
      notDiscussed: overall.notDiscussed,
      coverage: overall.coverage,
      centroid: overall.centroid,
      sd: overall.sd,
      standardDistance: overall.standardDistance,
      agreement: overall.agreement,
      zoneCounts: overall.zoneCounts,
      modalZone: overall.modalZone,
      modalZoneShare: overall.modalZoneShare,
      contestedShare: overall.contestedShare,
      ellipse: overall.ellipse,
      cohorts,
      betweenVariance: between.variance,
      maxCentroidDistance: between.maxDistance,
      testable,
      notTestableReason: testable ? null : 'fewer_than_two_cohorts_with_3',
      pseudoF,
      pValue,
      qValue: null,
      rSquared,
      zoneConsensus,
      divergent: false,
      points,
    });
  }

  // Benjamini–Hochberg across the testable stakeholders of this analysis.
  const tested = results.filter((r) => r.pValue !== null);
  const q = benjaminiHochberg(tested.map((r) => r.pValue!));
  tested.forEach((r, i) => {
    r.qValue = q[i]!;
    r.divergent = r.qValue < DIVERGENCE_Q;
  });

  const roundFilter = options.roundId === undefined ? null : { id: options.roundId, name: study.rounds.find((r) => r.id === options.roundId)?.name ?? options.roundId };
  const cohortFiltered = selectSessions(study, allSessions, { cohortIds: options.cohortIds });
  const roundPair = options.overTime ?? defaultRoundPair(study, cohortFiltered);

  return {
    sessions: sessions.length,
    midline: { ...midline },
    axes: { ...study.axes },
    permutations,
    seed,
    round: roundFilter,
    cohorts: cohortList.map((c, k) => ({ id: c.id, name: c.name, sessions: cohortSessions[k]! })),
    alpha: { power: krippendorffAlphaInterval(alphaUnits.power), interest: krippendorffAlphaInterval(alphaUnits.interest) },
    salienceGaps: gaps,
    stakeholders: results,
    sessionList: sessions.map((s) => ({ id: s.id, code: s.code, cohortId: s.cohortId, roundId: s.roundId })),
    sessionDistances: sessionDistances(sessions, stakeholderList.map((s) => s.id)),
    overTime: roundPair ? compareRounds(study, cohortFiltered, roundPair) : null,
  };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** betweenVariance and maxCentroidDistance over the cohorts with n ≥ 1. */
export function betweenCohorts(present: ReadonlyArray<{ id: string; name: string; centroid: Position | null }>): {
  variance: number | null;
  maxDistance: CentroidDistance | null;
} {
  const k = present.length;
  if (k < 2) return { variance: null, maxDistance: null };
  const cs = present.map((c) => c.centroid!);
  const mean = { power: sum(cs.map((c) => c.power)) / k, interest: sum(cs.map((c) => c.interest)) / k };
  let ss = 0;
  for (const c of cs) ss += (c.power - mean.power) ** 2 + (c.interest - mean.interest) ** 2;
  let best: CentroidDistance | null = null;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const d = Math.hypot(cs[a]!.power - cs[b]!.power, cs[a]!.interest - cs[b]!.interest);
      if (!best || d > best.distance)
        best = { distance: d, cohortIds: [present[a]!.id, present[b]!.id], cohorts: [present[a]!.name, present[b]!.name] };
    }
  }
  return { variance: ss / (k - 1), maxDistance: best };
}

/**
 * Mean Euclidean distance between two sessions' placements over the stakeholders both
 * placed, for every pair of sessions; null where they placed none in common.
 */
export function sessionDistances(sessions: readonly Session[], stakeholderIds: readonly string[]): Array<Array<number | null>> {
  const s = sessions.length;
  const m = stakeholderIds.length;
  // One flat array per axis, NaN where not placed, so the pair loop is plain arithmetic.
  const power = new Float64Array(s * m).fill(NaN);
  const interest = new Float64Array(s * m).fill(NaN);
  sessions.forEach((session, i) => {
    stakeholderIds.forEach((id, j) => {
      const p = session.placements[id];
      if (p?.status === 'placed' && p.position) {
        power[i * m + j] = p.position.power;
        interest[i * m + j] = p.position.interest;
      }
    });
  });
  const out: Array<Array<number | null>> = sessions.map(() => new Array<number | null>(s).fill(null));
  for (let a = 0; a < s; a++) {
    out[a]![a] = 0;
    for (let b = a + 1; b < s; b++) {
      let total = 0;
      let count = 0;
      for (let j = 0; j < m; j++) {
        const pa = power[a * m + j]!;
        const pb = power[b * m + j]!;
        if (pa !== pa || pb !== pb) continue; // NaN: not placed by one of them
        const dp = pa - pb;
        const di = interest[a * m + j]! - interest[b * m + j]!;
        total += Math.sqrt(dp * dp + di * di); // not Math.hypot: several times slower, and no overflow risk on 0–10
        count++;
      }
      const d = count > 0 ? total / count : null;
      out[a]![b] = d;
      out[b]![a] = d;
    }
  }
  return out;
}
