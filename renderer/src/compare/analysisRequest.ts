import {
  canonicalSessionOrder,
  completeComparison,
  countPlannedTest,
  DEFAULT_PERMUTATIONS,
  DEFAULT_SEED,
  planComparison,
  type CohortComparison,
  type PlannedComparison,
  type PlannedTest,
} from '../../../shared/analysis/compareCohorts';
import { compareRounds, defaultRoundPair, type OverTime } from '../../../shared/analysis/overTime';
import { decodeSessions, encodeSessions, transferablesOf, type AnalysisSession, type EncodedSessions } from '../../../shared/analysis/sessionData';
import { summarize, type SummaryItem } from '../../../shared/analysis/summarize';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

/**
 * What the compare view asks the analysis worker for (posted as an `EncodedRequest`).
 * `sessions` are the sessions the cohort and session filters keep, in every round; `roundKeys` says which rounds the cohort comparison uses, while the over-time
 * analysis pairs across rounds regardless.
 */
export interface AnalysisRequest {
  study: Study;
  sessions: Session[];
  /** Round ids the cohort comparison keeps ('' for sessions without a round). */
  roundKeys: string[];
  cohortIds: string[];
  permutations: number;
  seed: number;
  /** The two rounds to pair; default: the first two rounds with sessions. */
  roundPair: { fromRoundId: string; toRoundId: string } | null;
}

export interface AnalysisResult {
  comparison: CohortComparison;
  summary: SummaryItem[];
  /** Pairs across rounds over the cohort- and session-filtered sessions; null with fewer than two rounds. */
  overTime: OverTime | null;
}

export const DEFAULT_ANALYSIS = { permutations: DEFAULT_PERMUTATIONS, seed: DEFAULT_SEED } as const;

/** An analysis request as the analysis reads it: the sessions may be the rebuilt ones of `decodeRequest`. */
export type AnalysisInput = Omit<AnalysisRequest, 'sessions'> & { sessions: readonly AnalysisSession[] };

/**
 * A request as posted to the worker: the study (small) is cloned, the sessions travel as
 * typed arrays that are transferred, so the page's thread never clones a thousand sessions.
 */
export type EncodedRequest = Omit<AnalysisRequest, 'sessions'> & { sessions: EncodedSessions };

/** The request to post and its transfer list. Cheap: one loop over the placements. */
export function encodeRequest(req: AnalysisRequest): { request: EncodedRequest; transfer: ArrayBuffer[] } {
  const sessions = encodeSessions(req.sessions, req.study.stakeholders.map((s) => s.id));
  return { request: { ...req, sessions }, transfer: transferablesOf(sessions) };
}

/** The request back in the worker, with sessions that give the analysis exactly what the originals do. */
export function decodeRequest(req: EncodedRequest): AnalysisInput {
  return { ...req, sessions: decodeSessions(req.sessions) };
}

/** An analysis short of its permutation counts (`plan.tests`), which may run anywhere. */
export interface PlannedAnalysis {
  plan: PlannedComparison;
  overTime: OverTime | null;
}

/** Everything of the analysis but the permutation counts; `onTest` as planComparison's. */
export function planAnalysis(req: AnalysisInput, onTest?: (planned: PlannedTest, index: number) => void): PlannedAnalysis {
  const rounds = new Set(req.roundKeys);
  const inRounds = req.sessions.filter((s) => rounds.has(s.roundId ?? ''));
  // The over-time pairing is computed once, below, over every round (not inside the cohort comparison).
  const plan = planComparison(req.study, inRounds, { permutations: req.permutations, seed: req.seed, cohortIds: req.cohortIds, overTime: false, sessionDistances: false }, onTest);
  const ordered = canonicalSessionOrder(req.study, req.sessions);
  const pair = req.roundPair ?? defaultRoundPair(req.study, ordered);
  const overTime = pair ? compareRounds(req.study, ordered, pair) : null;
  return { plan, overTime };
}

/** The analysis from its plan and the count of each of `plan.tests` (same order). */
export function finishAnalysis(planned: PlannedAnalysis, counts: ArrayLike<number>): AnalysisResult {
  const comparison = completeComparison(planned.plan, counts);
  return { comparison: { ...comparison, overTime: null }, summary: summarize(comparison), overTime: planned.overTime };
}

/**
 * The whole analysis the view shows, on one thread. Pure. The worker pool computes the
 * same result with the counts spread over workers (each count depends on its own test and
 * seed only, so the split never changes a number).
 */
export function runAnalysis(req: AnalysisInput): AnalysisResult {
  const planned = planAnalysis(req);
  return finishAnalysis(planned, planned.plan.tests.map(countPlannedTest));
}

/**
 * A key that changes whenever the result could: the selected sessions and their last
 * change, the study's last change, and the options. Results are cached under it.
 */
export function requestKey(req: AnalysisRequest): string {
  return JSON.stringify([
    req.study.id,
    req.study.updatedAt,
    req.sessions.map((s) => `${s.id}@${s.updatedAt}`),
    [...req.roundKeys].sort(),
    req.cohortIds,
    req.permutations,
    req.seed,
    req.roundPair,
  ]);
}
