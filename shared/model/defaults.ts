import { DEFAULT_AXES, STUDY_FORMAT, STUDY_VERSION, type Cohort, type Round, type Study } from './study';
import { SESSION_FORMAT, SESSION_VERSION, type Session, type SessionKind } from './session';
import type { Stakeholder } from './stakeholder';
import { COHORT_COLOURS, COHORT_SHAPE_ORDER } from './palette';
import { DEFAULT_MIDLINE } from './zones';

/** The four cohorts of the study, offered by default in every new study. */
export const DEFAULT_COHORTS: readonly Cohort[] = [
  { id: 'survivors', name: 'Survivors', colour: COHORT_COLOURS[0], shape: COHORT_SHAPE_ORDER[0] },
  { id: 'social-workers', name: 'Frontline social workers', colour: COHORT_COLOURS[1], shape: COHORT_SHAPE_ORDER[1] },
  { id: 'duty-bearers', name: 'Duty bearers', colour: COHORT_COLOURS[2], shape: COHORT_SHAPE_ORDER[2] },
  { id: 'financiers', name: 'Financiers', colour: COHORT_COLOURS[3], shape: COHORT_SHAPE_ORDER[3] },
];

export const DEFAULT_ROUNDS: readonly Round[] = [
  { id: 'baseline', name: 'Baseline' },
  { id: 'endline', name: 'Endline' },
];

/** Everything needed to create a study; ids and clock come from the caller. */
export interface NewStudyInput {
  id: string;
  title: string;
  description?: string;
  now: string;
  stakeholders: readonly Stakeholder[];
}

/** A new study with the default axes, midline, cohorts and rounds. */
export function newStudy(input: NewStudyInput): Study {
  return {
    format: STUDY_FORMAT,
    version: STUDY_VERSION,
    id: input.id,
    title: input.title.trim(),
    description: input.description ?? '',
    axes: { ...DEFAULT_AXES },
    midline: { ...DEFAULT_MIDLINE },
    cohorts: DEFAULT_COHORTS.map((c) => ({ ...c })),
    rounds: DEFAULT_ROUNDS.map((r) => ({ ...r })),
    stakeholders: input.stakeholders.map((s) => structuredClone(s)),
    createdAt: input.now,
    updatedAt: input.now,
  };
}

export interface NewSessionInput {
  id: string;
  studyId: string;
  code: string;
  kind: SessionKind;
  cohortId: string;
  roundId: string | null;
  now: string;
  date?: string;
  place?: string;
  facilitator?: string;
  participants?: number | null;
  consent?: boolean;
  notes?: string;
}

/** A new, empty session map. */
export function newSession(input: NewSessionInput): Session {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    id: input.id,
    studyId: input.studyId,
    code: input.code.trim(),
    kind: input.kind,
    cohortId: input.cohortId,
    roundId: input.roundId,
    date: input.date ?? '',
    place: input.place ?? '',
    facilitator: input.facilitator ?? '',
    participants: input.participants ?? null,
    consent: input.consent ?? false,
    notes: input.notes ?? '',
    locked: false,
    placements: {},
    createdAt: input.now,
    updatedAt: input.now,
  };
}
