import { nameKey } from '../model/names';
import type { Session, SessionKind } from '../model/session';
import type { Cohort, Round, Study } from '../model/study';
import { activeStakeholders } from './studyOps';

/**
 * Pure operations on a session's details (code, kind, cohort, round…) and on the list
 * of sessions in a study. Placements are the editor's business; the only thing done
 * to them here is copying them when a session is duplicated.
 */

/** How far a session has got, counted over the study's active stakeholders. */
export interface SessionProgress {
  placed: number;
  unknown: number;
  notDiscussed: number;
  /** Active stakeholders the group has not handled yet. */
  remaining: number;
  /** Active stakeholders in the study (placed + unknown + notDiscussed + remaining). */
  total: number;
}

export function sessionProgress(study: Study, session: Session): SessionProgress {
  const p: SessionProgress = { placed: 0, unknown: 0, notDiscussed: 0, remaining: 0, total: 0 };
  for (const s of activeStakeholders(study)) {
    p.total++;
    const placement = session.placements[s.id];
    if (!placement) p.remaining++;
    else if (placement.status === 'placed') p.placed++;
    else if (placement.status === 'unknown') p.unknown++;
    else p.notDiscussed++;
  }
  return p;
}

/** The details of a session that are edited outside the map. */
export interface SessionDetails {
  code: string;
  kind: SessionKind;
  cohortId: string;
  roundId: string | null;
  date: string;
  place: string;
  facilitator: string;
  participants: number | null;
  consent: boolean;
}

export function updateSessionDetails(session: Session, patch: Partial<SessionDetails>): Session {
  const next: Session = { ...session, ...patch };
  if (patch.code !== undefined) next.code = patch.code.trim();
  if (patch.place !== undefined) next.place = patch.place.trim();
  if (patch.facilitator !== undefined) next.facilitator = patch.facilitator.trim();
  return next;
}

/**
 * The session that already uses `code` in `roundId`, if any (ignoring `exceptId`,
 * the session being edited). Codes are unique per round so that rounds can be paired, and
 * compared as names are (`nameKey`): "fgd 3 " and "FGD 3" clash.
 */
export function sessionWithCode(
  sessions: readonly Session[],
  code: string,
  roundId: string | null,
  exceptId?: string,
): Session | undefined {
  const wanted = nameKey(code);
  if (!wanted) return undefined;
  return sessions.find((s) => s.id !== exceptId && s.roundId === roundId && nameKey(s.code) === wanted);
}

/** The round after `roundId` in the study's order, or null when it is the last (or unknown). */
export function nextRoundId(study: Study, roundId: string | null): string | null {
  if (roundId === null) return study.rounds[0]?.id ?? null;
  const i = study.rounds.findIndex((r) => r.id === roundId);
  if (i < 0) return null;
  return study.rounds[i + 1]?.id ?? null;
}

/**
 * A code for a new session that is not yet used in the round: "FGD 4" after
 * "FGD 1"–"FGD 3", "Interview 1" for the first interview.
 */
export function suggestSessionCode(sessions: readonly Session[], kind: SessionKind, roundId: string | null, prefix: string): string {
  let highest = 0;
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(\\d+)$`, 'i');
  for (const s of sessions) {
    if (s.kind !== kind) continue;
    const m = pattern.exec(s.code.trim());
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  let n = highest + 1;
  while (sessionWithCode(sessions, `${prefix} ${n}`, roundId)) n++;
  return `${prefix} ${n}`;
}

export interface DuplicateSessionInput {
  id: string;
  now: string;
  roundId: string | null;
  /** Start the new map from the old placements (notes and contested positions included). */
  copyPlacements: boolean;
  /** Defaults to the original code, so the two maps form a pair across rounds. */
  code?: string;
}

/**
 * A new session to map the same group again, usually in a later round. Metadata is
 * copied; the date, notes, lock and consent are not, because they belong to the new
 * meeting (consent must be recorded again before anything is captured).
 */
export function duplicateSession(source: Session, input: DuplicateSessionInput): Session {
  return {
    ...source,
    // A new document: never saved, so its first save must not find a file.
    revision: 0,
    writer: null,
    id: input.id,
    code: (input.code ?? source.code).trim(),
    roundId: input.roundId,
    date: '',
    consent: false,
    notes: '',
    locked: false,
    placements: input.copyPlacements ? structuredClone(source.placements) : {},
    createdAt: input.now,
    updatedAt: input.now,
  };
}

/** Sessions of one round within a cohort. `round` is null for sessions without a round. */
export interface RoundGroup {
  round: Round | null;
  sessions: Session[];
}

/** Sessions of one cohort, split by round. `cohort` is null for sessions whose cohort is gone. */
export interface CohortGroup {
  cohort: Cohort | null;
  rounds: RoundGroup[];
  count: number;
}

/**
 * Sessions grouped by cohort and then round, in the study's order of cohorts and
 * rounds; within a round sorted by code (numbers in codes sort naturally). Cohorts
 * without sessions are included, so the page shows where nothing has been mapped yet.
 * Sessions that point at a missing cohort or round are collected last, never hidden.
 */
export function groupSessions(study: Study, sessions: readonly Session[]): CohortGroup[] {
  const byCode = (a: Session, b: Session) => a.code.localeCompare(b.code, 'en', { numeric: true, sensitivity: 'base' });
  const knownCohorts = new Set(study.cohorts.map((c) => c.id));
  const knownRounds = new Set(study.rounds.map((r) => r.id));

  const splitRounds = (list: Session[]): RoundGroup[] => {
    const groups: RoundGroup[] = [];
    for (const round of study.rounds) {
      const inRound = list.filter((s) => s.roundId === round.id).sort(byCode);
      if (inRound.length) groups.push({ round, sessions: inRound });
    }
    const orphans = list.filter((s) => s.roundId === null || !knownRounds.has(s.roundId)).sort(byCode);
    if (orphans.length) groups.push({ round: null, sessions: orphans });
    return groups;
  };

  const groups: CohortGroup[] = study.cohorts.map((cohort) => {
    const list = sessions.filter((s) => s.cohortId === cohort.id);
    return { cohort, rounds: splitRounds(list), count: list.length };
  });
  const orphans = sessions.filter((s) => !knownCohorts.has(s.cohortId));
  if (orphans.length) groups.push({ cohort: null, rounds: splitRounds(orphans), count: orphans.length });
  return groups;
}
