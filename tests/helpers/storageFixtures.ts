import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSession, newStudy } from '../../shared/model/defaults';
import type { Session } from '../../shared/model/session';
import { StakeholderLibrarySchema, type Stakeholder } from '../../shared/model/stakeholder';
import type { Study } from '../../shared/model/study';

/** Small builders of realistic studies and session maps for the storage tests. */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const LIBRARY: readonly Stakeholder[] = StakeholderLibrarySchema.parse(
  JSON.parse(readFileSync(join(root, 'resources', 'stakeholders.json'), 'utf8')),
).stakeholders;

export const T0 = '2026-03-02T10:00:00.000Z';

export function makeStudy(id = 'study-a', title = 'Murshidabad baseline'): Study {
  return newStudy({ id, title, description: 'Stakeholder mapping with survivors and duty bearers', now: T0, stakeholders: LIBRARY.slice(0, 12) });
}

/**
 * A session whose map depends on `seq`: `seq` is also written into the notes, so a test
 * can tell exactly which edit a file holds.
 */
export function makeSession(studyId: string, id: string, code: string, seq = 0): Session {
  const s = newSession({
    id,
    studyId,
    code,
    kind: 'fgd',
    cohortId: 'survivors',
    roundId: 'baseline',
    now: T0,
    date: '2026-03-02',
    place: 'Block office, Domkal',
    facilitator: 'RK',
    participants: 9,
    consent: true,
  });
  s.notes = `seq:${seq}`;
  LIBRARY.slice(0, 8).forEach((st, i) => {
    const status = i === 6 ? 'unknown' : i === 7 ? 'not_discussed' : 'placed';
    s.placements[st.id] = {
      status,
      position: status === 'placed' ? { power: ((seq + i) % 11) as number, interest: (i * 3 + seq) % 11 } : null,
      contested: i === 2,
      alt: i === 2 ? { power: 2, interest: 8 } : null,
      note: i === 0 ? 'Comes only when called; signs the papers' : '',
    };
  });
  return s;
}

/** The edit number stored in a session made by makeSession, or -1. */
export function seqOf(session: Session): number {
  const m = /^seq:(\d+)$/.exec(session.notes);
  return m ? Number(m[1]) : -1;
}
