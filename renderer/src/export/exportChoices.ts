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
 * "Leave out notes and quotes" starts ticked for pictures and reports, which leave the
 * machine; CSV and study files carry the full record unless the user ticks it.
 */
export function redactByDefault(format: ExportFormat): boolean {
  return !(format === 'csv' || format === 'bundle');
}

/** The compare picture never carries notes, whatever is asked. */
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
