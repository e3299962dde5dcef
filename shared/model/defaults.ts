import { DEFAULT_AXES, STUDY_FORMAT, STUDY_VERSION, type Axes, type Cohort, type Round, type Study } from './study';
import { SESSION_FORMAT, SESSION_VERSION, type Session, type SessionKind } from './session';
import type { Language, Stakeholder } from './stakeholder';
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

/**
 * The default wording of a new study in each UI language: a study created in Bengali
 * or Hindi is mapped, printed and discussed in that language. Only the words differ;
 * the ids (and so colours, shapes, pairing of rounds) are the same in every language.
 * A study keeps the words it was created with: changing the UI language later does
 * not rename a study's cohorts or rewrite its axes (see docs/glossary.md for the terms).
 */
const DEFAULT_WORDING: Record<Language, { axes: Axes; cohorts: Record<string, string>; rounds: Record<string, string> }> = {
  en: {
    axes: DEFAULT_AXES,
    cohorts: Object.fromEntries(DEFAULT_COHORTS.map((c) => [c.id, c.name])),
    rounds: Object.fromEntries(DEFAULT_ROUNDS.map((r) => [r.id, r.name])),
  },
  bn: {
    axes: { power: 'পাচার রোখার ক্ষমতা ও প্রভাব', interest: 'পাচার রোখায় আগ্রহ ও যুক্ততা' },
    cohorts: { survivors: 'সারভাইভার', 'social-workers': 'মাঠপর্যায়ের সমাজকর্মী', 'duty-bearers': 'দায়িত্বপ্রাপ্ত কর্তৃপক্ষ', financiers: 'অর্থদাতা' },
    rounds: { baseline: 'বেসলাইন', endline: 'এন্ডলাইন' },
  },
  hi: {
    axes: { power: 'तस्करी रोकने की शक्ति और प्रभाव', interest: 'तस्करी रोकने में रुचि और भागीदारी' },
    cohorts: { survivors: 'सर्वाइवर', 'social-workers': 'ज़मीनी सामाजिक कार्यकर्ता', 'duty-bearers': 'कर्तव्य-धारक', financiers: 'वित्तदाता' },
    rounds: { baseline: 'बेसलाइन', endline: 'एंडलाइन' },
  },
};

/** The default axis wording in a language. */
export function defaultAxes(lang: Language = 'en'): Axes {
  return { ...DEFAULT_WORDING[lang].axes };
}

/** The four default cohorts, named in a language. */
export function defaultCohorts(lang: Language = 'en'): Cohort[] {
  return DEFAULT_COHORTS.map((c) => ({ ...c, name: DEFAULT_WORDING[lang].cohorts[c.id] ?? c.name }));
}

/** The default rounds (baseline, endline), named in a language. */
export function defaultRounds(lang: Language = 'en'): Round[] {
  return DEFAULT_ROUNDS.map((r) => ({ ...r, name: DEFAULT_WORDING[lang].rounds[r.id] ?? r.name }));
}

/** Everything needed to create a study; ids and clock come from the caller. */
export interface NewStudyInput {
  id: string;
  title: string;
  description?: string;
  now: string;
  stakeholders: readonly Stakeholder[];
  /** The language of the default axis wording, cohort and round names (English if absent). */
  language?: Language;
}

/** A new study with the default axes, midline, cohorts and rounds, worded in `input.language`. */
export function newStudy(input: NewStudyInput): Study {
  return {
    format: STUDY_FORMAT,
    version: STUDY_VERSION,
    revision: 0,
    writer: null,
    id: input.id,
    title: input.title.trim(),
    description: input.description ?? '',
    axes: defaultAxes(input.language),
    midline: { ...DEFAULT_MIDLINE },
    cohorts: defaultCohorts(input.language),
    rounds: defaultRounds(input.language),
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
    revision: 0,
    writer: null,
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
