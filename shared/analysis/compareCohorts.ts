import type { Position } from '../model/position';
import type { Axes, Study } from '../model/study';
import type { Midline } from '../model/zones';
import { benjaminiHochberg } from './benjaminiHochberg';
import { describe, type Descriptives, type PlacedPoint } from './descriptive';
import { krippendorffAlphaInterval } from './krippendorff';
import { compareRounds, defaultRoundPair, type OverTime } from './overTime';
import { nameKey } from '../model/names';
import { countPermutations, planPermanova, pValueOf, SS_TOLERANCE, type PermutationTest } from './permanova';
import { Mulberry32, streamSeed } from './prng';
import type { AnalysisSession } from './sessionData';
import { salienceGapsOf, type SalienceGap } from './salience';

export const DEFAULT_PERMUTATIONS = 9999;
export const DEFAULT_SEED = 1;
/**
 * The one range of B and of the seed, for every way in (CLI, report, export contract, the
 * compare view). 0 permutations skips the test (CLI only); the compare view asks for at
 * least 99, below which a p-value is too coarse to read.
 */
export const PERMUTATIONS_RANGE = { min: 0, interactiveMin: 99, max: 99_999 } as const;
/** Any 32-bit seed, signed or unsigned; the compare view offers the non-negative signed ones, simpler to type. */
export const SEED_RANGE = { min: -2_147_483_648, interactiveMin: 0, interactiveMax: 2_147_483_647, max: 4_294_967_295 } as const;
/** A cohort needs this many sessions that placed a stakeholder to count towards `testable`. */
export const MIN_COHORT_N_FOR_TEST = 3;
/** `divergent` when the q-value is below this. */
export const DIVERGENCE_Q = 0.05;
/** `zoneConsensus` needs the modal zone's share over all sessions to reach this. */
export const CONSENSUS_SHARE = 0.75;
/** `zoneConsensus` needs at least this many cohorts with at least CONSENSUS_MIN_N sessions placing it. */
export const CONSENSUS_MIN_COHORTS = 2;
export const CONSENSUS_MIN_N = 2;
/** `dispersion.differs` when the dispersion test's p-value is below this. */
export const DISPERSION_P = 0.05;

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
  /**
   * Compute the n × n session-distance matrix (default true). The compare view never shows
   * it and at 1,000 sessions it is most of the result's size, so the view turns it off.
   */
  sessionDistances?: boolean;
  /** The two rounds to pair for the over-time analysis (default: the first two rounds with sessions); false: skip it. */
  overTime?: { fromRoundId: string; toRoundId: string } | false;
}

/**
 * Why a stakeholder has no permutation test. A code for the UI and CLI to word.
 * - `same_group_in_several_rounds`: a session code appears in more than one selected round,
 *   so one group would be counted as several independent sessions; choose one round.
 * - `fewer_than_two_cohorts_with_3`: fewer than two cohorts have 3 or more sessions placing it.
 * - `all_at_one_point`: every session put it in the same spot; there is nothing to test.
 */
export type NotTestableReason = 'same_group_in_several_rounds' | 'fewer_than_two_cohorts_with_3' | 'all_at_one_point';

/**
 * PERMDISP (Anderson 2006): do the cohorts differ in how spread out their placements are?
 * z_j is each session's distance to its own cohort's centroid; F is the one-way ANOVA F of
 * the z over cohorts, with a permutation p-value over the same B shuffles and seed.
 */
export interface Dispersion {
  /** One-way ANOVA F of the distances to the cohort centroids; null when the within-cohort sum of squares of z is ≈ 0. */
  F: number | null;
  /** (1 + #{F* ≥ F}) / (1 + B); null when every z is the same (no spread to compare). */
  pValue: number | null;
  /** pValue < 0.05: the cohorts differ in spread, so a divergence may be partly a difference in how much groups agree. */
  differs: boolean;
  /** Mean distance to the centroid, per cohort that placed it (same order as `cohorts`, n ≥ 1 only). */
  meanDistance: Array<{ id: string; value: number }>;
}

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

/** Everything computed for one stakeholder. Field meanings are those of docs/methods.md. */
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
  /** At least two cohorts with n ≥ 3, not all placements at one point, and no group counted twice. */
  testable: boolean;
  /** Why not testable; null when testable. */
  notTestableReason: NotTestableReason | null;
  /** [SS_between / (K − 1)] / [SS_within / (N − K)]; null when not testable or SS_within ≤ 1e-9 (F is infinite). */
  pseudoF: number | null;
  /** (1 + #{F* ≥ F}) / (1 + B) from B seeded label shuffles; null when not testable. Exploratory. */
  pValue: number | null;
  /** Benjamini–Hochberg adjustment of pValue across the testable stakeholders; null when not testable. */
  qValue: number | null;
  /** SS_between / SS_total; null when not testable. */
  rSquared: number | null;
  /** PERMDISP for a testable stakeholder; null when not testable. */
  dispersion: Dispersion | null;
  /**
   * At least two cohorts with n ≥ 2, every cohort with n ≥ 1 has the same modal zone, and
   * modalZoneShare over all sessions ≥ 0.75. One session or one cohort is never consensus.
   */
  zoneConsensus: boolean;
  /** Cohorts with n ≥ 1 (the number of cohorts a consensus or a divergence rests on). */
  cohortsPlacing: number;
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
   * sessions placed; null when they placed none in common. Square, in `sessionList` order;
   * empty when the caller asked for none (`sessionDistances: false`).
   */
  sessionDistances: Array<Array<number | null>>;
  /** Pairs by session code across two rounds; null when fewer than two rounds have sessions. */
  overTime: OverTime | null;
  /**
   * Session codes that appear in more than one of the selected rounds (the same group mapped
   * twice). When any does, no between-cohort test is run. As written in the first session.
   */
  repeatedCodes: string[];
  /** Sessions left out because the study does not list their cohort or round (a damaged or foreign file). */
  excludedSessions: Array<{ id: string; code: string; reason: 'unknown_cohort' | 'unknown_round' }>;
}

/** Stable comparison of strings, independent of the runtime's locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sessions in a canonical order: round (study order, no round first), then session code
 * (as `nameKey`, then as written), then cohort (study order), then id. The permutation test
 * shuffles points in this order, so the output depends on the data only — not on the order
 * of CSV rows or session files, nor (but for two sessions with the same code, round and
 * cohort) on generated ids. Cohorts and rounds are in study order, which an import creates
 * canonically too (planImport).
 */
export function canonicalSessionOrder<S extends AnalysisSession>(study: Study, sessions: readonly S[]): S[] {
  const cohortIndex = new Map(study.cohorts.map((c, i) => [c.id, i]));
  const roundIndex = new Map(study.rounds.map((r, i) => [r.id, i]));
  const rank = (m: Map<string, number>, id: string | null) => (id === null ? -1 : (m.get(id) ?? m.size));
  const keyed = sessions.map((s) => ({ s, code: nameKey(s.code) }));
  keyed.sort(
    (a, b) =>
      rank(roundIndex, a.s.roundId) - rank(roundIndex, b.s.roundId) ||
      byText(a.s.roundId ?? '', b.s.roundId ?? '') ||
      byText(a.code, b.code) ||
      byText(a.s.code, b.s.code) ||
      rank(cohortIndex, a.s.cohortId) - rank(cohortIndex, b.s.cohortId) ||
      byText(a.s.cohortId, b.s.cohortId) ||
      byText(a.s.id, b.s.id),
  );
  return keyed.map((k) => k.s);
}

/** Session codes used in more than one round among these sessions (the same group mapped twice), as first written. */
export function repeatedCodesOf(sessions: readonly AnalysisSession[]): string[] {
  const rounds = new Map<string, { code: string; rounds: Set<string> }>();
  for (const s of sessions) {
    const key = nameKey(s.code);
    const entry = rounds.get(key) ?? { code: s.code.trim(), rounds: new Set<string>() };
    entry.rounds.add(s.roundId ?? '');
    rounds.set(key, entry);
  }
  return [...rounds.values()].filter((e) => e.rounds.size > 1).map((e) => e.code);
}

/**
 * The round the compare view selects by default: the latest round in study order that has
 * sessions, so that no group is counted twice; null when the study's sessions have no round.
 */
export function defaultCompareRound(study: Study, sessions: readonly AnalysisSession[]): string | null {
  for (let i = study.rounds.length - 1; i >= 0; i--) {
    const id = study.rounds[i]!.id;
    if (sessions.some((s) => s.roundId === id)) return id;
  }
  return null;
}

/** Sessions of the study selected by the options' cohort and round filters, in canonical order. */
export function selectSessions<S extends AnalysisSession>(study: Study, sessions: readonly S[], options: Pick<CompareOptions, 'cohortIds' | 'roundId'> = {}): S[] {
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
export function compareCohorts(study: Study, allSessions: readonly AnalysisSession[], options: CompareOptions = {}): CohortComparison {
  const plan = planComparison(study, allSessions, options);
  return completeComparison(plan, plan.tests.map(countPlannedTest));
}

/** One permutation count a comparison waits for: whose, which test, and its seeded stream. */
export interface PlannedTest {
  /** Index in `comparison.stakeholders`. */
  stakeholder: number;
  /** `location`: the PERMANOVA test; `dispersion`: PERMDISP. */
  kind: 'location' | 'dispersion';
  /** The test's own stream: from the analysis seed and the stakeholder's case-folded name only. */
  seed: number;
  test: PermutationTest;
}

/**
 * A comparison with every statistic but the permutation p-values (and so the q-values and
 * the `divergent` and `dispersion.differs` flags), and the counts it waits for.
 */
export interface PlannedComparison {
  comparison: CohortComparison;
  tests: PlannedTest[];
}

/**
 * #{F* ≥ F} of one planned test. It depends on the test and its seed only, never on which
 * other tests ran before it or where (which worker), so the counts may be computed in any
 * order, split in any way, and the comparison is the same, bit for bit.
 */
export function countPlannedTest(planned: PlannedTest): number {
  return countPermutations(planned.test, new Mulberry32(planned.seed));
}

/**
 * The comparison from its plan and the count of each planned test (same order as
 * `plan.tests`): p-values, then Benjamini–Hochberg q-values and the flags that follow.
 * Completes the plan's comparison in place and returns it.
 */
export function completeComparison(plan: PlannedComparison, counts: ArrayLike<number>): CohortComparison {
  const { comparison, tests } = plan;
  if (counts.length !== tests.length) throw new Error(`expected ${tests.length} permutation counts, got ${counts.length}`);
  tests.forEach((t, i) => {
    const p = pValueOf(counts[i]!, comparison.permutations);
    const st = comparison.stakeholders[t.stakeholder]!;
    if (t.kind === 'location') st.pValue = p;
    else {
      st.dispersion!.pValue = p;
      st.dispersion!.differs = p < DISPERSION_P;
    }
  });
  // Benjamini–Hochberg across the testable stakeholders of this analysis.
  const tested = comparison.stakeholders.filter((r) => r.pValue !== null);
  const q = benjaminiHochberg(tested.map((r) => r.pValue!));
  tested.forEach((r, i) => {
    r.qValue = q[i]!;
    r.divergent = r.qValue < DIVERGENCE_Q;
  });
  return comparison;
}

/**
 * Everything `compareCohorts` computes but the permutation counts, which are listed for the
 * caller to run (`countPlannedTest`) — here, or spread over workers — and hand to
 * `completeComparison`.
 */
export function planComparison(
  study: Study,
  allSessions: readonly AnalysisSession[],
  options: CompareOptions = {},
  /**
   * Told of each test as soon as it is planned (its index in `tests`), so workers can start
   * counting while the rest is still being planned. The test's values may be moved to
   * another thread at once: planning never reads them again.
   */
  onTest?: (planned: PlannedTest, index: number) => void,
): PlannedComparison {
  const permutations = Math.max(0, Math.floor(options.permutations ?? DEFAULT_PERMUTATIONS));
  const seed = Math.floor(options.seed ?? DEFAULT_SEED);
  const midline = study.midline;
  // A session whose cohort or round the study does not list (a file from another study, or
  // damaged by hand) is left out and reported, never analysed as a cohort of its own.
  const cohortIds = new Set(study.cohorts.map((c) => c.id));
  const roundIds = new Set(study.rounds.map((r) => r.id));
  const excludedSessions: CohortComparison['excludedSessions'] = [];
  const known = canonicalSessionOrder(study, allSessions).filter((s) => {
    const reason = !cohortIds.has(s.cohortId) ? 'unknown_cohort' : s.roundId !== null && !roundIds.has(s.roundId) ? 'unknown_round' : null;
    if (reason) excludedSessions.push({ id: s.id, code: s.code, reason });
    return reason === null;
  });
  const sessions = selectSessions(study, known, options);
  const repeatedCodes = repeatedCodesOf(sessions);

  // The cohorts analysed: the requested ones, or every cohort with a selected session; in study order.
  const wanted = options.cohortIds ? new Set(options.cohortIds) : new Set(sessions.map((s) => s.cohortId));
  const cohortList = study.cohorts.filter((c) => wanted.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
  const cohortIndex = new Map(cohortList.map((c, i) => [c.id, i]));
  const cohortSessions = cohortList.map((c) => sessions.filter((s) => s.cohortId === c.id).length);

  const stakeholderList = study.stakeholders.filter((st) => sessions.some((s) => s.placements[st.id] !== undefined));

  const results: StakeholderComparison[] = [];
  const alphaUnits = { power: [] as number[][], interest: [] as number[][] };
  const gaps: SalienceGap[] = [];
  const tests: PlannedTest[] = [];
  const planned = (test: PlannedTest) => {
    tests.push(test);
    onTest?.(test, tests.length - 1);
  };
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
    const xs = placedAll.map((p) => p.position.interest);
    const ys = placedAll.map((p) => p.position.power);
    const notTestableReason: NotTestableReason | null =
      repeatedCodes.length > 0
        ? 'same_group_in_several_rounds'
        : cohorts.filter((c) => c.n >= MIN_COHORT_N_FOR_TEST).length < 2
          ? 'fewer_than_two_cohorts_with_3'
          : !(sumOfSquares(xs, ys) > SS_TOLERANCE)
            ? 'all_at_one_point'
            : null;
    const testable = notTestableReason === null;

    let pseudoF: number | null = null;
    let pValue: number | null = null;
    let rSquared: number | null = null;
    let dispersion: Dispersion | null = null;
    if (testable) {
      // Relabel to 0..K−1 over the cohorts that placed it (N sessions, K cohorts).
      const dense = new Map(present.map((c, i) => [cohortIndex.get(c.id)!, i]));
      const groups = Int32Array.from(labels, (k) => dense.get(k)!);
      // Each stakeholder's stream comes from the seed and its name, not its id: an id is
      // generated on import, so the same CSV imported twice would otherwise give other p-values.
      const streamKey = nameKey(st.name);
      const location = planPermanova(xs, ys, groups, present.length, { permutations });
      pseudoF = location.result.pseudoF;
      // 1 until the count arrives; stays 1 when there is nothing to count (B = 0).
      pValue = 1;
      rSquared = location.result.rSquared;
      if (location.test) planned({ stakeholder: results.length, kind: 'location', seed: streamSeed(seed, streamKey), test: location.test });
      const spread = dispersionOf(xs, ys, groups, present, permutations);
      dispersion = spread.dispersion;
      if (spread.test) planned({ stakeholder: results.length, kind: 'dispersion', seed: streamSeed(seed, `${streamKey}\u0000dispersion`), test: spread.test });
    }
    const zoneConsensus =
      overall.modalZone !== null &&
      cohorts.filter((c) => c.n >= CONSENSUS_MIN_N).length >= CONSENSUS_MIN_COHORTS &&
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
      notTestableReason,
      pseudoF,
      pValue,
      qValue: null,
      rSquared,
      dispersion,
      zoneConsensus,
      cohortsPlacing: present.length,
      divergent: false,
      points,
    });
  }

  const roundFilter = options.roundId === undefined ? null : { id: options.roundId, name: study.rounds.find((r) => r.id === options.roundId)?.name ?? options.roundId };
  const cohortFiltered = selectSessions(study, known, { cohortIds: options.cohortIds });
  const roundPair = options.overTime === false ? null : (options.overTime ?? defaultRoundPair(study, cohortFiltered));

  const comparison: CohortComparison = {
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
    sessionDistances: options.sessionDistances === false ? [] : sessionDistances(sessions, stakeholderList.map((s) => s.id)),
    overTime: roundPair ? compareRounds(study, cohortFiltered, roundPair) : null,
    repeatedCodes,
    excludedSessions,
  };
  return { comparison, tests };
}

/** Σ of squared distances to the centroid of the points (x, y). */
function sumOfSquares(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n === 0) return 0;
  const mx = sum(xs) / n;
  const my = sum(ys) / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mx) ** 2 + (ys[i]! - my) ** 2;
  return ss;
}

/**
 * PERMDISP: distances of each session to its own cohort's centroid, then a one-way ANOVA of
 * those distances over cohorts with a label-permutation p-value. A one-way ANOVA F is the
 * pseudo-F of a one-dimensional PERMANOVA, so the same permutation code serves (y = 0).
 * The p-value is 1 (or null: no spread) until the test's count completes it.
 */
function dispersionOf(
  xs: readonly number[],
  ys: readonly number[],
  groups: Int32Array,
  present: ReadonlyArray<{ id: string; centroid: Position | null }>,
  permutations: number,
): { dispersion: Dispersion; test: PermutationTest | null } {
  const z = xs.map((x, i) => {
    const c = present[groups[i]!]!.centroid!;
    return Math.hypot(x - c.interest, ys[i]! - c.power);
  });
  const sums = present.map(() => 0);
  const counts = present.map(() => 0);
  z.forEach((v, i) => {
    sums[groups[i]!]! += v;
    counts[groups[i]!]!++;
  });
  const meanDistance = present.map((c, g) => ({ id: c.id, value: sums[g]! / counts[g]! }));
  const plan = planPermanova(z, new Float64Array(z.length), groups, present.length, { permutations });
  const spread = plan.result.ssTotal > SS_TOLERANCE;
  const pValue = spread ? 1 : null;
  return {
    dispersion: { F: spread ? plan.result.pseudoF : null, pValue, differs: pValue !== null && pValue < DISPERSION_P, meanDistance },
    // No spread, no count (planPermanova plans none either when SS_total ≈ 0).
    test: spread ? plan.test : null,
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
export function sessionDistances(sessions: readonly AnalysisSession[], stakeholderIds: readonly string[]): Array<Array<number | null>> {
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
