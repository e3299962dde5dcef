import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUtf8Text, decodeUtf8Strict, describeEncodingProblem, firstInvalidUtf8 } from '../../../shared/text/strictUtf8';

/** The one strict UTF-8 check shared by the app's file dialogs and the CLI. */
const utf8 = (s: string) => new TextEncoder().encode(s);
function utf16(s: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const put = (i: number, c: number) => {
    out[i * 2] = endian === 'le' ? c & 0xff : c >> 8;
    out[i * 2 + 1] = endian === 'le' ? c >> 8 : c & 0xff;
  };
  if (bom) put(0, 0xfeff);
  for (let i = 0; i < s.length; i++) put(i + (bom ? 1 : 0), s.charCodeAt(i));
  return out;
}
/** Windows-1252 bytes of Latin text: é, ü, ñ, ’ are single bytes. */
function cp1252(s: string): Uint8Array {
  const high: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '€': 0x80 };
  return Uint8Array.from([...s].map((c) => high[c] ?? c.charCodeAt(0)));
}

describe('strict UTF-8', () => {
  it('accepts UTF-8 with and without a byte-order mark, Bengali and Hindi included, and drops the mark', () => {
    const text = 'study,session,note\nঘরে ফেরা,FGD-1,"पुलिस ने मदद की"\n';
    expect(decodeUtf8Strict(utf8(text))).toEqual({ ok: true, text });
    expect(decodeUtf8Strict(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({ ok: true, text });
  });

  it('names UTF-16 by its byte-order mark and by its NUL pattern', () => {
    const text = 'study,session,cohort\nTwo districts,SUR-1,Survivors\n';
    expect(checkUtf8Text(utf16(text, 'le', true))).toEqual({ kind: 'utf16', endian: 'le', by: 'bom' });
    expect(checkUtf8Text(utf16(text, 'be', true))).toEqual({ kind: 'utf16', endian: 'be', by: 'bom' });
    expect(checkUtf8Text(utf16(text, 'le', false))).toEqual({ kind: 'utf16', endian: 'le', by: 'nul-pattern' });
    expect(checkUtf8Text(utf16(text, 'be', false))).toEqual({ kind: 'utf16', endian: 'be', by: 'nul-pattern' });
    expect(describeEncodingProblem({ kind: 'utf16', endian: 'le', by: 'bom' })).toMatch(/^This file is UTF-16 text \(little-endian\), not UTF-8\. Save it as UTF-8/);
  });

  it('says where a Windows-1252 file stops being UTF-8 and what the byte is', () => {
    const bytes = cp1252('study,session,note\nTwo districts,SUR-1,Caf\u00e9 owner\n');
    const problem = checkUtf8Text(bytes);
    expect(problem).toEqual({ kind: 'not-utf8', line: 2, column: 24, offset: 42, byte: 0xe9, guess: 'é' });
    expect(describeEncodingProblem(problem!)).toBe(
      'This file is not UTF-8 text: line 2, byte 24 is 0xE9, which is “é” in Windows-1252. It was probably saved as Windows-1252 or Latin-1 (“ANSI”). ' +
        'Save it as UTF-8 (in Excel: Save As → “CSV UTF-8 (Comma delimited)”) and try again.',
    );
    expect(checkUtf8Text(cp1252('a,b\nthey’re,x\n'))).toMatchObject({ line: 2, column: 5, byte: 0x92, guess: '’' });
  });

  it('calls a file with NUL bytes that is not UTF-16 binary', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(checkUtf8Text(png)).toMatchObject({ kind: 'binary', line: 3, column: 1 });
  });

  it('agrees with the platform decoder (fatal) on every byte string', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }), (junk, text) => {
        const bytes = Uint8Array.from([...utf8(text), ...junk]);
        let platformOk = true;
        try {
          decoder.decode(bytes);
        } catch {
          platformOk = false;
        }
        expect(firstInvalidUtf8(bytes) < 0).toBe(platformOk);
      }),
      { numRuns: 5000 },
    );
  });
});
