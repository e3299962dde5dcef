import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCohorts } from '../../shared/analysis/compareCohorts';
import { parseLongFormat } from '../../shared/csv/longFormat';
import { planImport } from '../../shared/csv/planImport';
import type { Stakeholder } from '../../shared/model/stakeholder';
import { axeViolations, describeViolations, newAxeContext } from '../helpers/axe';
import { launchWatchedPage, type WatchedPage } from '../helpers/browser';
import { startPreview, type Preview } from '../helpers/preview';

// Import a CSV through the UI (a bad file imports nothing; a good one imports), open the
// compare view, focus a stakeholder and read the divergence table through the DOM, against
// the real browser preview and its storage. With PIMAP_README_SHOTS=1 the screenshots go to
// resources/readme (compare.png, divergence.png); otherwise to a temporary folder.
const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(root, 'tests', 'fixtures', 'csv', name);
const shotsDir = process.env.PIMAP_README_SHOTS === '1' ? join(root, 'resources', 'readme') : join(tmpdir(), 'pimap-compare-shots');

let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;

beforeAll(async () => {
  mkdirSync(shotsDir, { recursive: true });
  preview = await startPreview();
  ({ browser, watched, page } = await launchWatchedPage());
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** A host call over the preview's API, to check what was stored independently of the UI. */
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

const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** The analysis of the good file, computed here from the same CSV, to check the table against. */
function expectedComparison() {
  const rows = parseLongFormat(readFileSync(fixture('generated-40x20.csv'), 'utf8')).rows;
  const library = (JSON.parse(readFileSync(join(root, 'resources', 'stakeholders.json'), 'utf8')) as { stakeholders: Stakeholder[] }).stakeholders;
  let n = 0;
  const plan = planImport(null, [], rows, { newId: () => `x${++n}`, now: '2026-01-01T00:00:00.000Z', library });
  if (!plan.ok) throw new Error('the fixture does not import');
  return compareCohorts(
    plan.study,
    plan.sessions.map((s) => s.session),
    {},
  );
}

describe('CSV import and the compare view, through the UI', () => {
  let studyId = '';

  it('previews a bad file with its problems by line and imports nothing', async () => {
    await page.goto(preview.url);
    await h1('Studies').waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a CSV file' });
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: readFileSync(fixture('ui-bad.csv')) });
    const errors = dialog.getByTestId('import-errors');
    await errors.waitFor();
    await expect(errors.getByRole('alert').textContent()).resolves.toContain('2 problems on 2 lines. Nothing will be imported until the file is corrected.');
    // Line numbers are physical lines: the first data row's note spans lines 2 and 3.
    const rows = errors.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(0).textContent()).resolves.toBe('4power12 is outside the scale 0–10.');
    await expect(rows.nth(1).textContent()).resolves.toBe('5status“perhaps” is not a status: use placed, unknown or not_discussed.');
    await expect(dialog.getByTestId('import-submit').isDisabled()).resolves.toBe(true);
    // A file saved in a legacy encoding (Latin-1 "é") is refused before it reaches the host.
    const latin1 = Buffer.concat([Buffer.from('study,session,cohort,stakeholder,power,interest\nCaf'), Buffer.from([0xe9]), Buffer.from(',S1,Survivors,Police,9,1\n')]);
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'latin1.csv', mimeType: 'text/csv', buffer: latin1 });
    await expect(dialog.getByRole('alert').textContent()).resolves.toBe(
      'latin1.csv is not UTF-8 text: line 2, byte 4 is 0xE9, which is “é” in Windows-1252. It was probably saved as Windows-1252 or Latin-1 (“ANSI”). Save it as UTF-8 (in Excel: Save As → “CSV UTF-8”) and choose it again.',
    );
    await expect(dialog.getByTestId('import-submit').isDisabled()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(api<unknown[]>('listStudies')).resolves.toEqual([]);
  });

  it('imports a good file (with a byte-order mark) into a new study after showing what it will create', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a CSV file' });
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'generated.csv', mimeType: 'text/csv', buffer: readFileSync(fixture('generated-40x20.csv')) });
    const summary = dialog.getByTestId('import-summary');
    await summary.waitFor();
    await expect(summary.locator('.import-target').textContent()).resolves.toBe('Creates a new study: Generated study');
    await expect(summary.locator('[data-count="rows"]').textContent()).resolves.toBe('800');
    await expect(summary.locator('[data-count="sessions"]').textContent()).resolves.toBe('40 new, 0 updated');
    await expect(summary.locator('[data-count="stakeholders"]').textContent()).resolves.toBe('20 in the file, 0 new');
    await expect(summary.locator('[data-count="cohorts"]').textContent()).resolves.toBe('4 in the file, 0 new');
    // Nothing is saved by the preview.
    await expect(api<unknown[]>('listStudies')).resolves.toEqual([]);
    await dialog.getByRole('button', { name: 'Import 40 sessions' }).click();
    await h1('Generated study').waitFor();
    const studies = await api<Array<{ id: string; sessionCount: number }>>('listStudies');
    expect(studies).toHaveLength(1);
    expect(studies[0]!.sessionCount).toBe(40);
    studyId = studies[0]!.id;
    expect(page.url()).toContain(`#/study/${studyId}`);
  });

  it('opens the compare view, focuses a stakeholder and reads the divergence table', async () => {
    await page.getByRole('link', { name: 'Compare cohorts' }).click();
    await h1('Compare cohorts').waitFor();
    expect(page.url()).toContain(`#/study/${studyId}/compare`);
    await page.locator('[data-testid="compare-status"][data-state="ready"]').waitFor({ timeout: 30_000 });
    const expected = expectedComparison();

    const table = page.getByTestId('divergence-table');
    await expect(table.locator('tbody tr').count()).resolves.toBe(20);
    for (const id of ['police', 'gram-panchayat', 'asha', 'vlcpc']) {
      const want = expected.stakeholders.find((s) => s.id === id)!;
      const row = table.locator(`tbody tr[data-stakeholder="${id}"]`);
      for (const c of want.cohorts) {
        const centroid = c.centroid ? `${c.centroid.power.toFixed(1)}, ${c.centroid.interest.toFixed(1)}` : '—';
        const cell = row.locator(`td[data-cohort="${c.id}"]`);
        await expect(cell.locator('.cohort-n').textContent(), `${id} ${c.id} n`).resolves.toMatch(new RegExp(`^n ${c.n}(?: \\(fewer than 3|$)`));
        await expect(cell.locator('.cohort-centroid').textContent(), `${id} ${c.id} centroid`).resolves.toBe(centroid);
      }
      const p = want.pValue! < 0.001 ? String(Number(want.pValue!.toPrecision(2))) : want.pValue!.toFixed(want.pValue! < 0.01 ? 4 : 3);
      await expect(row.locator('[data-col="p"]').textContent(), `${id} p`).resolves.toBe(p);
      await expect(row.locator('td.col-flag').nth(1).textContent(), `${id} divergent`).resolves.toBe(want.divergent ? 'Yes' : 'No');
    }

    // Focus the police from the table: the grid and the DOM twin follow.
    await table.locator('tbody tr[data-stakeholder="police"] th button').click();
    await page.locator('[data-testid="compare-grid"][data-focus="police"]').waitFor();
    const twin = page.getByTestId('points-twin');
    await expect(twin.getByRole('heading').textContent()).resolves.toBe("Every session's point: Police (Local police station)");
    const police = expected.stakeholders.find((s) => s.id === 'police')!;
    await expect(twin.locator('tbody tr[data-session]').count()).resolves.toBe(police.n);
    await expect(twin.locator('tbody[data-cohort="survivors"] .twin-cohort-stats').textContent()).resolves.toContain(`n = ${police.cohorts[0]!.n} of 12`);

    // A keyboard user steps through the police's session marks on the grid.
    await page.getByTestId('compare-grid').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('compare-announcer').textContent()).resolves.toMatch(/^SUR-FGD-\d+ \(Survivors · Baseline\): Police at power \d+\.\d, interest \d+\.\d — high power, low interest$/);
    await page.keyboard.press('Escape');
    await page.evaluate('document.activeElement.blur()');
    // The "imported" notice would cover the pictures.
    for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();

    await page.evaluate('window.scrollTo(0, document.querySelector(".compare-toolbar").getBoundingClientRect().top + window.scrollY - 12)');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shotsDir, 'compare.png') });
    await page.evaluate('window.scrollTo(0, document.querySelector(".compare-table-column").getBoundingClientRect().top + window.scrollY - 12)');
    await page.screenshot({ path: join(shotsDir, 'divergence.png') });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
  });

  it('extends the study with a second round from the study page, and pairs the rounds over time', async () => {
    await page.goto(`${preview.origin}/#/study/${studyId}`);
    await h1('Generated study').waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a CSV file into Generated study' });
    // The endline file names another study title; from a study page the rows go into this study.
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'endline.csv', mimeType: 'text/csv', buffer: readFileSync(fixture('ui-over-time.csv')) });
    await dialog.getByTestId('import-summary').waitFor();
    await expect(dialog.locator('.import-target').textContent()).resolves.toBe('Adds to the existing study: Generated study');
    await expect(dialog.locator('[data-count="sessions"]').textContent()).resolves.toBe('12 new, 40 updated');
    await dialog.getByRole('button', { name: 'Import 52 sessions' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(api<Array<{ sessionCount: number }>>('listStudies').then((s) => s.map((x) => x.sessionCount))).resolves.toEqual([52]);

    await page.getByRole('link', { name: 'Compare cohorts' }).click();
    await page.locator('[data-testid="compare-status"][data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Over time' }).click();
    await expect(page.getByTestId('over-time').locator('.section-intro').textContent()).resolves.toContain('12 groups were mapped in both Baseline and Endline');
    await expect(page.getByTestId('shifts-table').locator('tbody tr').count()).resolves.toBe(20);
    expect(watched.consoleErrors).toEqual([]);
  });

  it('has no accessibility violations in the compare view and the import dialog (axe-core)', async () => {
    const context = await newAxeContext(browser);
    const axePage = await context.newPage();
    try {
      await axePage.goto(`${preview.url}#/study/${studyId}/compare`);
      await axePage.locator('[data-testid="compare-status"][data-state="ready"]').waitFor({ timeout: 30_000 });
      await axePage.getByTestId('compare-grid').waitFor();
      let violations = await axeViolations(axePage);
      expect(violations, describeViolations(violations)).toEqual([]);
      await axePage.getByTestId('focus-select').selectOption('police');
      await axePage.getByTestId('points-twin').waitFor();
      violations = await axeViolations(axePage);
      expect(violations, describeViolations(violations)).toEqual([]);
      for (const [tab, panel] of [
        ['Side by side', 'side-by-side'],
        ['Over time', 'over-time'],
      ] as const) {
        await axePage.getByRole('tab', { name: tab }).click();
        await axePage.getByTestId(panel).waitFor();
        violations = await axeViolations(axePage);
        expect(violations, `${tab}: ${describeViolations(violations)}`).toEqual([]);
      }
      // The import dialog, with a file's problems listed and with a file ready to import.
      await axePage.goto(`${preview.url}#/`);
      await axePage.getByRole('button', { name: 'Import CSV' }).click();
      const dialog = axePage.getByRole('dialog', { name: 'Import a CSV file' });
      await dialog.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: readFileSync(fixture('ui-bad.csv')) });
      await dialog.getByTestId('import-errors').waitFor();
      violations = await axeViolations(axePage);
      expect(violations, `import errors: ${describeViolations(violations)}`).toEqual([]);
      await dialog.getByLabel('CSV file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: readFileSync(fixture('generated-40x20.csv')) });
      await dialog.getByTestId('import-summary').waitFor();
      violations = await axeViolations(axePage);
      expect(violations, `import preview: ${describeViolations(violations)}`).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
