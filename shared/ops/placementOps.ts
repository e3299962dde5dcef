import { clampPosition, distance, type Position } from '../model/position';
import type { Placement, PlacementStatus, Session } from '../model/session';
import { DEFAULT_MIDLINE, type Midline } from '../model/zones';

/**
 * Pure operations on one session's map: data in, new data out. No clock, no store,
 * no i18n. Every editing action of the map editor is exactly one of these calls, so
 * one call is one undo step.
 *
 * Refusals: an operation that cannot or need not change anything (a locked session,
 * a move to where the chip already is, a note on a stakeholder that has no placement)
 * returns the very same Session object. Callers compare by identity (`next === prev`)
 * to know that nothing happened and record no undo step.
 *
 * Positions are clamped to the grid and rounded to one decimal, the recorded precision.
 */

/** A locked session was signed off by the group: only `setLocked(s, false)` changes it. */
export function isEditable(session: Session): boolean {
  return !session.locked;
}

function isFinitePosition(p: Position): boolean {
  return Number.isFinite(p.power) && Number.isFinite(p.interest);
}

function samePosition(a: Position | null, b: Position | null): boolean {
  if (a === null || b === null) return a === b;
  return a.power === b.power && a.interest === b.interest;
}

/** Replace one stakeholder's placement (or remove it with `null`), keeping every other. */
function withPlacement(session: Session, stakeholderId: string, placement: Placement | null): Session {
  const placements = { ...session.placements };
  if (placement) placements[stakeholderId] = placement;
  else delete placements[stakeholderId];
  return { ...session, placements };
}

function emptyPlacement(status: PlacementStatus, position: Position | null): Placement {
  return { status, position, contested: false, alt: null, note: '' };
}

/**
 * Put a stakeholder on the grid at `position` (from the tray, from a bin, or anywhere
 * on the grid). The note and a contested alternate are kept.
 */
export function placeStakeholder(session: Session, stakeholderId: string, position: Position): Session {
  if (session.locked || !isFinitePosition(position)) return session;
  const pos = clampPosition(position);
  const current = session.placements[stakeholderId];
  if (current && current.status === 'placed' && samePosition(current.position, pos)) return session;
  const next: Placement = current ? { ...current, status: 'placed', position: pos } : emptyPlacement('placed', pos);
  return withPlacement(session, stakeholderId, next);
}

/** Move a stakeholder that is already on the grid. Anything else is refused. */
export function movePlacement(session: Session, stakeholderId: string, position: Position): Session {
  const current = session.placements[stakeholderId];
  if (!current || current.status !== 'placed') return session;
  return placeStakeholder(session, stakeholderId, position);
}

/**
 * Set what happened to a stakeholder. Moving to "unknown" or "not discussed" keeps the
 * last position, so taking the chip back out of a bin restores where it was;
 * setting "placed" needs such a remembered position (use `placeStakeholder` otherwise).
 */
export function setStatus(session: Session, stakeholderId: string, status: PlacementStatus): Session {
  if (session.locked) return session;
  const current = session.placements[stakeholderId];
  if (current?.status === status) return session;
  if (status === 'placed') {
    if (!current?.position) return session;
    return withPlacement(session, stakeholderId, { ...current, status });
  }
  return withPlacement(session, stakeholderId, current ? { ...current, status } : emptyPlacement(status, null));
}

/**
 * Send a stakeholder back to the tray: the group has not handled it. Its placement,
 * note and alternate go with it (undo brings them back).
 */
export function unplace(session: Session, stakeholderId: string): Session {
  if (session.locked || !session.placements[stakeholderId]) return session;
  return withPlacement(session, stakeholderId, null);
}

/** The reason or quote for a placement. Only a handled stakeholder can carry a note. */
export function setNote(session: Session, stakeholderId: string, note: string): Session {
  const current = session.placements[stakeholderId];
  if (session.locked || !current || current.note === note) return session;
  return withPlacement(session, stakeholderId, { ...current, note });
}

/**
 * Where to put the minority position when a placement becomes contested. The most
 * common disagreement in the study is a mirror image (the BDO at high power / low
 * interest for some, low power / high interest for others), so the alternate starts
 * mirrored across the diagonal; when that is too close to tell apart it starts
 * 2.5 units towards the other side of each midline instead.
 */
export function defaultAlternate(position: Position, midline: Midline = DEFAULT_MIDLINE): Position {
  const mirrored = clampPosition({ power: position.interest, interest: position.power });
  if (distance(mirrored, position) >= 2) return mirrored;
  const away = (v: number, mid: number) => (v >= mid ? v - 2.5 : v + 2.5);
  return clampPosition({ power: away(position.power, midline.power), interest: away(position.interest, midline.interest) });
}

/**
 * Mark a placement as contested (the group could not agree) or agreed again. Contesting
 * needs a placed stakeholder and creates the alternate (minority) position, at `alt` if
 * given; agreeing again drops the alternate.
 */
export function setContested(
  session: Session,
  stakeholderId: string,
  contested: boolean,
  alt?: Position,
  midline: Midline = DEFAULT_MIDLINE,
): Session {
  const current = session.placements[stakeholderId];
  if (session.locked || !current || current.contested === contested) return session;
  if (!contested) return withPlacement(session, stakeholderId, { ...current, contested: false, alt: null });
  if (current.status !== 'placed' || !current.position) return session;
  const start = alt && isFinitePosition(alt) ? clampPosition(alt) : defaultAlternate(current.position, midline);
  return withPlacement(session, stakeholderId, { ...current, contested: true, alt: start });
}

/** Move the alternate (minority) position of a contested placement. */
export function moveAlt(session: Session, stakeholderId: string, position: Position): Session {
  const current = session.placements[stakeholderId];
  if (session.locked || !current || !current.contested || !isFinitePosition(position)) return session;
  const pos = clampPosition(position);
  if (samePosition(current.alt, pos)) return session;
  return withPlacement(session, stakeholderId, { ...current, alt: pos });
}

/**
 * Move a placed chip (or its alternate) by a step on each axis, e.g. from the arrow keys.
 * Returns the session unchanged at the edge of the grid.
 */
export function nudge(session: Session, stakeholderId: string, part: 'main' | 'alt', dPower: number, dInterest: number): Session {
  const current = session.placements[stakeholderId];
  if (!current) return session;
  const from = part === 'alt' ? current.alt : current.status === 'placed' ? current.position : null;
  if (!from) return session;
  // Round before clamping so 0.1 steps do not drift through binary fractions (0.30000000000000004).
  const to = { power: Math.round((from.power + dPower) * 10) / 10, interest: Math.round((from.interest + dInterest) * 10) / 10 };
  return part === 'alt' ? moveAlt(session, stakeholderId, to) : movePlacement(session, stakeholderId, to);
}

/** The session's free-text notes (how the discussion went, who was there by role). */
export function setSessionNotes(session: Session, notes: string): Session {
  if (session.locked || session.notes === notes) return session;
  return { ...session, notes };
}

/** Whether informed consent was recorded before anything was captured. */
export function setConsent(session: Session, consent: boolean): Session {
  if (session.locked || session.consent === consent) return session;
  return { ...session, consent };
}

/**
 * Lock when the group has signed the map off; unlock explicitly to change it again.
 * The only operation a locked session accepts is unlocking.
 */
export function setLocked(session: Session, locked: boolean): Session {
  if (session.locked === locked) return session;
  return { ...session, locked };
}
