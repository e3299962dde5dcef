import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSession, newStudy } from '../../shared/model/defaults';
import type { Session } from '../../shared/model/session';
import { launchBrowser, newPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';
import { loadLibrary } from '../helpers/studyGenerator';

/**
 * Two facilitators' windows on one data folder, each served by its own preview process
 * (as two programs on one folder are): both open the same map; one saves first. The other's
 * next save is refused, and the editor says "Changed elsewhere" instead of "Saved", with
 * the two choices a user needs. Neither map is ever lost without the user choosing.
 */
let dataDir: string;
let a: Preview;
let b: Preview;
let browser: Browser;
const STUDY = 'changed-elsewhere';

const api = <T = unknown>(preview: Preview, op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);

const sessionFiles = (): Session[] =>
  readdirSync(join(dataDir, STUDY, 'sessions'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dataDir, STUDY, 'sessions', f), 'utf8')) as Session);
const placedIn = (s: Session) =>
  Object.entries(s.placements)
    .filter(([, p]) => p.status === 'placed')
    .map(([id]) => id)
    .sort();

async function openEditor(preview: Preview, sessionId: string): Promise<Page> {
  const page = (await newPage(browser)).page;
  page.on('dialog', (d) => void d.accept());
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${preview.url}#/study/${STUDY}/session/${sessionId}`);
  await page.locator('.map-canvas[data-plot]').waitFor({ timeout: 20_000 });
  return page;
}

/** Place a stakeholder from the tray with the keyboard alone (pick up, put in the middle, move). */
async function placeByKeyboard(page: Page, id: string, up: number): Promise<void> {
  await page.locator(`.tray [data-stakeholder-id="${id}"]`).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  for (let i = 0; i < up; i++) await page.keyboard.press('ArrowUp');
}

const savedIndicator = (page: Page) => page.locator('.save-indicator', { hasText: /^✓?Saved$/ });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pimap-changed-elsewhere-'));
  [a, b] = await Promise.all([startPreview({ dataDir }), startPreview({ dataDir })]);
  browser = await launchBrowser();
  const now = '2026-03-01T09:00:00.000Z';
  await api(a, 'createStudy', { study: newStudy({ id: STUDY, title: 'Two districts', now, stakeholders: loadLibrary().slice(0, 10) }) });
  for (const [id, code] of [
    ['s1', 'SUR-1'],
    ['s2', 'SUR-2'],
  ] as const)
    await api(a, 'saveSession', { session: newSession({ id, studyId: STUDY, code, kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now, consent: true }), baseRevision: 0 });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('one map open in two windows served by two processes', () => {
  it('the later save is refused: "Changed elsewhere", never "Saved"; keep mine as a copy keeps both maps', async () => {
    const first = await openEditor(a, 's1');
    const second = await openEditor(b, 's1');
    const [one, two] = loadLibrary().map((s) => s.id);

    await placeByKeyboard(first, one!, 3);
    await savedIndicator(first).waitFor({ timeout: 15_000 });
    expect(placedIn(sessionFiles().find((s) => s.id === 's1')!)).toEqual([one]);

    await placeByKeyboard(second, two!, 2);
    const notice = second.getByTestId('changed-elsewhere');
    await notice.waitFor({ timeout: 15_000 });
    await expect(notice.getByRole('heading').textContent()).resolves.toBe('Changed elsewhere');
    expect(await savedIndicator(second).count()).toBe(0);
    // The first window's save is what the file holds; the second's edit is only in memory.
    expect(placedIn(sessionFiles().find((s) => s.id === 's1')!)).toEqual([one]);
    await second.screenshot({ path: join(tmpdir(), 'pimap-changed-elsewhere.png') });

    await notice.getByRole('button', { name: 'Keep mine as a copy' }).click();
    await second.waitForURL((url) => !url.hash.endsWith('/session/s1'), { timeout: 15_000 });
    await savedIndicator(second).waitFor({ timeout: 15_000 });
    const files = sessionFiles();
    expect(files.filter((s) => s.code.startsWith('SUR-1'))).toHaveLength(2);
    expect(placedIn(files.find((s) => s.id === 's1')!)).toEqual([one]);
    const copy = files.find((s) => s.id !== 's1' && s.id !== 's2')!;
    expect(placedIn(copy)).toEqual([two]);
    expect(copy.code).not.toBe('SUR-1');
    await first.close();
    await second.close();
  });

  it('take theirs shows the saved map and drops the unsaved edit', async () => {
    const first = await openEditor(a, 's2');
    const second = await openEditor(b, 's2');
    const [one, two] = loadLibrary().map((s) => s.id);
    await placeByKeyboard(first, one!, 1);
    await savedIndicator(first).waitFor({ timeout: 15_000 });

    await placeByKeyboard(second, two!, 4);
    const notice = second.getByTestId('changed-elsewhere');
    await notice.waitFor({ timeout: 15_000 });
    await notice.getByRole('button', { name: 'Take theirs' }).click();
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    // The twin table now shows the first window's placement, and not the dropped one.
    await second.locator(`.ed-twin-table tbody tr[data-stakeholder-id="${one}"] [data-col="status"]`, { hasText: 'Placed' }).waitFor();
    await expect(second.locator(`.ed-twin-table tbody tr[data-stakeholder-id="${two}"] [data-col="status"]`).textContent()).resolves.not.toBe('Placed');
    expect(placedIn(sessionFiles().find((s) => s.id === 's2')!)).toEqual([one]);
    await first.close();
    await second.close();
  });
});
