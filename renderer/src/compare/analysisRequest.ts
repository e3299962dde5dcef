import { canonicalSessionOrder, compareCohorts, DEFAULT_PERMUTATIONS, DEFAULT_SEED, type CohortComparison } from '../../../shared/analysis/compareCohorts';
import { compareRounds, defaultRoundPair, type OverTime } from '../../../shared/analysis/overTime';
import { summarize, type SummaryItem } from '../../../shared/analysis/summarize';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

/**
 * What the compare view asks the analysis worker for. Plain data (structured-cloned into
 * the worker). `sessions` are the sessions the cohort and session filters keep, in every
 * round; `roundKeys` says which rounds the cohort comparison uses, while the over-time
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

/** The whole analysis the view shows. Pure; the worker runs it off the UI thread. */
export function runAnalysis(req: AnalysisRequest): AnalysisResult {
  const rounds = new Set(req.roundKeys);
  const inRounds = req.sessions.filter((s) => rounds.has(s.roundId ?? ''));
  // The over-time pairing is computed once, below, over every round (not inside the cohort comparison).
  const comparison = compareCohorts(req.study, inRounds, { permutations: req.permutations, seed: req.seed, cohortIds: req.cohortIds, overTime: false, sessionDistances: false });
  const ordered = canonicalSessionOrder(req.study, req.sessions);
  const pair = req.roundPair ?? defaultRoundPair(req.study, ordered);
  const overTime = pair ? compareRounds(req.study, ordered, pair) : null;
  return { comparison: { ...comparison, overTime: null }, summary: summarize(comparison), overTime };
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
