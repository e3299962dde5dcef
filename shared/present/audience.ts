import type { Position } from '../model/position';
import type { PlacementStatus, Session } from '../model/session';
import type { Language, Stakeholder } from '../model/stakeholder';
import type { GridStudy } from '../model/study';

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

/**
 * What the audience window may know of a study to draw a grid: the axes' wording, the
 * midline, the cohorts' names and looks, and the stakeholders' names and short labels in
 * every language. No title, description, rounds or dates.
 */
export function toAudienceStudy(study: GridStudy): GridStudy {
  return {
    axes: { power: study.axes.power, interest: study.axes.interest },
    midline: { power: study.midline.power, interest: study.midline.interest },
    cohorts: study.cohorts.map((c) => ({ id: c.id, name: c.name, colour: c.colour, shape: c.shape })),
    stakeholders: study.stakeholders.map((s) => {
      const labels: Stakeholder['labels'] = {};
      for (const lang of ['bn', 'hi'] as const) {
        const l = s.labels[lang];
        if (l) labels[lang] = { name: l.name, short: l.short };
      }
      return { id: s.id, name: s.name, short: s.short, description: '', category: s.category, labels, retired: s.retired, custom: s.custom };
    }),
  };
}

/**
 * One step of the compare sequence as the audience sees it: one stakeholder, the cohorts
 * revealed so far with their marks (positions only: no session ids or codes) and centroid,
 * and whether the gap (arrows and sentence) is shown.
 */
export interface AudienceStep {
  stakeholderId: string;
  /** Every cohort of the comparison, in its order (so each keeps its colour and shape). */
  cohorts: Array<{ id: string; name: string }>;
  revealed: Array<{ cohortId: string; n: number; centroid: Position; marks: Position[] }>;
  gap: boolean;
  /** 1-based place in the sequence, and its length. */
  index: number;
  total: number;
}

/** What the facilitator's window puts on the projector. */
export type AudiencePicture =
  | { kind: 'map'; language: Language; study: GridStudy; session: AudienceSession }
  | { kind: 'step'; language: Language; study: GridStudy; step: AudienceStep };

/**
 * Messages between the facilitator's window and the audience window (a BroadcastChannel
 * of the app's origin). The audience asks (`hello`) when it opens and is sent the current
 * picture; it never loads a study itself, so whatever it can show came through
 * `toAudienceSession`/`toAudienceStudy`/`AudienceStep`.
 */
export type PresentMessage =
  | { kind: 'hello' }
  | { kind: 'bye' }
  | { kind: 'picture'; picture: AudiencePicture | null; blank: boolean }
  | { kind: 'blank'; blank: boolean }
  /** The audience window's → / ← (a presenter's clicker sends them to whichever window has focus). */
  | { kind: 'step'; delta: 1 | -1 }
  | { kind: 'end' };

export const PRESENT_CHANNEL = 'pimap-present';

const KINDS = new Set(['hello', 'bye', 'picture', 'blank', 'step', 'end']);

/** A message from the channel, or null for anything else (another version's, or junk). */
export function readPresentMessage(data: unknown): PresentMessage | null {
  if (!data || typeof data !== 'object') return null;
  const kind = (data as { kind?: unknown }).kind;
  return typeof kind === 'string' && KINDS.has(kind) ? (data as PresentMessage) : null;
}
