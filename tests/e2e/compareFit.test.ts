import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, type WatchedPage } from '../helpers/browser';
import { startPreview, type Preview } from '../helpers/preview';
import { GENERATED_FIXTURE, generateStudy } from '../helpers/studyGenerator';

// The compare view at projector and laptop sizes: the divergence table shows n, centroids,
// zone, agreement, q, Divergent and Unknown without sideways scrolling, and the plain-language
// summary starts in the first screen. With PIMAP_README_SHOTS=1 the 1366 screenshot goes to
// resources/readme/compare-1366.png; otherwise to a temporary folder.
const root = join(import.meta.dirname, '..', '..');
const shotsDir = process.env.PIMAP_README_SHOTS === '1' ? join(root, 'resources', 'readme') : join(tmpdir(), 'pimap-compare-fit-shots');

let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
const { study, sessions } = generateStudy(GENERATED_FIXTURE);

async function api<T>(op: string, payload: unknown = {}): Promise<T> {
  const res = await fetch(`${preview.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${preview.token}` },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message);
  return body.value;
}

beforeAll(async () => {
  mkdirSync(shotsDir, { recursive: true });
  preview = await startPreview();
  browser = await launchBrowser();
  await api('setPrefs', { language: 'en', languageChosen: true });
  await api('createStudy', { study });
  for (const session of sessions) await api('saveSession', { session, baseRevision: 0 });
  watched = await newPage(browser);
  page = watched.page;
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

interface Fit {
  tableWidth: number;
  scrollWidth: number;
  clientWidth: number;
  summaryTop: number;
  viewportHeight: number;
  /** Columns whose header lies wholly inside the table's visible part. */
  visible: string[];
  /** A cohort cell's n and centroid, shown. */
  cohortCellShown: boolean;
}

// Runs in the page (e2e code is type-checked without the DOM, so it is passed as text).
const MEASURE = `(() => {
  const table = document.querySelector('[data-testid="divergence-table"]');
  const scroll = document.querySelector('[data-testid="divergence-scroll"]');
  // The visible part of the scrolling box: inside its border, left of any scroll bar.
  const left = scroll.getBoundingClientRect().left + scroll.clientLeft;
  const right = left + scroll.clientWidth;
  const inside = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= left - 0.5 && r.right <= right + 0.5;
  };
  const visible = [...table.querySelectorAll('thead th[data-column]')].filter(inside).map((th) => th.getAttribute('data-column'));
  const cell = table.querySelector('tbody tr td[data-cohort]');
  const n = cell && cell.querySelector('.cohort-n');
  const centroid = cell && cell.querySelector('.cohort-centroid');
  return {
    tableWidth: table.getBoundingClientRect().width,
    scrollWidth: scroll.scrollWidth,
    clientWidth: scroll.clientWidth,
    summaryTop: document.querySelector('.compare-summary').getBoundingClientRect().top,
    viewportHeight: window.innerHeight,
    visible,
    cohortCellShown: !!n && !!centroid && inside(n) && inside(centroid),
  };
})()`;
const measure = (): Promise<Fit> => page.evaluate<Fit>(MEASURE);

describe('the compare view fits the screen', () => {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`at ${width}×${height}: the table without sideways scrolling, the summary in the first screen`, async () => {
      await page.setViewportSize({ width, height });
      // A fresh load, at the top of the page, as a user arrives.
      await page.goto('about:blank');
      await page.goto(`${preview.url}#/study/${study.id}/compare`);
      await page.locator('[data-testid="compare-status"][data-state="ready"]').waitFor({ timeout: 30_000 });
      await page.locator('.compare-summary').waitFor();
      const fit = await measure();
      expect(fit.scrollWidth, JSON.stringify(fit)).toBeLessThanOrEqual(fit.clientWidth);
      expect(fit.tableWidth).toBeLessThanOrEqual(fit.clientWidth + 0.5);
      for (const col of ['stakeholder', 'cohort', 'zone', 'agreement', 'q', 'divergent', 'unknown']) expect(fit.visible, col).toContain(col);
      expect(fit.visible.filter((c) => c === 'cohort')).toHaveLength(study.cohorts.length);
      expect(fit.cohortCellShown).toBe(true);
      expect(fit.summaryTop).toBeGreaterThan(0);
      expect(fit.summaryTop).toBeLessThan(fit.viewportHeight);
      // The summary's first finding is readable in the first screen too, not only its edge.
      const first = await page.locator('.compare-summary .finding').first().boundingBox();
      expect(first!.y + first!.height).toBeLessThanOrEqual(fit.viewportHeight);

      // The spread test is one click away; at 1920 even every column fits (at 1366 all nine scroll).
      await page.getByTestId('column-chooser').locator('summary').click();
      await page.getByRole('group', { name: 'Columns shown' }).getByRole('checkbox', { name: 'Spread p' }).check();
      const more = await measure();
      if (width === 1920) {
        expect(more.visible).toContain('spread');
        expect(more.scrollWidth, JSON.stringify(more)).toBeLessThanOrEqual(more.clientWidth);
      }
      await page.getByRole('group', { name: 'Columns shown' }).getByRole('button', { name: 'Default columns' }).click();
      await page.getByTestId('column-chooser').locator('summary').click();
      await page.evaluate('window.scrollTo(0, 0)');

      if (width === 1366) {
        await page.mouse.move(0, 0);
        await page.screenshot({ path: join(shotsDir, 'compare-1366.png') });
      }
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.outsideRequests).toEqual([]);
    });
  }
});
