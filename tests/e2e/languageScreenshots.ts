/**
 * Screenshots of every page in Bengali and Hindi, at 1366×768 and 1920×1080, in normal
 * and large text, on a Chromium that sees no system Indic fonts (as the languages e2e
 * test does), for checking layouts by eye: Bengali and Devanagari run longer and taller
 * than English. Prints how much of each page's text is in the language's script.
 *
 *   npx electron-vite build && npx tsx tests/e2e/languageScreenshots.ts [out-dir]
 *   npx tsx tests/e2e/languageScreenshots.ts --readme     resources/readme/editor-bn.png
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithFontsConf, SCRIPTS, scriptShare, studyIn, visibleText, writeLatinOnlyFontsConf } from '../helpers/languages';
import { startPreview, type Preview } from '../helpers/preview';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function call(preview: Preview, op: string, payload: unknown): Promise<unknown> {
  const res = await fetch(`${preview.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${preview.token}` },
    body: JSON.stringify(payload),
  });
  const r = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
  return r.value;
}

async function main(): Promise<void> {
  const readme = process.argv.includes('--readme');
  const out = readme ? join(repo, 'resources', 'readme') : resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(repo, 'out', 'screenshots', 'languages'));
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'pimap-lang-shots-'));
  const preview = await startPreview();
  const browser = await launchWithFontsConf(writeLatinOnlyFontsConf(tmp));
  try {
    for (const lang of ['bn', 'hi'] as const) {
      const { study, sessions } = studyIn(lang);
      await call(preview, 'createStudy', { study });
      for (const session of sessions) {
        await call(preview, 'saveSession', { session, baseRevision: 0 });
      }
    }
    const pages = (lang: string) =>
      [
        ['studies', '#/', '.study-card-title a'],
        ['study', `#/study/study-${lang}`, '.sessions-table thead th'],
        ['stakeholders', `#/study/study-${lang}/stakeholders`, 'table'],
        ['groups', `#/study/study-${lang}/groups`, 'table'],
        ['settings', `#/study/study-${lang}/settings`, 'input'],
        ['editor', `#/study/study-${lang}/session/s-0001`, '.map-canvas[data-plot]'],
        ['compare', `#/study/study-${lang}/compare`, '.compare-grid, canvas'],
      ] as const;
    const runs = readme ? ([['bn', false, 1366, 768]] as const) : (['bn', 'hi'] as const).flatMap((lang) => [false, true].flatMap((large) => [[lang, large, 1366, 768] as const, [lang, large, 1920, 1080] as const]));
    for (const [lang, large, width, height] of runs) {
      await call(preview, 'setPrefs', { language: lang, languageChosen: true, largeText: large });
      const page = await browser.newPage({ viewport: { width, height } });
      const tag = `${lang}-${width}${large ? '-large' : ''}`;
      for (const [name, hash, ready] of pages(lang)) {
        if (readme && name !== 'editor') continue;
        await page.goto(`${preview.url}${hash}`);
        await page.locator(ready).first().waitFor();
        // The compare page draws after its analysis; the others settle at once.
        await page.waitForTimeout(name === 'compare' ? 3000 : 300);
        await page.mouse.move(0, height - 1);
        await page.screenshot({ path: join(out, readme ? `editor-${lang}.png` : `${name}-${tag}.png`) });
        if (!readme) console.log(`${tag} ${name}: ${Math.round(scriptShare(await visibleText(page), SCRIPTS[lang]) * 100)}% of the letters in the script`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await preview.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`Screenshots in ${out}`);
}

await main();
