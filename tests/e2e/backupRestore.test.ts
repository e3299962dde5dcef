import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/model/session';
import { libraryStudy, realisticSession } from '../component/editor/fixtures';
import { axeViolations, describeViolations, newAxeContext } from '../helpers/axe';
import { launchWatchedPage, type WatchedPage } from '../helpers/browser';
import { previewApi as api, startPreview, type Preview } from '../helpers/preview';

// Backup and restore in the app (issue 15, part 4), and the three ways to end a sync
// conflict on the study page, in Chromium with two previews, each its own laptop with its
// own data folder: A backs a study up from the Work as a team page; B restores the file
// (a new study), both change the same maps, and B restores A's next backup into its copy:
// every map changed on both sides is kept twice and shown, and B resolves one each way.

let dirA: string;
let dirB: string;
let a: Preview;
let b: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
const study = libraryStudy();
const base = realisticSession(study);
const sessionOf = (id: string, code: string): Session => ({ ...base, id, code });
const CODES = ['FGD 3', 'FGD 4', 'FGD 5'] as const;
const ids = { 'FGD 3': 'fgd-3', 'FGD 4': 'fgd-4', 'FGD 5': 'fgd-5' } as const;

beforeAll(async () => {
  dirA = mkdtempSync(join(tmpdir(), 'pimap-backup-a-'));
  dirB = mkdtempSync(join(tmpdir(), 'pimap-backup-b-'));
  [a, b] = await Promise.all([startPreview({ dataDir: dirA }), startPreview({ dataDir: dirB })]);
  for (const p of [a, b]) await api(p, 'setPrefs', { language: 'en', largeText: false, languageChosen: true });
  await api(a, 'setPrefs', { deviceName: 'Field laptop A' });
  await api(b, 'setPrefs', { deviceName: 'Field laptop B' });
  await api(a, 'createStudy', { study });
  for (const code of CODES) await api(a, 'saveSession', { session: sessionOf(ids[code], code), baseRevision: 0 });
  // A second save of FGD 3, so the backup has an earlier version to carry.
  await api(a, 'saveSession', { session: { ...sessionOf('fgd-3', 'FGD 3'), notes: 'Second sitting, same group.' }, baseRevision: 1 });
  ({ browser, watched, page } = await launchWatchedPage());
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  for (const d of [dirA, dirB]) if (d) rmSync(d, { recursive: true, force: true });
});

/** Move the police chip of session `id` to `power` through the host, as that laptop's facilitator would. */
async function movePolice(p: Preview, id: string, power: number): Promise<void> {
  const { sessions } = await api<{ sessions: Session[] }>(p, 'openStudy', { studyId: study.id });
  const s = sessions.find((x) => x.id === id)!;
  const moved: Session = { ...s, placements: { ...s.placements, police: { ...s.placements.police!, position: { power, interest: 5 } } } };
  await api(p, 'saveSession', { session: moved, baseRevision: s.revision });
}

/**
 * axe-core on `url` after `prepare`, in a context that lets axe be injected (the app's CSP
 * rightly forbids that; the test's own page keeps the real policy).
 */
async function scan(url: string, prepare: (p: Page) => Promise<void>): Promise<string> {
  const context = await newAxeContext(browser);
  try {
    const p = await context.newPage();
    await p.goto(url);
    await prepare(p);
    return describeViolations(await axeViolations(p));
  } finally {
    await context.close();
  }
}

const sessionLink = (code: string) => page.getByRole('link', { name: `Open the map of ${code}`, exact: true });
const policePower = () => page.locator('tr[data-stakeholder-id="police"] [data-col="power"]');

describe('backup and restore in the app', () => {
  let backupFile: Buffer;

  it('backs up a study from the Work as a team page, with its earlier versions and its notes', async () => {
    await page.goto(`${a.url}#/team`);
    await page.getByRole('heading', { name: 'Backup and restore' }).waitFor();
    await page.getByRole('button', { name: `Back up “${study.title}”` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('A backup holds every note, place and facilitator').waitFor();
    await dialog.getByTestId('backup-history').check();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('backup-save').click()]);
    expect(download.suggestedFilename()).toMatch(/^Nadia and Murshidabad, 2026 - backup - \d{4}-\d{2}-\d{2}\.pimap\.json$/);
    backupFile = readFileSync((await download.path())!);
    await page.getByText(/^Backed up 3 sessions with their history \(4 saved versions\): downloaded as Nadia and Murshidabad, 2026 - backup - .*\.pimap\.json\.$/).waitFor();
    await expect(dialog.count()).resolves.toBe(0);
    expect(
      await scan(`${a.url}#/team`, async (p) => {
        await p.getByRole('button', { name: `Back up “${study.title}”` }).click();
        await p.getByTestId('backup-history').check();
      }),
    ).toBe('');
    const text = backupFile.toString('utf8');
    const parsed = JSON.parse(text) as { version: number; sessions: Session[]; history: unknown[] };
    expect(parsed.version).toBe(2);
    expect(parsed.sessions.map((s) => s.code).sort()).toEqual([...CODES]);
    // Every saved version: the three first saves and FGD 3's second.
    expect(parsed.history).toHaveLength(4);
    // Never redacted: the notes travel.
    expect(text).toContain('They know the agents and take money');
    expect(text).toContain('Second sitting, same group.');
  });

  it('restores the backup on another laptop as it was, and says what it did', async () => {
    await page.goto(`${b.url}#/team`);
    await page.getByTestId('restore-open').click();
    const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
    await expect(dialog.getByTestId('restore-submit').isDisabled()).resolves.toBe(true);
    // A file that is not a backup: one message naming the problem, nothing written.
    await dialog.getByTestId('restore-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":"world"}') });
    await dialog.getByTestId('restore-submit').click();
    await dialog.getByText(/A file could not be read: .*nothing was restored/).waitFor();
    expect(readdirSync(dirB).filter((n) => !n.startsWith('.'))).toEqual([]);

    await dialog.getByTestId('restore-file').setInputFiles({ name: 'backup.pimap.json', mimeType: 'application/json', buffer: backupFile });
    await dialog.getByTestId('restore-submit').click();
    await dialog.getByTestId('restore-summary').getByText(`Restored “${study.title}” with 3 sessions.`).waitFor();
    await dialog.getByText('4 saved versions were added to the history.').waitFor();
    expect(await scan(`${b.url}#/team`, (p) => p.getByTestId('restore-open').click())).toBe('');
    await dialog.getByRole('link', { name: 'Open the study' }).click();
    for (const code of CODES) await sessionLink(code).waitFor();
    const restored = await api<{ sessions: Session[] }>(b, 'openStudy', { studyId: study.id });
    expect(restored.sessions.find((s) => s.id === 'fgd-3')?.notes).toBe('Second sitting, same group.');
  });

  it("restored into a copy changed on both sides, keeps both versions of each map, and each of the three choices on the study page ends one conflict without deleting anything", async () => {
    // Offline on both laptops: each moves the police chip in all three maps, differently.
    for (const code of CODES) {
      await movePolice(a, ids[code], 2);
      await movePolice(b, ids[code], 8);
    }
    const { base64 } = await api<{ base64: string }>(a, 'backupStudy', { studyId: study.id, withHistory: false });

    await page.goto(`${b.url}#/team`);
    await page.getByTestId('restore-open').click();
    const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
    await dialog.getByTestId('restore-file').setInputFiles({ name: 'backup-2.pimap.json', mimeType: 'application/json', buffer: Buffer.from(base64, 'base64') });
    await dialog.getByTestId('restore-submit').click();
    await dialog.getByText(`Merged the backup into “${study.title}”.`).waitFor();
    await dialog.getByText(/^3 maps were changed both here and in the backup \(FGD 3, FGD 4, and FGD 5\): the maps here are unchanged/).waitFor();
    await dialog.getByRole('link', { name: 'Open the study' }).click();

    const sessionsDir = join(dirB, study.id, 'sessions');
    const copies = () => readdirSync(sessionsDir).filter((n) => n.includes('.sync-conflict-'));
    expect(copies()).toHaveLength(3);
    await page.getByRole('heading', { name: '3 sessions were changed on two devices before they synced' }).waitFor();
    const problem = (code: string) => page.locator('li[data-kind="sync_copy"]').filter({ hasText: `Session ${code} has a second version, saved by Field laptop A` });
    for (const code of CODES) await problem(code).waitFor();
    await expect(page.locator('li[data-kind="sync_copy"]').first().textContent()).resolves.toContain('from a backup restored here: the map was changed both here and in the backup.Both versions are kept');
    expect(await scan(`${b.url}#/study/${study.id}`, (p) => p.locator('li[data-kind="sync_copy"]').first().waitFor())).toBe('');
    await page.screenshot({ path: join(tmpdir(), 'pimap-sync-conflicts.png'), fullPage: true });

    // Keep both: the other version becomes a session of its own.
    await problem('FGD 3').getByRole('button', { name: 'Keep both' }).click();
    await page.getByText('Both kept: the other version of FGD 3 is now FGD 3 (other version).').waitFor();
    await sessionLink('FGD 3 (other version)').waitFor();
    await expect(problem('FGD 3').count()).resolves.toBe(0);
    // Use the other version: A's map replaces B's (B's stays in the history).
    await problem('FGD 4').getByRole('button', { name: 'Use the other version' }).click();
    await page.getByText('FGD 4 now shows the other version; the one it replaced is in its earlier versions.').waitFor();
    // Keep this map: B's stays.
    await problem('FGD 5').getByRole('button', { name: 'Keep this map' }).click();
    await page.getByText('FGD 5: the map stays as it was; the other version is archived in the study folder.').waitFor();
    await expect(page.locator('li[data-kind="sync_copy"]').count()).resolves.toBe(0);

    // Nothing deleted: the three second versions are in the archive, none left beside the maps.
    expect(copies()).toEqual([]);
    const archive = join(dirB, study.id, '.sync-archive');
    expect(existsSync(archive)).toBe(true);
    expect(readdirSync(archive).filter((n) => n.endsWith('.json') && n.includes('.sync-conflict-'))).toHaveLength(3);

    const maps = await api<{ sessions: Session[] }>(b, 'openStudy', { studyId: study.id });
    const power = (code: string) => maps.sessions.find((s) => s.code === code)?.placements.police?.position?.power;
    expect({ kept: power('FGD 3'), other: power('FGD 3 (other version)'), used: power('FGD 4'), current: power('FGD 5') }).toEqual({ kept: 8, other: 2, used: 2, current: 8 });
    const versions = await api<unknown[]>(b, 'listSessionVersions', { studyId: study.id, sessionId: 'fgd-4' });
    expect(versions.length).toBeGreaterThanOrEqual(2);

    // What the facilitator sees in the map: A's position for FGD 4.
    await sessionLink('FGD 4').click();
    await page.locator('.map-canvas[data-grid-box]').waitFor();
    await expect.poll(() => policePower().textContent()).toBe('2.0');
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
  });
});
