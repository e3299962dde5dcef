import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Placement, Session } from '../../shared/model/session';
import type { ZoneId } from '../../shared/model/zones';
import { emptySession, libraryStudy, realisticSession } from '../component/editor/fixtures';
import { launchBrowser, newPage, type WatchedPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';

// Labels that never lie, at the sizes a facilitator meets (laptops, projectors), in normal
// and large text, in English, Bengali and Hindi: every chip's label lies (mostly) in its
// own chip's zone, no two labels cover each other, the axis wordings are whole, and the
// grid keeps at least half of the window's height. Everything is read from the page: the
// DOM twin's data-label-box and data-zone, the canvas's data-grid-box and data-axis-cut.
// Screenshots of each case go to a temporary folder for looking at.

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const LANGUAGES = ['en', 'bn', 'hi'] as const;
const shotsDir = join(tmpdir(), 'pimap-label-shots');

let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
const study = libraryStudy();
const realistic = realisticSession(study);

// Twenty stakeholders the group put close together at high power and low interest: the
// study's typical picture, at its most crowded.
const crowded: Session = (() => {
  const base = emptySession(study, { id: 'fgd-crowded', code: 'FGD 9' });
  const placements: Record<string, Placement> = {};
  study.stakeholders.slice(0, 20).forEach((s, i) => {
    placements[s.id] = { status: 'placed', position: { power: 6.2 + (i % 5) * 0.8, interest: 0.6 + Math.floor(i / 5) * 1.0 }, contested: false, alt: null, note: '' };
  });
  return { ...base, placements };
})();

const api = <T = unknown>(op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);

beforeAll(async () => {
  mkdirSync(shotsDir, { recursive: true });
  preview = await startPreview();
  browser = await launchBrowser();
  await api('createStudy', { study });
  await api('saveSession', { session: realistic, baseRevision: 0 });
  await api('saveSession', { session: crowded, baseRevision: 0 });
  watched = await newPage(browser);
  page = watched.page;
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

type Box = { x: number; y: number; width: number; height: number };
interface Drawn {
  grid: Box;
  axisCut: string;
  labels: { id: string; zone: ZoneId; box: Box }[];
  scrollY: number;
}

const parseBox = (s: string): Box => {
  const [x, y, width, height] = s.split(',').map(Number) as [number, number, number, number];
  return { x, y, width, height };
};

/** What the editor drew, read from the DOM twin and the canvas's attributes. */
async function readDrawn(): Promise<Drawn> {
  const raw = await page.evaluate(`(() => {
    const canvas = document.querySelector('.map-canvas');
    const rows = [...document.querySelectorAll('tr[data-stakeholder-id]')];
    const labels = [];
    for (const row of rows) {
      if (row.dataset.labelBox) labels.push({ id: row.dataset.stakeholderId, zone: row.dataset.zone, box: row.dataset.labelBox });
      if (row.dataset.altLabelBox) labels.push({ id: row.dataset.stakeholderId + '::alt', zone: row.dataset.altZone, box: row.dataset.altLabelBox });
    }
    return { grid: canvas.dataset.gridBox, axisCut: canvas.dataset.axisCut, labels, scrollY: window.scrollY };
  })()`) as { grid: string; axisCut: string; labels: { id: string; zone: ZoneId; box: string }[]; scrollY: number };
  return { grid: parseBox(raw.grid), axisCut: raw.axisCut, scrollY: raw.scrollY, labels: raw.labels.map((l) => ({ ...l, box: parseBox(l.box) })) };
}

/** The zone's rectangle within the grid, split at the study's midline (power up, interest right). */
function zoneRect(zone: ZoneId, grid: Box): Box {
  const mx = grid.x + (study.midline.interest / 10) * grid.width;
  const my = grid.y + (1 - study.midline.power / 10) * grid.height;
  const left = zone.endsWith('_li');
  const top = zone.startsWith('hp');
  return {
    x: left ? grid.x : mx,
    y: top ? grid.y : my,
    width: left ? mx - grid.x : grid.x + grid.width - mx,
    height: top ? my - grid.y : grid.y + grid.height - my,
  };
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

async function open(sessionId: string, lang: string, large: boolean, size: { width: number; height: number }): Promise<Drawn> {
  await api('setPrefs', { language: lang, largeText: large, languageChosen: true });
  await page.setViewportSize(size);
  // A fresh document each time: going to the same address again would only change the
  // hash, and the page would keep the preferences it loaded before.
  await page.goto('about:blank');
  await page.goto(`${preview.url}#/study/${study.id}/session/${sessionId}`);
  // The text size comes with the preferences, as a class on <html>; the canvas lays out
  // again when it changes, so wait for it, then for two frames, before reading.
  await page.locator(large ? 'html.large-text' : 'html:not(.large-text)').waitFor({ state: 'attached', timeout: 30_000 });
  await page.locator('.map-canvas[data-grid-box]').waitFor({ timeout: 30_000 });
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  // The layout is settled when every placed stakeholder's row carries its label's box.
  const placed = Object.values(sessionId === realistic.id ? realistic.placements : crowded.placements).filter((p) => p.status === 'placed').length;
  await expect.poll(() => page.locator('tr[data-label-box]').count(), { timeout: 30_000 }).toBe(placed);
  return readDrawn();
}

function checkLabels(drawn: Drawn, minShareInZone: number): string[] {
  const problems: string[] = [];
  for (const l of drawn.labels) {
    const share = overlap(l.box, zoneRect(l.zone, drawn.grid)) / (l.box.width * l.box.height);
    if (share < minShareInZone) problems.push(`${l.id}: ${Math.round(share * 100)} % of its label in its zone ${l.zone}`);
  }
  for (let i = 0; i < drawn.labels.length; i++) {
    for (let j = i + 1; j < drawn.labels.length; j++) {
      const a = drawn.labels[i]!;
      const b = drawn.labels[j]!;
      // Boxes are rounded to 0.01 px; a hair of touching is not covering.
      if (overlap(a.box, b.box) > 1) problems.push(`${a.id} and ${b.id} cover each other`);
    }
  }
  return problems;
}

describe('chip labels on the editor grid', () => {
  for (const lang of LANGUAGES) {
    for (const large of [false, true]) {
      for (const size of SIZES) {
        it(`${lang}, ${large ? 'large' : 'normal'} text, ${size.width}×${size.height}: labels in their zones, apart, axis titles whole, grid ≥ half the window`, async () => {
          const drawn = await open(realistic.id, lang, large, size);
          await page.screenshot({ path: join(shotsDir, `labels-${lang}-${size.width}x${size.height}${large ? '-large' : ''}.png`) });
          // 20 placed chips and the BDO's minority position.
          expect(drawn.labels).toHaveLength(Object.values(realistic.placements).filter((p) => p.status === 'placed').length + 1);
          expect(checkLabels(drawn, 0.5)).toEqual([]);
          expect(drawn.axisCut).toBe('');
          expect(drawn.grid.height).toBeGreaterThanOrEqual(size.height / 2);
          // …and the whole grid is in the window as it opens (large text scrolls the header away).
          expect(drawn.grid.y - drawn.scrollY).toBeGreaterThanOrEqual(0);
          expect(drawn.grid.y + drawn.grid.height - drawn.scrollY).toBeLessThanOrEqual(size.height);
          for (const l of drawn.labels) {
            expect(l.box.x).toBeGreaterThanOrEqual(drawn.grid.x - 0.5);
            expect(l.box.x + l.box.width).toBeLessThanOrEqual(drawn.grid.x + drawn.grid.width + 0.5);
          }
        });
      }
    }
  }

  // Twenty labels in large text do not fit in (or beside) a quarter of a 1366×768 grid
  // without covering each other: that case is a known limit (see the README), not tested.
  for (const [large, size] of [
    [false, { width: 1366, height: 768 }],
    [false, { width: 1920, height: 1080 }],
    [true, { width: 1920, height: 1080 }],
  ] as const) {
    it(`a crowded zone (20 chips at high power, low interest), ${large ? 'large' : 'normal'} text, ${size.width}×${size.height}: every label over its own zone, none covering another`, async () => {
      const drawn = await open(crowded.id, 'en', large, size);
      await page.screenshot({ path: join(shotsDir, `labels-crowded-${size.width}${large ? '-large' : ''}.png`) });
      expect(drawn.labels).toHaveLength(20);
      // The zone may not hold twenty labels: they may spill over its edge, each still touching it.
      expect(checkLabels(drawn, 0.001)).toEqual([]);
    });
  }

  it('on a first start the language card is on the studies list, not above the map', async () => {
    await api('setPrefs', { language: 'en', largeText: false, languageChosen: false });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('about:blank');
    await page.goto(`${preview.url}#/study/${study.id}/session/${realistic.id}`);
    await page.locator('.map-canvas[data-grid-box]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.language-choice').count()).toBe(0);
    await page.goto('about:blank');
    await page.goto(`${preview.url}#/`);
    await page.locator('.language-choice').waitFor({ timeout: 30_000 });
    await api('setPrefs', { languageChosen: true });
  });

  it('has no console errors and no requests off this machine', () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
  });
});
