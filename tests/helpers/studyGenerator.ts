import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Mulberry32 } from '../../shared/analysis/prng';
import { serializeLongFormat } from '../../shared/csv/longFormat';
import { newSession, newStudy } from '../../shared/model/defaults';
import type { Placement, Session } from '../../shared/model/session';
import { StakeholderLibrarySchema, type Stakeholder } from '../../shared/model/stakeholder';
import type { Study } from '../../shared/model/study';

/**
 * A deterministic, realistic study for tests and the benchmark: N sessions × M stakeholders
 * across the four default cohorts, with the cohort differences the research found
 * (survivors and social workers put police, Panchayat and the administration at high power
 * and low interest; duty bearers put power and responsibility with the community; ASHA and
 * Anganwadi are a consensus; survivors often do not know the VLCPC).
 */
export interface GenerateOptions {
  /** Sessions in the first round. */
  sessions: number;
  /** Stakeholders (the library's first M, then custom ones). */
  stakeholders: number;
  seed?: number;
  /** How many of the first-round sessions are mapped again in a second round (endline). */
  endlinePairs?: number;
  /** Noise (standard deviation, grid units) around each cohort's typical position. */
  noise?: number;
}

type CohortKey = 'survivors' | 'social-workers' | 'duty-bearers' | 'financiers';
/** [power, interest, share of sessions that did not know it]. */
type View = [number, number, number?];
type Profile = Record<CohortKey, View>;

const all = (power: number, interest: number): Profile => ({
  survivors: [power, interest],
  'social-workers': [power, interest],
  'duty-bearers': [power, interest],
  financiers: [power, interest],
});

/** Typical positions per cohort, from the research's findings. */
export const PROFILES: Record<string, Profile> = {
  bdo: { survivors: [8, 2.5], 'social-workers': [7.5, 3], 'duty-bearers': [6, 6.5], financiers: [7, 4] },
  'gram-panchayat': { survivors: [8.5, 2], 'social-workers': [8, 3], 'duty-bearers': [4.5, 7], financiers: [7, 4] },
  'panchayat-samiti': { survivors: [7, 3], 'social-workers': [7, 3.5], 'duty-bearers': [5, 6.5], financiers: [6, 4] },
  police: { survivors: [9.5, 1.5], 'social-workers': [9, 2], 'duty-bearers': [6, 5.5], financiers: [8, 3] },
  ahtu: { survivors: [7, 4, 0.4], 'social-workers': [7.5, 5], 'duty-bearers': [7, 6.5], financiers: [7, 5] },
  sjpu: { survivors: [6, 4, 0.6], 'social-workers': [6, 4.5], 'duty-bearers': [6.5, 6], financiers: [6, 5] },
  asha: all(3, 8),
  anganwadi: all(3, 7.5),
  vlcpc: { survivors: [3, 3, 0.7], 'social-workers': [6.5, 3], 'duty-bearers': [7, 4], financiers: [6, 3] },
  blcpc: { survivors: [3, 3, 0.6], 'social-workers': [6.5, 3.5], 'duty-bearers': [6.5, 4.5], financiers: [6, 4] },
  dcpu: { survivors: [6, 5, 0.5], 'social-workers': [7, 5], 'duty-bearers': [7, 6.5], financiers: [7, 6] },
  cwc: { survivors: [6, 5], 'social-workers': [7, 6], 'duty-bearers': [7, 7], financiers: [7, 6] },
  childline: all(7, 7.5),
  'social-welfare': { survivors: [7.5, 2.5], 'social-workers': [7.5, 3], 'duty-bearers': [6, 6], financiers: [7, 4] },
  wcd: { survivors: [7, 3], 'social-workers': [7, 3.5], 'duty-bearers': [6, 6.5], financiers: [7, 4.5] },
  wdo: { survivors: [7, 3, 0.4], 'social-workers': [7, 3], 'duty-bearers': [6, 6], financiers: [6.5, 4] },
  dlsa: { survivors: [6, 4, 0.5], 'social-workers': [6.5, 4.5], 'duty-bearers': [6.5, 5.5], financiers: [6, 5] },
  'community-leaders': { survivors: [4, 4], 'social-workers': [4.5, 4.5], 'duty-bearers': [8.5, 7.5], financiers: [6, 6] },
  'religious-leaders': { survivors: [5, 3], 'social-workers': [5, 3.5], 'duty-bearers': [7.5, 6.5], financiers: [5, 4] },
  'local-politicians': { survivors: [8, 2], 'social-workers': [8, 2.5], 'duty-bearers': [7, 5], financiers: [7.5, 3] },
  teachers: { survivors: [4, 6], 'social-workers': [4.5, 6], 'duty-bearers': [6.5, 7.5], financiers: [5, 6.5] },
  ngos: all(4.5, 8.5),
  'survivor-collectives': { survivors: [5, 9.5], 'social-workers': [4, 9], 'duty-bearers': [2.5, 6], financiers: [4, 8] },
  media: { survivors: [6, 4], 'social-workers': [6.5, 4.5], 'duty-bearers': [6, 4.5], financiers: [6.5, 5] },
};

/** Notes that exercise CSV quoting and the Bengali and Hindi scripts. */
const NOTES = [
  'They know the agents, and they take money.',
  '"Nobody comes unless we go to the thana", one member said.',
  'পুলিশ জানে, কিন্তু কিছু করে না। শিশু সুরক্ষা কমিটি কাগজে আছে।',
  'पंचायत को सब पता है, पर कोई कार्रवाई नहीं होती। क्ष त्र',
  'Split:\nsome said high interest,\nothers low.',
  'ASHA didi visits every week, she notices when a girl stops coming.',
];

const COHORT_ROTATION: CohortKey[] = ['survivors', 'social-workers', 'duty-bearers', 'survivors', 'social-workers', 'duty-bearers', 'survivors', 'social-workers', 'duty-bearers', 'financiers'];
const CODE_PREFIX: Record<CohortKey, string> = { survivors: 'SUR-FGD', 'social-workers': 'SW-FGD', 'duty-bearers': 'DB-INT', financiers: 'FIN-INT' };

export const GENERATED_NOW = '2026-01-15T10:00:00.000Z';

/** The default stakeholder library shipped with the app. */
export function loadLibrary(): Stakeholder[] {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return StakeholderLibrarySchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'stakeholders.json'), 'utf8'))).stakeholders;
}

export function generateStudy(options: GenerateOptions): { study: Study; sessions: Session[] } {
  const rng = new Mulberry32(options.seed ?? 42);
  const noise = options.noise ?? 1;
  const gauss = () => {
    // Box–Muller; 1 − u keeps the logarithm finite.
    const u = 1 - rng.nextFloat();
    const v = rng.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const clampRound = (x: number) => Math.round(Math.min(10, Math.max(0, x)) * 10) / 10;

  const library = loadLibrary();
  const stakeholders: Stakeholder[] = library.slice(0, options.stakeholders).map((s) => structuredClone(s));
  for (let i = stakeholders.length; i < options.stakeholders; i++) {
    stakeholders.push({ id: `custom-${i + 1}`, name: `Custom stakeholder ${i + 1}`, short: `Custom ${i + 1}`, description: '', category: 'other', labels: {}, retired: false, custom: true });
  }
  // Bengali and Hindi labels on a few, so matching by label can be tested on generated data.
  const labelled: Record<string, Stakeholder['labels']> = {
    police: { bn: { name: 'স্থানীয় থানা', short: 'পুলিশ' }, hi: { name: 'स्थानीय थाना', short: 'पुलिस' } },
    vlcpc: { bn: { name: 'গ্রাম শিশু সুরক্ষা কমিটি', short: 'ভিএলসিপিসি' } },
  };
  for (const s of stakeholders) if (labelled[s.id]) s.labels = labelled[s.id]!;

  const study = newStudy({ id: 'generated-study', title: 'Generated study', now: GENERATED_NOW, stakeholders });
  const profileOf = (id: string, index: number): Profile => PROFILES[id] ?? all(2 + ((index * 37) % 70) / 10, 2 + ((index * 53) % 70) / 10);

  const place = (view: View): Placement => {
    const r = rng.nextFloat();
    if (r < (view[2] ?? 0)) return { status: 'unknown', position: null, contested: false, alt: null, note: '' };
    if (r > 0.96) return { status: 'not_discussed', position: null, contested: false, alt: null, note: '' };
    const position = { power: clampRound(view[0] + noise * gauss()), interest: clampRound(view[1] + noise * gauss()) };
    const contested = rng.nextFloat() < 0.08;
    const alt = contested ? { power: clampRound(position.power - 2.5 * gauss()), interest: clampRound(position.interest + 2.5 * gauss()) } : null;
    const note = rng.nextFloat() < 0.15 ? NOTES[rng.nextBelow(NOTES.length)]! : '';
    return { status: 'placed', position, contested, alt, note };
  };

  const sessions: Session[] = [];
  const counters: Record<CohortKey, number> = { survivors: 0, 'social-workers': 0, 'duty-bearers': 0, financiers: 0 };
  for (let i = 0; i < options.sessions; i++) {
    const cohort = COHORT_ROTATION[i % COHORT_ROTATION.length]!;
    const code = `${CODE_PREFIX[cohort]}-${String(++counters[cohort]).padStart(2, '0')}`;
    const session = newSession({
      id: `s-${String(i + 1).padStart(4, '0')}`,
      studyId: study.id,
      code,
      kind: cohort === 'survivors' || cohort === 'social-workers' ? 'fgd' : 'interview',
      cohortId: cohort,
      roundId: 'baseline',
      now: GENERATED_NOW,
      consent: true,
    });
    stakeholders.forEach((s, j) => {
      session.placements[s.id] = place(profileOf(s.id, j)[cohort]);
    });
    sessions.push(session);
  }
  // Endline: the same groups mapped again after dialogue; duty bearers' interest as seen by
  // survivors and social workers rises a little.
  for (let i = 0; i < Math.min(options.endlinePairs ?? 0, options.sessions); i++) {
    const base = sessions[i]!;
    const again = newSession({ ...base, id: `e-${String(i + 1).padStart(4, '0')}`, roundId: 'endline', now: GENERATED_NOW, consent: true, participants: base.participants });
    for (const [id, p] of Object.entries(base.placements)) {
      const moved =
        p.status === 'placed' && p.position
          ? { power: clampRound(p.position.power + 0.3 * gauss()), interest: clampRound(p.position.interest + 1.5 + 0.5 * gauss()) }
          : null;
      again.placements[id] = moved ? { status: 'placed', position: moved, contested: false, alt: null, note: '' } : structuredClone(p);
    }
    sessions.push(again);
  }
  return { study, sessions };
}

/** tests/fixtures/csv/generated-40x20.csv: the fixture the CLI tests and timings use. */
export const GENERATED_FIXTURE = { sessions: 40, stakeholders: 20, seed: 2026, endlinePairs: 0 } as const;

// `npx tsx tests/helpers/studyGenerator.ts` rewrites the generated fixture (a unit test checks it is current).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { study, sessions } = generateStudy(GENERATED_FIXTURE);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'csv', 'generated-40x20.csv');
  writeFileSync(out, serializeLongFormat(study, sessions, { redact: false, bom: true }));
  console.log(`Wrote ${out}`);
}
