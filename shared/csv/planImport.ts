import { describeIssues } from '../model/migrations';
import { nameKey } from '../model/names';
import { newSession, newStudy } from '../model/defaults';
import { COHORT_COLOURS, COHORT_SHAPE_ORDER } from '../model/palette';
import { SessionSchema, type Session } from '../model/session';
import type { Stakeholder } from '../model/stakeholder';
import { StudySchema, type Cohort, type Round, type Study } from '../model/study';
import type { CsvError, LongFormatRow } from './longFormat';

/** The caller supplies identity and time, so planning stays pure and testable. */
export interface PlanImportOptions {
  /** Title of the study to create; when absent, the file's study column is used. */
  title?: string;
  /** A fresh id (a UUID in the app; a counter in tests and in `pimap analyze file.csv`). */
  newId: () => string;
  /** Timestamp for created and updated documents. */
  now: string;
  /**
   * The stakeholder library (the default 24 actors). Names in the file that the study does
   * not list are matched against it, so an imported "BDO" brings the library's Block
   * Development Officer with its Bengali and Hindi labels. Only stakeholders the file names
   * are added: the rest of the library stays out of the study.
   */
  library?: readonly Stakeholder[];
}

export interface PlannedSession {
  session: Session;
  action: 'created' | 'updated';
}

/** What an import will write, or every reason it will write nothing. */
export type ImportPlan =
  | {
      ok: true;
      /** The study after the import (new, or the existing one with any new cohorts, rounds and stakeholders). */
      study: Study;
      studyCreated: boolean;
      /** True when study.json must be written (created, or new cohorts, rounds or stakeholders). */
      studyChanged: boolean;
      sessions: PlannedSession[];
      /** Custom stakeholders made for names neither the study nor the library knows. */
      newStakeholders: Stakeholder[];
      /** Library entries the file names that the study did not have, now added to it. */
      libraryStakeholders: Stakeholder[];
      newCohorts: Cohort[];
      newRounds: Round[];
      /** Data rows applied. */
      rows: number;
      errors: [];
    }
  | { ok: false; errors: CsvError[] };

/** Names are matched trimmed, with runs of spaces collapsed, in Unicode NFC, ignoring case (`nameKey`). */
export const matchKey = nameKey;

/** Cut a name to at most `max` UTF-16 units without splitting a grapheme (a Bengali conjunct stays whole). */
export function shortenLabel(name: string, max = 24): string {
  if (name.length <= max) return name;
  const pieces = Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name), (s) => s.segment);
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > max) break;
    out += piece;
  }
  return out.trimEnd();
}

/** Every name a stakeholder is known by: id, name and short label, in English, Bengali and Hindi. */
function labelsOf(s: Stakeholder): string[] {
  return [s.id, s.name, s.short, s.labels.bn?.name, s.labels.bn?.short, s.labels.hi?.name, s.labels.hi?.short].filter((x): x is string => !!x);
}

/** Rows sorted by round, session, cohort and stakeholder (as `matchKey`), then line: see planImport. */
function canonicalRowOrder(rows: readonly LongFormatRow[]): LongFormatRow[] {
  const keyed = rows.map((r) => ({ r, k: [matchKey(r.round), matchKey(r.session), matchKey(r.cohort), matchKey(r.stakeholder)] }));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  keyed.sort((a, b) => cmp(a.k[0]!, b.k[0]!) || cmp(a.k[1]!, b.k[1]!) || cmp(a.k[2]!, b.k[2]!) || cmp(a.k[3]!, b.k[3]!) || a.r.line - b.r.line);
  return keyed.map((x) => x.r);
}

/** The first Okabe–Ito colour and marker shape not yet used by a cohort (cycling when all are used). */
function nextLook(cohorts: readonly Cohort[]): Pick<Cohort, 'colour' | 'shape'> {
  const colour = COHORT_COLOURS.find((c) => !cohorts.some((x) => x.colour.toLowerCase() === c)) ?? COHORT_COLOURS[cohorts.length % COHORT_COLOURS.length]!;
  const shape = COHORT_SHAPE_ORDER.find((s) => !cohorts.some((x) => x.shape === s)) ?? COHORT_SHAPE_ORDER[cohorts.length % COHORT_SHAPE_ORDER.length]!;
  return { colour, shape };
}

/**
 * Plan an import of parsed long-format rows into a study (or a new one). Pure and
 * all-or-nothing: either every row applies, or the plan lists every problem and nothing is
 * to be written.
 *
 * - Sessions are identified by (session code, round); codes match ignoring case. An existing
 *   session is updated: the file's rows replace those stakeholders' placements, others stay.
 * - Cohorts and rounds match by name or id, ignoring case; unknown ones are created (a new
 *   cohort takes the next Okabe–Ito colour and shape).
 * - Stakeholders match by name or short label, in English, Bengali or Hindi, or by id,
 *   ignoring case: first the study's, then the library's (added to the study when named);
 *   other names become custom stakeholders. Nothing the file does not name is added.
 * - New sessions are FGDs with consent not recorded: the CSV carries neither.
 * - Rows are applied in a canonical order (round, session, cohort, stakeholder, then line),
 *   so whatever order the file's rows come in, new cohorts, rounds and stakeholders are
 *   created in the same order, with the same colours and shapes and the same ids from a
 *   counter: the imported study, and so its analysis, depends on the data only.
 */
export function planImport(existing: Study | null, existingSessions: readonly Session[], rows: readonly LongFormatRow[], options: PlanImportOptions): ImportPlan {
  const errors: CsvError[] = [];
  if (rows.length === 0) return { ok: false, errors: [{ line: 1, code: 'no_rows' }] };

  // The study's title: the caller's, else the file's single study name.
  const named = rows.filter((r) => r.study !== '');
  const firstStudy = named[0];
  for (const r of named) {
    if (matchKey(r.study) !== matchKey(firstStudy!.study)) {
      errors.push({ line: r.line, column: 'study', code: 'mixed_studies', params: { value: r.study, first: firstStudy!.study } });
      break;
    }
  }
  const title = (options.title ?? '').trim() || firstStudy?.study.trim() || '';
  if (!existing && title === '') errors.push({ line: 1, column: 'study', code: 'missing_title' });

  const study: Study = existing
    ? structuredClone(existing)
    : newStudy({ id: options.newId(), title: title || 'untitled', now: options.now, stakeholders: [] });
  const studyCreated = existing === null;

  // Cohorts and rounds: by name or id; new ones created in the order the file names them.
  const newCohorts: Cohort[] = [];
  const cohortOf = (name: string): Cohort => {
    const key = matchKey(name);
    const found = study.cohorts.find((c) => matchKey(c.name) === key || matchKey(c.id) === key);
    if (found) return found;
    const cohort: Cohort = { id: options.newId(), name: name.trim(), ...nextLook(study.cohorts) };
    study.cohorts.push(cohort);
    newCohorts.push(cohort);
    return cohort;
  };
  const newRounds: Round[] = [];
  const roundOf = (name: string): Round | null => {
    if (name.trim() === '') return null;
    const key = matchKey(name);
    const found = study.rounds.find((r) => matchKey(r.name) === key || matchKey(r.id) === key);
    if (found) return found;
    const round: Round = { id: options.newId(), name: name.trim() };
    study.rounds.push(round);
    newRounds.push(round);
    return round;
  };

  // Stakeholders: every name, short label and translated label points at its stakeholder.
  const names = new Map<string, Set<string>>();
  const index = (key: string, id: string) => {
    const k = matchKey(key);
    if (k === '') return;
    names.set(k, (names.get(k) ?? new Set()).add(id));
  };
  for (const s of study.stakeholders) for (const label of labelsOf(s)) index(label, s.id);
  // The library's entries the study does not have, looked up only when the study has no match.
  const inStudy = new Set(study.stakeholders.map((s) => s.id));
  const library = (options.library ?? []).filter((s) => !inStudy.has(s.id));
  const libraryNames = new Map<string, Set<string>>();
  for (const s of library) {
    for (const label of labelsOf(s)) {
      const k = matchKey(label);
      if (k !== '') libraryNames.set(k, (libraryNames.get(k) ?? new Set()).add(s.id));
    }
  }
  const fromLibrary: Stakeholder[] = [];
  const newStakeholders: Stakeholder[] = [];
  /** One id among candidates: the only one, or the one whose name is exactly the key; else the candidates. */
  const pick = (key: string, ids: Set<string>, pool: readonly Stakeholder[]): string | { ambiguous: string[] } => {
    if (ids.size === 1) return [...ids][0]!;
    // A name that is one stakeholder's name and another's short label: prefer the exact name.
    const exact = pool.filter((s) => ids.has(s.id) && matchKey(s.name) === key);
    if (exact.length === 1) return exact[0]!.id;
    return { ambiguous: [...ids] };
  };
  const resolved = new Map<string, string | { ambiguous: string[] }>();
  const resolveStakeholder = (row: LongFormatRow): string | { ambiguous: string[] } => {
    const key = matchKey(row.stakeholder);
    const known = resolved.get(key);
    if (known !== undefined) return known;
    const result = resolveNew(row, key);
    resolved.set(key, result);
    return result;
  };
  const resolveNew = (row: LongFormatRow, key: string): string | { ambiguous: string[] } => {
    const ids = names.get(key);
    if (ids) return pick(key, ids, study.stakeholders);
    const libraryIds = libraryNames.get(key);
    if (libraryIds) {
      const id = pick(key, libraryIds, library);
      if (typeof id !== 'string') return id;
      const entry = structuredClone(library.find((s) => s.id === id)!);
      study.stakeholders.push(entry);
      fromLibrary.push(entry);
      for (const label of labelsOf(entry)) index(label, entry.id);
      return entry.id;
    }
    const name = row.stakeholder.trim();
    const created: Stakeholder = { id: options.newId(), name, short: shortenLabel(name), description: '', category: 'other', labels: {}, retired: false, custom: true };
    study.stakeholders.push(created);
    newStakeholders.push(created);
    index(name, created.id);
    return created.id;
  };

  // Sessions, identified by (code, round).
  const existingByKey = new Map<string, Session>();
  for (const s of existingSessions) existingByKey.set(`${matchKey(s.code)}\u0000${s.roundId ?? ''}`, s);
  const sessionKey = (row: LongFormatRow) => `${matchKey(row.session)}\u0000${roundOf(row.round)?.id ?? ''}`;

  // First pass, in a canonical order: everything new — cohorts, rounds, stakeholders, session
  // ids — is created in an order that depends on the data, not on the order of the rows.
  const newSessionIds = new Map<string, string>();
  for (const row of canonicalRowOrder(rows)) {
    cohortOf(row.cohort);
    const key = sessionKey(row);
    resolveStakeholder(row);
    if (!existingByKey.has(key) && !newSessionIds.has(key)) newSessionIds.set(key, options.newId());
  }

  // Second pass, in file order, so every problem names the line a reader would look at first.
  const planned = new Map<string, { session: Session; action: 'created' | 'updated'; cohortId: string; cohortName: string; firstLine: number; stakeholders: Map<string, number> }>();
  for (const row of rows) {
    const cohort = cohortOf(row.cohort);
    const round = roundOf(row.round);
    const match = resolveStakeholder(row);
    if (typeof match !== 'string')
      errors.push({ line: row.line, column: 'stakeholder', code: 'ambiguous_stakeholder', params: { value: row.stakeholder, candidates: match.ambiguous.join(', ') } });
    const stakeholderId = typeof match === 'string' ? match : null;
    const key = sessionKey(row);
    let entry = planned.get(key);
    if (!entry) {
      const found = existingByKey.get(key);
      if (found) {
        if (found.cohortId !== cohort.id) {
          const existingName = study.cohorts.find((c) => c.id === found.cohortId)?.name ?? found.cohortId;
          errors.push({ line: row.line, column: 'cohort', code: 'session_cohort_changed', params: { session: found.code, existing: existingName, value: row.cohort } });
        }
        if (found.locked) errors.push({ line: row.line, column: 'session', code: 'session_locked', params: { session: found.code } });
        entry = { session: structuredClone(found), action: 'updated', cohortId: cohort.id, cohortName: row.cohort, firstLine: row.line, stakeholders: new Map() };
      } else {
        const session = newSession({ id: newSessionIds.get(key)!, studyId: study.id, code: row.session, kind: 'fgd', cohortId: cohort.id, roundId: round?.id ?? null, now: options.now });
        entry = { session, action: 'created', cohortId: cohort.id, cohortName: row.cohort, firstLine: row.line, stakeholders: new Map() };
      }
      planned.set(key, entry);
    } else if (entry.cohortId !== cohort.id) {
      errors.push({ line: row.line, column: 'cohort', code: 'cohort_mismatch', params: { value: row.cohort, first: entry.cohortName, firstLine: entry.firstLine } });
    }
    if (stakeholderId === null) continue;
    const seen = entry.stakeholders.get(stakeholderId);
    if (seen !== undefined) {
      errors.push({ line: row.line, column: 'stakeholder', code: 'duplicate_row', params: { firstLine: seen } });
      continue;
    }
    entry.stakeholders.set(stakeholderId, row.line);
    entry.session.placements[stakeholderId] = { status: row.status, position: row.position, contested: row.contested, alt: row.alt, note: row.note };
    entry.session.updatedAt = options.now;
  }

  // Library entries keep the library's order, before the custom names (which keep the canonical order).
  if (fromLibrary.length > 0) {
    const rank = new Map((options.library ?? []).map((s, i) => [s.id, i]));
    const added = new Set([...fromLibrary, ...newStakeholders].map((s) => s.id));
    const kept = study.stakeholders.filter((s) => !added.has(s.id));
    study.stakeholders = [...kept, ...[...fromLibrary].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!), ...newStakeholders];
  }
  const studyChanged = studyCreated || newCohorts.length + newRounds.length + fromLibrary.length + newStakeholders.length > 0;
  if (studyChanged) study.updatedAt = options.now;

  // The model is the final judge: anything it rejects is reported against the first row concerned.
  const studyCheck = StudySchema.safeParse(study);
  if (!studyCheck.success) errors.push({ line: rows[0]!.line, code: 'invalid_result', params: { problem: describeIssues(studyCheck.error) } });
  for (const entry of planned.values()) {
    const check = SessionSchema.safeParse(entry.session);
    if (!check.success) errors.push({ line: entry.firstLine, column: 'session', code: 'invalid_result', params: { problem: describeIssues(check.error) } });
  }

  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return {
    ok: true,
    study,
    studyCreated,
    studyChanged,
    sessions: [...planned.values()].map((e) => ({ session: e.session, action: e.action })),
    newStakeholders,
    libraryStakeholders: fromLibrary,
    newCohorts,
    newRounds,
    rows: rows.length,
    errors: [],
  };
}
