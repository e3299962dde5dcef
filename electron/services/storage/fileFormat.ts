import { readSession, readStudy, type ReadResult } from '../../../shared/model/migrations';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { isSafeId } from './layout';

/**
 * Bytes on disk ⇄ validated documents. Every load goes through here, so a damaged file
 * (truncated by a full disk, re-encoded by an editor, merged by a sync tool) is turned
 * into one readable sentence instead of an exception, and never into a half-valid map.
 */

/** Larger than any real study (1,000 sessions is ~12 MB); protects memory from junk. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Study and session files nest 5 levels deep; anything much deeper is junk. */
export const MAX_NESTING = 64;

export type Decoded = { ok: true; value: unknown } | { ok: false; problem: string };

/** Pretty JSON, UTF-8, with a final newline: readable in a text editor and diff-friendly. */
export function encodeDocument(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
}

/** Strict UTF-8 → JSON, with a specific reason for each way a file can be broken. */
export function decodeJsonBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, problem: 'the file is empty' };
  if (bytes.length > MAX_FILE_BYTES)
    return { ok: false, problem: `the file is too large (${Math.round(bytes.length / 1048576)} MB) to be a map file` };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { ok: false, problem: 'the file is UTF-16 text; map files must be UTF-8' };
  if (bytes.includes(0)) return { ok: false, problem: 'the file contains binary data (NUL bytes), not UTF-8 text' };
  let text: string;
  try {
    // fatal: invalid byte sequences are an error, not silently replaced by U+FFFD.
    // A UTF-8 byte-order mark (some Windows editors add one) is accepted and dropped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'the file is not valid UTF-8 text (it may have been saved in another encoding)' };
  }
  if (text.trim() === '') return { ok: false, problem: 'the file has no content' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: jsonProblem(text, err instanceof Error ? err.message : String(err)) };
  }
  const structural = checkStructure(text);
  if (structural) return { ok: false, problem: structural };
  return { ok: true, value };
}

/** JSON.parse's complaint as one line a person can act on: where the file is broken. */
function jsonProblem(text: string, detail: string): string {
  if (/Unexpected end of JSON input|Unterminated string/.test(detail)) return 'the file is not valid JSON: it ends too early (cut short?)';
  const at = /position (\d+)/.exec(detail);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `the file is not valid JSON: it is broken at line ${line}, column ${column}`;
  }
  return `the file is not valid JSON (${detail.replace(/\s+/g, ' ').slice(0, 120)})`;
}

/**
 * What JSON.parse lets through but a map file must not contain: a key repeated in one
 * object (JSON.parse silently keeps the last one, which would drop a placement), the
 * key `__proto__` (which object schemas silently drop), and absurd nesting (which
 * overflows the stack of recursive validators). Runs on text that already parsed.
 */
function checkStructure(text: string): string | null {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length && text.charCodeAt(j) !== 0x22) {
        if (text.charCodeAt(j) === 0x5c /* \ */) {
          escaped = true;
          j += 2;
        } else j++;
      }
      if (expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        const keys = stack[stack.length - 1];
        if (keys) {
          const shown = JSON.stringify(key.length > 40 ? key.slice(0, 40) + '…' : key);
          if (key === '__proto__') return 'the file uses the reserved key "__proto__"';
          if (keys.has(key)) return `the key ${shown} appears twice in one object`;
          keys.add(key);
        }
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push(c === 0x7b ? new Set() : null);
      if (stack.length > MAX_NESTING) return `the file is nested more than ${MAX_NESTING} levels deep`;
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] != null;
    }
  }
  return null;
}

export type Loaded<T> = ReadResult<T> & {
  /** The session code or study title if it could still be read, to name the file in messages. */
  label: string | null;
};

function labelOf(value: unknown, field: 'code' | 'title'): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = (value as Record<string, unknown>)[field];
  return typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 80) : null;
}

/**
 * The session code or study title from a file that is not valid JSON (typically cut
 * short), so the message can still name the session: `"code": "FGD 3"`.
 */
function salvageLabel(bytes: Uint8Array, field: 'code' | 'title'): string | null {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  const m = new RegExp(`"${field}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){1,80})"`).exec(head);
  if (!m) return null;
  try {
    return labelOf({ [field]: JSON.parse(`"${m[1]}"`) }, field);
  } catch {
    return null;
  }
}

function load<T>(bytes: Uint8Array, field: 'code' | 'title', read: (raw: unknown) => ReadResult<T>): Loaded<T> {
  const decoded = decodeJsonBytes(bytes);
  if (!decoded.ok) return { ok: false, problem: decoded.problem, label: salvageLabel(bytes, field) };
  const label = labelOf(decoded.value, field);
  try {
    const result = read(decoded.value);
    return result.ok ? { ...result, label } : { ok: false, problem: plainer(result.problem), label };
  } catch (err) {
    // The validators should never throw; if one does, the file is still only "bad".
    return { ok: false, problem: `the file could not be checked (${err instanceof Error ? err.message : String(err)})`, label };
  }
}

/** Schema messages in words a facilitator reads more easily ("missing" rather than "received undefined"). */
function plainer(problem: string): string {
  const text = problem
    .replace(/Invalid input: expected \w+, received undefined/g, 'missing')
    // A damaged file can have a 200,000-character key; the message quotes only its start.
    .replace(/[^\s.:;"]{61,}/g, (long) => `${long.slice(0, 40)}…`);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Decode, validate and migrate the bytes of a session file. Never throws. */
export function loadSessionBytes(bytes: Uint8Array): Loaded<Session> {
  return load(bytes, 'code', readSession);
}

/** Decode, validate and migrate the bytes of a study file. Never throws. */
export function loadStudyBytes(bytes: Uint8Array): Loaded<Study> {
  return load(bytes, 'title', readStudy);
}

/**
 * A session file as found in `<study>/sessions/<name>`: valid, and in the right place —
 * named after the session's id and belonging to this study. A valid session under
 * another name is a second copy (a sync tool's "s1 (1).json"); one of another study was
 * copied into the wrong folder. The repository and `pimap validate` share this rule.
 */
export function checkSessionFile(bytes: Uint8Array, where: { studyId: string; fileName: string }): Loaded<Session> {
  const loaded = loadSessionBytes(bytes);
  if (!loaded.ok) return loaded;
  const stem = where.fileName.replace(/\.json$/i, '');
  const fail = (problem: string): Loaded<Session> => ({ ok: false, problem, label: loaded.label });
  if (!isSafeId(stem)) return fail('the file name is not a session id (a second copy of a session?)');
  if (where.fileName !== `${stem}.json`) return fail(`"${stem}.json" is also there, so this "${where.fileName.slice(stem.length)}" file looks like a second copy`);
  if (loaded.value.id !== stem) return fail(`the file name does not match the session id inside ("${loaded.value.id}"), so it looks like a copy`);
  if (loaded.value.studyId !== where.studyId) return fail(`the session belongs to another study ("${loaded.value.studyId}")`);
  return loaded;
}

/** study.json of the folder `<data>/<folder>`: valid, and about the study of that folder. */
export function checkStudyFile(bytes: Uint8Array, folder: string): Loaded<Study> {
  const loaded = loadStudyBytes(bytes);
  if (loaded.ok && loaded.value.id !== folder)
    return { ok: false, problem: `its study.json belongs to study "${loaded.value.id}" (a copied folder?)`, label: loaded.label };
  return loaded;
}

/** Counts of a map's placements by status, as shown in the version list. */
export function placementCounts(session: Session): { placed: number; unknown: number; notDiscussed: number } {
  const counts = { placed: 0, unknown: 0, notDiscussed: 0 };
  for (const p of Object.values(session.placements)) {
    if (p.status === 'placed') counts.placed++;
    else if (p.status === 'unknown') counts.unknown++;
    else counts.notDiscussed++;
  }
  return counts;
}

/** Two byte arrays hold the same content. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
