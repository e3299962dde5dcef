import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, newAxeContext } from '../helpers/axe';
import { launchWatchedPage, type WatchedPage } from '../helpers/browser';
import { startPreview, type Preview } from '../helpers/preview';

// The studies list and the study page against the real browser preview and the real
// storage: everything done through the UI must be on disk and come back after a reload.
let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;

beforeAll(async () => {
  preview = await startPreview();
  ({ browser, watched, page } = await launchWatchedPage());
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const studyDirs = () => readdirSync(preview.dataDir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
const readJson = (...parts: string[]) => JSON.parse(readFileSync(join(preview.dataDir, ...parts), 'utf8')) as Record<string, unknown>;
const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const saved = () => page.getByRole('status').getByText('Saved', { exact: true });

describe('studies through the UI, persisted by the preview', () => {
  let studyId = '';

  it('creates a study from the list', async () => {
    await page.goto(preview.url);
    await h1('Studies').waitFor();
    // The heading shows before the list has loaded: wait for the empty state itself.
    await page.getByText('No studies yet').waitFor();
    await page.getByRole('button', { name: 'New study' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New study' });
    await dialog.getByLabel('Title').fill('Nadia and Murshidabad');
    await dialog.getByLabel('Description').fill('Duty bearers as seen by four cohorts.');
    await dialog.getByRole('button', { name: 'Create study' }).click();
    await h1('Nadia and Murshidabad').waitFor();
    studyId = studyDirs()[0] ?? '';
    expect(studyId).toBeTruthy();
    const study = readJson(studyId, 'study.json');
    expect(study).toMatchObject({ title: 'Nadia and Murshidabad', description: 'Duty bearers as seen by four cohorts.' });
    expect((study.stakeholders as unknown[]).length).toBe(24);
  });

  it('adds a custom stakeholder, saved to study.json', async () => {
    await page.getByRole('link', { name: /^Stakeholders/ }).click();
    await page.getByRole('button', { name: 'Add a stakeholder' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a stakeholder' });
    await dialog.getByLabel('Name', { exact: true }).first().fill('Brick kiln owners');
    await dialog.getByLabel('Short label', { exact: true }).first().fill('Kiln owners');
    await dialog.getByRole('button', { name: 'Add stakeholder' }).click();
    await page.getByRole('rowheader', { name: /Kiln owners/ }).waitFor();
    await saved().waitFor();
    const stakeholders = readJson(studyId, 'study.json').stakeholders as { name: string; custom: boolean }[];
    expect(stakeholders.at(-1)).toMatchObject({ name: 'Brick kiln owners', custom: true });
  });

  it('creates a session and opens its map', async () => {
    await page.getByRole('link', { name: /^Sessions/ }).click();
    await page.getByRole('button', { name: 'New session' }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByLabel('Session code').fill('FGD 1');
    await dialog.getByLabel('Place').fill('Krishnanagar');
    await dialog.getByLabel('Informed consent was recorded before the session').check();
    await dialog.getByRole('button', { name: 'Create and open the map' }).click();
    await h1('Session FGD 1').waitFor();
    const files = readdirSync(join(preview.dataDir, studyId, 'sessions'));
    expect(files).toHaveLength(1);
    expect(readJson(studyId, 'sessions', files[0]!)).toMatchObject({ code: 'FGD 1', place: 'Krishnanagar', consent: true, cohortId: 'survivors', roundId: 'baseline' });
  });

  it('renames the study from the list', async () => {
    await page.getByRole('link', { name: 'Back to the study Nadia and Murshidabad' }).click();
    await h1('Nadia and Murshidabad').waitFor();
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Studies' }).click();
    await h1('Studies').waitFor();
    await page.getByRole('button', { name: 'Rename Nadia and Murshidabad' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename study' });
    await dialog.getByLabel('Title').fill('Nadia and Murshidabad, baseline 2026');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('link', { name: 'Nadia and Murshidabad, baseline 2026' }).waitFor();
    expect(readJson(studyId, 'study.json').title).toBe('Nadia and Murshidabad, baseline 2026');
  });

  it('deletes the study to the trash and restores it from there', async () => {
    await page.getByRole('button', { name: 'Delete Nadia and Murshidabad, baseline 2026' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await page.getByText('No studies yet').waitFor();
    expect(studyDirs()).toEqual([]);
    await page.getByRole('link', { name: 'Trash (1 item)' }).click();
    await h1('Trash').waitFor();
    await page.getByRole('button', { name: 'Restore Nadia and Murshidabad, baseline 2026' }).click();
    await page.getByText('The trash is empty.').waitFor();
    expect(studyDirs()).toEqual([studyId]);
  });

  it('finds everything again after a reload', async () => {
    await page.goto(`${preview.url}#/`);
    await page.reload();
    await h1('Studies').waitFor();
    await page.getByRole('link', { name: 'Nadia and Murshidabad, baseline 2026' }).click();
    await h1('Nadia and Murshidabad, baseline 2026').waitFor();
    await page.getByRole('link', { name: 'Open the map of FGD 1' }).waitFor();
    // A reload keeps the place: the hash names the study and the tab.
    await page.getByRole('link', { name: /^Stakeholders/ }).click();
    await page.reload();
    await h1('Nadia and Murshidabad, baseline 2026').waitFor();
    await page.getByRole('rowheader', { name: /Kiln owners/ }).waitFor();
    expect(page.url()).toContain(`#/study/${studyId}/stakeholders`);
  });

  it('opened the last study when started again without a route', async () => {
    await page.goto(preview.url);
    await h1('Nadia and Murshidabad, baseline 2026').waitFor();
  });

  it('made no request outside 127.0.0.1 and logged no console error', () => {
    expect(watched.outsideRequests).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe('accessibility (axe-core)', () => {
  it('finds no violations on the studies list, the trash and every part of the study page', async () => {
    const context = await newAxeContext(browser);
    const p = await context.newPage();
    const [studyId] = studyDirs();
    const scans: [string, string, string][] = [
      ['studies list', '#/', 'Studies'],
      ['trash', '#/trash', 'Trash'],
      ['study: sessions', `#/study/${studyId}`, 'Nadia and Murshidabad, baseline 2026'],
      ['study: stakeholders', `#/study/${studyId}/stakeholders`, 'Nadia and Murshidabad, baseline 2026'],
      ['study: cohorts and rounds', `#/study/${studyId}/groups`, 'Nadia and Murshidabad, baseline 2026'],
      ['study: settings', `#/study/${studyId}/settings`, 'Nadia and Murshidabad, baseline 2026'],
    ];
    const found: string[] = [];
    for (const [label, hash, heading] of scans) {
      await p.goto(`${preview.url}${hash}`);
      await p.getByRole('heading', { level: 1, name: heading }).waitFor();
      const v = await axeViolations(p);
      if (v.length) found.push(`${label}:\n${describeViolations(v)}`);
    }
    // Dialogs too: the session form and the new-study form.
    await p.goto(`${preview.url}#/study/${studyId}`);
    await p.getByRole('button', { name: 'New session' }).click();
    await p.getByRole('dialog', { name: 'New session' }).waitFor();
    let v = await axeViolations(p);
    if (v.length) found.push(`new session dialog:\n${describeViolations(v)}`);
    await p.goto(`${preview.url}#/`);
    await p.getByRole('button', { name: 'New study' }).first().click();
    await p.getByRole('dialog', { name: 'New study' }).waitFor();
    v = await axeViolations(p);
    if (v.length) found.push(`new study dialog:\n${describeViolations(v)}`);
    await context.close();
    expect(found.join('\n\n')).toBe('');
  });
});
