import { randomUUID } from 'node:crypto';
import { HostError, type HostHandlers, type OpenStudyResult } from '../../shared/contract/hostContract';
import { parseLongFormat, type CsvError } from '../../shared/csv/longFormat';
import { matchKey, planImport, type ImportPlan } from '../../shared/csv/planImport';
import type { Session } from '../../shared/model/session';

/**
 * Importing a long-format CSV into the data folder, shared by `pimap import` and the app's
 * import (a host operation calls the same functions). Parsing and planning are the pure
 * functions of shared/csv; this module finds the study, and writes only when every row is
 * valid.
 */
export type ImportHandlers = Pick<HostHandlers, 'listStudies' | 'openStudy' | 'createStudy' | 'saveStudy' | 'saveSession' | 'deleteSession' | 'deleteStudy' | 'getLibrary'>;

export interface CsvImportOptions {
  /** The study to create or extend, matched by title (case-insensitive); defaults to the file's study column. */
  title?: string;
  /** Fresh ids; random UUIDs unless a test supplies its own. */
  newId?: () => string;
  /** The clock; tests inject one. */
  now?: () => Date;
}

/** Codes for problems that are about the data folder rather than a row. */
export type CsvImportProblem = { code: 'ambiguous_study'; title: string; studyIds: string[] };

export type CsvImportPreview =
  | { ok: true; plan: Extract<ImportPlan, { ok: true }>; existing: OpenStudyResult | null }
  | { ok: false; errors: CsvError[]; problem?: CsvImportProblem };

export interface CsvImportSummary {
  studyId: string;
  title: string;
  studyCreated: boolean;
  rows: number;
  created: number;
  updated: number;
  newStakeholders: string[];
  newCohorts: string[];
  newRounds: string[];
  /**
   * Codes of sessions not imported because they changed on disk after the import read
   * them (the app saved an edit meanwhile): nothing was written for them.
   */
  conflicts: string[];
}

export type CsvImportResult = { ok: true; summary: CsvImportSummary } | { ok: false; errors: CsvError[]; problem?: CsvImportProblem };

/** The title the import will use: the caller's, else the first non-blank study cell. */
function titleOf(rows: ReadonlyArray<{ study: string }>, title?: string): string {
  return (title ?? '').trim() || rows.find((r) => r.study.trim() !== '')?.study.trim() || '';
}

/**
 * Parse and plan without writing anything: what the UI shows as a preview, and the first
 * half of `importCsv`. Every row-level error is returned, sorted by line.
 */
export async function previewCsvImport(handlers: ImportHandlers, text: string, options: CsvImportOptions = {}): Promise<CsvImportPreview> {
  const parsed = parseLongFormat(text);
  const title = titleOf(parsed.rows, options.title);
  let existing: OpenStudyResult | null = null;
  if (title !== '') {
    const matches = (await handlers.listStudies({})).filter((s) => matchKey(s.title) === matchKey(title));
    if (matches.length > 1) return { ok: false, errors: parsed.errors, problem: { code: 'ambiguous_study', title, studyIds: matches.map((m) => m.id) } };
    if (matches.length === 1) existing = await handlers.openStudy({ studyId: matches[0]!.id });
  }
  // Plan even when some rows failed to parse, so the user sees every problem at once.
  const plan =
    parsed.rows.length > 0
      ? planImport(existing?.study ?? null, existing?.sessions ?? [], parsed.rows, {
          title: title || undefined,
          newId: options.newId ?? randomUUID,
          now: (options.now?.() ?? new Date()).toISOString(),
          library: await handlers.getLibrary({}),
        })
      : null;
  const errors = [...parsed.errors, ...(plan && !plan.ok ? plan.errors : [])].sort((a, b) => a.line - b.line);
  if (errors.length > 0 || !plan || !plan.ok) return { ok: false, errors };
  return { ok: true, plan, existing };
}

/**
 * Import a CSV: all rows or nothing. Validation failures write nothing. If the disk fails
 * part-way (full, read-only), what this call already wrote is undone as far as the storage
 * allows (created sessions and a created study go to the trash, updated sessions are saved
 * back), and the error is rethrown.
 *
 * Every write is a compare-and-replace against the revision the import read: a study
 * changed meanwhile fails the whole import with `conflict` before anything is written; a
 * session changed meanwhile (an editor saved it) is skipped, never overwritten, and named
 * in `summary.conflicts`.
 */
export async function importCsv(handlers: ImportHandlers, text: string, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const preview = await previewCsvImport(handlers, text, options);
  if (!preview.ok) return preview;
  const { plan, existing } = preview;
  const originals = new Map<string, Session>((existing?.sessions ?? []).map((s) => [s.id, s]));
  const written: Written[] = [];
  const conflicts: string[] = [];
  let studyRevision = existing?.study.revision ?? 0;
  try {
    if (plan.studyCreated) studyRevision = (await handlers.createStudy({ study: plan.study })).revision;
    else if (plan.studyChanged) studyRevision = (await handlers.saveStudy({ study: plan.study, baseRevision: studyRevision })).revision;
    for (const entry of plan.sessions) {
      try {
        const { revision } = await handlers.saveSession({ session: entry.session, baseRevision: originals.get(entry.session.id)?.revision ?? 0 });
        written.push({ ...entry, revision });
      } catch (err) {
        if (!(err instanceof HostError && err.code === 'conflict')) throw err;
        conflicts.push(entry.session.code);
      }
    }
  } catch (err) {
    await undo(handlers, plan, existing, written, originals, studyRevision);
    throw err;
  }
  return {
    ok: true,
    summary: {
      studyId: plan.study.id,
      title: plan.study.title,
      studyCreated: plan.studyCreated,
      rows: plan.rows,
      // What was written: a session skipped for a conflict is in neither count.
      created: written.filter((s) => s.action === 'created').length,
      updated: written.filter((s) => s.action === 'updated').length,
      newStakeholders: plan.newStakeholders.map((s) => s.name),
      newCohorts: plan.newCohorts.map((c) => c.name),
      newRounds: plan.newRounds.map((r) => r.name),
      conflicts,
    },
  };
}

type Written = { session: Session; action: 'created' | 'updated'; revision: number };

/** Best effort: a failure here must not hide the original error. */
async function undo(
  handlers: ImportHandlers,
  plan: Extract<ImportPlan, { ok: true }>,
  existing: OpenStudyResult | null,
  written: readonly Written[],
  originals: ReadonlyMap<string, Session>,
  studyRevision: number,
): Promise<void> {
  const attempt = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch {
      // The disk that just failed may refuse the undo too; the original error is what the user needs.
    }
  };
  if (plan.studyCreated) {
    await attempt(() => handlers.deleteStudy({ studyId: plan.study.id }));
    return;
  }
  for (const w of [...written].reverse()) {
    const original = originals.get(w.session.id);
    // Based on the revision this import wrote: if someone saved after it, theirs is kept.
    if (w.action === 'updated' && original) await attempt(() => handlers.saveSession({ session: original, baseRevision: w.revision }));
    else await attempt(() => handlers.deleteSession({ studyId: w.session.studyId, sessionId: w.session.id }));
  }
  if (plan.studyChanged && existing) await attempt(() => handlers.saveStudy({ study: existing.study, baseRevision: studyRevision }));
}

/** English wording of a CSV problem, for the command line (the UI translates the codes itself). */
export function describeCsvError(e: CsvError): string {
  const p = e.params ?? {};
  const where = `line ${e.line}${e.column ? `, ${e.column}` : ''}`;
  const messages: Record<CsvError['code'], string> = {
    empty_file: 'the file is empty (it needs a header row)',
    no_rows: 'the file has a header but no data rows',
    missing_column: `the header has no "${p.column}" column`,
    unknown_column: `"${p.column}" is not a column of this format (study, session, cohort, round, stakeholder, status, power, interest, contested, alt_power, alt_interest, note)`,
    duplicate_column: `the column "${p.column}" appears twice`,
    malformed_quotes: 'a quoted field is not closed, or has text after its closing quote',
    field_count: `the row has ${p.found} fields; the header has ${p.expected}`,
    required: 'this field is required',
    too_long: `too long (at most ${p.max} characters)`,
    invalid_status: `"${p.value}" is not a status (placed, unknown or not_discussed)`,
    invalid_number: `"${p.value}" is not a number (use a point for decimals, e.g. 6.5)`,
    out_of_range: `${p.value} is outside the scale 0–10`,
    missing_position: 'a placed stakeholder needs both power and interest',
    incomplete_position: 'give both values of the position, or neither',
    invalid_boolean: `"${p.value}" is not true, false, yes, no, 1 or 0`,
    missing_alt: 'a contested placement needs alt_power and alt_interest',
    mixed_studies: `the study column says "${p.value}", but an earlier row says "${p.first}"`,
    missing_title: 'no study title: give --study <title> or fill the study column',
    duplicate_row: `this session and stakeholder were already given on line ${p.firstLine}`,
    cohort_mismatch: `cohort "${p.value}", but line ${p.firstLine} puts this session in "${p.first}"`,
    session_cohort_changed: `session "${p.session}" is already in the study in cohort "${p.existing}", not "${p.value}"`,
    session_locked: `session "${p.session}" is locked (signed off); unlock it in the app first`,
    ambiguous_stakeholder: `"${p.value}" matches several stakeholders (${p.candidates}); use the full name`,
    invalid_result: `the result would not be valid: ${p.problem}`,
  };
  return `${where}: ${messages[e.code]}`;
}

/** English wording of a data-folder problem. */
export function describeImportProblem(problem: CsvImportProblem): string {
  return `several studies are titled "${problem.title}" (${problem.studyIds.join(', ')}); rename one in the app`;
}
