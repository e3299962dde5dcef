import type { PlacementStatus, Session } from '../model/session';

/**
 * What the audience window (the projector) may know of a session: where each stakeholder
 * sits and with what status, nothing else. No note text, consent, place, facilitator,
 * participants, code or date ever leaves the facilitator's window.
 */
export interface AudiencePlacement {
  status: PlacementStatus;
  position: { power: number; interest: number } | null;
  contested: boolean;
  alt: { power: number; interest: number } | null;
}

export interface AudienceSession {
  studyId: string;
  sessionId: string;
  placements: Record<string, AudiencePlacement>;
}

/** Strip a session down to what may be projected. Builds new objects field by field (no spreading). */
export function toAudienceSession(session: Session): AudienceSession {
  const placements: Record<string, AudiencePlacement> = {};
  for (const [id, p] of Object.entries(session.placements)) {
    placements[id] = {
      status: p.status,
      position: p.position ? { power: p.position.power, interest: p.position.interest } : null,
      contested: p.contested,
      alt: p.alt ? { power: p.alt.power, interest: p.alt.interest } : null,
    };
  }
  return { studyId: session.studyId, sessionId: session.id, placements };
}
