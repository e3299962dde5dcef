import generated from '../../fixtures/csv/generated-40x20.csv?raw';
import overTime from '../../fixtures/csv/ui-over-time.csv?raw';
import libraryFile from '../../../resources/stakeholders.json';
import { parseLongFormat } from '../../../shared/csv/longFormat';
import { planImport } from '../../../shared/csv/planImport';
import type { Session } from '../../../shared/model/session';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';

/**
 * Realistic studies for the compare view, read from the CSV fixtures the way an import
 * reads them: generated-40x20.csv (40 sessions, 20 stakeholders, 4 cohorts, with the
 * research's pattern: survivors and social workers put police, Panchayat and BDO at high
 * power and low interest; duty bearers put them at higher interest and put the community
 * high) and ui-over-time.csv (the same with 12 groups mapped again at endline).
 */
function load(csv: string): { study: Study; sessions: Session[] } {
  const parsed = parseLongFormat(csv);
  if (parsed.errors.length) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.errors[0])}`);
  let n = 0;
  const plan = planImport(null, [], parsed.rows, {
    newId: () => `id-${String(++n).padStart(4, '0')}`,
    now: '2026-01-15T10:00:00.000Z',
    library: libraryFile.stakeholders as Stakeholder[],
  });
  if (!plan.ok) throw new Error(`fixture does not plan: ${JSON.stringify(plan.errors[0])}`);
  return { study: plan.study, sessions: plan.sessions.map((p) => p.session) };
}

export const realisticStudy = () => load(generated);
export const overTimeStudy = () => load(overTime);

/** Sessions of a cohort that placed a stakeholder, counted straight from the data. */
export function placedCount(sessions: readonly Session[], cohortId: string, stakeholderId: string): number {
  return sessions.filter((s) => s.cohortId === cohortId && s.placements[stakeholderId]?.status === 'placed').length;
}
