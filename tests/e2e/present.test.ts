import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCohorts } from '../../shared/analysis/compareCohorts';
import { zoneOf } from '../../shared/model/zones';
import { libraryStudy, realisticSession } from '../component/editor/fixtures';
import { axeViolations, newAxeContext } from '../helpers/axe';
import { launchBrowser, watchedPage, type WatchedPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';
import { GENERATED_FIXTURE, generateStudy } from '../helpers/studyGenerator';

// Presenting to a room, in real Chromium against the browser preview: "Present" opens the
// audience window (a second window of the same origin, as the desktop app's second
// BrowserWindow), which shows the grid and the chips and nothing private, follows every
// move, undo and status change, blanks on B from either window and closes on Stop; and the
// compare view's step-by-step sequence, on the facilitator's screen and the projector.
// With PIMAP_README_SHOTS=1 the audience screenshots go to resources/readme; the others
// always go to a temporary folder.
const root = join(import.meta.dirname, '..', '..');
const tmpShots = join(tmpdir(), 'pimap-present-shots');
const shotsDir = process.env.PIMAP_README_SHOTS === '1' ? join(root, 'resources', 'readme') : tmpShots;

let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
const study = libraryStudy();
const session = realisticSession(study);
const compare = generateStudy(GENERATED_FIXTURE);

const api = <T = unknown>(op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);

beforeAll(async () => {
  mkdirSync(shotsDir, { recursive: true });
  mkdirSync(tmpShots, { recursive: true });
  preview = await startPreview();
  browser = await launchBrowser();
  await api('setPrefs', { language: 'en', largeText: false, languageChosen: true });
  await api('createStudy', { study });
  await api('saveSession', { session, baseRevision: 0 });
  await api('createStudy', { study: compare.study });
  for (const s of compare.sessions) await api('saveSession', { session: s, baseRevision: 0 });
  ({ watched, page } = await watchedPage(browser));
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

type Box = { x: number; y: number; width: number; height: number };
const parseBox = (v: string): Box => {
  const [x, y, width, height] = v.split(',').map(Number) as [number, number, number, number];
  return { x, y, width, height };
};
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
/** A zone's rectangle within the grid, split at the study's midline. */
function zoneRect(zone: string, grid: Box): Box {
  const mx = grid.x + (study.midline.interest / 10) * grid.width;
  const my = grid.y + (1 - study.midline.power / 10) * grid.height;
  const left = zone.endsWith('_li');
  const top = zone.startsWith('hp');
  return { x: left ? grid.x : mx, y: top ? grid.y : my, width: left ? mx - grid.x : grid.x + grid.width - mx, height: top ? my - grid.y : grid.y + grid.height - my };
}

/** Every text a session holds that must never reach the projector. */
const privateTexts = [session.notes, session.code, ...Object.values(session.placements).map((p) => p.note)].filter((t) => t.length > 0);

/** The audience window's twin: each chip it draws, with its zone and position. */
async function audienceRows(audience: Page): Promise<Record<string, { zone: string; position: string }>> {
  return (await audience.evaluate(`Object.fromEntries([...document.querySelectorAll('[data-testid="audience-twin"] li')].map((li) => [li.dataset.stakeholderId, { zone: li.dataset.zone, position: li.dataset.position }]))`)) as Record<
    string,
    { zone: string; position: string }
  >;
}

async function openAudience(): Promise<Page> {
  const [audience] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('present-button').click()]);
  audience.on('pageerror', (err) => watched.consoleErrors.push(`audience pageerror: ${err.message}`));
  audience.on('console', (msg) => {
    if (msg.type() === 'error') watched.consoleErrors.push(`audience: ${msg.text()}`);
  });
  await audience.waitForLoadState();
  return audience;
}

describe('presenting a map', () => {
  let audience: Page;

  it('Present opens the audience window: the grid and the chips, no note, code or consent, no toolbars', async () => {
    // A facilitator on a laptop wired to a projector, in large text.
    await api('setPrefs', { largeText: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('about:blank');
    await page.goto(`${preview.url}#/study/${study.id}/session/${session.id}`);
    await page.locator('html.large-text').waitFor({ state: 'attached' });
    await page.locator('.map-canvas[data-grid-box]').waitFor();
    audience = await openAudience();
    await audience.setViewportSize({ width: 1280, height: 720 });
    await audience.locator('[data-testid="audience"][data-state="map"]').waitFor();
    await audience.locator('.map-canvas[data-plot]').waitFor();
    // The facilitator's window says it is presenting, and keeps every control.
    await page.getByTestId('present-controls').getByText('Presenting', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: 'Undo' }).isVisible()).resolves.toBe(true);

    const placed = Object.entries(session.placements).filter(([, p]) => p.status === 'placed');
    const rows = await audienceRows(audience);
    expect(Object.keys(rows).sort()).toEqual(placed.map(([id]) => id).sort());
    for (const [id, p] of placed) expect(rows[id]!.zone).toBe(zoneOf(p.position!, study.midline));

    // Nothing private anywhere in the audience window's document, shown or hidden.
    const html = await audience.content();
    for (const text of privateTexts) expect(html).not.toContain(text);
    expect(html).not.toMatch(/consent/i);
    // No top bar, toolbar, tray or table: the picture alone.
    for (const selector of ['.app-bar', '.ed-toolbar', '.tray', '.ed-twin-table', 'textarea', 'select']) await expect(audience.locator(selector).count()).resolves.toBe(0);
    // The map fills the window, with large labels, each in its own zone, none covering another.
    const box = (await audience.locator('.map-canvas').boundingBox())!;
    expect(box.width).toBeGreaterThan(1200);
    expect(box.height).toBeGreaterThan(650);
    await expect.poll(async () => (await audience.locator('[data-testid="audience-twin"] li[data-label-box]').count())).toBe(placed.length);
    const drawn = (await audience.evaluate(`({
      grid: document.querySelector('.map-canvas').dataset.gridBox,
      labels: [...document.querySelectorAll('[data-testid="audience-twin"] li')].map((li) => ({ id: li.dataset.stakeholderId, zone: li.dataset.zone, box: li.dataset.labelBox })),
    })`)) as { grid: string; labels: { id: string; zone: string; box: string }[] };
    const grid = parseBox(drawn.grid);
    const labels = drawn.labels.map((l) => ({ ...l, box: parseBox(l.box) }));
    for (const l of labels) {
      expect(l.box.height, `${l.id}: large label`).toBeGreaterThanOrEqual(27);
      expect(overlap(l.box, zoneRect(l.zone, grid)) / (l.box.width * l.box.height), `${l.id} in its zone`).toBeGreaterThanOrEqual(0.5);
    }
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i]!.box, labels[j]!.box), `${labels[i]!.id} / ${labels[j]!.id}`).toBeLessThanOrEqual(1);
    await audience.waitForTimeout(300); // the fonts settle before the picture is kept
    await audience.screenshot({ path: join(shotsDir, 'audience-1280.png') });
    await page.screenshot({ path: join(tmpShots, 'editor-presenting-1280-large.png') });
  });

  it('follows the facilitator: a move, an undo and a status change', async () => {
    const before = (await audienceRows(audience)).asha!.position;
    await page.locator('tr[data-stakeholder-id="asha"]').click();
    await page.locator('.map-canvas').focus();
    await page.keyboard.press('ArrowDown'); // power 2.6 → 2.1
    await expect.poll(async () => (await audienceRows(audience)).asha?.position).toBe('2.1,8.6');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await audienceRows(audience)).asha?.position).toBe(before);
    await page.keyboard.press('u'); // unknown to the group: off the map
    await expect.poll(async () => Object.keys(await audienceRows(audience))).not.toContain('asha');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await audienceRows(audience)).asha?.position).toBe(before);
  });

  it("speaks the facilitator's language: switching to Hindi redraws the projector in Hindi", async () => {
    const language = page.locator('.app-bar-tools select');
    await language.selectOption('hi');
    await expect.poll(() => audience.getByTestId('audience').getAttribute('lang')).toBe('hi');
    await expect.poll(() => audience.locator('[data-testid="audience-twin"] li[data-stakeholder-id="police"]').textContent()).toBe('थाना/पुलिस: अधिक शक्ति, कम रुचि');
    await language.selectOption('en');
    await expect.poll(() => audience.locator('[data-testid="audience-twin"] li[data-stakeholder-id="police"]').textContent()).toBe('Police: high power, low interest');
  });

  it('B blanks the projector from either window and brings it back', async () => {
    await audience.keyboard.press('b');
    await audience.locator('[data-testid="audience"][data-state="blank"]').waitFor();
    await expect(audience.locator('.map-canvas').count()).resolves.toBe(0);
    // The facilitator's window knows: its button now brings the map back.
    await page.getByTestId('present-blank').and(page.locator('[aria-pressed="true"]')).waitFor();
    await page.locator('body').press('b');
    await audience.locator('[data-testid="audience"][data-state="map"]').waitFor();
    await page.getByTestId('present-blank').click();
    await audience.locator('[data-testid="audience"][data-state="blank"]').waitFor();
    await page.getByTestId('present-blank').click();
    await audience.locator('[data-testid="audience"][data-state="map"] .map-canvas').waitFor();
    // B typed into the note is a letter, not a blank.
    await page.locator('tr[data-stakeholder-id="asha"]').click();
    await page.getByLabel('Reason or quote').pressSequentially('b');
    await expect(audience.locator('[data-testid="audience"]').getAttribute('data-state')).resolves.toBe('map');
    await page.keyboard.press('Control+z');
  });

  it('F goes full screen and Esc leaves it', async () => {
    await audience.locator('body').press('f');
    await expect.poll(() => audience.evaluate('document.fullscreenElement !== null')).toBe(true);
    await audience.keyboard.press('Escape');
    await expect.poll(() => audience.evaluate('document.fullscreenElement !== null')).toBe(false);
  });

  it('a reloaded audience window asks again and gets the map; Stop closes it', async () => {
    await audience.reload();
    await audience.locator('[data-testid="audience"][data-state="map"] .map-canvas[data-plot]').waitFor();
    // Leaving the map puts the neutral screen up, not the last map.
    await page.goto(`${preview.url}#/study/${study.id}`);
    await audience.locator('[data-testid="audience"][data-state="waiting"]').waitFor();
    const closed = audience.waitForEvent('close');
    await page.getByTestId('present-stop').click();
    await closed;
    await expect(page.getByTestId('present-controls').count()).resolves.toBe(0);
  });

  it('the audience window passes axe-core, showing a map, blank and waiting', async () => {
    // axe needs a context that lets it in past the content security policy; the audience
    // window must be opened from a facilitator page of that same context.
    const context = await newAxeContext(browser, { width: 1280, height: 720 });
    try {
      const facilitator = await context.newPage();
      await facilitator.goto(`${preview.url}#/study/${study.id}/session/${session.id}`);
      await facilitator.locator('.map-canvas[data-grid-box]').waitFor();
      const [shown] = await Promise.all([facilitator.waitForEvent('popup'), facilitator.getByTestId('present-button').click()]);
      await shown.locator('[data-testid="audience"][data-state="map"] .map-canvas[data-plot]').waitFor();
      expect(await axeViolations(shown)).toEqual([]);
      await shown.keyboard.press('b');
      await shown.locator('[data-testid="audience"][data-state="blank"]').waitFor();
      expect(await axeViolations(shown)).toEqual([]);
      await shown.keyboard.press('b');
      await facilitator.goto(`${preview.url}#/study/${study.id}`);
      await shown.locator('[data-testid="audience"][data-state="waiting"]').waitFor();
      expect(await axeViolations(shown)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the compare view step by step', () => {
  const cohortName = (id: string) => compare.study.cohorts.find((c) => c.id === id)!.name;

  it('reveals one cohort at a time, then the arrows and one plain sentence; → and ← move, here and in the audience window', async () => {
    await api('setPrefs', { largeText: false });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('about:blank');
    await page.goto(`${preview.url}#/study/${compare.study.id}/compare`);
    await page.getByTestId('compare-status').and(page.locator('[data-state="ready"]')).waitFor({ timeout: 60_000 });
    // The analysis as the app computes it, for the first stakeholder the sequence shows.
    const result = compareCohorts(compare.study, compare.sessions, { permutations: 99, seed: 1 });
    const first = result.stakeholders.find((s) => s.cohorts.some((c) => c.n > 0))!;
    const placing = first.cohorts.filter((c) => c.n > 0 && c.centroid);
    const name = compare.study.stakeholders.find((s) => s.id === first.id)!.name;

    const bar = page.getByTestId('step-bar');
    const caption = page.getByTestId('step-caption');
    const total = (await page.getByTestId('step-toggle').isDisabled()) ? 0 : 1;
    expect(total).toBe(1);
    await page.getByTestId('step-toggle').click();
    await bar.getByText(`Step 1 of`).waitFor();
    await expect(caption.textContent()).resolves.toBe(`Where does each group place ${name}?`);
    await expect(page.getByTestId('compare-grid').getAttribute('data-focus')).resolves.toBe(first.id);

    for (let i = 1; i <= placing.length; i++) {
      await page.locator('body').press('ArrowRight');
      await bar.getByText(`Step ${i + 1} of`).waitFor();
      const shown = await caption.textContent();
      for (const c of placing.slice(0, i)) expect(shown).toContain(`${c.name} (n ${c.n})`);
      for (const c of placing.slice(i)) expect(shown).not.toContain(c.name);
      // One label per revealed cohort's centroid.
      await expect.poll(async () => ((await page.getByTestId('compare-grid').getAttribute('data-labels')) ?? '').split(' ').filter(Boolean).length).toBe(i);
    }
    await page.locator('body').press('ArrowRight');
    await bar.and(page.locator('[data-gap="true"]')).waitFor();
    // Cohorts grouped by the zone of their centroid, in the order they were revealed.
    const phrase = (z: string) => ({ hp_hi: 'high power, high interest', hp_li: 'high power, low interest', lp_hi: 'low power, high interest', lp_li: 'low power, low interest' })[z];
    const groups: Array<{ zone: string; cohorts: string[] }> = [];
    for (const c of placing) {
      const zone = zoneOf(c.centroid!, compare.study.midline);
      const group = groups.find((g) => g.zone === zone);
      if (group) group.cohorts.push(cohortName(c.id));
      else groups.push({ zone, cohorts: [cohortName(c.id)] });
    }
    const list = (xs: string[]) => new Intl.ListFormat('en', { type: 'conjunction' }).format(xs);
    const sentence =
      groups.length === 1
        ? `${list(groups[0]!.cohorts)} agree: ${name} at ${phrase(groups[0]!.zone)}.`
        : `${list(groups[0]!.cohorts)} place ${name} at ${phrase(groups[0]!.zone)}; ${groups
            .slice(1)
            .map((g) => `${list(g.cohorts)} at ${phrase(g.zone)}`)
            .join('; ')}.`;
    await expect(caption.textContent()).resolves.toBe(sentence);
    await page.locator('body').press('ArrowLeft');
    await expect(page.getByTestId('step-bar').getAttribute('data-gap')).resolves.toBeNull();
    await page.locator('body').press('ArrowRight');

    // The projector shows the same step, and its → moves the facilitator's sequence.
    const audience = await openAudience();
    await audience.setViewportSize({ width: 1280, height: 720 });
    await audience.locator('[data-testid="audience"][data-state="step"] [data-testid="compare-grid"]').waitFor();
    await expect(audience.getByTestId('audience-sentence').textContent()).resolves.toBe(sentence);
    await expect(audience.getByTestId('compare-grid').getAttribute('data-focus')).resolves.toBe(first.id);
    const html = await audience.content();
    for (const s of compare.sessions.slice(0, 10)) expect(html).not.toContain(s.code);
    await audience.screenshot({ path: join(shotsDir, 'audience-step-1280.png') });
    const step = Number(await bar.getAttribute('data-step'));
    await audience.locator('body').press('ArrowRight');
    await expect.poll(async () => Number(await bar.getAttribute('data-step'))).toBe(step + 1);
    await expect.poll(() => audience.getByTestId('audience-sentence').textContent()).toBe('');
    await page.screenshot({ path: join(tmpShots, 'compare-steps-1366.png') });

    // Ending the sequence puts the neutral screen on the projector.
    await bar.getByRole('button', { name: 'End' }).click();
    await audience.locator('[data-testid="audience"][data-state="waiting"]').waitFor();
    const closed = audience.waitForEvent('close');
    await page.getByTestId('present-stop').click();
    await closed;
  });

  it('logs no errors and asks nothing of the network', () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
  });
});
