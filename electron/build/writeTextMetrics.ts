// `npx tsx electron/build/writeTextMetrics.ts`: regenerate shared/scene/textMetrics.ts, the
// advance widths of the bundled Noto faces that the map's one text measure reads
// (shared/scene/textMeasure.ts). A unit test fails when the committed table differs from
// what this would write, so a font upgrade cannot silently move every label.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { fallbackEm } from '../../shared/scene/clusterFallback';

const requireHere = createRequire(import.meta.url);

/** The tables of a WOFF 1.0 file, inflated (WOFF 2 transforms tables; WOFF 1 only deflates them). */
function woffTables(file: string): Map<string, Buffer> {
  const buf = readFileSync(file);
  if (buf.toString('latin1', 0, 4) !== 'wOFF') throw new Error(`${file}: not WOFF 1.0`);
  const count = buf.readUInt16BE(12);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20;
    const tag = buf.toString('latin1', at, at + 4);
    const offset = buf.readUInt32BE(at + 4);
    const compLength = buf.readUInt32BE(at + 8);
    const origLength = buf.readUInt32BE(at + 12);
    const raw = buf.subarray(offset, offset + compLength);
    tables.set(tag, compLength < origLength ? inflateSync(raw) : Buffer.from(raw));
  }
  return tables;
}

/** Code point → glyph id from the Windows Unicode cmap (format 4 or 12). */
function cmapOf(cmap: Buffer): Map<number, number> {
  const out = new Map<number, number>();
  const n = cmap.readUInt16BE(2);
  for (let i = 0; i < n; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    if (platform !== 3 || (encoding !== 1 && encoding !== 10)) continue;
    const format = cmap.readUInt16BE(offset);
    if (format === 4) {
      const segX2 = cmap.readUInt16BE(offset + 6);
      const ends = offset + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      for (let s = 0; s < segX2 / 2; s++) {
        const end = cmap.readUInt16BE(ends + 2 * s);
        const start = cmap.readUInt16BE(starts + 2 * s);
        const delta = cmap.readInt16BE(deltas + 2 * s);
        const rangeOffset = cmap.readUInt16BE(ranges + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let g: number;
          if (rangeOffset === 0) g = (c + delta) & 0xffff;
          else {
            const at = ranges + 2 * s + rangeOffset + 2 * (c - start);
            g = cmap.readUInt16BE(at);
            if (g !== 0) g = (g + delta) & 0xffff;
          }
          if (g !== 0 && !out.has(c)) out.set(c, g);
        }
      }
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(offset + 12);
      for (let k = 0; k < groups; k++) {
        const at = offset + 16 + k * 12;
        const start = cmap.readUInt32BE(at);
        const end = cmap.readUInt32BE(at + 4);
        const glyph = cmap.readUInt32BE(at + 8);
        for (let c = start; c <= end; c++) if (!out.has(c)) out.set(c, glyph + c - start);
      }
    }
  }
  return out;
}

/** Advance of every mapped code point in `range`, in thousandths of an em. */
function advances(pkg: string, file: string, range: [number, number][]): Map<number, number> {
  const t = woffTables(requireHere.resolve(`${pkg}/files/${file}`));
  const unitsPerEm = t.get('head')!.readUInt16BE(18);
  const metrics = t.get('hhea')!.readUInt16BE(34);
  const hmtx = t.get('hmtx')!;
  const advanceOf = (g: number) => hmtx.readUInt16BE(4 * Math.min(g, metrics - 1));
  const out = new Map<number, number>();
  for (const [cp, g] of cmapOf(t.get('cmap')!)) {
    if (range.some(([a, b]) => cp >= a && cp <= b)) out.set(cp, Math.round((advanceOf(g) * 1000) / unitsPerEm));
  }
  return out;
}

// The faces the map is drawn with on screen and embedded in the exports: the Latin design
// from the Devanagari package's Latin subsets (the same files electron/services/export/fonts
// embeds as 'Noto Sans'), and the Bengali and Devanagari faces for their scripts.
const LATIN: [number, number][] = [[0x20, 0x7e], [0xa0, 0x24f], [0x2000, 0x206f], [0x20ac, 0x20ac], [0x2122, 0x2122], [0x2190, 0x2193], [0x2212, 0x2212]];
const DEVANAGARI: [number, number][] = [[0x900, 0x97f], [0x200c, 0x200d]];
const BENGALI: [number, number][] = [[0x980, 0x9ff]];
const WEIGHTS = [400, 600, 700] as const;

const lines: string[] = [];
const advancesByWeight = new Map<number, Map<number, number>>();
for (const w of WEIGHTS) {
  const all = new Map<number, number>();
  advancesByWeight.set(w, all);
  const add = (m: Map<number, number>) => m.forEach((v, k) => all.has(k) || all.set(k, v));
  add(advances('@fontsource/noto-sans-devanagari', `noto-sans-devanagari-latin-${w}-normal.woff`, LATIN));
  add(advances('@fontsource/noto-sans-devanagari', `noto-sans-devanagari-latin-ext-${w}-normal.woff`, LATIN));
  add(advances('@fontsource/noto-sans-devanagari', `noto-sans-devanagari-devanagari-${w}-normal.woff`, DEVANAGARI));
  add(advances('@fontsource/noto-sans-bengali', `noto-sans-bengali-bengali-${w}-normal.woff`, BENGALI));
  // Runs of consecutive code points: "start:a,b,c" — compact, and readable in a diff.
  const cps = [...all.keys()].sort((a, b) => a - b);
  const runs: string[] = [];
  let i = 0;
  while (i < cps.length) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j]! + 1) j++;
    runs.push(`${cps[i]!.toString(16)}:${cps.slice(i, j + 1).map((c) => all.get(c)).join(',')}`);
    i = j + 1;
  }
  lines.push(`  ${w}: '${runs.join(' ')}',`);
}

// Clusters the advances alone cannot measure: in Bengali and Devanagari a consonant with a
// vowel sign, a nukta or a conjunct is shaped (रु is wider than र, ক্ষ narrower than ক + ষ).
// Their shaped widths are measured in Chromium, which shapes with HarfBuzz as the app and
// the exports do: every consonant with every vowel sign and the nukta, and every cluster
// in the library's labels and the Bengali and Hindi catalogues.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
function clusterList(): string[] {
  const out = new Set<string>();
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const scripts = [
    { consonants: [...range(0x995, 0x9b9), 0x9dc, 0x9dd, 0x9df], signs: [...range(0x9be, 0x9c4), 0x9c7, 0x9c8, 0x9cb, 0x9cc, 0x9bc, 0x9cd] },
    { consonants: [...range(0x915, 0x939), ...range(0x958, 0x95f)], signs: [...range(0x93e, 0x94c), 0x93c, 0x94d, 0x962, 0x963] },
  ];
  for (const { consonants, signs } of scripts) for (const c of consonants) for (const v of signs) out.add(String.fromCodePoint(c, v));
  const root = join(import.meta.dirname, '..', '..');
  const texts: string[] = [];
  const walk = (o: unknown) => {
    if (typeof o === 'string') texts.push(o);
    else if (o && typeof o === 'object') Object.values(o).forEach(walk);
  };
  walk(JSON.parse(readFileSync(join(root, 'resources', 'stakeholders.json'), 'utf8')));
  for (const lang of ['bn', 'hi']) {
    const dir = join(root, 'renderer', 'src', 'i18n', 'locales', lang);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) walk(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  }
  for (const t of texts)
    for (const { segment } of graphemes.segment(t)) if ([...segment].length > 1 && /^[\u0900-\u09ff\u200c\u200d]+$/.test(segment)) out.add(segment);
  return [...out].sort();
}

async function clusterWidths(): Promise<Record<400 | 600 | 700, string>> {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS, requireChromium } = await import('../services/chromiumPath');
  const { embeddedFontCss } = await import('../services/export/fonts');
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    await page.setContent(`<html><head><style>${embeddedFontCss()}</style></head><body></body></html>`);
    const list = clusterList();
    const out = {} as Record<400 | 600 | 700, string>;
    for (const w of WEIGHTS) {
      await page.evaluate(`Promise.all([document.fonts.load("${w} 100px 'Noto Sans Bengali'", 'অআ'), document.fonts.load("${w} 100px 'Noto Sans Devanagari'", 'अआ')]).then(() => document.fonts.ready)`);
      const widths = (await page.evaluate(
        `((list) => { const c = document.createElement('canvas').getContext('2d'); c.font = "${w} 1000px 'Noto Sans Bengali', 'Noto Sans Devanagari'"; return list.map((t) => c.measureText(t).width); })(${JSON.stringify(list)})`,
      )) as number[];
      // Only the clusters the fallback (shared/scene/clusterFallback) gets wrong by more than
      // a thousandth of an em: for the others it is the shaped width already.
      const adv = advancesByWeight.get(w)!;
      const sum = (c: string) => 1000 * fallbackEm(c, (cp) => (adv.get(cp) ?? 600) / 1000);
      out[w] = list
        .map((c, i) => [c, Math.round(widths[i]!)] as const)
        .filter(([c, width]) => Math.abs(width - sum(c)) > 1)
        .map(([c, width]) => `${c}=${width}`)
        .join(';');
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** The generated module's text (launches Chromium to shape the clusters). */
export async function textMetricsSource(): Promise<string> {
  const clusters = await clusterWidths();
  return [
    '// Generated by electron/build/writeTextMetrics.ts from the bundled @fontsource Noto faces; do not edit.',
    '// Advance widths in thousandths of an em, per weight, as runs "firstCodePointHex:advance,advance,…".',
    'export const ADVANCES: Record<400 | 600 | 700, string> = {',
    ...lines,
    '};',
    '',
    '// Shaped widths of Bengali and Devanagari clusters in thousandths of an em, per weight, "cluster=width;…".',
    'export const CLUSTERS: Record<400 | 600 | 700, string> = {',
    ...WEIGHTS.map((w) => `  ${w}: '${clusters[w]}',`),
    '};',
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const out = join(import.meta.dirname, '..', '..', 'shared', 'scene', 'textMetrics.ts');
  writeFileSync(out, await textMetricsSource());
  console.log(`wrote ${out}`);
}
