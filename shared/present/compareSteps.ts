import type { Position } from '../model/position';
import { zoneOf, type Midline, type ZoneId } from '../model/zones';
import type { AudienceStep } from './audience';

/** The little of a stakeholder's comparison the step-by-step sequence needs. */
export interface StepStakeholder {
  id: string;
  cohorts: ReadonlyArray<{ id: string; name: string; n: number; centroid: Position | null }>;
}

/** One step of the dialogue-meeting sequence. */
export interface CompareStep {
  stakeholderId: string;
  /** Cohorts whose marks and centroid are shown, in reveal order. */
  revealed: string[];
  /** The arrows between centroids and the plain sentence are shown. */
  gap: boolean;
}

/**
 * One stakeholder at a time: first the empty grid, then each cohort that placed it (n ≥ 1)
 * in turn, then (with two or more such cohorts) the arrows and the sentence. The sequence
 * starts with `firstId` when given and runs through the others in their order.
 */
export function buildCompareSteps(stakeholders: readonly StepStakeholder[], firstId: string | null = null): CompareStep[] {
  const start = firstId ? stakeholders.findIndex((s) => s.id === firstId) : -1;
  const ordered = start > 0 ? [...stakeholders.slice(start), ...stakeholders.slice(0, start)] : [...stakeholders];
  const steps: CompareStep[] = [];
  for (const s of ordered) {
    const placing = s.cohorts.filter((c) => c.n >= 1 && c.centroid).map((c) => c.id);
    if (placing.length === 0) continue;
    steps.push({ stakeholderId: s.id, revealed: [], gap: false });
    for (let i = 1; i <= placing.length; i++) steps.push({ stakeholderId: s.id, revealed: placing.slice(0, i), gap: false });
    if (placing.length >= 2) steps.push({ stakeholderId: s.id, revealed: placing, gap: true });
  }
  return steps;
}

/** The parts of the plain sentence: each placing cohort and the zone of its centroid. */
export function gapSentenceParts(s: StepStakeholder, midline: Midline): Array<{ cohortId: string; cohort: string; zone: ZoneId }> {
  return s.cohorts.filter((c) => c.n >= 1 && c.centroid).map((c) => ({ cohortId: c.id, cohort: c.name, zone: zoneOf(c.centroid!, midline) }));
}

/** What `toAudienceStep` needs of a stakeholder's comparison: its marks and cohort centroids. */
export interface StepSource extends StepStakeholder {
  points: ReadonlyArray<{ cohortId: string; position: Position }>;
}

/**
 * A step as drawn, on the facilitator's screen and the projector alike: only the revealed
 * cohorts' marks (positions, nothing that names a session) and centroids.
 */
export function toAudienceStep(source: StepSource, cohorts: ReadonlyArray<{ id: string; name: string }>, step: CompareStep, index: number, total: number): AudienceStep {
  const revealed: AudienceStep['revealed'] = [];
  for (const cohortId of step.revealed) {
    const c = source.cohorts.find((x) => x.id === cohortId);
    if (!c?.centroid) continue;
    revealed.push({
      cohortId,
      n: c.n,
      centroid: { power: c.centroid.power, interest: c.centroid.interest },
      marks: source.points.filter((p) => p.cohortId === cohortId).map((p) => ({ power: p.position.power, interest: p.position.interest })),
    });
  }
  return { stakeholderId: source.id, cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })), revealed, gap: step.gap, index, total };
}
