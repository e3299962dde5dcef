import { COHORT_COLOURS, COHORT_SHAPE_ORDER } from '../model/palette';
import type { Session } from '../model/session';
import type { Stakeholder, StakeholderCategory } from '../model/stakeholder';
import type { Axes, Cohort, CohortShape, Round, Study } from '../model/study';
import type { Midline } from '../model/zones';

/**
 * Pure operations on a Study: data in, new data out. Nothing here reads a clock or
 * makes ids; the caller passes them in. Every function returns a new Study and leaves
 * its input unchanged, so the UI can keep the previous value for comparison.
 */

/** Why an operation was refused. The UI prevents these cases; the error is a safety net. */
export type StudyOpProblem = 'not_found' | 'in_use' | 'duplicate_id' | 'invalid';

export class StudyOpError extends Error {
  constructor(
    readonly problem: StudyOpProblem,
    message: string,
  ) {
    super(message);
    this.name = 'StudyOpError';
  }
}

/** The editable settings of a study. */
export interface StudySettings {
  title: string;
  description: string;
  axes: Axes;
  midline: Midline;
}

/** Change title, description, axis wording or midline. Titles and wording are trimmed. */
export function updateStudySettings(study: Study, patch: Partial<StudySettings>): Study {
  const next: Study = { ...study };
  if (patch.title !== undefined) {
    const title = patch.title.trim();
    if (!title) throw new StudyOpError('invalid', 'a study needs a title');
    next.title = title;
  }
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.axes !== undefined) {
    const axes = { power: patch.axes.power.trim(), interest: patch.axes.interest.trim() };
    if (!axes.power || !axes.interest) throw new StudyOpError('invalid', 'both axes need wording');
    next.axes = axes;
  }
  if (patch.midline !== undefined) {
    if (!isValidMidlineValue(patch.midline.power) || !isValidMidlineValue(patch.midline.interest))
      throw new StudyOpError('invalid', 'the midline must lie strictly between 0 and 10');
    next.midline = { ...patch.midline };
  }
  return next;
}

/** A midline value must leave room for both a low and a high side. */
export function isValidMidlineValue(v: number): boolean {
  return Number.isFinite(v) && v > 0 && v < 10;
}

/** Record when the study last changed. */
export function touchStudy(study: Study, now: string): Study {
  return { ...study, updatedAt: now };
}

// ── Cohorts ───────────────────────────────────────────────────────────────────

/** Whether any session belongs to a cohort (then it may not be removed). */
export function cohortInUse(sessions: readonly Session[], cohortId: string): boolean {
  return sessions.some((s) => s.cohortId === cohortId);
}

/**
 * The first palette colour and shape no cohort uses yet, so a new cohort is
 * distinguishable at once; when all are taken the sequence wraps around.
 */
export function nextCohortLook(cohorts: readonly Cohort[]): { colour: string; shape: CohortShape } {
  const usedColours = new Set(cohorts.map((c) => c.colour.toLowerCase()));
  const usedShapes = new Set(cohorts.map((c) => c.shape));
  const colour = COHORT_COLOURS.find((c) => !usedColours.has(c)) ?? COHORT_COLOURS[cohorts.length % COHORT_COLOURS.length]!;
  const shape = COHORT_SHAPE_ORDER.find((s) => !usedShapes.has(s)) ?? COHORT_SHAPE_ORDER[cohorts.length % COHORT_SHAPE_ORDER.length]!;
  return { colour, shape };
}

export function addCohort(study: Study, input: { id: string; name: string; colour?: string; shape?: CohortShape }): Study {
  if (study.cohorts.some((c) => c.id === input.id)) throw new StudyOpError('duplicate_id', `a cohort with id ${input.id} exists`);
  const name = input.name.trim();
  if (!name) throw new StudyOpError('invalid', 'a cohort needs a name');
  const look = nextCohortLook(study.cohorts);
  const cohort: Cohort = { id: input.id, name, colour: input.colour ?? look.colour, shape: input.shape ?? look.shape };
  return { ...study, cohorts: [...study.cohorts, cohort] };
}

export function updateCohort(study: Study, cohortId: string, patch: Partial<Omit<Cohort, 'id'>>): Study {
  const index = study.cohorts.findIndex((c) => c.id === cohortId);
  if (index < 0) throw new StudyOpError('not_found', `no cohort ${cohortId}`);
  const current = study.cohorts[index]!;
  const name = patch.name !== undefined ? patch.name.trim() : current.name;
  if (!name) throw new StudyOpError('invalid', 'a cohort needs a name');
  const cohorts = study.cohorts.slice();
  cohorts[index] = { ...current, ...patch, name };
  return { ...study, cohorts };
}

/** Remove a cohort no session uses. Sessions are passed in so the check cannot be forgotten. */
export function removeCohort(study: Study, cohortId: string, sessions: readonly Session[]): Study {
  if (!study.cohorts.some((c) => c.id === cohortId)) throw new StudyOpError('not_found', `no cohort ${cohortId}`);
  if (cohortInUse(sessions, cohortId)) throw new StudyOpError('in_use', 'sessions belong to this cohort');
  return { ...study, cohorts: study.cohorts.filter((c) => c.id !== cohortId) };
}

// ── Rounds ────────────────────────────────────────────────────────────────────

export function roundInUse(sessions: readonly Session[], roundId: string): boolean {
  return sessions.some((s) => s.roundId === roundId);
}

export function addRound(study: Study, input: { id: string; name: string }): Study {
  if (study.rounds.some((r) => r.id === input.id)) throw new StudyOpError('duplicate_id', `a round with id ${input.id} exists`);
  const name = input.name.trim();
  if (!name) throw new StudyOpError('invalid', 'a round needs a name');
  const round: Round = { id: input.id, name };
  return { ...study, rounds: [...study.rounds, round] };
}

export function renameRound(study: Study, roundId: string, name: string): Study {
  const trimmed = name.trim();
  if (!trimmed) throw new StudyOpError('invalid', 'a round needs a name');
  if (!study.rounds.some((r) => r.id === roundId)) throw new StudyOpError('not_found', `no round ${roundId}`);
  return { ...study, rounds: study.rounds.map((r) => (r.id === roundId ? { ...r, name: trimmed } : r)) };
}

export function removeRound(study: Study, roundId: string, sessions: readonly Session[]): Study {
  if (!study.rounds.some((r) => r.id === roundId)) throw new StudyOpError('not_found', `no round ${roundId}`);
  if (roundInUse(sessions, roundId)) throw new StudyOpError('in_use', 'sessions belong to this round');
  return { ...study, rounds: study.rounds.filter((r) => r.id !== roundId) };
}

// ── Stakeholders ──────────────────────────────────────────────────────────────

/** Stakeholders offered in sessions: the study's list in order, without the retired ones. */
export function activeStakeholders(study: Study): Stakeholder[] {
  return study.stakeholders.filter((s) => !s.retired);
}

/** Library entries the study does not have yet (matched by id), in library order. */
export function libraryStakeholdersNotInStudy(study: Study, library: readonly Stakeholder[]): Stakeholder[] {
  const have = new Set(study.stakeholders.map((s) => s.id));
  return library.filter((s) => !have.has(s.id));
}

/** Append library stakeholders to the end of the list; ones already present are skipped. */
export function addLibraryStakeholders(study: Study, picked: readonly Stakeholder[]): Study {
  const have = new Set(study.stakeholders.map((s) => s.id));
  const added = picked.filter((s) => !have.has(s.id)).map((s) => ({ ...structuredClone(s), retired: false, custom: false }));
  return { ...study, stakeholders: [...study.stakeholders, ...added] };
}

/** The editable fields of a stakeholder. */
export interface StakeholderFields {
  name: string;
  short: string;
  description: string;
  category: StakeholderCategory;
  labels: Stakeholder['labels'];
}

/** Short labels are shown on chips and may be at most this long (the schema's limit). */
export const SHORT_LABEL_MAX = 24;

function cleanFields(fields: StakeholderFields): StakeholderFields {
  const name = fields.name.trim();
  const short = fields.short.trim();
  if (!name) throw new StudyOpError('invalid', 'a stakeholder needs a name');
  if (!short) throw new StudyOpError('invalid', 'a stakeholder needs a short label');
  if (short.length > SHORT_LABEL_MAX) throw new StudyOpError('invalid', `the short label may have at most ${SHORT_LABEL_MAX} characters`);
  // A translated label is kept only when both its name and short label are filled in;
  // a half-filled translation would show an empty chip in that language.
  const labels: Stakeholder['labels'] = {};
  for (const lang of ['bn', 'hi'] as const) {
    const l = fields.labels[lang];
    if (!l) continue;
    const ln = l.name.trim();
    const ls = l.short.trim();
    if (ln && ls) {
      if (ls.length > SHORT_LABEL_MAX) throw new StudyOpError('invalid', `the short label may have at most ${SHORT_LABEL_MAX} characters`);
      labels[lang] = { name: ln, short: ls };
    }
  }
  return { name, short, description: fields.description, category: fields.category, labels };
}

/** Add a stakeholder the study defines itself (not from the library). */
export function addCustomStakeholder(study: Study, id: string, fields: StakeholderFields): Study {
  if (study.stakeholders.some((s) => s.id === id)) throw new StudyOpError('duplicate_id', `a stakeholder with id ${id} exists`);
  const stakeholder: Stakeholder = { id, ...cleanFields(fields), retired: false, custom: true };
  return { ...study, stakeholders: [...study.stakeholders, stakeholder] };
}

export function updateStakeholder(study: Study, id: string, fields: StakeholderFields): Study {
  if (!study.stakeholders.some((s) => s.id === id)) throw new StudyOpError('not_found', `no stakeholder ${id}`);
  const clean = cleanFields(fields);
  return { ...study, stakeholders: study.stakeholders.map((s) => (s.id === id ? { ...s, ...clean } : s)) };
}

/**
 * Move a stakeholder to a new place in the list (clamped to the ends). The order is
 * the order of the tray and of every list and export.
 */
export function reorderStakeholder(study: Study, id: string, toIndex: number): Study {
  const from = study.stakeholders.findIndex((s) => s.id === id);
  if (from < 0) throw new StudyOpError('not_found', `no stakeholder ${id}`);
  const to = Math.max(0, Math.min(study.stakeholders.length - 1, Math.trunc(toIndex)));
  if (to === from) return study;
  const list = study.stakeholders.slice();
  const [moved] = list.splice(from, 1);
  list.splice(to, 0, moved!);
  return { ...study, stakeholders: list };
}

/** Move one place up (-1) or down (+1). */
export function moveStakeholder(study: Study, id: string, delta: -1 | 1): Study {
  const from = study.stakeholders.findIndex((s) => s.id === id);
  if (from < 0) throw new StudyOpError('not_found', `no stakeholder ${id}`);
  return reorderStakeholder(study, id, from + delta);
}

/**
 * Retire (or bring back) a stakeholder. Retiring keeps the stakeholder and every
 * placement of it in existing sessions; it is only no longer offered for mapping.
 */
export function retireStakeholder(study: Study, id: string, retired: boolean): Study {
  if (!study.stakeholders.some((s) => s.id === id)) throw new StudyOpError('not_found', `no stakeholder ${id}`);
  return { ...study, stakeholders: study.stakeholders.map((s) => (s.id === id ? { ...s, retired } : s)) };
}
