import type { ZoneId } from '../model/zones';
import type { CohortComparison } from './compareCohorts';
import { SALIENCE_SHARE } from './salience';

/**
 * Structured findings for the plain-language summary above the divergence table. No prose
 * here: the UI words each kind in the user's language, the CLI in English.
 */
export type SummaryItem =
  /** Divergent stakeholders (q < 0.05), most divergent first (largest R², then smallest q). */
  | { kind: 'disagree_most'; stakeholderIds: string[] }
  /** Some stakeholders were testable but none is divergent. */
  | { kind: 'no_divergence'; testable: number }
  /** No stakeholder had two cohorts with at least 3 sessions placing it: nothing was tested. */
  | { kind: 'nothing_testable' }
  /**
   * Every cohort puts this stakeholder in the same zone, and ≥ 75 % of sessions do.
   * `divergent`: the cohorts still differ significantly within that zone (word it so).
   */
  | { kind: 'zone_consensus'; stakeholderId: string; zone: ZoneId; n: number; share: number; divergent: boolean }
  /** A cohort did not know these stakeholders in at least half of its sessions. */
  | { kind: 'did_not_know'; cohortId: string; sessions: number; stakeholderIds: string[] }
  /** Always present: the unit is the session, not the individual. */
  | { kind: 'sessions_not_individuals'; sessions: number; cohorts: Array<{ cohortId: string; sessions: number }> }
  /** Present when any p-value was computed: they are exploratory. */
  | { kind: 'exploratory_p_values'; permutations: number; seed: number };

/** How many stakeholders `disagree_most` names at most; the table lists the rest. */
export const DISAGREE_MOST_LIMIT = 5;

/** Turn an analysis into summary items, in the order they should be shown. */
export function summarize(result: CohortComparison): SummaryItem[] {
  const items: SummaryItem[] = [];
  const testable = result.stakeholders.filter((s) => s.testable);
  const divergent = result.stakeholders
    .filter((s) => s.divergent)
    .sort((a, b) => (b.rSquared ?? 0) - (a.rSquared ?? 0) || a.qValue! - b.qValue!);
  if (divergent.length > 0) items.push({ kind: 'disagree_most', stakeholderIds: divergent.slice(0, DISAGREE_MOST_LIMIT).map((s) => s.id) });
  else if (testable.length > 0) items.push({ kind: 'no_divergence', testable: testable.length });
  else items.push({ kind: 'nothing_testable' });

  for (const s of result.stakeholders) {
    if (s.zoneConsensus && s.modalZone) items.push({ kind: 'zone_consensus', stakeholderId: s.id, zone: s.modalZone, n: s.n, share: s.modalZoneShare!, divergent: s.divergent });
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
