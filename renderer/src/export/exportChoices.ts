import type { SESSION_PICTURE_FORMATS, STUDY_FILE_FORMATS } from '../../../shared/export/exportContract';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

/**
 * What an export dialog exports: one session's map (session page), the compare view's
 * current selection (compare page), or the study or chosen sessions (study page).
 */
export type ExportScope =
  | { kind: 'session'; study: Study; session: Session }
  /** `sessions` are the ones selected on the compare page; `allSelected` when no filter is on. */
  | { kind: 'compare'; study: Study; sessions: readonly Session[]; allSelected: boolean; focusStakeholderId: string | null }
  | { kind: 'study'; study: Study; sessions: readonly Session[] };

export type SessionFormat = (typeof SESSION_PICTURE_FORMATS)[number];
export type StudyFormat = (typeof STUDY_FILE_FORMATS)[number];
export type ExportFormat = SessionFormat | StudyFormat;

/** The formats offered per scope, in the order shown (the first is preselected). */
export const FORMATS_BY_SCOPE: Record<ExportScope['kind'], readonly ExportFormat[]> = {
  session: ['svg', 'png2x', 'png4x', 'pdf'],
  compare: ['compare-svg', 'compare-png2x', 'compare-png4x', 'compare-pdf'],
  study: ['csv', 'bundle', 'report-pdf'],
};

/** The picture kind behind a format ("compare-png2x" → "png2x"), for labels. */
export function labelKey(format: ExportFormat): string {
  return format.startsWith('compare-') ? format.slice('compare-'.length) : format;
}

/**
 * What a file of this format holds and leaves out, as the dialog states it. Every format
 * is private by default (shared/export/redact.ts): "Include notes, place and facilitator"
 * starts unticked, because anything exported can leave the machine. A format never holds
 * what it has no room for: a CSV has no session-notes, place or facilitator column, a
 * picture or the report never shows place or facilitator, a compare picture no notes.
 */
export type ContentItem = 'positions' | 'statuses' | 'contested' | 'details' | 'sessionNotes' | 'placementNotes' | 'place' | 'facilitator';

export function contentsOf(format: ExportFormat, withNotes: boolean): { included: ContentItem[]; leftOut: ContentItem[] } {
  const base: ContentItem[] = ['positions', 'statuses', 'contested'];
  let optional: ContentItem[];
  if (format === 'bundle') {
    base.push('details');
    optional = ['sessionNotes', 'placementNotes', 'place', 'facilitator'];
  } else if (format === 'csv') optional = ['placementNotes'];
  else if (format.startsWith('compare-')) optional = [];
  else optional = ['sessionNotes', 'placementNotes'];
  const all: ContentItem[] = ['sessionNotes', 'placementNotes', 'place', 'facilitator'];
  const included = withNotes ? [...base, ...optional] : base;
  return { included, leftOut: all.filter((i) => !included.includes(i)) };
}

/** The compare picture never carries notes, whatever is asked (so its tick is disabled). */
export function carriesNotes(format: ExportFormat): boolean {
  return !format.startsWith('compare-');
}

/** What a user waits for: reports take seconds, pictures are drawn by Chromium, data files are quick. */
export function workKind(format: ExportFormat): 'report' | 'picture' | 'file' {
  if (format === 'report-pdf') return 'report';
  if (format === 'csv' || format === 'bundle' || format === 'svg' || format === 'compare-svg') return 'file';
  return 'picture';
}

/** Notes and quotes in these sessions: every non-empty placement note and session note. */
export function countNotes(sessions: readonly Session[]): number {
  let n = 0;
  for (const s of sessions) {
    if (s.notes.trim()) n++;
    for (const p of Object.values(s.placements)) if (p.note.trim()) n++;
  }
  return n;
}

/** Sessions per cohort, in the study's cohort order; cohorts without a session left out. */
export function cohortCounts(study: Study, sessions: readonly Session[]): { id: string; name: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const s of sessions) counts.set(s.cohortId, (counts.get(s.cohortId) ?? 0) + 1);
  const known = study.cohorts.filter((c) => counts.has(c.id)).map((c) => ({ id: c.id, name: c.name, n: counts.get(c.id)! }));
  const unknown = [...counts.keys()].filter((id) => !study.cohorts.some((c) => c.id === id)).map((id) => ({ id, name: id, n: counts.get(id)! }));
  return [...known, ...unknown];
}
