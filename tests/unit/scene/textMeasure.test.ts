import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textMetricsSource } from '../../../electron/build/writeTextMetrics';
import { embeddedFontCss } from '../../../electron/services/export/fonts';
import { mapTextWidth } from '../../../shared/scene/textMeasure';
import { launchChromium } from '../export/chromiumCheck';

// The map's one text measure against the truth: the width Chromium shapes the bundled
// faces to (the faces the exports embed, loaded from the same files as the screen's), for
// every stakeholder label of the library and every map wording in English, Bengali and
// Hindi. Labels must fit their boxes, so the measure may err wide but never narrow; for
// Latin text it is the width itself but for kerning (which only narrows a pair).

const root = join(import.meta.dirname, '../../..');
const library = JSON.parse(readFileSync(join(root, 'resources/stakeholders.json'), 'utf8')) as {
  stakeholders: { short: string; name: string; labels: Record<string, { short: string; name: string }> }[];
};

/** Every string of a catalogue, placeholders filled with a short word. */
function strings(o: unknown, out: string[] = []): string[] {
  if (typeof o === 'string') out.push(o.replace(/\{\{\w+\}\}/g, 'X'));
  else if (o && typeof o === 'object') for (const v of Object.values(o)) strings(v, out);
  return out;
}

const texts = { latin: [] as string[], indic: [] as string[] };
for (const s of library.stakeholders) {
  texts.latin.push(s.short, s.name);
  for (const l of ['bn', 'hi']) if (s.labels[l]) texts.indic.push(s.labels[l].short, s.labels[l].name);
}
for (const lang of ['bn', 'hi']) {
  const common = JSON.parse(readFileSync(join(root, `renderer/src/i18n/locales/${lang}/common.json`), 'utf8')) as Record<string, unknown>;
  texts.indic.push(...strings(common.zones), ...strings(common.zoneRoles));
  const editor = JSON.parse(readFileSync(join(root, `renderer/src/i18n/locales/${lang}/editor.json`), 'utf8')) as Record<string, unknown>;
  texts.indic.push(...strings(editor).filter((t) => t.length < 60));
}

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent(`<html><head><style>${embeddedFontCss()}</style></head><body></body></html>`);
  await page.evaluate(`Promise.all([400, 600, 700].flatMap((w) => [
    document.fonts.load(w + " 16px 'Noto Sans'", 'Aa'),
    document.fonts.load(w + " 16px 'Noto Sans Bengali'", 'অআ'),
    document.fonts.load(w + " 16px 'Noto Sans Devanagari'", 'अआ'),
  ])).then(() => document.fonts.ready)`);
});
afterAll(async () => {
  await browser?.close();
});

async function shaped(list: string[], weight: number): Promise<number[]> {
  return (await page.evaluate(
    `((list) => { const c = document.createElement('canvas').getContext('2d'); c.font = "${weight} 100px 'Noto Sans', 'Noto Sans Bengali', 'Noto Sans Devanagari'"; return list.map((t) => c.measureText(t).width); })(${JSON.stringify(list)})`,
  )) as number[];
}

describe('the map text measure against Chromium’s shaping of the bundled faces', () => {
  it('reads the committed table, which is what the generator writes from the font files (and Chromium’s shaping)', async () => {
    expect(readFileSync(join(root, 'shared/scene/textMetrics.ts'), 'utf8')).toBe(await textMetricsSource());
  }, 60_000);

  for (const weight of [400, 600, 700]) {
    it(`weight ${weight}: Latin labels measure their drawn width, never narrower and at most 3 % wider (kerning: "Te")`, async () => {
      const real = await shaped(texts.latin, weight);
      const off = texts.latin.filter((t, i) => {
        const ratio = mapTextWidth(t, 100, String(weight)) / real[i]!;
        return ratio < 0.995 || ratio > 1.03;
      });
      expect(off).toEqual([]);
    });

    it(`weight ${weight}: Bengali and Hindi labels and wording never measure narrower than drawn`, async () => {
      expect(texts.indic.length).toBeGreaterThan(100);
      const real = await shaped(texts.indic, weight);
      const narrow = texts.indic.filter((t, i) => mapTextWidth(t, 100, String(weight)) < real[i]! * 0.995).map((t) => `${t}: ${mapTextWidth(t, 100, String(weight)).toFixed(1)} < ${real[texts.indic.indexOf(t)]!.toFixed(1)}`);
      expect(narrow).toEqual([]);
    });
  }
});
