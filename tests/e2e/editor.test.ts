import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSession, newStudy } from '../../shared/model/defaults';
import type { Position } from '../../shared/model/position';
import { SessionSchema, type Session } from '../../shared/model/session';
import { StakeholderLibrarySchema } from '../../shared/model/stakeholder';
import { zoneOf } from '../../shared/model/zones';
import { launchBrowser, watchedPage, type WatchedPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';

// The map editor end to end: the built app in Chromium against the browser preview,
// driven with a real mouse and keyboard, checked through the table twin and the
// session file on disk.
let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;

const root = join(import.meta.dirname, '..', '..');
const library = StakeholderLibrarySchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'stakeholders.json'), 'utf8'))).stakeholders;
const NOW = '2026-11-28T10:00:00.000Z';
const study = newStudy({ id: 'e2e-nadia', title: 'Nadia e2e', now: NOW, stakeholders: library });
const session = newSession({ id: 'fgd-1', studyId: study.id, code: 'FGD 1', kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now: NOW, consent: true });
const sessionFile = () => join(preview.dataDir, study.id, 'sessions', `${session.id}.json`);

const api = <T = unknown>(op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);

/** The little of the DOM the page functions below use (the Node test config has no DOM types). */
interface PageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  textContent: string | null;
}
interface PageWindow {
  document: PageElement;
  axe?: { run(context: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
}

/** A grid position as a point on the page, from the plot frame the map publishes. */
async function pointFor(p: Position): Promise<{ x: number; y: number }> {
  return page.evaluate((pos) => {
    const { document } = globalThis as unknown as PageWindow;
    const map = document.querySelector('.map-canvas')!;
    const stage = map.querySelector('.konvajs-content')!.getBoundingClientRect();
    const [left, top, width, height] = map.getAttribute('data-plot')!.split(',').map(Number) as [number, number, number, number];
    return { x: stage.left + left + (pos.interest / 10) * width, y: stage.top + top + (1 - pos.power / 10) * height };
  }, p);
}

async function centreOf(selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A hand-made drag: press, travel in steps, release (optionally something before releasing). */
async function drag(from: { x: number; y: number }, to: { x: number; y: number }, beforeRelease?: () => Promise<void>): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 6, from.y + 4, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await beforeRelease?.();
  await page.mouse.up();
}

const trayChip = (id: string) => `.tray [data-stakeholder-id="${id}"]`;

type RowText = { status: string; zone: string; power: string; interest: string; minority: string; note: string };
async function rows(): Promise<Record<string, RowText>> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageWindow;
    const out: Record<string, { status: string; zone: string; power: string; interest: string; minority: string; note: string }> = {};
    for (const tr of document.querySelectorAll('.ed-twin-table tbody tr')) {
      const cell = (c: string) => tr.querySelector(`[data-col="${c}"]`)?.textContent?.trim() ?? '';
      out[tr.getAttribute('data-stakeholder-id')!] = { status: cell('status'), zone: cell('zone'), power: cell('power'), interest: cell('interest'), minority: cell('minority'), note: cell('note') };
    }
    return out;
  });
}
const row = async (id: string) => (await rows())[id]!;
const near = (text: string, v: number) => Math.abs(Number(text) - v) <= 0.15;

async function waitSaved(): Promise<void> {
  await page.locator('.ed-toolbar .save-indicator', { hasText: 'Saved' }).waitFor({ timeout: 10_000 });
}

async function openEditor(): Promise<void> {
  await page.goto(`${preview.url}#/study/${study.id}/session/${session.id}`);
  await page.locator('.map-canvas canvas').first().waitFor({ timeout: 20_000 });
  await page.locator('.map-canvas[data-plot]').waitFor();
}

beforeAll(async () => {
  preview = await startPreview();
  browser = await launchBrowser();
  await api('createStudy', { study });
  await api('saveSession', { session, baseRevision: 0 });
  ({ watched, page } = await watchedPage(browser));
  await openEditor();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('the map editor in the browser preview', () => {
  it('places three stakeholders by dragging them from the tray', async () => {
    await drag(await centreOf(trayChip('police')), await pointFor({ power: 9, interest: 1.5 }));
    await drag(await centreOf(trayChip('gram-panchayat')), await pointFor({ power: 8, interest: 3 }));
    await drag(await centreOf(trayChip('asha')), await pointFor({ power: 2.5, interest: 8.5 }));
    const r = await rows();
    expect(r.police).toMatchObject({ status: 'Placed', zone: 'High power, low interest' });
    expect(near(r.police!.power, 9) && near(r.police!.interest, 1.5)).toBe(true);
    expect(r['gram-panchayat']).toMatchObject({ status: 'Placed', zone: 'High power, low interest' });
    expect(r.asha).toMatchObject({ status: 'Placed', zone: 'Low power, high interest' });
    expect(await page.locator('[data-testid="map-announcer"]').textContent()).toMatch(/^ASHA placed at low power, high interest: \d\.\d, \d\.\d$/);
  });

  it('places one with the keyboard alone', async () => {
    await page.locator(trayChip('childline')).focus();
    await page.keyboard.press('Enter'); // picks it up; focus goes to the map
    await page.keyboard.press('Enter'); // puts it in the middle
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await row('childline')).toMatchObject({ status: 'Placed', power: '8.0', interest: '8.1', zone: 'High power, high interest' });
  });

  it('places one by clicking the chip, then a point on the grid', async () => {
    await page.locator(trayChip('anganwadi')).click();
    const at = await pointFor({ power: 2, interest: 7.5 });
    await page.mouse.click(at.x, at.y);
    const r = await row('anganwadi');
    expect(r).toMatchObject({ status: 'Placed', zone: 'Low power, high interest' });
    expect(near(r.power, 2) && near(r.interest, 7.5)).toBe(true);
  });

  it('marks one unknown to the group', async () => {
    await drag(await centreOf(trayChip('vlcpc')), await centreOf('.bin--unknown'));
    expect(await row('vlcpc')).toMatchObject({ status: 'Unknown to the group', zone: '—', power: '—' });
  });

  it('marks a placement contested and moves the minority position', async () => {
    const police = await rows().then((r) => ({ power: Number(r.police!.power), interest: Number(r.police!.interest) }));
    const at = await pointFor(police);
    await page.mouse.click(at.x, at.y);
    await page.getByLabel('Contested: the group could not agree').check();
    const mirrored = (await row('police')).minority;
    expect(mirrored).toBe(`${police.interest.toFixed(1)}, ${police.power.toFixed(1)}`);
    await drag(await pointFor({ power: police.interest, interest: police.power }), await pointFor({ power: 3, interest: 7 }));
    const minority = (await row('police')).minority.split(', ').map(Number) as [number, number];
    expect(Math.abs(minority[0] - 3) <= 0.15 && Math.abs(minority[1] - 7) <= 0.15).toBe(true);
    expect((await row('police')).power).toBe(police.power.toFixed(1)); // the agreed chip stayed
  });

  it('adds a note, and undo and redo take it back and forth', async () => {
    await page.locator('tr[data-stakeholder-id="gram-panchayat"]').click();
    const note = page.getByLabel('Reason or quote');
    await note.click();
    await note.pressSequentially('The pradhan signs papers for the agents.');
    expect((await row('gram-panchayat')).note).toBe('The pradhan signs papers for the agents.');
    await page.keyboard.press('Control+z');
    expect((await row('gram-panchayat')).note).toBe('—');
    await page.keyboard.press('Control+Shift+z');
    expect((await row('gram-panchayat')).note).toBe('The pradhan signs papers for the agents.');
    // the toolbar buttons do the same
    await page.getByRole('button', { name: 'Undo' }).click();
    expect((await row('gram-panchayat')).note).toBe('—');
    await page.getByRole('button', { name: 'Redo' }).click();
    expect((await row('gram-panchayat')).note).toBe('The pradhan signs papers for the agents.');
    // the editor in full use (a selection, the side panel, a contested chip) passes axe too
    expect(await axeViolations()).toEqual([]);
  });

  it('Escape during a drag puts the chip back and saves nothing', async () => {
    await waitSaved();
    const before = readFileSync(sessionFile(), 'utf8');
    const asha = await row('asha');
    const from = await pointFor({ power: Number(asha.power), interest: Number(asha.interest) });
    await drag(from, await pointFor({ power: 9, interest: 9 }), () => page.keyboard.press('Escape'));
    expect(await row('asha')).toEqual(asha);
    await page.waitForTimeout(1200); // three times the autosave debounce (400 ms)
    expect(readFileSync(sessionFile(), 'utf8')).toBe(before);
  });

  it('a locked map refuses changes', async () => {
    await page.getByRole('button', { name: /Lock: signed off/ }).click();
    await page.getByText('Locked: signed off by the group').waitFor();
    const before = await rows();
    const asha = before.asha!;
    await drag(await pointFor({ power: Number(asha.power), interest: Number(asha.interest) }), await pointFor({ power: 9, interest: 1 }));
    await drag(await centreOf(trayChip('bdo')), await pointFor({ power: 5, interest: 5 }));
    await page.locator('.map-canvas').focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('u');
    expect(await rows()).toEqual(before);
    await expect(page.getByLabel('Reason or quote').isEditable()).resolves.toBe(false);
    await waitSaved();
    expect(SessionSchema.parse(JSON.parse(readFileSync(sessionFile(), 'utf8'))).locked).toBe(true);
  });

  it('after a reload every value is exactly as left, in the page and in the file', async () => {
    await waitSaved();
    const before = await rows();
    await page.reload();
    await page.locator('.map-canvas canvas').first().waitFor({ timeout: 20_000 });
    await page.getByText('Locked: signed off by the group').waitFor();
    expect(await rows()).toEqual(before);

    const saved: Session = SessionSchema.parse(JSON.parse(readFileSync(sessionFile(), 'utf8')));
    for (const [id, r] of Object.entries(before)) {
      const p = saved.placements[id];
      if (r.status === 'Not yet placed') {
        expect(p, id).toBeUndefined();
        continue;
      }
      expect(p, id).toBeDefined();
      expect({ Placed: 'placed', 'Unknown to the group': 'unknown', 'Not discussed': 'not_discussed' }[r.status], id).toBe(p!.status);
      if (p!.status === 'placed') expect([p!.position!.power.toFixed(1), p!.position!.interest.toFixed(1)], id).toEqual([r.power, r.interest]);
      expect(p!.note || '—', id).toBe(r.note);
    }
    expect(saved.placements.police).toMatchObject({ contested: true });
    expect(saved.placements['gram-panchayat']?.note).toBe('The pradhan signs papers for the agents.');
    expect(saved.placements.vlcpc?.status).toBe('unknown');
  });

  it('after a window resize every chip is still drawn in its zone', async () => {
    const before = await rows();
    const plotBefore = await page.locator('.map-canvas').getAttribute('data-plot');
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(() => page.locator('.map-canvas').getAttribute('data-plot')).not.toBe(plotBefore);
    const placed = Object.entries(before).filter(([, r]) => r.status === 'Placed');
    expect(placed.length).toBe(5);
    for (const [id, r] of placed) {
      const at = await pointFor({ power: Number(r.power), interest: Number(r.interest) });
      await page.mouse.click(at.x, at.y);
      await expect.poll(() => page.locator('tr[aria-current="true"]').getAttribute('data-stakeholder-id')).toBe(id);
      expect(r.zone).toBe({ hp_hi: 'High power, high interest', hp_li: 'High power, low interest', lp_hi: 'Low power, high interest', lp_li: 'Low power, low interest' }[zoneOf({ power: Number(r.power), interest: Number(r.interest) })]);
    }
    expect(await rows()).toEqual(before);
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('has no axe-core violations and no console errors', async () => {
    expect(await axeViolations()).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
  });
});

/** axe-core's verdict on the page as it is now (rule id and the elements it found). */
async function axeViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis)))
    // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') allows.
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const w = globalThis as unknown as PageWindow;
    const result = await w.axe!.run(w.document);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}
