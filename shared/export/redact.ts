import type { Session } from '../model/session';

/**
 * The default of every export (anything that leaves the machine): a copy of the session
 * with the session notes, every placement's note, the place and the facilitator emptied.
 * Positions, statuses and contested alternates stay: they are the data; notes and quotes
 * could expose a group or name an official, and a village and a facilitator's name
 * together can identify the group. Only "Include notes, place and facilitator" (the
 * dialog's tick, `--with-notes` in the CLI) keeps them.
 */
export function redactSession(session: Session): Session {
  const placements: Session['placements'] = {};
  for (const [id, p] of Object.entries(session.placements)) placements[id] = { ...p, note: '' };
  return { ...session, notes: '', place: '', facilitator: '', placements };
}

export function redactSessions(sessions: readonly Session[], redact: boolean): Session[] {
  return sessions.map((s) => (redact ? redactSession(s) : s));
}
