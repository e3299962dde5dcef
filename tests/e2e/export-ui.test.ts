import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, serializeBundle } from '../../shared/export/studyFile';
import { newSession, newStudy } from '../../shared/model/defaults';
import { SessionSchema, type Placement, type Session } from '../../shared/model/session';
import { StakeholderLibrarySchema } from '../../shared/model/stakeholder';
import type { Study } from '../../shared/model/study';
import { axeViolations, describeViolations, newAxeContext } from '../helpers/axe';
import { launchBrowser, watchedPage, type WatchedPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';

// Share and report through the UI, against the real browser preview: a session map as
// SVG, the study as CSV and as the printable report (downloaded by the browser and read
// back), a study file with a conflict merged through the merge dialog (checked in the
// session files on disk), axe-core scans of both dialogs, and screenshots of them at
// 1366×768 in a temporary folder (PIMAP_EXPORT_SHOTS names another).
const root = join(import.meta.dirname, '..', '..');
const shotsDir = process.env.PIMAP_EXPORT_SHOTS ?? join(tmpdir(), 'pimap-export-shots');
const library = StakeholderLibrarySchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'stakeholders.json'), 'utf8'))).stakeholders;
const NOW = '2026-03-10T10:00:00.000Z';

// Note text that must never appear in a redacted file, and must appear in an unredacted one.
const QUOTE = 'QUOTE-BDO: he never comes to our village';
const SESSION_NOTE = 'SESSION-NOTE: met in the school courtyard';
// Where and by whom: left out of every export unless "Include notes, place and facilitator" is ticked.
const PLACE = 'PLACE-SECRET Krishnagar girls school';
const FACILITATOR = 'FACILITATOR-SECRET Rupa Mondal';

const placed = (power: number, interest: number, note = ''): Placement => ({ status: 'placed', position: { power, interest }, contested: false, alt: null, note });
const study = newStudy({ id: 'e2e-share', title: 'Nadia share e2e', now: NOW, stakeholders: library });
const session = (id: string, code: string, cohortId: string, placements: Session['placements'], over: Partial<Session> = {}): Session => ({
  ...newSession({ id, studyId: study.id, code, kind: cohortId === 'duty-bearers' ? 'interview' : 'fgd', cohortId, roundId: 'baseline', now: NOW, consent: true }),
  placements,
  ...over,
});
const sessions: Session[] = [
  session('s-fgd1', 'FGD 1', 'survivors', { bdo: placed(8, 2, QUOTE), police: placed(9, 1.5), 'gram-panchayat': placed(7, 3), ahtu: { ...placed(5, 5), status: 'unknown' } }, { notes: SESSION_NOTE, place: PLACE, facilitator: FACILITATOR }),
  session('s-fgd2', 'FGD 2', 'survivors', { bdo: placed(7, 3), police: placed(8, 2), 'gram-panchayat': placed(6, 2) }),
  session('s-fgd3', 'FGD 3', 'survivors', { bdo: placed(7.5, 2.5), police: placed(8.5, 1), 'gram-panchayat': placed(6.5, 3) }),
  session('s-db1', 'DB-1', 'duty-bearers', { bdo: placed(6, 7), police: placed(7, 8), 'gram-panchayat': placed(5, 8) }),
];

let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;

const api = <T = unknown>(op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);

/** Session files on disk, by code, read through the schema. */
function sessionFiles(): Map<string, Session> {
  const dir = join(preview.dataDir, study.id, 'sessions');
  const out = new Map<string, Session>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const s = SessionSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    out.set(s.code, s);
  }
  return out;
}

/** A facilitator's study file: FGD 1 with Police moved (`policeAt`), FGD 2 unchanged, FGD 7 new. */
function facilitatorFile(policeAt: [number, number]): Buffer {
  const theirs: Study = { ...study, title: 'Nadia (Rupa’s laptop)' };
  const fgd1 = sessions[0]!;
  const bundle = buildBundle(
    theirs,
    [
      { ...fgd1, id: 'rupa-1', placements: { ...fgd1.placements, police: placed(...policeAt) } },
      { ...sessions[1]!, id: 'rupa-2' },
      session('rupa-7', 'FGD 7', 'survivors', { bdo: placed(9, 1), police: placed(9, 2) }),
    ],
    { exportedAt: NOW, redact: false },
  );
  return Buffer.from(serializeBundle(bundle), 'utf8');
}

/** Click Export and take the browser's download: its suggested name and bytes. */
async function exportAndDownload(dialog: ReturnType<Page['getByRole']>, timeout = 60_000): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** Text of every <text> in an SVG, parsed by the browser as XML; throws on a parse error. */
async function svgTexts(svg: string): Promise<string[]> {
  // On a blank page of its own: the app's content security policy would (rightly) report
  // the SVG's style attributes as inline styles. A string expression: the Node test
  // config has no DOM types.
  const blank = await browser.newPage();
  const result = (await blank.evaluate(
    `((t) => { const doc = new DOMParser().parseFromString(t, 'image/svg+xml'); const e = doc.getElementsByTagName('parsererror')[0]; if (e) return { error: e.textContent }; return { root: doc.documentElement.nodeName, texts: Array.from(doc.getElementsByTagName('text'), (x) => x.textContent) }; })(${JSON.stringify(svg)})`,
  )) as { error?: string; root?: string; texts?: string[] };
  await blank.close();
  if (result.error) throw new Error(`The SVG is not XML: ${result.error}`);
  expect(result.root).toBe('svg');
  return result.texts ?? [];
}

beforeAll(async () => {
  mkdirSync(shotsDir, { recursive: true });
  preview = await startPreview();
  browser = await launchBrowser();
  await api('createStudy', { study });
  for (const s of sessions) await api('saveSession', { session: s, baseRevision: 0 });
  ({ watched, page } = await watchedPage(browser));
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('share and report through the UI', () => {
  it('exports a session map as SVG: stakeholder labels in, notes left out by default', async () => {
    await page.goto(`${preview.url}#/study/${study.id}/session/s-fgd1`);
    await page.locator('.map-canvas canvas').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Export map…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the map of FGD 1' });
    await expect(dialog.getByRole('radio', { name: /^SVG/ }).isChecked()).resolves.toBe(true);
    await expect(dialog.getByRole('checkbox', { name: 'Include notes, place and facilitator' }).isChecked()).resolves.toBe(false);
    await expect(dialog.getByTestId('export-notes').textContent()).resolves.toBe('2 notes left out');
    await expect(dialog.getByTestId('export-contents').textContent()).resolves.toContain('Left out: session notes, notes and quotes on placements, place, and facilitator.');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shotsDir, 'export-dialog.png') });

    const { name, bytes } = await exportAndDownload(dialog);
    expect(name).toBe('Nadia share e2e - FGD 1.svg');
    const svg = bytes.toString('utf8');
    const texts = (await svgTexts(svg)).join('\n');
    for (const label of ['BDO', 'Police', 'Panchayat', 'Nadia share e2e']) expect(texts).toContain(label);
    expect(svg).not.toContain('QUOTE-BDO');
    expect(svg).not.toContain('SESSION-NOTE');
    await page.getByText('Downloaded Nadia share e2e - FGD 1.svg.').waitFor();
    await dialog.waitFor({ state: 'detached' });
    // Focus is back on the opener, so a keyboard user carries on where they were.
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Export map…');
  });

  it('exports the study as CSV without notes by default: the downloaded file has no note, place or facilitator text', async () => {
    await page.goto(`${preview.url}#/study/${study.id}`);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Nadia share e2e' });
    await expect(dialog.getByRole('radio', { name: /^CSV for Excel or R/ }).isChecked()).resolves.toBe(true);
    const withNotes = dialog.getByRole('checkbox', { name: 'Include notes, place and facilitator' });
    await expect(withNotes.isChecked()).resolves.toBe(false);
    await expect(withNotes.isVisible()).resolves.toBe(true);
    const { bytes } = await exportAndDownload(dialog);
    const text = bytes.toString('utf8');
    expect(text).toMatch(/study,session,cohort,round,stakeholder,status,power,interest/);
    for (const secret of ['QUOTE-BDO', 'SESSION-NOTE', 'PLACE-SECRET', 'FACILITATOR-SECRET']) expect(text).not.toContain(secret);
  });

  it('exports the study file without notes, place or facilitator by default, and with all three when ticked', async () => {
    const download = async (tick: boolean) => {
      await page.goto(`${preview.url}#/study/${study.id}`);
      await page.getByRole('button', { name: 'Export…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export Nadia share e2e' });
      await dialog.getByRole('radio', { name: /^Study file/ }).check();
      if (tick) await dialog.getByRole('checkbox', { name: 'Include notes, place and facilitator' }).check();
      if (tick) await page.screenshot({ path: join(shotsDir, 'export-dialog-study-file-with-notes.png') });
      return (await exportAndDownload(dialog)).bytes.toString('utf8');
    };
    const closed = await download(false);
    for (const secret of ['QUOTE-BDO', 'SESSION-NOTE', 'PLACE-SECRET', 'FACILITATOR-SECRET']) expect(closed).not.toContain(secret);
    expect(JSON.parse(closed)).toMatchObject({ redacted: true });
    const open = await download(true);
    for (const secret of [QUOTE, SESSION_NOTE, PLACE, FACILITATOR]) expect(open).toContain(secret);
  });

  it('exports the study as CSV with notes when ticked: a UTF-8 byte-order mark, then the long format with the note', async () => {
    await page.goto(`${preview.url}#/study/${study.id}`);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Nadia share e2e' });
    await expect(dialog.getByRole('radio', { name: /^CSV for Excel or R/ }).isChecked()).resolves.toBe(true);
    await dialog.getByRole('checkbox', { name: 'Include notes, place and facilitator' }).check();
    await expect(dialog.getByTestId('export-included').textContent()).resolves.toContain('Survivors (3) and Duty bearers (1)');

    const { name, bytes } = await exportAndDownload(dialog);
    expect(name).toBe('Nadia share e2e.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split(/\r?\n/)[0]).toMatch(/^study,session,cohort,round,stakeholder,status,power,interest/);
    expect(text).toContain(QUOTE);
    expect(text.split(/\r?\n/).filter((l) => l.includes('FGD 1') && l.includes(QUOTE))).toHaveLength(1);
    // A CSV has no column for place or facilitator, ticked or not.
    for (const secret of ['PLACE-SECRET', 'FACILITATOR-SECRET']) expect(text).not.toContain(secret);
  });

  it('exports the printable report as PDF: a calm progress state, the methods note, and no notes by default', async () => {
    await page.goto(`${preview.url}#/study/${study.id}`);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Nadia share e2e' });
    await dialog.getByRole('radio', { name: /^Printable report/ }).check();
    await expect(dialog.getByRole('checkbox', { name: 'Include notes, place and facilitator' }).isChecked()).resolves.toBe(false);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      (async () => {
        await dialog.getByRole('button', { name: 'Export', exact: true }).click();
        await dialog.getByTestId('export-status').getByText('Preparing the report…').waitFor();
      })(),
    ]);
    expect(download.suggestedFilename()).toBe('Nadia share e2e - report.pdf');
    const pdfDir = mkdtempSync(join(tmpdir(), 'pimap-e2e-pdf-'));
    const pdf = join(pdfDir, 'report.pdf');
    writeFileSync(pdf, readFileSync(await download.path()));
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+\d+/);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Methods note');
    expect(text).toContain('Notes and quotes were left out of this report.');
    expect(text).not.toContain('QUOTE-BDO');
    expect(text).not.toContain('SESSION-NOTE');
  });

  it('has no accessibility violations in the export dialog and the merge dialog with a conflict (axe-core)', async () => {
    const context = await newAxeContext(browser);
    const axePage = await context.newPage();
    try {
      await axePage.goto(`${preview.url}#/study/${study.id}`);
      await axePage.getByRole('button', { name: 'Export…' }).click();
      const exportDialog = axePage.getByRole('dialog', { name: 'Export Nadia share e2e' });
      await exportDialog.getByRole('radio', { name: /^Study file/ }).check();
      await exportDialog.getByRole('radio', { name: 'Only the sessions I choose' }).check();
      let violations = await axeViolations(axePage);
      expect(violations, `export dialog: ${describeViolations(violations)}`).toEqual([]);
      await exportDialog.getByRole('button', { name: 'Cancel' }).click();

      await axePage.getByRole('button', { name: 'Import study file…' }).click();
      const mergeDialog = axePage.getByRole('dialog', { name: 'Import a study file into Nadia share e2e' });
      await mergeDialog.getByLabel('Study file').setInputFiles({ name: 'rupa.pimap.json', mimeType: 'application/json', buffer: facilitatorFile([1, 1]) });
      await mergeDialog.getByTestId('merge-conflict').waitFor();
      violations = await axeViolations(axePage);
      expect(violations, `merge dialog: ${describeViolations(violations)}`).toEqual([]);
      await mergeDialog.getByRole('radio', { name: /^Keep ours/ }).check();
      violations = await axeViolations(axePage);
      expect(violations, `merge dialog, resolved: ${describeViolations(violations)}`).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('merges a study file with one conflict: nothing imported until it is resolved, then the session files show the choice', async () => {
    await page.goto(`${preview.url}#/study/${study.id}`);
    await page.getByRole('button', { name: 'Import study file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a study file into Nadia share e2e' });
    await dialog.getByLabel('Study file').setInputFiles({ name: 'rupa.pimap.json', mimeType: 'application/json', buffer: facilitatorFile([3, 8]) });
    await dialog.getByTestId('merge-conflict').waitFor();
    await expect(dialog.locator('[data-count="new"]').textContent()).resolves.toBe('1');
    await expect(dialog.locator('[data-count="identical"]').textContent()).resolves.toBe('1');
    await expect(dialog.locator('[data-count="conflicts"]').textContent()).resolves.toBe('1');
    const conflict = dialog.getByRole('group', { name: 'FGD 1 · Baseline' });
    await expect(conflict.textContent()).resolves.toContain('Differs in: placement of Police.');
    const submit = dialog.getByRole('button', { name: /^Import/ });
    await expect(submit.isDisabled()).resolves.toBe(true);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(shotsDir, 'merge-dialog.png') });

    await conflict.getByRole('radio', { name: /^Take theirs/ }).check();
    await expect(submit.isEnabled()).resolves.toBe(true);
    await submit.click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Imported from “Nadia (Rupa’s laptop)”: 1 added, 1 replaced, 1 skipped.').waitFor();

    const files = sessionFiles();
    expect([...files.keys()].sort()).toEqual(['DB-1', 'FGD 1', 'FGD 2', 'FGD 3', 'FGD 7']);
    // Ours, with their placement of Police; same id, nothing else lost.
    expect(files.get('FGD 1')).toMatchObject({ id: 's-fgd1', notes: SESSION_NOTE, placements: { police: placed(3, 8), bdo: placed(8, 2, QUOTE) } });
    expect(files.get('FGD 2')!.id).toBe('s-fgd2');
    expect(files.get('FGD 7')!.placements).toEqual({ bdo: placed(9, 1), police: placed(9, 2) });
    // The sessions list shows the new session.
    await page.getByRole('link', { name: /FGD 7/ }).first().waitFor();
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
  });
});
