import { readFileSync } from 'node:fs';
import { newSession, newStudy } from '../../../shared/model/defaults';
import type { Session } from '../../../shared/model/session';
import { StakeholderLibrarySchema, type Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';

export const NOW = '2026-11-28T10:00:00.000Z';

/** The default library shipped with the app. */
export function library(): Stakeholder[] {
  return StakeholderLibrarySchema.parse(JSON.parse(readFileSync('resources/stakeholders.json', 'utf8'))).stakeholders;
}

export function studyWith(stakeholders: Stakeholder[] = library().slice(0, 4)): Study {
  return newStudy({ id: 'study-1', title: 'Nadia and Murshidabad', now: NOW, stakeholders });
}

export function sessionIn(study: Study, over: Partial<Session> & { id: string; code: string }): Session {
  return {
    ...newSession({ id: over.id, studyId: study.id, code: over.code, kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now: NOW }),
    ...over,
  };
}
