import type { Session } from '../model/session';

/**
 * "Leave out notes and quotes": a copy of the session with the session notes and every
 * placement's note emptied. Positions, statuses and contested alternates stay: they are
 * the data; the notes are what could expose a group or name an official.
 */
export function redactSession(session: Session): Session {
  const placements: Session['placements'] = {};
  for (const [id, p] of Object.entries(session.placements)) placements[id] = { ...p, note: '' };
  return { ...session, notes: '', placements };
}

export function redactSessions(sessions: readonly Session[], redact: boolean): Session[] {
  return sessions.map((s) => (redact ? redactSession(s) : s));
}
