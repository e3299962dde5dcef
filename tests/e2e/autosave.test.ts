import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newSession, newStudy } from '../../shared/model/defaults';
import { launchBrowser, newPage, type WatchedPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';
import { loadLibrary } from '../helpers/studyGenerator';

// Saved as you go, checked against the files the preview writes: "Saved" appears only
// when the file already holds the change, and leaving the page never drops an edit.
let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
const STUDY = 'autosave-study';
const SESSION = 'autosave-session';

const api = <T = unknown>(op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);

const studyFile = () => JSON.parse(readFileSync(join(preview.dataDir, STUDY, 'study.json'), 'utf8')) as { title: string; description: string; updatedAt: string };
const sessionFile = () => JSON.parse(readFileSync(join(preview.dataDir, STUDY, 'sessions', `${SESSION}.json`), 'utf8')) as { place: string; updatedAt: string };
const saved = () => page.getByRole('status').getByText('Saved', { exact: true });

beforeAll(async () => {
  preview = await startPreview();
  browser = await launchBrowser();
  const now = '2026-01-10T08:00:00.000Z';
  await api('createStudy', { study: newStudy({ id: STUDY, title: 'Autosave study', now, stakeholders: loadLibrary().slice(0, 8) }) });
  await api('saveSession', { session: newSession({ id: SESSION, studyId: STUDY, code: 'FGD 1', kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now, consent: true }), baseRevision: 0 });
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});
beforeEach(async () => {
  watched = await newPage(browser);
  page = watched.page;
  // Leaving with unsaved edits asks for confirmation; the user confirms.
  page.on('dialog', (d) => void d.accept());
});

describe('saved as you go', () => {
  it('shows "Saved" for study settings only once study.json holds the change', async () => {
    await page.goto(`${preview.url}#/study/${STUDY}/settings`);
    const description = page.getByLabel('Description');
    await description.fill('');
    await description.pressSequentially('Baseline in two blocks', { delay: 20 });
    await page.getByRole('status').getByText('Saving…').waitFor();
    await saved().waitFor();
    expect(studyFile().description).toBe('Baseline in two blocks');
    expect(readdirSync(join(preview.dataDir, STUDY)).filter((f) => f.includes('.tmp'))).toEqual([]);
    await page.close();
  });

  it('saves session details with a fresh updatedAt', async () => {
    const before = sessionFile().updatedAt;
    await page.goto(`${preview.url}#/study/${STUDY}`);
    await page.getByRole('button', { name: 'Edit the details of FGD 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Details of FGD 1' });
    await dialog.getByLabel('Place').fill('Ranaghat block office');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await saved().waitFor();
    const file = sessionFile();
    expect(file.place).toBe('Ranaghat block office');
    expect(file.updatedAt > before).toBe(true);
    await page.close();
  });

  it('writes a pending edit when the user leaves for another page', async () => {
    await page.goto(`${preview.url}#/study/${STUDY}/settings`);
    await page.getByLabel('Title').fill('Autosave study, renamed');
    // At once, before the autosave's quiet time: the route change flushes it.
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Studies' }).click();
    await page.getByRole('link', { name: 'Autosave study, renamed' }).waitFor();
    expect(studyFile().title).toBe('Autosave study, renamed');
    await page.close();
  });

  it('writes a pending edit when the page is reloaded, after asking to confirm', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => void dialogs.push(d.type()));
    await page.goto(`${preview.url}#/study/${STUDY}/settings`);
    await page.getByLabel('Description').fill('Typed just before the reload');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Autosave study, renamed' }).waitFor();
    expect(dialogs).toEqual(['beforeunload']);
    await expect.poll(() => studyFile().description, { timeout: 5_000 }).toBe('Typed just before the reload');
    await expect.poll(() => page.getByLabel('Description').inputValue()).toBe('Typed just before the reload');
    await page.close();
  });

  it('writes a pending edit when the tab is closed', async () => {
    await page.goto(`${preview.url}#/study/${STUDY}/settings`);
    await page.getByLabel('Description').fill('Typed just before closing');
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => studyFile().description, { timeout: 5_000 }).toBe('Typed just before closing');
  });

  it('asks nothing when everything is saved', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => void dialogs.push(d.type()));
    await page.goto(`${preview.url}#/study/${STUDY}/settings`);
    await page.getByLabel('Description').fill('Saved before leaving');
    await saved().waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(dialogs).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
    await page.close();
  });
});

describe('earlier versions', () => {
  it('lists the saved versions of a session and restores one', async () => {
    page = (await newPage(browser)).page;
    page.on('dialog', (d) => void d.accept());
    // Two more saves of the session's details give it a history.
    for (const place of ['First venue', 'Second venue']) {
      await page.goto(`${preview.url}#/study/${STUDY}`);
      await page.getByRole('button', { name: 'Edit the details of FGD 1' }).click();
      const dialog = page.getByRole('dialog', { name: 'Details of FGD 1' });
      await dialog.getByLabel('Place').fill(place);
      await dialog.getByRole('button', { name: 'Save details' }).click();
      await saved().waitFor();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    expect(sessionFile().place).toBe('Second venue');
    const versions = (await api('listSessionVersions', { studyId: STUDY, sessionId: SESSION })) as { versionId: string; savedAt: string }[];
    expect(versions.length).toBeGreaterThanOrEqual(2);

    await page.goto(`${preview.url}#/study/${STUDY}/session/${SESSION}`);
    await page.getByRole('heading', { level: 1, name: 'Session FGD 1' }).waitFor();
    await page.getByRole('button', { name: 'Earlier versions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Earlier versions of FGD 1' });
    const rows = dialog.getByRole('row');
    await expect.poll(() => rows.count()).toBe(versions.length + 1);
    // Find the version whose file still had the first venue, and restore it.
    const history = versions.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    let target = -1;
    for (let i = 0; i < history.length; i++) {
      const copy = readHistory(history[i]!.versionId);
      if (copy?.place === 'First venue') target = i;
    }
    expect(target).toBeGreaterThanOrEqual(0);
    await rows.nth(target + 1).getByRole('button', { name: /^Restore the version saved/ }).click();
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await page.getByText(/^Session FGD 1 was restored to the version saved/).waitFor();
    expect(sessionFile().place).toBe('First venue');
    await page.close();
  });
});

describe('recovery from a damaged session file', () => {
  it('names the session in one message and restores its newest valid version', async () => {
    page = (await newPage(browser)).page;
    const good = sessionFile().place;
    // A bad sync cut the file short.
    writeFileSync(join(preview.dataDir, STUDY, 'sessions', `${SESSION}.json`), '{"format":"pimap/session","version":1,"code":"FGD 1","placem');
    await page.goto(`${preview.url}#/study/${STUDY}`);
    const message = page.getByText(/^Session FGD 1 could not be read and was moved to quarantine: .+\. An earlier version can be restored\.$/);
    await message.waitFor();
    await expect(page.getByRole('link', { name: 'Open the map of FGD 1' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Restore the latest earlier version of Session FGD 1' }).click();
    await page.getByText('Session FGD 1 was restored from its latest earlier version.').waitFor();
    await page.getByRole('link', { name: 'Open the map of FGD 1' }).waitFor();
    expect(sessionFile().place).toBe(good);
    // The damaged file was kept, not deleted.
    expect(readdirSync(join(preview.dataDir, STUDY, '.quarantine')).length).toBeGreaterThan(0);
    await page.close();
  });
});

/** A version file from the session's history folder, if it can be found and read. */
function readHistory(versionId: string): { place: string } | null {
  const dir = join(preview.dataDir, STUDY, '.history', SESSION);
  const name = readdirSync(dir).find((f) => f.startsWith(versionId) || f === `${versionId}.json`);
  if (!name) return null;
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as { place: string };
}
