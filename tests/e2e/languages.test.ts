import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/model/stakeholder';
import { launchWithFontsConf, platformFonts, SCRIPTS, scriptShare, SHIPPED_FAMILY, studyIn, visibleText, writeLatinOnlyFontsConf } from '../helpers/languages';
import { newPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';

// The app in Bengali and in Hindi, end to end, on a Chromium that sees no system
// Bengali or Devanagari face at all (its fontconfig lists only DejaVu and Liberation):
// whatever Indic text it draws comes from the fonts the app ships. The language is
// chosen the way a person does on first start, and then the studies list, a study and
// the map editor must read in that script, say so in <html lang>, and draw headings and
// bold text with the shipped Noto faces (their bold and semibold files, not a
// synthesised bold of the regular one and not a system face).
let preview: Preview;
let browser: Browser;
let tmp: string;

const api = <T = unknown>(op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);

/** A new session file: base revision 0, nothing on disk yet. */
async function saveNewSession(session: unknown): Promise<void> {
  await api('saveSession', { session, baseRevision: 0 });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'pimap-lang-'));
  preview = await startPreview();
  browser = await launchWithFontsConf(writeLatinOnlyFontsConf(tmp));
  for (const lang of ['bn', 'hi'] as const) {
    const { study, sessions } = studyIn(lang);
    await api('createStudy', { study });
    for (const session of sessions) await saveNewSession(session);
  }
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** `<html lang>` as the page has it now. */
const htmlLang = (page: Page): Promise<string | null> => page.locator('html').getAttribute('lang');

/** The fonts of a node's text: the shipped face must draw it, in a real bold or semibold file. */
async function expectShippedBoldFace(page: Page, selector: string, lang: 'bn' | 'hi', face = /-(SemiBold|Bold)$/): Promise<void> {
  const fonts = await platformFonts(page, selector);
  const shipped = fonts.filter((f) => f.familyName === SHIPPED_FAMILY[lang] && f.isCustomFont && f.glyphCount > 0);
  expect(shipped, `${selector}: ${JSON.stringify(fonts)}`).not.toEqual([]);
  for (const f of shipped) expect(f.postScriptName, `${selector}: ${JSON.stringify(f)}`).toMatch(face);
  // No system face drew any of it (there is none to draw with here: that is the point).
  expect(fonts.filter((f) => !f.isCustomFont && /Bengali|Devanagari|Lohit|Mukti|Gargi|Kalimati/i.test(f.familyName))).toEqual([]);
}

describe.each(['bn', 'hi'] as const)('the app in %s without system Indic fonts', (lang: Language & ('bn' | 'hi')) => {
  const script = SCRIPTS[lang];
  let page: Page;

  beforeAll(async () => {
    await api('setPrefs', { language: 'en', languageChosen: false, lastStudyId: null });
    page = (await newPage(browser)).page;
    await page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => page?.close());

  it('offers the language on first start, in its own script, and keeps the choice', async () => {
    await page.goto(`${preview.url}#/`);
    const choice = page.locator('.language-choice');
    await choice.waitFor();
    expect(await htmlLang(page)).toBe('en');
    await choice.locator(`button[lang="${lang}"]`).click();
    await expect.poll(() => htmlLang(page)).toBe(lang);
    await choice.waitFor({ state: 'detached' });
    const prefs = (await api('getPrefs', {})) as { language: string; languageChosen?: boolean };
    expect(prefs).toMatchObject({ language: lang, languageChosen: true });
    // A new start comes up in the language straight away.
    await page.reload();
    await page.locator('h1').waitFor();
    expect(await htmlLang(page)).toBe(lang);
    expect(await page.locator('.language-choice').count()).toBe(0);
  });

  it('shows the studies list in its script, with the shipped bold faces', async () => {
    await page.goto(`${preview.url}#/`);
    await page.locator('.study-card-title a').first().waitFor();
    const text = await visibleText(page);
    expect(scriptShare(text, script), text).toBeGreaterThan(0.6);
    await expectShippedBoldFace(page, 'h1', lang);
    await expectShippedBoldFace(page, `.study-card-title a[href="#/study/study-${lang}"]`, lang);
    // The first words laid out on a page (the top bar's) once stayed in a fallback face, as boxes.
    await expectShippedBoldFace(page, '.app-bar-field', lang, /-Regular$/);
  });

  it('shows a study in its script, table headers in the shipped bold face', async () => {
    await page.goto(`${preview.url}#/study/study-${lang}`);
    await page.locator('.sessions-table thead th').first().waitFor();
    const text = await visibleText(page);
    expect(scriptShare(text, script), text).toBeGreaterThan(0.6);
    expect(await htmlLang(page)).toBe(lang);
    await expectShippedBoldFace(page, 'h1', lang);
    await expectShippedBoldFace(page, '.sessions-table thead th', lang);
  });

  it('shows the map editor in its script: tray chips, table, session title', async () => {
    await page.goto(`${preview.url}#/study/study-${lang}/session/s-0001`);
    await page.locator('.map-canvas[data-plot]').waitFor();
    const text = await visibleText(page);
    expect(scriptShare(text, script), text).toBeGreaterThan(0.6);
    expect(await htmlLang(page)).toBe(lang);
    await expectShippedBoldFace(page, 'h1.session-title', lang);
  });
});
