import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGLISH_EXPORT_TEXT } from '../../../electron/services/export/englishText';
import { embeddedFontCss } from '../../../electron/services/export/fonts';
import { openRenderer, svgSize, type ExportRenderer } from '../../../electron/services/export/render';
import { buildCompareSvg } from '../../../shared/export/compareSvg';
import { buildMapSvg } from '../../../shared/export/mapSvg';
import { launchChromium, openChecker, pdfFonts, pdfInfo, pdfPagePng, pdfText, pngSize, squash, type Checker } from './chromiumCheck';
import { CONJUNCT_WORDS, exportSessions, exportStudy, NOTES, shapingStudy } from './exportFixture';

/**
 * Pictures drawn by Chromium. The shaping references in tests/fixtures/export/ were
 * rendered once, looked at (the conjuncts ক্ষ, স্ত্র, क्ष, त्र are joined, not shown
 * with a visible virama), and committed. Regenerate them after a deliberate change to
 * the map's drawing with UPDATE_EXPORT_REFERENCES=1, and look at them again.
 */
const REFERENCES = join(import.meta.dirname, '../../fixtures/export');
const UPDATE = process.env.UPDATE_EXPORT_REFERENCES === '1';
/** Identical rendering gives 0; anti-aliasing on another Chromium build moves a few edge pixels. */
const TOLERANCE = 0.004;

let browser: Browser;
let renderer: ExportRenderer;
let check: Checker;

beforeAll(async () => {
  browser = await launchChromium();
  renderer = await openRenderer(browser);
  check = await openChecker(browser);
});

afterAll(async () => {
  await check?.close();
  await renderer?.close();
  await browser?.close();
});

async function matchesReference(name: string, png: Buffer): Promise<number> {
  const path = join(REFERENCES, name);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`No reference ${name}: run with UPDATE_EXPORT_REFERENCES=1, look at it, commit it`);
    mkdirSync(REFERENCES, { recursive: true });
    writeFileSync(path, png);
  }
  const d = await check.diffRatio(png, readFileSync(path));
  expect(d.sameSize, `${name}: same size as the reference`).toBe(true);
  return d.ratio;
}

describe('Bengali and Hindi shaping', () => {
  const { study, session } = shapingStudy();
  const text = ENGLISH_EXPORT_TEXT;
  const svg = buildMapSvg({ study, session, text, lang: 'en', redact: false, fontCss: embeddedFontCss() });
  const names = study.stakeholders.map((s) => s.name);
  const notes = Object.values(session.placements).map((p) => p.note).filter(Boolean);

  it('draws the PNG like the reviewed reference', async () => {
    const png = await renderer.svgToPng(svg, 2);
    expect(await matchesReference('shaping-map-2x.png', png)).toBeLessThan(TOLERANCE);
  });

  it('draws the SVG file, opened as an image, like the same reference: the fonts travel inside it', async () => {
    const png = await check.svgAsImage(svg, 2);
    expect(await matchesReference('shaping-map-2x.png', png)).toBeLessThan(TOLERANCE);
  });

  it('keeps the text as text in the SVG', async () => {
    const texts = (await check.svgTexts(svg)).join('\n');
    for (const w of [...CONJUNCT_WORDS, ...study.stakeholders.map((s) => s.short)]) expect(texts).toContain(w);
    for (const n of notes) expect(texts).toContain(n);
  });

  it('embeds the Noto faces in the PDF, which poppler draws like the reference and pdftotext reads back', async () => {
    const pdf = await renderer.svgToPdf(svg);
    const fonts = pdfFonts(pdf);
    expect(fonts).toMatch(/NotoSansBengali-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes/);
    expect(fonts).toMatch(/NotoSansDevanagari-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes/);
    // Every font in the file is embedded: none is left to the reader's machine.
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/\byes\s+yes\s+yes\b/);
    const extracted = squash(pdfText(pdf));
    for (const w of [...CONJUNCT_WORDS, ...names, ...notes]) expect(extracted).toContain(squash(w));
    expect(await matchesReference('shaping-map-pdf.png', pdfPagePng(pdf, 1, 192))).toBeLessThan(TOLERANCE);
  });

  it('would notice broken shaping: without the embedded fonts the picture is far from the reference', async () => {
    const bare = buildMapSvg({ study, session, text, lang: 'en', redact: false, fontCss: '' });
    const d = await check.diffRatio(await renderer.svgToPng(bare, 2), readFileSync(join(REFERENCES, 'shaping-map-2x.png')));
    expect(d.ratio).toBeGreaterThan(TOLERANCE * 5);
  });
});

describe('a realistic session map', () => {
  const study = exportStudy();
  const sessions = exportSessions(study);
  const first = sessions[0]!;
  const text = ENGLISH_EXPORT_TEXT;
  const svg = buildMapSvg({ study, session: first, text, lang: 'en', fontCss: embeddedFontCss() });

  it('is well-formed XML with the study, session, zones, axes, chips and lists as text', async () => {
    expect(await check.xmlError(svg)).toBeNull();
    const texts = await check.svgTexts(svg);
    const all = texts.join('\n');
    expect(texts).toContain(study.title);
    expect(all).toContain('Session FGD 1');
    expect(all).toContain('Cohort: Survivors');
    expect(all).toContain('Round: Baseline');
    for (const z of Object.values(text.zones)) expect(texts).toContain(z);
    expect(texts).toContain(study.axes.power);
    expect(texts).toContain(study.axes.interest);
    for (const chip of ['Police', 'Panchayat', 'BDO', 'ASHA', 'শিশু সুরক্ষা', 'क्षेत्र मित्र']) expect(texts).toContain(chip);
    // The contested BDO appears twice: the chip and its dashed minority chip, worded as the editor words it.
    expect(texts.filter((t) => t === 'BDO')).toHaveLength(1);
    expect(texts.filter((t) => t === 'BDO (minority)')).toHaveLength(1);
    const unknownAt = texts.indexOf('Unknown to the group');
    const notDiscussedAt = texts.indexOf('Not discussed');
    expect(texts[unknownAt + 1]).toBe('Village Level Child Protection Committee');
    expect(texts[notDiscussedAt + 1]).toBe('Women Development Officer');
  });

  it('renders at 2× and 4× to the expected size and is not blank', async () => {
    const { width, height } = svgSize(svg);
    const png2 = await renderer.svgToPng(svg, 2);
    const png4 = await renderer.svgToPng(svg, 4);
    expect(pngSize(png2)).toEqual({ width: width * 2, height: height * 2 });
    expect(pngSize(png4)).toEqual({ width: width * 4, height: height * 4 });
    expect(await check.inkRatio(png2)).toBeGreaterThan(0.25); // the tinted zones alone cover about a quarter
    if (process.env.WRITE_README_IMAGES === '1') {
      mkdirSync(join(import.meta.dirname, '../../../resources/readme'), { recursive: true });
      writeFileSync(join(import.meta.dirname, '../../../resources/readme/export-map.png'), png2);
    }
  });

  it('prints a one-page PDF the size of the picture', async () => {
    const pdf = await renderer.svgToPdf(svg);
    const info = pdfInfo(pdf);
    expect(info).toMatch(/Pages:\s+1\n/);
    const { width, height } = svgSize(svg);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    // CSS pixels are 1/96 inch, PDF points 1/72; Chromium rounds the page to whole device units.
    expect(Math.abs(Number(size[1]) - (width * 72) / 96)).toBeLessThan(1);
    expect(Math.abs(Number(size[2]) - (height * 72) / 96)).toBeLessThan(1);
  });

  it('the compare view is well-formed, shows n per cohort, sessions-not-individuals and one mark per session', async () => {
    const cmp = buildCompareSvg({ study, sessions, text, lang: 'en', focusStakeholderId: 'police', fontCss: embeddedFontCss() });
    expect(await check.xmlError(cmp)).toBeNull();
    const texts = (await check.svgTexts(cmp)).join('\n');
    for (const n of ['Survivors (n = 3)', 'Frontline social workers (n = 3)', 'Duty bearers (n = 3)']) expect(texts).toContain(n);
    expect(texts).toContain('Stakeholder: Local police station');
    expect(squash(texts)).toContain(squash(text.compare.sessionsNotIndividuals));
    expect(cmp.match(/class="mark"/g)).toHaveLength(9);
    expect(cmp.match(/class="centroid"/g)).toHaveLength(3);
    expect(cmp.match(/class="sd-ellipse"/g)).toHaveLength(3);
    expect(cmp.match(/class="centroid-arrow"/g)).toHaveLength(2);
    const png = await renderer.svgToPng(cmp, 2);
    expect(await check.inkRatio(png)).toBeGreaterThan(0.3);
  });
});

describe('redaction', () => {
  const study = exportStudy();
  const first = exportSessions(study)[0]!;
  const notes = Object.values(NOTES);

  it('keeps notes only when asked: SVG source, and the PDF text', async () => {
    const open = buildMapSvg({ study, session: first, text: ENGLISH_EXPORT_TEXT, lang: 'en', redact: false, fontCss: embeddedFontCss() });
    const redacted = buildMapSvg({ study, session: first, text: ENGLISH_EXPORT_TEXT, lang: 'en', fontCss: embeddedFontCss() });
    for (const n of notes) expect(open).toContain(n);
    // The PNG is drawn from this same source, so no note can reach its pixels either.
    for (const n of notes) expect(redacted).not.toContain(n);
    expect(redacted).not.toContain('SECRET-NOTE');
    const openText = squash(pdfText(await renderer.svgToPdf(open)));
    for (const n of notes) expect(openText).toContain(squash(n));
    const redactedText = pdfText(await renderer.svgToPdf(redacted));
    expect(redactedText).not.toContain('SECRET-NOTE');
    expect(redactedText).toContain('Notes and quotes left out.');
  });
});
