import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_TEXTS } from '../../electron/services/export/exportTexts';
import { newSession, newStudy } from '../../shared/model/defaults';
import type { Placement, Session } from '../../shared/model/session';
import { StakeholderLibrarySchema, type Language } from '../../shared/model/stakeholder';
import { launchBrowser, newPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';

// The app's exports follow the language of the interface: a facilitator working in
// Bengali gets a Bengali map, one working in Hindi a Hindi report, with no choice to make.
// Driven through the real UI of the browser preview; the files are the browser's
// downloads, read back (the SVG's text, the PDF's text and fonts).
const root = join(import.meta.dirname, '..', '..');
const library = StakeholderLibrarySchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'stakeholders.json'), 'utf8'))).stakeholders;
const catalogue = (lang: Language) => JSON.parse(readFileSync(join(root, 'renderer', 'src', 'i18n', 'locales', lang, 'export.json'), 'utf8')) as { open: { map: string; study: string } };
const NOW = '2026-03-10T10:00:00.000Z';
/** Screenshots of the dialog, to look at (PIMAP_EXPORT_SHOTS names a folder to keep them in). */
const shotsDir = process.env.PIMAP_EXPORT_SHOTS ?? join(tmpdir(), 'pimap-export-shots');

const placed = (power: number, interest: number): Placement => ({ status: 'placed', position: { power, interest }, contested: false, alt: null, note: '' });
const study = newStudy({ id: 'e2e-export-language', title: 'Nadia e2e', now: NOW, stakeholders: library });
const sessions: Session[] = ['FGD 1', 'FGD 2', 'FGD 3', 'DB-1'].map((code, i) => ({
  ...newSession({ id: `s-${i}`, studyId: study.id, code, kind: 'fgd', cohortId: code.startsWith('DB') ? 'duty-bearers' : 'survivors', roundId: 'baseline', now: NOW, consent: true }),
  placements: { bdo: placed(8 - i * 0.3, 2 + i * 0.2), police: placed(9 - i * 0.2, 1.5 + i * 0.3), 'gram-panchayat': placed(7, 3 - i * 0.4) },
}));

let preview: Preview;
let browser: Browser;
let page: Page;
let tmp: string;

const api = <T = unknown>(op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);

/** A new session file: base revision 0, nothing on disk yet. */
async function saveNewSession(session: Session): Promise<void> {
  await api('saveSession', { session, baseRevision: 0 });
}

/** Click the dialog's Export button and take the browser's download. */
async function download(timeout = 90_000): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), page.getByTestId('export-submit').click()]);
  return readFileSync(await file.path());
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'pimap-e2e-lang-export-'));
  mkdirSync(shotsDir, { recursive: true });
  preview = await startPreview();
  browser = await launchBrowser();
  await api('createStudy', { study });
  for (const s of sessions) await saveNewSession(s);
  page = (await newPage(browser)).page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('exports in the language of the interface', () => {
  it('in Bengali, the map exported as SVG has Bengali zone names, legend and stakeholder labels', async () => {
    await api('setPrefs', { language: 'bn', languageChosen: true });
    await page.goto(`${preview.url}#/study/${study.id}/session/s-0`);
    await page.locator('.map-canvas canvas').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: catalogue('bn').open.map }).click();
    await page.getByRole('dialog').waitFor();
    await expect(page.getByTestId('export-language').inputValue()).resolves.toBe('bn');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shotsDir, 'export-dialog-bn.png') });
    const svg = (await download(60_000)).toString('utf8');
    const bn = EXPORT_TEXTS.bn;
    expect(svg).toContain('xml:lang="bn"');
    for (const zone of Object.values(bn.zones)) expect(svg).toContain(`>${zone}</text>`);
    expect(svg).toContain(`>${bn.map.legend}</text>`);
    for (const id of ['bdo', 'police', 'gram-panchayat']) {
      const label = library.find((s) => s.id === id)!.labels.bn;
      if (label) expect(svg).toContain(`>${label.short}</text>`);
    }
    expect(svg).not.toContain('High power');
  });

  it('in Hindi, the printable report is in Hindi: methods note read back, Devanagari faces embedded', async () => {
    await api('setPrefs', { language: 'hi', languageChosen: true });
    await page.goto(`${preview.url}#/study/${study.id}`);
    // Only the hash changed: load the app again so it reads the new language.
    await page.reload();
    await page.getByRole('button', { name: catalogue('hi').open.study }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type="radio"][value="report-pdf"]').check();
    const pdf = join(tmp, 'report-hi.pdf');
    writeFileSync(pdf, await download());
    const hi = EXPORT_TEXTS.hi;
    const squash = (s: string) => s.replace(/\s+/g, '');
    // Content-stream order: the default reading order can move half a conjunct (see tests/unit/export/chromiumCheck.ts).
    const text = squash(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
    for (const s of [hi.report.methods, hi.report.methodsIntro, hi.report.sessionsNotIndividuals, hi.report.exploratory, hi.report.divergence]) expect(text).toContain(squash(s));
    expect(text).not.toContain('Methodsnote');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansDevanagari-Regular/);
    expect(fonts).toMatch(/NotoSansDevanagari-Bold/);
  });
});
