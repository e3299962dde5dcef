import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/model/session';
import { emptySession, libraryStudy, realisticSession } from '../component/editor/fixtures';
import { launchWatchedPage, type WatchedPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';

// Files that change underneath an open study — what a sync tool does when another
// facilitator's work arrives: the app watches the study's folder (chokidar) and reads it
// again. Two real preview processes share one data folder: A is the facilitator's app in
// Chromium, B stands for the other laptop (its saves carry its device name). Also a session
// file copied into the folder by hand, as Syncthing or a USB copy would.

let dataDir: string;
let a: Preview;
let b: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
const study = libraryStudy();
const session = realisticSession(study);

const api = <T = unknown>(p: Preview, op: string, payload: unknown = {}): Promise<T> => previewApi<T>(p, op, payload);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pimap-watch-'));
  [a, b] = await Promise.all([startPreview({ dataDir }), startPreview({ dataDir })]);
  await api(a, 'setPrefs', { language: 'en', largeText: false, languageChosen: true });
  await api(a, 'createStudy', { study });
  await api(a, 'saveSession', { session, baseRevision: 0 });
  // B is the other laptop: its saves carry the name its facilitator gave it.
  await api(b, 'setPrefs', { deviceName: 'Field laptop B' });
  ({ browser, watched, page } = await launchWatchedPage());
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const sessionRow = (code: string) => page.locator('tbody tr').filter({ hasText: code });

describe('changes underneath an open study', () => {
  it("a session saved on another laptop appears on the open study page, with that laptop's name", async () => {
    await page.goto(`${a.url}#/study/${study.id}`);
    await page.getByRole('link', { name: /FGD 3/ }).first().waitFor();
    const other = emptySession(study, { id: 'fgd-12', code: 'FGD 12' });
    await api(b, 'saveSession', { session: other, baseRevision: 0 });
    // No reload: the watch brings it.
    await page.getByRole('link', { name: /FGD 12/ }).first().waitFor({ timeout: 15_000 });
    await expect(sessionRow('FGD 12').first().textContent()).resolves.toContain('saved by Field laptop B');
    await page.getByText('FGD 12 arrived from another device.').waitFor();
  });

  it('the open map follows a change saved on another laptop, and says who changed it', async () => {
    await page.goto(`${a.url}#/study/${study.id}/session/${session.id}`);
    await page.locator('.map-canvas[data-grid-box]').waitFor();
    const power = page.locator('tr[data-stakeholder-id="police"] [data-col="power"]');
    await expect(power.textContent()).resolves.toBe('9.3');
    const opened = await api<{ sessions: Session[] }>(b, 'openStudy', { studyId: study.id });
    const theirs = opened.sessions.find((s) => s.id === session.id)!;
    const moved: Session = { ...theirs, placements: { ...theirs.placements, police: { ...theirs.placements.police!, position: { power: 4.5, interest: 6 } } } };
    await api(b, 'saveSession', { session: moved, baseRevision: theirs.revision });
    await expect.poll(() => power.textContent(), { timeout: 15_000 }).toBe('4.5');
    await page.getByText('FGD 3 was changed by Field laptop B: the map now shows their version.').waitFor();
    // …and the map is not "Changed elsewhere": the next edit here saves on top of theirs.
    await page.locator('tr[data-stakeholder-id="asha"]').click();
    await page.locator('.map-canvas').focus();
    await page.keyboard.press('ArrowUp');
    await page.getByText('Saved', { exact: true }).waitFor({ timeout: 15_000 });
    const file = JSON.parse(readFileSync(join(dataDir, study.id, 'sessions', `${session.id}.json`), 'utf8')) as Session;
    expect(file.placements.police!.position).toEqual({ power: 4.5, interest: 6 });
    expect(file.placements.asha!.position).toEqual({ power: 3.1, interest: 8.6 });
  });

  it('a session file copied into the folder by hand (as a sync tool does) appears', async () => {
    await page.goto(`${a.url}#/study/${study.id}`);
    await page.getByRole('link', { name: /FGD 12/ }).first().waitFor();
    // Another laptop's file, as a sync tool delivers it: written elsewhere, then renamed in.
    const template = JSON.parse(readFileSync(join(dataDir, study.id, 'sessions', 'fgd-12.json'), 'utf8')) as Session;
    const copied = { ...template, id: 'fgd-13', code: 'FGD 13', writer: { id: 'elsewhere-1', name: 'Kolkata office' } };
    const temp = join(dataDir, study.id, 'sessions', '.syncthing.fgd-13.json.tmp');
    writeFileSync(temp, JSON.stringify(copied, null, 2));
    renameSync(temp, join(dataDir, study.id, 'sessions', 'fgd-13.json'));
    await page.getByRole('link', { name: /FGD 13/ }).first().waitFor({ timeout: 15_000 });
    await expect(sessionRow('FGD 13').first().textContent()).resolves.toContain('saved by Kolkata office');
  });

  it("the Work as a team page names this device; the next save carries the name", async () => {
    await page.goto(`${a.url}#/team`);
    await page.getByRole('heading', { level: 1, name: 'Work as a team' }).waitFor();
    // Every study's folder is listed, to share with a sync tool.
    await page.getByText(join(dataDir, study.id)).waitFor();
    await page.getByLabel('Device name').fill('Nadia office');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Saved. Your next saves carry this name.').waitFor();
    const opened = await api<{ sessions: Session[] }>(a, 'openStudy', { studyId: study.id });
    const s12 = opened.sessions.find((s) => s.id === 'fgd-12')!;
    await api(a, 'saveSession', { session: { ...s12, notes: 'Two more women joined.' }, baseRevision: s12.revision });
    const file = JSON.parse(readFileSync(join(dataDir, study.id, 'sessions', 'fgd-12.json'), 'utf8')) as Session;
    expect(file.writer).toMatchObject({ name: 'Nadia office' });
    await page.screenshot({ path: join(tmpdir(), 'pimap-team-page.png'), fullPage: true });
  });

  it('reads the study once when moving between its pages, and again only after a change on disk', async () => {
    const reads: string[] = [];
    const polls: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (r.url().endsWith('/api/openStudy')) reads.push(r.url());
      if (r.url().endsWith('/api/studyChanges')) polls.push(r.url());
    };
    page.on('request', onRequest);
    try {
      // Waits for the watch's next two answers (each page polls every 1.5 s).
      const twoPolls = async () => {
        const from = polls.length;
        await expect.poll(() => polls.length, { timeout: 15_000, interval: 100 }).toBeGreaterThanOrEqual(from + 2);
      };
      await page.goto('about:blank');
      await page.goto(`${a.url}#/study/${study.id}`);
      await page.getByRole('link', { name: /FGD 3\b/ }).first().waitFor();
      await twoPolls();
      expect(reads).toHaveLength(1);
      // The compare view and back: the study was read completely at the watch's count, so
      // neither page reads its files again (at 1,000 sessions a read is a 5 MB answer).
      await page.getByRole('link', { name: 'Compare cohorts' }).first().click();
      await page.locator('[data-testid="compare-status"][data-state="ready"]').waitFor();
      await twoPolls();
      await page.goBack();
      await page.getByRole('link', { name: /FGD 3\b/ }).first().waitFor();
      await twoPolls();
      expect(reads).toHaveLength(1);
      // A change on disk moves the count: read again, and the page shows it.
      await api(b, 'saveSession', { session: emptySession(study, { id: 'fgd-14', code: 'FGD 14' }), baseRevision: 0 });
      await page.getByRole('link', { name: /FGD 14/ }).first().waitFor({ timeout: 15_000 });
      expect(reads).toHaveLength(2);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('logs no errors and asks nothing of the network', () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
  });
});
