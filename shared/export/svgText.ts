/**
 * Text helpers for SVG and HTML built as strings. Pure code cannot measure text, so
 * widths are estimated from character classes; the estimate errs wide so boxes and
 * wrapped lines fit once the real (embedded) fonts are drawn.
 */

// Characters XML 1.0 forbids; a stray one in a note would make the whole SVG unreadable.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escape text for an XML/HTML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A number for an SVG attribute: at most two decimals, no trailing zeros. */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** The family list every export uses; the faces are embedded by the caller's `fontCss`. */
export const FONT_STACK = "'Noto Sans', 'Noto Sans Bengali', 'Noto Sans Devanagari', sans-serif";

// Width per character in em, by class. Bengali and Devanagari vowel signs and the
// virama mostly combine with the consonant before them, so they add little width.
function charEm(cp: number): number {
  if (cp === 0x20) return 0.27;
  if ((cp >= 0x0980 && cp <= 0x09ff) || (cp >= 0x0900 && cp <= 0x097f)) {
    const off = cp & 0x7f;
    if (off === 0x4d || off === 0x3c || off <= 0x03) return 0.05; // virama, nukta, candrabindu/anusvara/visarga
    if (off >= 0x3e && off <= 0x4c) return 0.32; // dependent vowel signs
    return 0.7;
  }
  if (cp >= 0x41 && cp <= 0x5a) return 0.68;
  if (cp >= 0x30 && cp <= 0x39) return 0.58;
  if (cp === 0x69 || cp === 0x6c || cp === 0x6a || cp === 0x2e || cp === 0x2c || cp === 0x27 || cp === 0x3a) return 0.3;
  if (cp === 0x6d || cp === 0x77) return 0.88;
  if (cp < 0x80) return 0.56;
  if (cp === 0x200c || cp === 0x200d) return 0;
  return 0.66;
}

/** Estimated advance width of `text` in pixels at `fontSize`. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch.codePointAt(0) ?? 0);
  return em * fontSize * (bold ? 1.07 : 1);
}

// Grapheme clusters: a Bengali or Devanagari conjunct (ক্ষ, স্ত্রী, क्ष) with its vowel
// signs is one cluster in current ICU, so a cut between clusters never leaves a consonant
// without its sign or a visible virama.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The user-perceived characters of `text`, the only safe places to cut it. */
export function clustersOf(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

// A cut that still ends on a virama or a joiner (older ICU splits some conjuncts) would
// draw a dangling halant before the ellipsis; drop it.
const DANGLING = /[\u094D\u09CD\u200C\u200D]+$/;

/**
 * Break text into lines no wider than `maxWidth`, at spaces; a single word longer than
 * a line is cut between grapheme clusters, and only where a line is otherwise empty.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, fontSize, bold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (textWidth(line, fontSize, bold) > maxWidth && clustersOf(line).length > 1) {
        const chars = clustersOf(line);
        let cut = chars.length - 1;
        while (cut > 1 && textWidth(chars.slice(0, cut).join(''), fontSize, bold) > maxWidth) cut--;
        lines.push(chars.slice(0, cut).join(''));
        line = chars.slice(cut).join('');
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Shorten text to fit `maxWidth`, ending with an ellipsis when cut. */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = clustersOf(text);
  while (chars.length > 1 && textWidth(chars.join('') + '…', fontSize, bold) > maxWidth) chars.pop();
  return chars.join('').replace(DANGLING, '').trimEnd() + '…';
}
