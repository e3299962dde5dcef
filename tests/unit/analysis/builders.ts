import { newSession, newStudy } from '../../../shared/model/defaults';
import type { Placement, Session } from '../../../shared/model/session';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';

/** Small hand-made studies for golden-number tests. */
export const NOW = '2026-02-01T09:00:00.000Z';

export function stakeholder(id: string, name = id): Stakeholder {
  return { id, name, short: name.slice(0, 24), description: '', category: 'other', labels: {}, retired: false, custom: false };
}

/** A study with the given stakeholders and two cohorts, A and B (plus the default rounds). */
export function smallStudy(stakeholderIds: string[], cohorts: string[] = ['A', 'B']): Study {
  const study = newStudy({ id: 'st', title: 'Golden', now: NOW, stakeholders: stakeholderIds.map((id) => stakeholder(id)) });
  study.cohorts = cohorts.map((id, i) => ({ id, name: `Cohort ${id}`, colour: study.cohorts[i % 4]!.colour, shape: study.cohorts[i % 4]!.shape }));
  return study;
}

/** [power, interest] places; 'u' unknown; 'n' not discussed; {c: [p, i], alt: [p, i]} contested. */
export type Mark = [number, number] | 'u' | 'n' | { c: [number, number]; alt: [number, number] };

export function placement(mark: Mark): Placement {
  if (mark === 'u') return { status: 'unknown', position: null, contested: false, alt: null, note: '' };
  if (mark === 'n') return { status: 'not_discussed', position: null, contested: false, alt: null, note: '' };
  if (Array.isArray(mark)) return { status: 'placed', position: { power: mark[0], interest: mark[1] }, contested: false, alt: null, note: '' };
  return { status: 'placed', position: { power: mark.c[0], interest: mark.c[1] }, contested: true, alt: { power: mark.alt[0], interest: mark.alt[1] }, note: '' };
}

export function session(id: string, cohortId: string, marks: Record<string, Mark>, options: { code?: string; roundId?: string | null } = {}): Session {
  const s = newSession({ id, studyId: 'st', code: options.code ?? id, kind: 'fgd', cohortId, roundId: options.roundId === undefined ? 'baseline' : options.roundId, now: NOW, consent: true });
  for (const [k, m] of Object.entries(marks)) s.placements[k] = placement(m);
  return s;
}
