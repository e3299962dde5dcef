import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/model/stakeholder';
import { stakeholderLabel } from '../../../shared/model/stakeholder';
import type { GridStudy } from '../../../shared/model/study';
import type { AudienceStep } from '../../../shared/present/audience';
import { gapSentenceParts } from '../../../shared/present/compareSteps';
import type { SceneInput } from '../compare/compareScene';

/**
 * A step of the compare sequence as the compare grid's input: one stakeholder, only the
 * revealed cohorts' marks and centroids. The facilitator's window and the audience window
 * both draw from this, so they show the same picture.
 */
export function stepSceneInput(step: AudienceStep, study: GridStudy): SceneInput {
  const st = study.stakeholders.find((s) => s.id === step.stakeholderId);
  const byCohort = new Map(step.revealed.map((r) => [r.cohortId, r]));
  let m = 0;
  const points = step.revealed.flatMap((r) =>
    // Marks carry no session: the audience must not learn which session placed what.
    r.marks.map((position) => ({ sessionId: `mark-${m++}`, sessionCode: '', cohortId: r.cohortId, position, contested: false })),
  );
  return {
    cohorts: step.cohorts.map((c) => ({ id: c.id, name: c.name, sessions: byCohort.get(c.id)?.n ?? 0 })),
    stakeholders: [
      {
        id: step.stakeholderId,
        short: st?.short ?? step.stakeholderId,
        points,
        cohorts: step.cohorts.map((c) => {
          const r = byCohort.get(c.id);
          return { id: c.id, name: c.name, n: r?.n ?? 0, centroid: r?.centroid ?? null, ellipse: null };
        }),
      },
    ],
  };
}

/** The stakeholder's name in a language (the full name: it is read out to a room). */
export function stepStakeholderName(step: AudienceStep, study: GridStudy, lang: Language): string {
  const st = study.stakeholders.find((s) => s.id === step.stakeholderId);
  return st ? stakeholderLabel(st, lang).name : step.stakeholderId;
}

/**
 * The plain sentence of a gap step, cohorts grouped by the zone of their centroid, in the
 * order they were revealed: "Survivors and Frontline social workers place Police at high
 * power, low interest; Duty bearers at high power, high interest." — or, when every
 * centroid is in one zone, "Survivors and Duty bearers agree: Police at high power, high
 * interest." Null before two cohorts are revealed.
 */
export function stepSentence(step: AudienceStep, study: GridStudy, lang: Language, t: TFunction): string | null {
  if (step.revealed.length < 2) return null;
  const names = new Map(step.cohorts.map((c) => [c.id, c.name]));
  const parts = gapSentenceParts(
    { id: step.stakeholderId, cohorts: step.revealed.map((r) => ({ id: r.cohortId, name: names.get(r.cohortId) ?? r.cohortId, n: r.n, centroid: r.centroid })) },
    study.midline,
  );
  const groups: Array<{ zone: string; cohorts: string[] }> = [];
  for (const p of parts) {
    const group = groups.find((g) => g.zone === p.zone);
    if (group) group.cohorts.push(p.cohort);
    else groups.push({ zone: p.zone, cohorts: [p.cohort] });
  }
  const list = (xs: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(xs);
  const name = stepStakeholderName(step, study, lang);
  const zone = (z: string) => t(`compare:zoneInSentence.${z}`);
  const [first, ...rest] = groups;
  if (rest.length === 0) return t('present:step.agree', { cohorts: list(first!.cohorts), name, zone: zone(first!.zone) });
  return t('present:step.differ', {
    first: t('present:step.first', { cohort: list(first!.cohorts), name, zone: zone(first!.zone) }),
    rest: rest.map((g) => t('present:step.other', { cohort: list(g.cohorts), zone: zone(g.zone) })).join(t('present:step.separator')),
  });
}
