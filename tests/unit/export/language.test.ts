import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyCsv } from '../../../electron/services/export/csv';
import { ENGLISH_EXPORT_TEXT } from '../../../electron/services/export/englishText';
import { exportHandlers } from '../../../electron/services/export/exportHandlers';
import { EXPORT_TEXTS, exportTextFor } from '../../../electron/services/export/exportTexts';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import { parseLongFormat } from '../../../shared/csv/longFormat';
import { planImport } from '../../../shared/csv/planImport';
import { fillText, type ExportText } from '../../../shared/export/exportText';
import { buildMapSvg } from '../../../shared/export/mapSvg';
import { clustersOf, fitText, wrapText } from '../../../shared/export/svgText';
import { runPimap, spawnPimap } from '../cli/runCli';
import { expectedReportPages } from '../../../shared/export/reportHtml';
import { launchChromium, openChecker, pdfFonts, pdfInfo, pdfPagePng, pdfTextRaw, squash, type Checker } from './chromiumCheck';
import { exportSessions, LABELS, labelledStudy, NOW, writeStudyFolder } from './exportFixture';

/**
 * Pictures, the report and its methods note in Bengali and Hindi, through the CLI as a
 * user runs it (`pimap report … --lang bn`, `pimap export … --lang hi`) and through the
 * host operation the app's export dialog calls. The report references in
 * tests/fixtures/export/ (the methods page of each language) were rendered on a Chromium
 * that could see no system font but DejaVu and Liberation, looked at (conjuncts joined, no
 * boxes, no visible virama) and committed; regenerate with UPDATE_EXPORT_REFERENCES=1 and
 * look at them again.
 */
const REFERENCES = join(import.meta.dirname, '../../fixtures/export');
const UPDATE = process.env.UPDATE_EXPORT_REFERENCES === '1';
/** Identical rendering gives 0; poppler's anti-aliasing on another build moves a few edge pixels. */
const TOLERANCE = 0.004;

const BENGALI = /[\u0980-\u09FF]/u;
const DEVANAGARI = /[\u0900-\u097F]/u;
const SCRIPT = { bn: BENGALI, hi: DEVANAGARI } as const;

/** Every string of a catalogue with its path, statistics included. */
function strings(o: unknown, path = ''): [string, string][] {
  if (typeof o === 'string') return [[path, o]];
  if (Array.isArray(o)) return o.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (o && typeof o === 'object') return Object.entries(o).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

/** Share of the letters in `text` that are in `script` (Latin letters count against it). */
function scriptShare(text: string, script: RegExp): number {
  // Placeholders, the product's name and an English gloss in brackets ("(centroid)", kept
  // for researchers) are not words left untranslated.
  const own = text.replace(/\{\{\w+\}\}/g, '').replace('Power–Interest Mapper', '').replace(/\([A-Za-z’' -]+\)/g, '');
  const letters = Array.from(own).filter((c) => /\p{L}|\p{M}/u.test(c));
  return letters.length ? letters.filter((c) => script.test(c)).length / letters.length : 1;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the export words in Bengali and Hindi', () => {
  const en = strings(ENGLISH_EXPORT_TEXT);
  for (const lang of ['bn', 'hi'] as const) {
    const text: ExportText = EXPORT_TEXTS[lang];
    const own = new Map(strings(text));

    it(`${lang}: has every English key, with the same placeholders`, () => {
      expect([...own.keys()].sort()).toEqual(en.map(([k]) => k).sort());
      for (const [key, english] of en) expect(placeholders(own.get(key)!), key).toEqual(placeholders(english));
    });

    it(`${lang}: is written in its own script, not left in English, with Latin digits as in every file`, () => {
      for (const [key, value] of own) {
        // Symbols and codes a researcher reads the same in every language.
        if (['n', 'q', '–', '; '].includes(value)) continue;
        // Templates of symbols only ("{{cohort}} (n = {{n}})", "{{name}} ({{share}}, n = {{n}})").
        if (/^[^\p{L}]*$/u.test(value.replace(/\{\{\w+\}\}/g, '').replace(/\bn\b/g, ''))) continue;
        expect(scriptShare(value, SCRIPT[lang]), `${key}: ${value}`).toBeGreaterThan(key.includes('statistics') || key.includes('csvColumns') || key === 'report.generated' ? 0.5 : 0.6);
        expect(value, key).not.toMatch(/[\u09E6-\u09EF\u0966-\u096F]/u);
      }
      expect(scriptShare(text.report.methodsIntro, SCRIPT[lang])).toBeGreaterThan(0.9);
    });
  }

  it('exportTextFor gives English unless a language is asked for', () => {
    expect(exportTextFor(undefined)).toBe(ENGLISH_EXPORT_TEXT);
    expect(exportTextFor('bn').zones.hp_li).toBe('বেশি ক্ষমতা, কম আগ্রহ');
    expect(exportTextFor('hi').zones.hp_li).toBe('अधिक शक्ति, कम रुचि');
  });
});

describe('stakeholder names and cuts in a Bengali picture (pure)', () => {
  const study = labelledStudy('bn');
  const session = exportSessions(study)[0]!;

  it('names stakeholders by their Bengali labels and falls back to English where a study has none', () => {
    const svg = buildMapSvg({ study, session, text: exportTextFor('bn'), lang: 'bn', redact: true });
    expect(svg).toContain('xml:lang="bn"');
    for (const z of Object.values(exportTextFor('bn').zones)) expect(svg).toContain(`>${z}</text>`);
    for (const id of ['police', 'gram-panchayat', 'bdo', 'asha']) expect(svg).toContain(`>${LABELS.bn[id]!.short}</text>`);
    expect(svg).toContain(`>${LABELS.bn.vlcpc!.name}</text>`); // unknown to the group: listed by full name
    expect(svg).toContain('>Women Development Officer</text>'); // no label: English
    expect(svg).not.toContain('High power');
  });

  it('cuts long names between grapheme clusters: never half a conjunct, never a dangling virama', () => {
    const name = 'স্ত্রী শক্তি দল ক্ষমতায়ন সমিতি';
    for (let w = 20; w < 200; w += 7) {
      const cut = fitText(name, w, 13);
      if (cut === name) continue;
      const kept = cut.slice(0, -1);
      expect(name.startsWith(kept.trimEnd()) || name.startsWith(kept), cut).toBe(true);
      expect(cut).not.toMatch(/[\u09CD\u094D]…$/u);
      expect(clustersOf(name).join('')).toBe(name);
    }
    const lines = wrapText('স্ত্রীশক্তিদলক্ষমতায়নসমিতিক্ষেত্রমিত্র', 60, 13);
    for (const l of lines) expect(l).not.toMatch(/^[\u09BE-\u09CD]/u); // no line starts with a vowel sign or virama
  });

  it('CSV in Bengali changes the stakeholder column only, and imports back onto the same stakeholders', () => {
    const sessions = exportSessions(study);
    const english = studyCsv(study, sessions, true).split('\r\n');
    const bengali = studyCsv(study, sessions, true, 'bn').split('\r\n');
    expect(bengali[0]).toBe(english[0]);
    expect(bengali).toHaveLength(english.length);
    const col = (line: string, i: number) => line.split(',')[i];
    for (let i = 1; i < english.length - 1; i++) for (const c of [0, 1, 2, 3, 5, 6, 7, 8, 9, 10]) expect(col(bengali[i]!, c)).toBe(col(english[i]!, c));
    expect(bengali.some((l) => col(l, 4) === LABELS.bn.police!.name)).toBe(true);
    const parsed = parseLongFormat(bengali.join('\r\n'));
    expect(parsed.errors).toEqual([]);
    let id = 0;
    const plan = planImport(study, [], parsed.rows, { newId: () => `new-${++id}`, now: NOW });
    expect(plan.ok).toBe(true);
    if (plan.ok) expect(plan.newStakeholders).toEqual([]);
  });
});

/**
 * A fontconfig that sees only DejaVu and Liberation: whatever the machine has installed
 * (Debian's fonts-noto-core, say), Chromium then has no Bengali or Devanagari face of its
 * own, so any letter the shipped Noto faces did not cover would come out as a box.
 */
function fontconfigWithoutIndicFaces(dir: string): string {
  const folders = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation', '/usr/share/fonts/truetype/liberation2'].filter((d) => existsSync(d));
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${folders.map((d) => `  <dir>${d}</dir>`).join('\n')}\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

describe('pimap report and export with --lang (Chromium, system Indic fonts hidden)', () => {
  let data: string;
  let browser: Browser;
  let check: Checker;
  const previousFontconfig = process.env.FONTCONFIG_FILE;
  const pdfs: Partial<Record<'bn' | 'hi', Buffer>> = {};

  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'pimap-lang-'));
    // The CLI's Chromium inherits this process's environment.
    process.env.FONTCONFIG_FILE = fontconfigWithoutIndicFaces(data);
    for (const lang of ['bn', 'hi'] as const) {
      const study = { ...labelledStudy(lang), id: `study-${lang}` };
      writeStudyFolder(data, study, exportSessions(study));
      const out = join(data, `report-${lang}.pdf`);
      const run = await runPimap('--data', data, 'report', study.id, '--out', out, '--lang', lang, '--permutations', '99', '--seed', '5');
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Wrote .*report-(bn|hi)\.pdf: 9 sessions, [\d,]+ bytes\n$/); // the CLI still speaks English
      pdfs[lang] = readFileSync(out);
    }
    browser = await launchChromium();
    check = await openChecker(browser);
  }, 120_000);

  afterAll(async () => {
    if (previousFontconfig === undefined) delete process.env.FONTCONFIG_FILE;
    else process.env.FONTCONFIG_FILE = previousFontconfig;
    await check?.close();
    await browser?.close();
    if (data) rmSync(data, { recursive: true, force: true });
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

  for (const [lang, family] of [
    ['bn', 'NotoSansBengali'],
    ['hi', 'NotoSansDevanagari'],
  ] as const) {
    const text = EXPORT_TEXTS[lang];

    it(`${lang}: the report embeds the regular and bold ${family} faces (and the semibold), and no other font`, () => {
      const fonts = pdfFonts(pdfs[lang]!);
      expect(fonts).toMatch(new RegExp(`\\+${family}-Regular\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`));
      expect(fonts).toMatch(new RegExp(`\\+${family}-Bold\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`));
      // Only the shipped faces (semibold: the maps' chip labels, as on screen): a fallback
      // font here would mean a letter they do not cover.
      for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/^[A-Z]{6}\+NotoSans(Bengali|Devanagari)-(Regular|SemiBold|Bold)\s.*\byes\s+yes\s+yes\b/);
    });

    it(`${lang}: pdftotext reads the methods note, the caveats and the tables back in ${lang === 'bn' ? 'Bengali' : 'Hindi'}`, () => {
      const t = squash(pdfTextRaw(pdfs[lang]!));
      for (const s of [
        text.report.methods,
        text.report.methodsIntro,
        text.report.axesHeading,
        text.report.statisticsHeading,
        ...text.report.statistics.flatMap((s) => [s.term, s.definition]),
        text.report.permutations.replace('{{permutations}}', '99').replace('{{seed}}', '5'),
        text.report.sessionsNotIndividuals,
        text.report.exploratory,
        text.report.divergence,
        text.report.dictionary,
        text.report.csvColumns.status!,
        text.report.summary.heading,
        text.report.summary.disagreeMost.split('{{names}}')[0]!,
        fillText(text.report.summary.nameWithN, { name: LABELS[lang].police!.name, n: 9, cohorts: 3 }),
        text.zones.hp_li,
      ])
        expect(t, s).toContain(squash(s));
      const study = labelledStudy(lang);
      expect(t).toContain(squash(study.axes.power));
      for (const label of Object.values(LABELS[lang])) expect(t, label.name).toContain(squash(label.name));
      expect(t).toContain(squash('Women Development Officer')); // no label: its English name
      for (const english of ['Methods note', 'Statistics used', 'Divergence table', 'High power', 'p-values are exploratory']) expect(t).not.toContain(squash(english));
    });

    it(`${lang}: keeps the methods note to one page: the report has the pages the layout rule predicts`, () => {
      // 9 sessions, 13 stakeholders compared: the same 20 pages as the English report.
      expect(pdfInfo(pdfs[lang]!)).toMatch(new RegExp(`Pages:\\s+${expectedReportPages(9, 13)}\\n`));
    });

    it(`${lang}: the methods page looks like the reviewed reference`, async () => {
      expect(await matchesReference(`report-methods-${lang}.png`, pdfPagePng(pdfs[lang]!, 2, 120))).toBeLessThan(TOLERANCE);
    });
  }

  it('export --format svg --lang hi writes the zone names, roles, legend and chips in Hindi', async () => {
    const out = join(data, 'map-hi.svg');
    const run = await runPimap('--data', data, 'export', 'study-hi', '--format', 'svg', '--session', 'FGD 1', '--out', out, '--lang', 'hi');
    expect(run.stdout).toMatch(/^Wrote .*map-hi\.svg \([\d,]+ bytes\)\n$/);
    const svg = readFileSync(out, 'utf8');
    expect(await check.xmlError(svg)).toBeNull();
    const texts = await check.svgTexts(svg);
    const hi = EXPORT_TEXTS.hi;
    for (const zone of Object.values(hi.zones)) expect(texts).toContain(zone);
    // The map scene draws a zone's role as its own run after the name, " · <role>", as the editor does.
    for (const role of Object.values(hi.zoneRoles)) expect(texts).toContain(` · ${role}`);
    expect(texts).toContain(hi.map.legend);
    expect(texts).toContain('सत्र FGD 1  ·  समूह: सर्वाइवर  ·  दौर: बेसलाइन  ·  तारीख़: 2026-02-11');
    for (const id of ['police', 'gram-panchayat', 'asha']) expect(texts).toContain(LABELS.hi[id]!.short);
    expect(svg).toContain('xml:lang="hi"');
    expect(texts.join('\n')).not.toMatch(/High power|Legend|Session FGD/);
  });

  it('export --format csv --lang bn names stakeholders in Bengali; json refuses --lang', async () => {
    const out = join(data, 'bn.csv');
    expect((await runPimap('--data', data, 'export', 'study-bn', '--format', 'csv', '--out', out, '--lang', 'bn')).exitCode).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFstudy,session,cohort,round,stakeholder,status,power,interest,contested,alt_power,alt_interest,note\r\n')).toBe(true);
    expect(csv).toContain(`,${LABELS.bn.police!.name},placed,`);
    const json = await runPimap('--data', data, 'export', 'study-bn', '--format', 'json', '--out', join(data, 'x.json'), '--lang', 'bn');
    expect(json.exitCode).not.toBe(0);
    expect(json.stderr).toContain('--lang does not apply to json');
    expect(existsSync(join(data, 'x.json'))).toBe(false);
    // A real child process: commander exits the process on a bad choice.
    const bad = spawnPimap('--data', data, 'report', 'study-bn', '--out', join(data, 'x.pdf'), '--lang', 'fr');
    expect(bad.exitCode).not.toBe(0);
    expect(existsSync(join(data, 'x.pdf'))).toBe(false);
    expect(bad.stderr).toMatch(/Allowed choices are en, bn, hi/);
  });

  it('the host operation the export dialog calls words the picture in the language it is given', async () => {
    const ops = exportHandlers({ repository: new StudyRepository(data), version: '0' });
    const session = exportSessions({ ...labelledStudy('bn'), id: 'study-bn' })[0]!;
    const file = await ops.exportSession({ studyId: 'study-bn', sessionId: session.id, format: 'svg', redact: true, language: 'bn' });
    const svg = Buffer.from(file.base64, 'base64').toString('utf8');
    for (const zone of Object.values(EXPORT_TEXTS.bn.zones)) expect(svg).toContain(`>${zone}</text>`);
    expect(svg).toContain(`>${EXPORT_TEXTS.bn.map.redacted}</text>`);
    const english = await ops.exportSession({ studyId: 'study-bn', sessionId: session.id, format: 'svg', redact: true });
    expect(Buffer.from(english.base64, 'base64').toString('utf8')).toContain('>High power, low interest</text>');
  });
});
