import { z } from 'zod';
import { ColourSchema, IdSchema, longText, RevisionSchema, shortText, TimestampSchema, WriterSchema, type KnownKeys } from './common';
import { StakeholderSchema } from './stakeholder';

/** Marker shapes, so cohorts differ by shape as well as colour (colour-blind safe). */
export const COHORT_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross'] as const;
export const CohortShapeSchema = z.enum(COHORT_SHAPES);
export type CohortShape = z.infer<typeof CohortShapeSchema>;

/** A group of sessions whose views are compared with other groups' (survivors, duty bearers…). */
export const CohortSchema = z.looseObject({
  id: IdSchema,
  name: shortText(80).min(1, 'a cohort needs a name'),
  colour: ColourSchema,
  shape: CohortShapeSchema,
});
export type Cohort = KnownKeys<z.infer<typeof CohortSchema>>;

/** A round of mapping (baseline, endline…). The same session code in two rounds forms a pair. */
export const RoundSchema = z.looseObject({
  id: IdSchema,
  name: shortText(80).min(1, 'a round needs a name'),
});
export type Round = KnownKeys<z.infer<typeof RoundSchema>>;

/** The wording of the two axes, shown on every map and printed in every export. */
export const AxesSchema = z.looseObject({
  power: shortText(200).min(1),
  interest: shortText(200).min(1),
});
export type Axes = KnownKeys<z.infer<typeof AxesSchema>>;

export const MidlineSchema = z.looseObject({
  power: z.number().finite().gt(0).lt(10),
  interest: z.number().finite().gt(0).lt(10),
});

/** Format tag and current version of the study file (`study.json`). */
export const STUDY_FORMAT = 'pimap/study';
/** 2: `revision` and `writer` (compare-and-replace across processes). */
export const STUDY_VERSION = 2;

/**
 * A study: its settings, cohorts, rounds and stakeholder list. Sessions are stored
 * in their own files so that damage to one cannot spread to the others.
 */
export const StudySchema = z
  // Loose objects throughout: keys written by a newer app survive this app's save.
  .looseObject({
    format: z.literal(STUDY_FORMAT),
    version: z.literal(STUDY_VERSION),
    /** Saves so far; set by the host on every write (see RevisionSchema). */
    revision: RevisionSchema,
    /** Who wrote this revision; null before the first save and in files of format 1. */
    writer: WriterSchema.nullable(),
    id: IdSchema,
    title: shortText(200).trim().min(1, 'a study needs a title'),
    description: longText.default(''),
    axes: AxesSchema,
    midline: MidlineSchema,
    cohorts: z.array(CohortSchema).max(50),
    rounds: z.array(RoundSchema).max(50),
    /** The study's stakeholders in display order. */
    stakeholders: z.array(StakeholderSchema).max(500),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .superRefine((s, ctx) => {
    for (const [key, list] of [
      ['cohorts', s.cohorts],
      ['rounds', s.rounds],
      ['stakeholders', s.stakeholders],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.id))
          ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${item.id}"` });
        seen.add(item.id);
      });
    }
  });
export type Study = KnownKeys<z.infer<typeof StudySchema>>;

/**
 * What drawing a grid needs of a study: the axes' wording, the midline, the cohorts' looks
 * and the stakeholders' names. The canvases take only this, so the audience window (the
 * projector) can draw from a copy that carries nothing else (shared/present/audience).
 */
export type GridStudy = Pick<Study, 'axes' | 'midline' | 'cohorts' | 'stakeholders'>;

/** The default axis wording from the study this product grows from. */
export const DEFAULT_AXES: Axes = {
  power: 'Power and influence to prevent trafficking',
  interest: 'Interest and involvement in preventing trafficking',
};
