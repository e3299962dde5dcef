import type { ZoneId } from '../model/zones';
import type { CohortComparison, StakeholderComparison } from './compareCohorts';
import { SALIENCE_SHARE } from './salience';

/** A stakeholder named in a finding, with the sessions and cohorts the finding rests on. */
export interface FindingBasis {
  stakeholderId: string;
  /** Sessions that placed it. */
  n: number;
  /** Cohorts with at least one session placing it. */
  cohorts: number;
}

/**
 * Structured findings for the plain-language summary above the divergence table. No prose
 * here: the UI words each kind in the user's language, the CLI in English. Every finding
 * about stakeholders carries the n it rests on, so every sentence can name it.
 */
export type SummaryItem =
  /** Divergent stakeholders (q < 0.05), most divergent first (largest R², then smallest q). */
  | { kind: 'disagree_most'; stakeholders: FindingBasis[] }
  /** Some stakeholders were testable but none is divergent. */
  | { kind: 'no_divergence'; testable: number }
  /** The same session codes were mapped in several of the selected rounds: no test was run. */
  | { kind: 'same_group_in_several_rounds'; codes: string[] }
  /**
   * Nothing was tested. `too_few_sessions`: no stakeholder had two cohorts with at least 3
   * sessions placing it. `all_at_one_point`: some had, but every session put each of those
   * at one and the same point, so there was no variation to test.
   */
  | { kind: 'nothing_testable'; reason: 'too_few_sessions' | 'all_at_one_point' }
  /**
   * Cohorts differ in how spread out their placements are (PERMDISP p < 0.05), so a
   * divergence may be partly a difference in how much groups agree, not only where.
   */
  | { kind: 'differ_in_spread'; stakeholders: FindingBasis[] }
  /**
   * At least two cohorts with 2 or more sessions each, every cohort puts this stakeholder in
   * the same zone, and ≥ 75 % of sessions do. `divergent`: the cohorts still differ
   * significantly within that zone (word it so).
   */
  | { kind: 'zone_consensus'; stakeholderId: string; zone: ZoneId; n: number; cohorts: number; share: number; divergent: boolean }
  /** A cohort did not know these stakeholders in at least half of its sessions. */
  | { kind: 'did_not_know'; cohortId: string; sessions: number; stakeholderIds: string[] }
  /** Always present: the unit is the session, not the individual. */
  | { kind: 'sessions_not_individuals'; sessions: number; cohorts: Array<{ cohortId: string; sessions: number }> }
  /** Present when any p-value was computed: they are exploratory. */
  | { kind: 'exploratory_p_values'; permutations: number; seed: number };

/** How many stakeholders `disagree_most` names at most; the table lists the rest. */
export const DISAGREE_MOST_LIMIT = 5;

const basisOf = (s: StakeholderComparison): FindingBasis => ({ stakeholderId: s.id, n: s.n, cohorts: s.cohortsPlacing });

/** Turn an analysis into summary items, in the order they should be shown. */
export function summarize(result: CohortComparison): SummaryItem[] {
  const items: SummaryItem[] = [];
  const testable = result.stakeholders.filter((s) => s.testable);
  const divergent = result.stakeholders
    .filter((s) => s.divergent)
    .sort((a, b) => (b.rSquared ?? 0) - (a.rSquared ?? 0) || a.qValue! - b.qValue!);
  if (divergent.length > 0) items.push({ kind: 'disagree_most', stakeholders: divergent.slice(0, DISAGREE_MOST_LIMIT).map(basisOf) });
  else if (testable.length > 0) items.push({ kind: 'no_divergence', testable: testable.length });
  else if (result.repeatedCodes.length > 0) items.push({ kind: 'same_group_in_several_rounds', codes: result.repeatedCodes });
  else
    items.push({
      kind: 'nothing_testable',
      // With nothing testable, a stakeholder stopped only by "all at one point" had enough sessions.
      reason: result.stakeholders.some((s) => s.notTestableReason === 'all_at_one_point') ? 'all_at_one_point' : 'too_few_sessions',
    });

  const spread = result.stakeholders.filter((s) => s.dispersion?.differs);
  if (spread.length > 0) items.push({ kind: 'differ_in_spread', stakeholders: spread.map(basisOf) });

  for (const s of result.stakeholders) {
    if (s.zoneConsensus && s.modalZone)
      items.push({ kind: 'zone_consensus', stakeholderId: s.id, zone: s.modalZone, n: s.n, cohorts: s.cohortsPlacing, share: s.modalZoneShare!, divergent: s.divergent });
  }

  for (const cohort of result.cohorts) {
    if (cohort.sessions === 0) continue;
    const unknown = result.stakeholders.filter((s) => {
      const c = s.cohorts.find((x) => x.id === cohort.id);
      return c !== undefined && c.unknown / cohort.sessions >= SALIENCE_SHARE;
    });
    if (unknown.length > 0) items.push({ kind: 'did_not_know', cohortId: cohort.id, sessions: cohort.sessions, stakeholderIds: unknown.map((s) => s.id) });
  }

  items.push({ kind: 'sessions_not_individuals', sessions: result.sessions, cohorts: result.cohorts.map((c) => ({ cohortId: c.id, sessions: c.sessions })) });
  if (testable.length > 0) items.push({ kind: 'exploratory_p_values', permutations: result.permutations, seed: result.seed });
  return items;
}
