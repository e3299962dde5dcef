import { z } from 'zod';
import { AxisValueSchema, IdSchema, longText, RevisionSchema, shortText, TimestampSchema, WriterSchema, type KnownKeys } from './common';
import { PositionSchema } from './position';

/** What happened to a stakeholder in a session. Only `placed` rows carry a position. */
export const PLACEMENT_STATUSES = ['placed', 'unknown', 'not_discussed'] as const;
export const PlacementStatusSchema = z.enum(PLACEMENT_STATUSES);
export type PlacementStatus = z.infer<typeof PlacementStatusSchema>;

/**
 * Where one group put one stakeholder.
 * - `position` is kept when the status changes away from `placed`, so that moving a chip
 *   to a bin and back restores where it was (it is ignored by the analysis unless placed).
 * - `contested`: the group could not agree; `alt` is the minority position.
 * - `note`: the reason or quote, which advocacy is built from.
 */
export const PlacementSchema = z
  // Loose objects: keys this version does not know (written by a newer app) are kept on save.
  .looseObject({
    status: PlacementStatusSchema,
    position: PositionSchema.nullable(),
    contested: z.boolean().default(false),
    alt: PositionSchema.nullable().default(null),
    note: longText.default(''),
  })
  .superRefine((p, ctx) => {
    if (p.status === 'placed' && !p.position)
      ctx.addIssue({ code: 'custom', path: ['position'], message: 'a placed stakeholder needs power and interest' });
    if (p.contested && !p.alt)
      ctx.addIssue({ code: 'custom', path: ['alt'], message: 'a contested placement needs an alternate position' });
  });
export type Placement = KnownKeys<z.infer<typeof PlacementSchema>>;

export const SESSION_KINDS = ['fgd', 'interview'] as const;
export const SessionKindSchema = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof SessionKindSchema>;

export const SESSION_FORMAT = 'pimap/session';
/** 2: `revision` and `writer` (compare-and-replace across processes). */
export const SESSION_VERSION = 2;

/**
 * One focus group discussion or interview and its map. Sessions carry a code, never
 * participants' names. Stored one file per session.
 */
export const SessionSchema = z.looseObject({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(SESSION_VERSION),
  /** Saves so far; set by the host on every write (see RevisionSchema). */
  revision: RevisionSchema,
  /** Who wrote this revision; null before the first save and in files of format 1. */
  writer: WriterSchema.nullable(),
  id: IdSchema,
  studyId: IdSchema,
  /** A code such as "FGD 3" or "DB-07". Unique per round within a study. */
  code: shortText(60).trim().min(1, 'a session needs a code'),
  kind: SessionKindSchema,
  cohortId: IdSchema,
  /** The round this session belongs to, or null in a study without rounds. */
  roundId: IdSchema.nullable(),
  /** Date of the session, YYYY-MM-DD, or empty when not recorded. */
  date: z.union([z.literal(''), z.iso.date()]),
  place: shortText(200).default(''),
  /** Facilitator's code or initials (a role, not a participant). */
  facilitator: shortText(100).default(''),
  participants: z.number().int().min(1).max(500).nullable(),
  /** Informed consent recorded before anything was captured. */
  consent: z.boolean(),
  notes: longText.default(''),
  /** A locked map was signed off by the group and cannot change until unlocked. */
  locked: z.boolean().default(false),
  /** Keyed by stakeholder id. A stakeholder with no entry has not been handled yet. */
  placements: z.record(IdSchema, PlacementSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Session = KnownKeys<z.infer<typeof SessionSchema>>;

export { AxisValueSchema };
