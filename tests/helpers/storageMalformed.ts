import type { Session } from '../../shared/model/session';
import { makeSession } from './storageFixtures';

/**
 * Hand-made damaged session files, built from a table so each one says what is wrong
 * with it. Every case is a complete file (bytes) for the session `id` in `studyId`.
 *
 * `layer` says where the damage must be caught:
 * - `text`: before schema validation (encoding, JSON syntax, duplicate keys, depth);
 *   JSON.parse alone would fail or silently hide the problem.
 * - `schema`: `readSession(JSON.parse(file))` itself must reject it.
 * - `file`: a valid session in the wrong place (another id or study); only the
 *   repository can tell.
 */
export interface MalformedCase {
  name: string;
  bytes: Uint8Array;
  layer: 'text' | 'schema' | 'file';
  /** What the message must mention, so the reason is specific rather than generic. */
  expect: RegExp;
}

const enc = new TextEncoder();
const pretty = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

type Mutable = Record<string, unknown>;

export function malformedSessionCases(studyId: string, idFor: (n: number) => string): MalformedCase[] {
  const cases: MalformedCase[] = [];
  const base = (): Session => makeSession(studyId, idFor(cases.length), `FGD ${cases.length}`, 1);
  const add = (name: string, layer: MalformedCase['layer'], expect: RegExp, content: (s: Session) => Uint8Array | string) => {
    const out = content(base());
    cases.push({ name, layer, expect, bytes: typeof out === 'string' ? enc.encode(out) : out });
  };
  const withField = (s: Session, path: string[], value: unknown): Mutable => {
    const doc = structuredClone(s) as unknown as Mutable;
    let at: Mutable = doc;
    for (const key of path.slice(0, -1)) at = at[key] as Mutable;
    const last = path[path.length - 1] as string;
    if (value === REMOVE) delete at[last];
    else at[last] = value;
    return doc;
  };
  const field = (path: string[], values: unknown[], expect: RegExp) => {
    for (const v of values) add(`${path.join('.')} = ${describe(v)}`, 'schema', expect, (s) => pretty(withField(s, path, v)));
  };

  // ---- truncated: a full disk or a killed copy leaves a prefix of the file
  const cutAt = (s: Session, fraction: number) => {
    const full = pretty(s);
    return full.slice(0, Math.floor(full.lastIndexOf('}') * fraction));
  };
  for (let i = 0; i < 40; i++) add(`truncated to ${i}/40 of its length`, 'text', i === 0 ? /empty/ : /not valid JSON/, (s) => cutAt(s, i / 40));
  add('last byte missing', 'text', /not valid JSON/, (s) => cutAt(s, 1));

  // ---- not a session at all
  add('empty file', 'text', /empty/, () => '');
  add('only white space', 'text', /no content/, () => ' \n\t\r\n  ');
  add('only a UTF-8 byte-order mark', 'text', /no content/, () => new Uint8Array([0xef, 0xbb, 0xbf]));
  add('byte-order mark and spaces', 'text', /no content/, () => new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a]));
  add('top level is an array', 'schema', /JSON object/, (s) => pretty([s]));
  add('top level is an empty array', 'schema', /JSON object/, () => '[]');
  add('top level is a string', 'schema', /JSON object/, () => '"pimap/session"');
  add('top level is a number', 'schema', /JSON object/, () => '42');
  add('top level is null', 'schema', /JSON object/, () => 'null');
  add('top level is true', 'schema', /JSON object/, () => 'true');
  add('empty object', 'schema', /not a pimap\/session file/, () => '{}');
  add('a study file', 'schema', /not a pimap\/session file/, (s) => pretty({ ...s, format: 'pimap/study' }));
  add('a stakeholder library', 'schema', /not a pimap\/session file/, () => pretty({ format: 'pimap/stakeholder-library', version: 1, stakeholders: [] }));
  add('a CSV export', 'text', /not valid JSON/, () => 'session,stakeholder,power,interest\nFGD 1,bdo,8,2\n');
  add('an HTML page', 'text', /not valid JSON/, () => '<!doctype html><html><body>404</body></html>');
  add('a PNG image', 'text', /not valid UTF-8|binary/, () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  add('a ZIP archive', 'text', /binary|not valid UTF-8/, () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0]));
  add('only NUL bytes', 'text', /binary/, () => new Uint8Array(64));

  // ---- format tag and version
  field(['format'], [REMOVE, null, 1, '', 'pimap/study', 'pimap/Session', 'PIMAP/SESSION', 'pimap/session ', ['pimap/session'], { v: 1 }], /not a pimap\/session file/);
  field(['version'], [REMOVE, null, 0, -1, 1.5, '1', true, [1], { major: 1 }], /format version/);
  field(['version'], [3, 4, 99, 1000000], /newer than this app/);
  add('version 3 with fields this app does not know', 'schema', /newer than this app/, (s) => pretty({ ...s, version: 3, layers: [{ id: 'x' }] }));
  field(['revision'], [REMOVE, -1, 1.5, '3', null, 2 ** 60], /^revision:/);
  field(['writer'], [REMOVE, 'laptop', 5, { id: '', name: 'x' }, { name: 'x' }], /^writer/);

  // ---- each field with wrong types and out-of-range values
  field(['id'], [REMOVE, '', 'has space', '../escape', 'a/b', 'x'.repeat(101), 5, null, true, ['s']], /^id:/);
  field(['studyId'], [REMOVE, '', 'dots.not.allowed', 7, null, {}], /^studyId:/);
  field(['code'], [REMOVE, '', '   ', 'x'.repeat(61), 42, null, false, ['FGD 1']], /^code:/);
  field(['kind'], [REMOVE, 'workshop', '', 'FGD', null, 1, ['fgd']], /^kind:/);
  field(['cohortId'], [REMOVE, '', 'bad id!', null, 3, { id: 'survivors' }], /^cohortId:/);
  field(['roundId'], [REMOVE, '', 'a b', 5, false, ['baseline']], /^roundId:/);
  field(['date'], ['2026-13-01', '02/03/2026', '2026-02-30', '2026-3-2', 20260302, null, 'yesterday'], /^date:/);
  field(['place'], ['x'.repeat(201), 5, null, ['Domkal']], /^place:/);
  field(['facilitator'], ['x'.repeat(101), {}, 12, null], /^facilitator:/);
  field(['participants'], [0, -3, 501, 2.5, '9', true, [9]], /^participants:/);
  field(['consent'], [REMOVE, 'yes', 1, 0, null, 'true'], /^consent:/);
  field(['notes'], ['x'.repeat(20_001), 5, null, ['a'], { text: 'a' }], /^notes:/);
  field(['locked'], ['no', 0, 1, null], /^locked:/);
  field(['placements'], [REMOVE, null, [], 'none', 3, true], /^placements/);
  field(['createdAt'], [REMOVE, 'yesterday', '2026-03-02', '2026-03-02 10:00', 0, null, '2026-03-02T25:00:00Z'], /^createdAt:/);
  field(['updatedAt'], [REMOVE, 'now', '', 1_700_000_000_000, null], /^updatedAt:/);

  // ---- one placement wrong
  field(['placements', 'bad key!'], [{ status: 'placed', position: { power: 1, interest: 1 } }], /^placements/);
  field(['placements', 'x'.repeat(101)], [{ status: 'placed', position: { power: 1, interest: 1 } }], /^placements/);
  field(['placements', 'bdo'], [null, 'placed', 5, [], {}, { status: 'maybe', position: null }], /^placements\.bdo/);
  field(['placements', 'bdo', 'status'], [REMOVE, 'Placed', '', null, 1], /^placements\.bdo\.status/);
  field(['placements', 'bdo', 'position'], [REMOVE, null, { power: 1 }, { interest: 1 }, [1, 2], '5,5', { power: '5', interest: 5 }], /^placements\.bdo\.position/);
  field(['placements', 'bdo', 'position', 'power'], [-0.1, 10.01, 11, -1, 1000, null, '7', true], /^placements\.bdo\.position\.power/);
  field(['placements', 'bdo', 'position', 'interest'], [-5, 10.5, null, {}, [5]], /^placements\.bdo\.position\.interest/);
  field(['placements', 'gram-panchayat', 'contested'], ['yes', 1, null], /^placements\.gram-panchayat\.contested/);
  add('contested without an alternate position', 'schema', /alternate position/, (s) =>
    pretty(withField(s, ['placements', 'bdo'], { status: 'placed', position: { power: 5, interest: 5 }, contested: true, alt: null })),
  );
  field(['placements', 'police', 'alt'], [{ power: 11, interest: 1 }, { power: 1 }, 'left', 3], /^placements\.police\.alt/);
  field(['placements', 'bdo', 'note'], ['x'.repeat(20_001), 42, null, ['quote']], /^placements\.bdo\.note/);

  // ---- numbers JSON cannot hold, written by hand or by other tools
  const num = (label: string, literal: string, expect = /not valid JSON/) =>
    add(`power written as ${label}`, 'text', expect, (s) => pretty(s).replace(/"power": [\d.]+/, `"power": ${literal}`));
  num('NaN', 'NaN');
  num('Infinity', 'Infinity');
  num('-Infinity', '-Infinity');
  num('undefined', 'undefined');
  num('hex 0x05', '0x05');
  num('+5', '+5');
  num('05 (leading zero)', '05');
  num('.5', '.5');
  num('5.', '5.');
  add('power written as 1e999 (parses as Infinity)', 'schema', /power/, (s) => pretty(s).replace(/"power": [\d.]+/, '"power": 1e999'));
  add('interest written as -1e999', 'schema', /interest/, (s) => pretty(s).replace(/"interest": [\d.]+/, '"interest": -1e999'));
  add('participants written as 9e99', 'schema', /participants/, (s) => pretty(s).replace(/"participants": \d+/, '"participants": 9e99'));

  // ---- JSON-ish syntax from hand editing
  add('trailing comma', 'text', /not valid JSON/, (s) => pretty(s).replace(/\n}\n$/, ',\n}\n'));
  add('single quotes', 'text', /not valid JSON/, (s) => pretty(s).replace(/"code"/, "'code'"));
  add('a // comment', 'text', /not valid JSON/, (s) => pretty(s).replace('{\n', '{\n  // edited by hand\n'));
  add('a /* comment */', 'text', /not valid JSON/, (s) => pretty(s).replace('{\n', '{ /* x */\n'));
  add('unquoted key', 'text', /not valid JSON/, (s) => pretty(s).replace('"notes"', 'notes'));
  add('two documents back to back', 'text', /not valid JSON/, (s) => pretty(s) + pretty(s));
  add('garbage after the document', 'text', /not valid JSON/, (s) => pretty(s) + 'garbage');
  add('raw tab inside a string', 'text', /not valid JSON/, (s) => pretty(s).replace('"seq:1"', '"seq:\t1"'));
  add('raw newline inside a string', 'text', /not valid JSON/, (s) => pretty(s).replace('"seq:1"', '"seq:\n1"'));
  add('bad escape \\x', 'text', /not valid JSON/, (s) => pretty(s).replace('"seq:1"', '"seq:\\x31"'));
  add('merge-conflict markers', 'text', /not valid JSON/, (s) => `<<<<<<< HEAD\n${pretty(s)}=======\n${pretty(s)}>>>>>>> other\n`);

  // ---- duplicates: JSON.parse keeps the last silently, which would drop data
  add('duplicate key "code"', 'text', /"code" appears twice/, (s) => pretty(s).replace('"code"', '"code": "FGD X",\n  "code"'));
  add('duplicate key "placements"', 'text', /"placements" appears twice/, (s) => pretty(s).replace('"placements"', '"placements": {},\n  "placements"'));
  add('the same stakeholder placed twice', 'text', /"bdo" appears twice/, (s) =>
    pretty(s).replace('"bdo": {', '"bdo": { "status": "unknown", "position": null },\n    "bdo": {'),
  );
  add('duplicate key in a position', 'text', /"power" appears twice/, (s) => pretty(s).replace('"power":', '"power": 1, "power":'));
  add('duplicate key written with an escape', 'text', /"code" appears twice/, (s) => pretty(s).replace('"code"', '"code": "FGD X",\n  "\\u0063ode"'));
  add('placement under "__proto__"', 'text', /__proto__/, (s) => pretty(s).replace('"bdo": {', '"__proto__": {'));
  add('top-level "__proto__"', 'text', /__proto__/, (s) => pretty(s).replace('{\n', '{\n  "__proto__": { "locked": true },\n'));

  // ---- nesting and junk
  add('notes nested 100 arrays deep', 'text', /nested more than/, (s) => pretty(s).replace('"seq:1"', '['.repeat(100) + ']'.repeat(100)));
  add('notes nested 100,000 arrays deep', 'text', /nested more than/, (s) => pretty(s).replace('"seq:1"', '['.repeat(100_000) + ']'.repeat(100_000)));
  add('placements nested 80 objects deep', 'text', /nested more than/, (s) => pretty(s).replace('"placements": {', '"placements": {' + '"a":{'.repeat(80) + '}'.repeat(80) + ','));
  field(['placements', 'bdo', 'position'], [{ power: { power: { power: 1 } }, interest: 1 }], /^placements\.bdo\.position\.power/);
  field(['notes'], [{ a: [{ b: [{ c: null }] }] }], /^notes:/);
  field(['code'], [{ toString: 'FGD 1' }], /^code:/);

  // ---- huge values (bounded so a damaged file cannot exhaust memory)
  field(['code'], ['F'.repeat(1_000_000)], /^code:/);
  field(['notes'], ['n'.repeat(5_000_000)], /^notes:/);
  field(['placements', 'bdo', 'note'], ['q'.repeat(2_000_000)], /^placements\.bdo\.note/);
  field(['placements', 'k'.repeat(200_000)], [{ status: 'unknown', position: null }], /^placements/);
  field(['facilitator'], ['€'.repeat(300_000)], /^facilitator:/);

  // ---- encodings: the file was re-saved by another editor or tool
  add('UTF-16 LE with a byte-order mark', 'text', /UTF-16/, (s) => utf16(pretty(s), 'le', true));
  add('UTF-16 BE with a byte-order mark', 'text', /UTF-16/, (s) => utf16(pretty(s), 'be', true));
  add('UTF-16 LE without a byte-order mark', 'text', /binary|UTF-8/, (s) => utf16(pretty(s), 'le', false));
  add('UTF-32 LE with a byte-order mark', 'text', /UTF-16|binary/, () => new Uint8Array([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0]));
  add('Latin-1 "é" in the place name', 'text', /not valid UTF-8/, (s) => latin1(pretty({ ...s, place: 'Kalyani, Café' })));
  add('Windows-1252 curly quote in a note', 'text', /not valid UTF-8/, (s) => splice(enc.encode(pretty(s)), '"seq:1"', [0x22, 0x93, 0x68, 0x69, 0x94, 0x22]));
  add('lone continuation byte', 'text', /not valid UTF-8/, (s) => splice(enc.encode(pretty(s)), '"seq:1"', [0x22, 0x80, 0x22]));
  add('overlong encoding of "/"', 'text', /not valid UTF-8/, (s) => splice(enc.encode(pretty(s)), '"seq:1"', [0x22, 0xc0, 0xaf, 0x22]));
  add('UTF-8 encoded surrogate half', 'text', /not valid UTF-8/, (s) => splice(enc.encode(pretty(s)), '"seq:1"', [0x22, 0xed, 0xa0, 0x80, 0x22]));
  add('multibyte character cut at the end of a string', 'text', /not valid UTF-8/, (s) => splice(enc.encode(pretty(s)), '"seq:1"', [0x22, 0xe0, 0xa6, 0x22]));
  add('0xFF byte', 'text', /not valid UTF-8/, (s) => splice(enc.encode(pretty(s)), '"seq:1"', [0x22, 0xff, 0x22]));
  add('code point above U+10FFFF', 'text', /not valid UTF-8/, (s) => splice(enc.encode(pretty(s)), '"seq:1"', [0x22, 0xf4, 0x90, 0x80, 0x80, 0x22]));
  add('a NUL byte inside a string', 'text', /binary/, (s) => splice(enc.encode(pretty(s)), '"seq:1"', [0x22, 0x00, 0x22]));
  add('Bengali text cut mid-character', 'text', /not valid/, (s) => {
    const bytes = enc.encode(pretty({ ...s, place: 'মুর্শিদাবাদ' }));
    const at = findBytes(bytes, enc.encode('মুর্শিদাবাদ'));
    return new Uint8Array([...bytes.subarray(0, at + 4), ...enc.encode('"\n}\n')]);
  });

  // ---- valid sessions in the wrong place
  add('a valid session whose id is not the file name', 'file', /does not match the session id/, (s) => pretty({ ...s, id: 'someone-else' }));
  add('a valid session of another study', 'file', /another study/, (s) => pretty({ ...s, studyId: 'other-study' }));

  return cases;
}

/** Marker for "remove this field". */
const REMOVE = Symbol('remove');

function describe(v: unknown): string {
  if (v === REMOVE) return '(missing)';
  if (typeof v === 'string') return v.length > 30 ? `"${v.slice(0, 12)}…" (${v.length} chars)` : JSON.stringify(v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out: number[] = bom ? (order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (order === 'le') out.push(c & 0xff, c >> 8);
    else out.push(c >> 8, c & 0xff);
  }
  return new Uint8Array(out);
}

function latin1(text: string): Uint8Array {
  return new Uint8Array([...text].map((ch) => ch.charCodeAt(0) & 0xff));
}

function findBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('needle not found');
}

/** Replace the first occurrence of `marker` (ASCII) with raw bytes. */
function splice(bytes: Uint8Array, marker: string, raw: number[]): Uint8Array {
  const at = findBytes(bytes, enc.encode(marker));
  return new Uint8Array([...bytes.subarray(0, at), ...raw, ...bytes.subarray(at + marker.length)]);
}
