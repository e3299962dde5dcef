import Papa from 'papaparse/papaparse.js';
import type { Position } from '../model/position';
import type { PlacementStatus, Session } from '../model/session';
import type { Study } from '../model/study';
import { canonicalSessionOrder } from '../analysis/compareCohorts';

/**
 * The long CSV format: one row per session and stakeholder, for Excel, R and hand-made
 * data. Parsing is papaparse's (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks); this module adds the product's rules and reports problems as codes with the
 * physical line number, never as English sentences (the CLI and the UI word them).
 */
export const LONG_FORMAT_COLUMNS = [
  'study',
  'session',
  'cohort',
  'round',
  'stakeholder',
  'status',
  'power',
  'interest',
  'contested',
  'alt_power',
  'alt_interest',
  'note',
] as const;
export type LongFormatColumn = (typeof LONG_FORMAT_COLUMNS)[number];

/** Columns a file must have; the others may be left out. */
export const REQUIRED_COLUMNS: readonly LongFormatColumn[] = ['session', 'cohort', 'stakeholder'];

/** Longest texts, matching the model's limits, so an accepted row always makes a valid session. */
export const TEXT_LIMITS: Partial<Record<LongFormatColumn, number>> = {
  study: 200,
  session: 60,
  cohort: 80,
  round: 80,
  stakeholder: 200,
  note: 20_000,
};

/** Why a file, row or field was rejected. The UI translates each code; `params` fill in the message. */
export type CsvErrorCode =
  /** The file has no header row. */
  | 'empty_file'
  /** The file has a header but no data rows. */
  | 'no_rows'
  /** A required column is missing from the header (`params.column`). */
  | 'missing_column'
  /** A header name that is not one of the format's columns (`params.column`). */
  | 'unknown_column'
  /** A column named twice (`params.column`). */
  | 'duplicate_column'
  /** A quote is not closed or a quoted field has text after its closing quote. */
  | 'malformed_quotes'
  /** A row has a different number of fields from the header (`params.expected`, `params.found`). */
  | 'field_count'
  /** A required field is empty. */
  | 'required'
  /** Too long (`params.max`). */
  | 'too_long'
  /** status is not placed, unknown or not_discussed (`params.value`). */
  | 'invalid_status'
  /** Not a number (`params.value`). */
  | 'invalid_number'
  /** A number outside 0–10 (`params.value`). */
  | 'out_of_range'
  /** A placed stakeholder (or one with a blank status) needs both power and interest. */
  | 'missing_position'
  /** Only one of power and interest, or of alt_power and alt_interest, is given. */
  | 'incomplete_position'
  /** contested is not true, false, yes, no, 1, 0 or blank (`params.value`). */
  | 'invalid_boolean'
  /** A contested placement needs alt_power and alt_interest. */
  | 'missing_alt'
  /** The study column holds different titles (`params.value`, `params.first`). */
  | 'mixed_studies'
  /** Neither a study title was given nor does the file name one. */
  | 'missing_title'
  /** The same session (code and round) and stakeholder twice (`params.firstLine`). */
  | 'duplicate_row'
  /** Rows of one session name different cohorts (`params.value`, `params.first`, `params.firstLine`). */
  | 'cohort_mismatch'
  /** The session exists in the study in another cohort (`params.session`, `params.existing`, `params.value`). */
  | 'session_cohort_changed'
  /** The session exists and is locked (signed off by the group) (`params.session`). */
  | 'session_locked'
  /** The name matches more than one of the study's stakeholders (`params.value`, `params.candidates`). */
  | 'ambiguous_stakeholder'
  /** The result would not be a valid study or session (`params.problem`), e.g. more than 50 cohorts. */
  | 'invalid_result';

export interface CsvError {
  /** Physical line in the file where the row starts (1 = header), counting line breaks inside quoted fields. */
  line: number;
  column?: LongFormatColumn;
  code: CsvErrorCode;
  params?: Record<string, string | number>;
}

/** One valid data row. Texts are as in the file (identifiers trimmed; notes exactly as written). */
export interface LongFormatRow {
  /** Physical line where the row starts. */
  line: number;
  study: string;
  session: string;
  cohort: string;
  /** Empty when the row has no round. */
  round: string;
  stakeholder: string;
  status: PlacementStatus;
  /** Main position, with the precision the file gives (see `POSITION_DECIMALS`); null when not given. */
  position: Position | null;
  contested: boolean;
  /** The minority position of a contested placement; null when not given. */
  alt: Position | null;
  note: string;
}

export interface ParseResult {
  rows: LongFormatRow[];
  errors: CsvError[];
}

// Maps, not object literals: a cell reading "__proto__" or "constructor" must not find
// Object.prototype's members and pass as a value.
const BOOLEAN_WORDS = new Map<string, boolean>([
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
  ['1', true],
  ['0', false],
]);
const STATUS_WORDS = new Map<string, PlacementStatus>([
  ['placed', 'placed'],
  ['unknown', 'unknown'],
  ['not_discussed', 'not_discussed'],
  ['not discussed', 'not_discussed'],
  ['not-discussed', 'not_discussed'],
]);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const TEXT_COLUMNS: readonly LongFormatColumn[] = ['study', 'session', 'cohort', 'round', 'stakeholder', 'note'];

/**
 * Spreadsheet formula injection: a cell starting with = + - @ tab or CR is run as a formula
 * by Excel and LibreOffice. Exports prefix such texts with an apostrophe (OWASP's advice),
 * and texts that already start with apostrophes before such a character get one more, so
 * the import can remove exactly one and every text survives the round trip unchanged.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r]/;
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
export function unescapeFormula(text: string): string {
  return ESCAPED_FORMULA_START.test(text) ? text.slice(1) : text;
}

/**
 * Positions keep the precision they were given, up to six decimal places. Nothing is
 * rounded to the editor's 0.1 step on the way in: 4.95 must stay below a midline of 5, and
 * an imported CSV must give the statistics R gives on the same file. Six places keep any
 * hand-typed or computed value (2.65, 7.125) and remove float noise (0.30000000000000004),
 * so that writing a value and reading it back gives the very same number.
 */
export const POSITION_DECIMALS = 6;
const SCALE = 10 ** POSITION_DECIMALS;
export function roundPosition(v: number): number {
  const r = Math.round(v * SCALE) / SCALE;
  return r === 0 ? 0 : r; // no −0
}

/** Offsets where each physical line starts; a line break is CRLF, LF or a lone CR. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Row breaks (CRLF, LF or a lone CR outside quotes) become LF; line breaks inside quoted
 * fields are kept exactly, since they are part of a note. A file edited on two systems can
 * mix the three, and a parser that guesses one kind leaves the others inside fields (a CR
 * at the end of a note) and miscounts lines. A doubled quote toggles twice, so it needs no
 * special case.
 */
function normaliseRowBreaks(text: string): string {
  let out = '';
  let from = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 13 && !quoted) {
      out += `${text.slice(from, i)}\n`;
      if (text.charCodeAt(i + 1) === 10) i++;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** 1-based line number of a character offset. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Parse the long CSV format. UTF-8 text with or without a byte-order mark. Rows that are
 * entirely blank are skipped. Every problem is reported, not only the first.
 */
export function parseLongFormat(input: string): ParseResult {
  const text = normaliseRowBreaks(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  const starts = lineStarts(text);
  const raw: Array<{ fields: string[]; line: number; quoteError: boolean }> = [];
  let previousCursor = 0;
  Papa.parse(text, {
    header: false,
    newline: '\n',
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (r) => {
      // meta.cursor is the offset just after the row; the row starts where the last one ended.
      raw.push({ fields: r.data, line: lineAt(starts, previousCursor), quoteError: r.errors.some((e) => e.type === 'Quotes') });
      previousCursor = r.meta.cursor;
    },
  });
  const nonBlank = raw.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const errors: CsvError[] = [];
  const header = nonBlank[0];
  if (!header) return { rows: [], errors: [{ line: 1, code: 'empty_file' }] };

  // Header: known column names, each once, in any order; case and spaces do not matter.
  const index = new Map<LongFormatColumn, number>();
  header.fields.forEach((name, i) => {
    const key = name.trim().toLowerCase().replace(/\s+/g, '_');
    if (key === '') return;
    if (!(LONG_FORMAT_COLUMNS as readonly string[]).includes(key)) {
      errors.push({ line: header.line, code: 'unknown_column', params: { column: name.trim() } });
      return;
    }
    const column = key as LongFormatColumn;
    if (index.has(column)) errors.push({ line: header.line, column, code: 'duplicate_column', params: { column } });
    else index.set(column, i);
  });
  for (const column of REQUIRED_COLUMNS) if (!index.has(column)) errors.push({ line: header.line, column, code: 'missing_column', params: { column } });
  if (header.quoteError) errors.push({ line: header.line, code: 'malformed_quotes' });
  if (errors.length > 0) return { rows: [], errors };
  if (nonBlank.length === 1) return { rows: [], errors: [{ line: header.line, code: 'no_rows' }] };

  const headerWidth = header.fields.length;
  const rows: LongFormatRow[] = [];
  for (const r of nonBlank.slice(1)) {
    const line = r.line;
    if (r.quoteError) {
      errors.push({ line, code: 'malformed_quotes' });
      continue;
    }
    // Spreadsheets sometimes add empty trailing cells; only non-empty extras are an error.
    const extra = r.fields.slice(headerWidth);
    if (r.fields.length < headerWidth || extra.some((f) => f.trim() !== '')) {
      errors.push({ line, code: 'field_count', params: { expected: headerWidth, found: r.fields.length } });
      continue;
    }
    const rowErrors: CsvError[] = [];
    const fail = (column: LongFormatColumn, code: CsvErrorCode, params?: CsvError['params']) =>
      rowErrors.push(params ? { line, column, code, params } : { line, column, code });
    const field = (column: LongFormatColumn): string => {
      const i = index.get(column);
      const value = i === undefined ? '' : (r.fields[i] ?? '');
      return TEXT_COLUMNS.includes(column) ? unescapeFormula(value) : value;
    };
    const text = (column: LongFormatColumn, required: boolean): string => {
      const value = column === 'note' ? field(column) : field(column).trim();
      if (required && value === '') fail(column, 'required');
      const max = TEXT_LIMITS[column];
      if (max !== undefined && value.length > max) fail(column, 'too_long', { max });
      return value;
    };
    const number = (column: LongFormatColumn): number | null => {
      const value = field(column).trim();
      if (value === '') return null;
      if (!NUMBER.test(value)) {
        fail(column, 'invalid_number', { value });
        return null;
      }
      const n = Number(value);
      if (n < 0 || n > 10) {
        fail(column, 'out_of_range', { value });
        return null;
      }
      return roundPosition(n);
    };
    /** Both numbers, none (null), or 'invalid' when a problem was already reported. */
    const pair = (powerColumn: LongFormatColumn, interestColumn: LongFormatColumn): Position | null | 'invalid' => {
      const before = rowErrors.length;
      const power = number(powerColumn);
      const interest = number(interestColumn);
      if (rowErrors.length > before) return 'invalid';
      if (power !== null && interest !== null) return { power, interest };
      if (power !== null || interest !== null) {
        fail(power === null ? powerColumn : interestColumn, 'incomplete_position');
        return 'invalid';
      }
      return null;
    };

    const study = text('study', false);
    const session = text('session', true);
    const cohort = text('cohort', true);
    const round = text('round', false);
    const stakeholder = text('stakeholder', true);
    const note = text('note', false);
    const position = pair('power', 'interest');
    const alt = pair('alt_power', 'alt_interest');

    const statusText = field('status').trim().toLowerCase();
    let status: PlacementStatus | null = null;
    if (statusText === '') {
      if (position && position !== 'invalid') status = 'placed';
      else if (position === null) fail('power', 'missing_position');
    } else {
      status = STATUS_WORDS.get(statusText) ?? null;
      if (!status) fail('status', 'invalid_status', { value: field('status').trim() });
      else if (status === 'placed' && position === null) fail('power', 'missing_position');
    }

    const contestedText = field('contested').trim().toLowerCase();
    const contested = contestedText === '' ? false : BOOLEAN_WORDS.get(contestedText);
    if (contested === undefined) fail('contested', 'invalid_boolean', { value: field('contested').trim() });
    if (contested && alt === null) fail('alt_power', 'missing_alt');

    if (rowErrors.length > 0 || !status || position === 'invalid' || alt === 'invalid') {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ line, study, session, cohort, round, stakeholder, status, position, contested: contested === true, alt, note });
  }
  return { rows, errors };
}

/** How a number is written: the stored value to six decimals, no trailing zeros ("5", "5.5", "2.65"); read back it is the same number. */
export function formatNumber(v: number): string {
  return String(roundPosition(v));
}

export interface SerializeOptions {
  /** Leave out notes (quotes may name people or officials). */
  redact: boolean;
  /** Start with a UTF-8 byte-order mark, which Excel needs to read Bengali and Hindi correctly. */
  bom: boolean;
}

/**
 * Write sessions in the long format: one row per session × stakeholder that has a placement
 * entry, sessions in the analysis's canonical order (round, then session code), stakeholders in
 * study order. CRLF line ends (RFC 4180). `parseLongFormat` reads back exactly the same data.
 */
export function serializeLongFormat(study: Study, sessions: readonly Session[], options: SerializeOptions): string {
  const cohortName = new Map(study.cohorts.map((c) => [c.id, c.name]));
  const roundName = new Map(study.rounds.map((r) => [r.id, r.name]));
  const known = new Set(study.stakeholders.map((s) => s.id));
  const data: string[][] = [];
  for (const session of canonicalSessionOrder(study, sessions)) {
    // Stakeholders the study no longer lists keep their data, written under their id.
    const extra = Object.keys(session.placements)
      .filter((id) => !known.has(id))
      .sort();
    const entries = [...study.stakeholders.map((s) => [s.id, s.name] as const), ...extra.map((id) => [id, id] as const)];
    for (const [id, name] of entries) {
      const p = session.placements[id];
      if (!p) continue;
      data.push(
        [
          study.title,
          session.code,
          cohortName.get(session.cohortId) ?? session.cohortId,
          session.roundId === null ? '' : (roundName.get(session.roundId) ?? session.roundId),
          name,
          p.status,
          p.position ? formatNumber(p.position.power) : '',
          p.position ? formatNumber(p.position.interest) : '',
          p.contested ? 'true' : '',
          p.alt ? formatNumber(p.alt.power) : '',
          p.alt ? formatNumber(p.alt.interest) : '',
          options.redact ? '' : p.note,
        ].map((value, i) => (TEXT_COLUMNS.includes(LONG_FORMAT_COLUMNS[i]!) ? escapeFormula(value) : value)),
      );
    }
  }
  const body = Papa.unparse({ fields: [...LONG_FORMAT_COLUMNS], data }, { newline: '\r\n', quotes: false, escapeFormulae: false });
  return `${options.bom ? '\uFEFF' : ''}${body}\r\n`;
}
