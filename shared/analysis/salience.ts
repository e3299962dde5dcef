/**
 * A salience gap: a stakeholder placed by at least half of one cohort's sessions but
 * `unknown` in at least half of another's (docs/methods.md). Survivors who have never met a
 * VLCPC while duty bearers place it confidently is a finding, not missing data.
 */
export interface SalienceGap {
  stakeholderId: string;
  /** The stakeholder's name. */
  stakeholder: string;
  placedByCohortId: string;
  /** Name of the cohort that placed it in at least half of its sessions. */
  placedBy: string;
  /** Sessions of that cohort that placed it / its sessions. */
  placedShare: number;
  unknownToCohortId: string;
  /** Name of the cohort that did not know it in at least half of its sessions. */
  unknownTo: string;
  /** Sessions of that cohort that reported it `unknown` / its sessions. */
  unknownShare: number;
}

/** The threshold of "at least half" of a cohort's sessions. */
export const SALIENCE_SHARE = 0.5;

/** One cohort's counts for one stakeholder, as needed to find salience gaps. */
export interface CohortStatusCounts {
  id: string;
  name: string;
  /** Sessions of the cohort in the analysed set. */
  sessions: number;
  n: number;
  unknown: number;
}

/** Every (placed-by, unknown-to) cohort pair for one stakeholder, in cohort order. */
export function salienceGapsOf(stakeholder: { id: string; name: string }, cohorts: readonly CohortStatusCounts[]): SalienceGap[] {
  const gaps: SalienceGap[] = [];
  for (const a of cohorts) {
    if (a.sessions === 0 || a.n / a.sessions < SALIENCE_SHARE) continue;
    for (const b of cohorts) {
      if (b === a || b.sessions === 0 || b.unknown / b.sessions < SALIENCE_SHARE) continue;
      gaps.push({
        stakeholderId: stakeholder.id,
        stakeholder: stakeholder.name,
        placedByCohortId: a.id,
        placedBy: a.name,
        placedShare: a.n / a.sessions,
        unknownToCohortId: b.id,
        unknownTo: b.name,
        unknownShare: b.unknown / b.sessions,
      });
    }
  }
  return gaps;
}
