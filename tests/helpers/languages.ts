import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../electron/services/chromiumPath';
import { defaultAxes, defaultCohorts, defaultRounds } from '../../shared/model/defaults';
import type { Session } from '../../shared/model/session';
import type { Language, Stakeholder } from '../../shared/model/stakeholder';
import type { Study } from '../../shared/model/study';
import { generateStudy, loadLibrary } from './studyGenerator';

/**
 * Helpers for checking the app in Bengali and Hindi on a machine without Indic fonts:
 * a fontconfig that shows Chromium only the DejaVu and Liberation faces (so any Bengali
 * or Devanagari it draws must come from the app's own web fonts, whether or not
 * fonts-noto-core is installed here), a study worded in the language, and the share of
 * a page's letters in a script.
 */

export const SCRIPTS = { bn: /\p{Script=Bengali}/u, hi: /\p{Script=Devanagari}/u } as const;
export const SHIPPED_FAMILY = { bn: 'Noto Sans Bengali', hi: 'Noto Sans Devanagari' } as const;

/** Font folders that hold no Indic faces; the ones present on this machine are listed. */
const LATIN_ONLY_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation', '/usr/share/fonts/truetype/liberation2'];

/**
 * Write `<dir>/fonts.conf` that lists only the DejaVu and Liberation folders; returns its
 * path. The system's conf.d is left out on purpose (it can add the user's own font
 * folders); the generic families point at DejaVu Sans, as on a stock Debian.
 */
export function writeLatinOnlyFontsConf(dir: string): string {
  mkdirSync(join(dir, 'fc-cache'), { recursive: true });
  const dirs = LATIN_ONLY_DIRS.filter((d) => existsSync(d));
  if (!dirs.length) throw new Error(`None of ${LATIN_ONLY_DIRS.join(', ')} exists: the test needs DejaVu or Liberation fonts`);
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${dirs.map((d) => `  <dir>${d}</dir>`).join('\n')}\n  <cachedir>${join(dir, 'fc-cache')}</cachedir>\n  <alias><family>sans-serif</family><prefer><family>DejaVu Sans</family></prefer></alias>\n  <alias><family>system-ui</family><prefer><family>DejaVu Sans</family></prefer></alias>\n</fontconfig>\n`,
  );
  return file;
}

/** Headless Chromium that sees only the faces of `fontsConf`. */
export async function launchWithFontsConf(fontsConf: string): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true, env: { ...process.env, FONTCONFIG_FILE: fontsConf } as Record<string, string> });
}

/** Letters (with their vowel signs) of a text that belong to `script`, as a share of all letters. */
export function scriptShare(text: string, script: RegExp): number {
  const letters = [...text].filter((c) => /[\p{L}\p{M}]/u.test(c));
  return letters.filter((c) => script.test(c)).length / Math.max(1, letters.length);
}

const TITLES: Record<Language, string> = {
  en: 'Duty bearers in Nadia and Murshidabad',
  bn: 'নদিয়া ও মুর্শিদাবাদের দায়িত্বপ্রাপ্ত কর্তৃপক্ষ',
  hi: 'नदिया और मुर्शिदाबाद के कर्तव्य-धारक',
};
const PLACES: Record<Language, string[]> = {
  en: ['Krishnanagar', 'Ranaghat', 'Berhampore'],
  bn: ['কৃষ্ণনগর', 'রানাঘাট', 'বহরমপুর'],
  hi: ['कृष्णनगर', 'राणाघाट', 'बहरमपुर'],
};

/**
 * A study as someone working in `lang` would have it: created in that language (axes,
 * cohorts, rounds), the default library with its labels, sessions at different stages
 * with places written in the language. Notes are left out (they are the group's words).
 */
export function studyIn(lang: Language, id = `study-${lang}`): { study: Study; sessions: Session[] } {
  const { study, sessions } = generateStudy({ sessions: 8, stakeholders: 24, endlinePairs: 2, seed: 11 });
  const library: Stakeholder[] = loadLibrary();
  study.id = id;
  study.title = TITLES[lang];
  study.description = '';
  study.axes = defaultAxes(lang);
  study.cohorts = defaultCohorts(lang);
  study.rounds = defaultRounds(lang);
  study.stakeholders = library;
  sessions.forEach((s, i) => {
    s.studyId = id;
    s.place = PLACES[lang][i % 3]!;
    s.date = `2026-0${1 + (i % 3)}-${String(4 + i * 2).padStart(2, '0')}`;
    for (const p of Object.values(s.placements)) p.note = '';
    if (i === 0) Object.keys(s.placements).slice(16).forEach((k) => delete s.placements[k]);
  });
  return { study, sessions };
}

/** The page's visible text (what a reader sees, not what a screen reader hears). */
export async function visibleText(page: Page, selector = 'body'): Promise<string> {
  return page.locator(selector).first().innerText();
}

/** Families Chromium really used to draw a node's text (CDP), with glyph counts. */
export async function platformFonts(page: Page, selector: string): Promise<{ familyName: string; postScriptName: string; isCustomFont: boolean; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`${selector} is not on the page`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts as { familyName: string; postScriptName: string; isCustomFont: boolean; glyphCount: number }[];
  } finally {
    await cdp.detach();
  }
}
