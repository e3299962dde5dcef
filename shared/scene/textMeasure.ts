import { fallbackEm } from './clusterFallback';
import { ADVANCES, CLUSTERS } from './textMetrics';

/**
 * The map's one text measure, used by the editor's canvas and by the map export alike, so
 * both lay out the same picture on any machine: the advance widths of the bundled Noto
 * faces (textMetrics.ts, generated from the @fontsource files by
 * electron/build/writeTextMetrics.ts), summed per character. Both back-ends draw with
 * exactly those faces (MAP_FONT_FAMILY on screen, the embedded @font-face rules in the
 * files), so the sum is the drawn width up to kerning and Indic shaping. Canvas
 * measurement would follow whatever fonts a machine has installed (a test machine with
 * and without fonts-noto-core gave different layouts); this does not.
 */

/**
 * The family the screen draws the map's text with: the bundled faces first, in the order
 * that gives each script the face the metrics came from (the Devanagari package's Latin
 * subsets are the Noto Sans design the exports embed as 'Noto Sans').
 */
export const MAP_FONT_FAMILY = "'Noto Sans Devanagari', 'Noto Sans Bengali', sans-serif";

type Weight = 400 | 600 | 700;
/** A character no bundled face has: about the width of a Latin lower-case letter, erring wide. */
const UNKNOWN_EM = 0.6;

const tables = new Map<Weight, Map<number, number>>();

function table(weight: Weight): Map<number, number> {
  let t = tables.get(weight);
  if (t) return t;
  t = new Map();
  for (const run of ADVANCES[weight].split(' ')) {
    const [start, values] = run.split(':') as [string, string];
    const first = Number.parseInt(start, 16);
    values.split(',').forEach((v, i) => t!.set(first + i, Number(v) / 1000));
  }
  tables.set(weight, t);
  return t;
}

/** The weight a Konva `fontStyle` or CSS weight names: "600", "italic 600", "bold", "normal". */
export function weightOf(style: string | undefined): Weight {
  if (!style) return 400;
  if (/\b(700|bold)\b/.test(style)) return 700;
  if (/\b(500|600)\b/.test(style)) return 600;
  return 400;
}

const clusterTables = new Map<Weight, Map<string, number>>();

function clusters(weight: Weight): Map<string, number> {
  let t = clusterTables.get(weight);
  if (t) return t;
  t = new Map();
  for (const entry of CLUSTERS[weight].split(';')) {
    const at = entry.lastIndexOf('=');
    if (at > 0) t.set(entry.slice(0, at), Number(entry.slice(at + 1)) / 1000);
  }
  clusterTables.set(weight, t);
  return t;
}

const INDIC = /[\u0900-\u09ff]/;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Advance width in pixels of `text` at `fontSize` in the map's faces. Italic (the
 * minority chips) is slanted by the browser from the upright face, so it is as wide.
 * Bengali and Devanagari go by grapheme cluster: a cluster's shaped width from the table
 * when listed, else the longest listed start of it plus the rest by `fallbackEm`.
 */
export function mapTextWidth(text: string, fontSize: number, style?: string): number {
  const weight = weightOf(style);
  const t = table(weight);
  const advance = (cp: number) => t.get(cp) ?? UNKNOWN_EM;
  if (!INDIC.test(text)) return fallbackEm(text, advance) * fontSize;
  const shaped = clusters(weight);
  let em = 0;
  for (const { segment } of graphemes.segment(text)) {
    const listed = shaped.get(segment);
    if (listed !== undefined) {
      em += listed;
      continue;
    }
    const cps = [...segment];
    let done = false;
    for (let k = cps.length - 1; k >= 2 && !done; k--) {
      const start = shaped.get(cps.slice(0, k).join(''));
      if (start === undefined) continue;
      em += start + fallbackEm(cps.slice(k).join(''), advance);
      done = true;
    }
    if (!done) em += fallbackEm(segment, advance);
  }
  return em * fontSize;
}
