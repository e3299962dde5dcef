import libraryFile from '../../../resources/stakeholders.json';
import { newSession, newStudy } from '../../../shared/model/defaults';
import type { Placement, Session } from '../../../shared/model/session';
import { StakeholderLibrarySchema } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';

export const NOW = '2026-11-28T10:00:00.000Z';

/** A study with the whole default library (24 stakeholders), as a facilitator starts one. */
export function libraryStudy(): Study {
  const { stakeholders } = StakeholderLibrarySchema.parse(libraryFile);
  return newStudy({ id: 'nadia-2026', title: 'Nadia and Murshidabad, 2026', now: NOW, stakeholders });
}

export function emptySession(study: Study, over: Partial<Session> = {}): Session {
  return { ...newSession({ id: 'fgd-3', studyId: study.id, code: 'FGD 3', kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now: NOW, consent: true }), ...over };
}

const at = (power: number, interest: number, note = ''): Placement => ({ status: 'placed', position: { power, interest }, contested: false, alt: null, note });

/**
 * A survivors' FGD mapped the way the study found: police, Panchayat and the
 * administration at high power and low interest, ASHA and Anganwadi at low power and
 * high interest, Childline high and high, the BDO contested, the VLCPC unknown.
 */
export function realisticSession(study: Study): Session {
  const placements: Record<string, Placement> = {
    police: at(9.3, 0.8, 'They know the agents and take money; nobody goes to the thana alone.'),
    'local-politicians': at(8.8, 1.6),
    bdo: { ...at(8.4, 2.1, 'Half the group said the BDO has all the schemes but never comes.'), contested: true, alt: { power: 3.2, interest: 7.4 } },
    'gram-panchayat': at(7.9, 2.6, 'The pradhan signs papers for the agents.'),
    'panchayat-samiti': at(7.3, 3.1),
    'social-welfare': at(7.6, 3.6),
    wcd: at(6.7, 3.4),
    wdo: at(6.1, 2.2),
    ahtu: at(7.0, 5.9),
    sjpu: at(5.6, 4.4),
    dcpu: at(6.6, 6.4),
    cwc: at(7.4, 6.9),
    childline: at(7.9, 8.3, 'Childline came the same night when a girl was brought back.'),
    asha: at(2.6, 8.6, 'ASHA didi knows every house and tells us when someone goes missing.'),
    anganwadi: at(2.1, 7.9),
    ngos: at(4.4, 8.9),
    'survivor-collectives': at(3.1, 9.4),
    teachers: at(3.6, 6.4),
    'community-leaders': at(4.1, 3.1),
    'religious-leaders': at(3.2, 1.9),
    vlcpc: { status: 'unknown', position: null, contested: false, alt: null, note: 'Nobody in the group had heard of a VLCPC meeting.' },
    blcpc: { status: 'not_discussed', position: null, contested: false, alt: null, note: '' },
  };
  return emptySession(study, { placements, notes: 'Eight members of the collective; two left after the first hour.' });
}
