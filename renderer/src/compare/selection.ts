import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

/**
 * Which sessions the compare view analyses. Stored as what the user left out, so that
 * "all by default" stays true when sessions, cohorts or rounds are added later.
 * Rounds are keyed by id; `NO_ROUND` stands for sessions without a round.
 */
export interface CompareSelection {
  excludedCohorts: readonly string[];
  excludedRounds: readonly string[];
  excludedSessions: readonly string[];
}

export const NO_ROUND = '';

export const SELECT_ALL: CompareSelection = { excludedCohorts: [], excludedRounds: [], excludedSessions: [] };

export const roundKey = (s: Pick<Session, 'roundId'>): string => s.roundId ?? NO_ROUND;

/** Cohorts that have at least one session, in study order, then unknown cohort ids sessions use. */
export function cohortsInUse(study: Study, sessions: readonly Session[]): Array<{ id: string; name: string; sessions: number }> {
  const used = new Map<string, number>();
  for (const s of sessions) used.set(s.cohortId, (used.get(s.cohortId) ?? 0) + 1);
  const out = study.cohorts.filter((c) => used.has(c.id)).map((c) => ({ id: c.id, name: c.name, sessions: used.get(c.id)! }));
  for (const [id, n] of used) if (!study.cohorts.some((c) => c.id === id)) out.push({ id, name: id, sessions: n });
  return out;
}

/** Rounds that have at least one session, in study order; sessions without a round come last. */
export function roundsInUse(study: Study, sessions: readonly Session[]): Array<{ key: string; name: string | null; sessions: number }> {
  const used = new Map<string, number>();
  for (const s of sessions) used.set(roundKey(s), (used.get(roundKey(s)) ?? 0) + 1);
  const out: Array<{ key: string; name: string | null; sessions: number }> = study.rounds.filter((r) => used.has(r.id)).map((r) => ({ key: r.id, name: r.name, sessions: used.get(r.id)! }));
  for (const [key, n] of used) if (key !== NO_ROUND && !study.rounds.some((r) => r.id === key)) out.push({ key, name: key, sessions: n });
  if (used.has(NO_ROUND)) out.push({ key: NO_ROUND, name: null, sessions: used.get(NO_ROUND)! });
  return out;
}

/** Sessions the cohort and session filters keep, in every round (the over-time analysis pairs rounds). */
export function sessionsForPairing(sessions: readonly Session[], sel: CompareSelection): Session[] {
  const cohorts = new Set(sel.excludedCohorts);
  const excluded = new Set(sel.excludedSessions);
  return sessions.filter((s) => !cohorts.has(s.cohortId) && !excluded.has(s.id));
}

/** Sessions every filter keeps: the set the cohort comparison analyses. */
export function selectedSessions(sessions: readonly Session[], sel: CompareSelection): Session[] {
  const rounds = new Set(sel.excludedRounds);
  return sessionsForPairing(sessions, sel).filter((s) => !rounds.has(roundKey(s)));
}

/** Include or leave out one id of a list of exclusions. */
export function toggled(list: readonly string[], id: string, include: boolean): string[] {
  const rest = list.filter((x) => x !== id);
  return include ? rest : [...rest, id];
}

/** The ids of cohorts the analysis compares: those in use that the user kept. */
export function selectedCohortIds(study: Study, sessions: readonly Session[], sel: CompareSelection): string[] {
  const excluded = new Set(sel.excludedCohorts);
  return cohortsInUse(study, sessions)
    .map((c) => c.id)
    .filter((id) => !excluded.has(id));
}
