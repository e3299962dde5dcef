/**
 * The one strict check of "is this file UTF-8 text?", shared by the app's file dialogs
 * (CSV import, study-file merge) and the CLI (`pimap import`, `pimap analyze <file.csv>`),
 * so both refuse the same files with the same reason instead of reading a Windows-1252
 * CSV with U+FFFD in every name.
 *
 * The check is written out (checkUtf8Text) because the platform decoder cannot say
 * *where* a file stops being UTF-8 or what it probably is; the decoding itself is the
 * platform's `TextDecoder('utf-8', { fatal: true })` (decodeUtf8Strict).
 */

export type EncodingProblem =
  /** UTF-16 text, found by its byte-order mark or by its pattern of NUL bytes. */
  | { kind: 'utf16'; endian: 'le' | 'be'; by: 'bom' | 'nul-pattern' }
  /** NUL bytes that are not UTF-16: a picture, a spreadsheet (.xlsx) or other binary file. */
  | { kind: 'binary'; line: number; column: number; offset: number }
  /**
   * The first byte that is not valid UTF-8. `line` and `column` are 1-based, `column` in
   * bytes; `offset` is the 0-based position in the file. `guess` is what the byte is in
   * Windows-1252 (the usual encoding of an "ANSI" CSV), when it is a printable letter.
   */
  | { kind: 'not-utf8'; line: number; column: number; offset: number; byte: number; guess: string | null };

/** How much of the start is looked at for UTF-16's NUL pattern and for binary data. */
const SAMPLE = 8192;

/** null when `bytes` is valid UTF-8 text (a UTF-8 byte-order mark is fine), else why not. */
export function checkUtf8Text(bytes: Uint8Array): EncodingProblem | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'utf16', endian: 'le', by: 'bom' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'utf16', endian: 'be', by: 'bom' };
  const pattern = utf16ByNuls(bytes);
  if (pattern) return { kind: 'utf16', endian: pattern, by: 'nul-pattern' };
  const nul = bytes.subarray(0, SAMPLE).indexOf(0);
  if (nul >= 0) return { kind: 'binary', ...where(bytes, nul) };
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return null;
  const byte = bytes[bad] as number;
  return { kind: 'not-utf8', ...where(bytes, bad), byte, guess: windows1252Letter(byte) };
}

/**
 * UTF-16 without a byte-order mark: text in Latin letters has a NUL in every other byte
 * (after each letter in little-endian, before it in big-endian). Needs most pairs to
 * follow the pattern, so a binary file with some NULs is not mistaken for text.
 */
function utf16ByNuls(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) even++;
    else if (bytes[i + 1] === 0 && bytes[i] !== 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.6 && even <= pairs * 0.05) return 'le';
  if (even >= pairs * 0.6 && odd <= pairs * 0.05) return 'be';
  return null;
}

/**
 * The offset of the first byte that starts an invalid UTF-8 sequence, or -1. The same
 * rules as the WHATWG decoder with `fatal: true`: no overlong forms, no surrogates
 * (ED A0–BF), nothing above U+10FFFF, no lone continuation bytes, no cut-off sequence.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < bytes.length && (bytes[i] as number) >= lo && (bytes[i] as number) <= hi;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let ok = false;
    let len = 1;
    if (b >= 0xc2 && b <= 0xdf) [ok, len] = [cont(i + 1), 2];
    else if (b === 0xe0) [ok, len] = [cont(i + 1, 0xa0) && cont(i + 2), 3];
    else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) [ok, len] = [cont(i + 1) && cont(i + 2), 3];
    else if (b === 0xed) [ok, len] = [cont(i + 1, 0x80, 0x9f) && cont(i + 2), 3];
    else if (b === 0xf0) [ok, len] = [cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3), 4];
    else if (b >= 0xf1 && b <= 0xf3) [ok, len] = [cont(i + 1) && cont(i + 2) && cont(i + 3), 4];
    else if (b === 0xf4) [ok, len] = [cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3), 4];
    if (!ok) return i;
    i += len;
  }
  return -1;
}

function where(bytes: Uint8Array, offset: number): { line: number; column: number; offset: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++)
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  return { line, column: offset - lineStart + 1, offset };
}

/** Windows-1252's letters and signs in 0x80–0x9F, where Latin-1 has control codes. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252Letter(byte: number): string | null {
  if (byte >= 0x80 && byte <= 0x9f) {
    const c = CP1252_HIGH[byte - 0x80] as string;
    return c.charCodeAt(0) < 0xa0 ? null : c;
  }
  // 0xA0 is a no-break space and 0xAD a soft hyphen: invisible, so not worth quoting.
  if (byte > 0xa0 && byte !== 0xad) return String.fromCharCode(byte);
  return null;
}

/**
 * Bytes → text, strictly: the text without its UTF-8 byte-order mark, or the problem.
 * TextDecoder is a global in browsers and in Node alike, but shared/ is type-checked
 * with neither DOM nor Node types, hence the narrow local type.
 */
export function decodeUtf8Strict(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: EncodingProblem } {
  const problem = checkUtf8Text(bytes);
  if (problem) return { ok: false, problem };
  const Decoder = (globalThis as unknown as { TextDecoder: new (label: string, opts: { fatal: boolean }) => { decode(b: Uint8Array): string } }).TextDecoder;
  return { ok: true, text: new Decoder('utf-8', { fatal: true }).decode(bytes) };
}

/** The problem as English sentences, for the CLI (the app words it through i18n with the same facts). */
export function describeEncodingProblem(problem: EncodingProblem): string {
  const fix = 'Save it as UTF-8 (in Excel: Save As → “CSV UTF-8 (Comma delimited)”) and try again.';
  switch (problem.kind) {
    case 'utf16':
      return `This file is UTF-16 text (${problem.endian === 'le' ? 'little-endian' : 'big-endian'}), not UTF-8. ${fix}`;
    case 'binary':
      return `This file is not text: it contains a NUL byte at line ${problem.line}, byte ${problem.column}. Choose the CSV file itself.`;
    case 'not-utf8': {
      const hex = `0x${problem.byte.toString(16).toUpperCase().padStart(2, '0')}`;
      const as = problem.guess ? `, which is “${problem.guess}” in Windows-1252` : '';
      return (
        `This file is not UTF-8 text: line ${problem.line}, byte ${problem.column} is ${hex}${as}. ` +
        `It was probably saved as Windows-1252 or Latin-1 (“ANSI”). ${fix}`
      );
    }
  }
}
