import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/model/session';
import type { Study } from '../../shared/model/study';
import { libraryStudy, realisticSession } from '../component/editor/fixtures';
import { axeViolations, describeViolations, newAxeContext } from '../helpers/axe';
import { launchWatchedPage, type WatchedPage } from '../helpers/browser';
import { previewApi as api, startPreview, type Preview } from '../helpers/preview';

// Turning encryption on through the UI of the real browser preview (issue 16): the dialog
// asks for a passphrase and for three words of the recovery key it shows, the host
// rewrites the study; afterwards nothing in the data folder — study folder, history,
// trash, file names — says what the study is about. A restarted preview (the app closed
// and opened again) lists it as locked; forgetting it removes its folder.

const SHOTS = join(tmpdir(), 'pimap-privacy-shots');
const PASSPHRASE = 'river mango lantern seven';

let dataDir: string;
let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;

// Neutral ids: a study's folder is named by its id, and file names must not give away
// codes, so ids that resemble neither make a leak in a name stand out.
const study: Study = { ...libraryStudy(), id: 'k7q2x9' };
const pilot: Study = { ...libraryStudy(), id: 'p4m8w1', title: 'Pilot in the Sundarbans' };
const base = realisticSession(study);
const sessions: Session[] = [
  { ...base, id: 'sa01', code: 'FGD 3' },
  { ...base, id: 'sb02', code: 'DB-17', notes: 'Met at the block office; the inspector stayed for the first half.' },
];
const trashed: Session = { ...base, id: 'sc03', code: 'FGD 9', notes: 'Session abandoned when the sarpanch arrived.' };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'pimap-encrypt-'));
  preview = await startPreview({ dataDir });
  await api(preview, 'setPrefs', { language: 'en', largeText: false, languageChosen: true });
  await api(preview, 'createStudy', { study });
  for (const s of sessions) await api(preview, 'saveSession', { session: s, baseRevision: 0 });
  // A second save, so the history holds an earlier version; and a session in the trash.
  await api(preview, 'saveSession', { session: { ...sessions[0]!, notes: 'Second sitting, same group.' }, baseRevision: 1 });
  await api(preview, 'saveSession', { session: trashed, baseRevision: 0 });
  await api(preview, 'deleteSession', { studyId: study.id, sessionId: trashed.id });
  await api(preview, 'createStudy', { study: pilot });
  await api(preview, 'saveSession', { session: { ...base, studyId: pilot.id, id: 'sd04', code: 'SUN-2' }, baseRevision: 0 });
  ({ browser, watched, page } = await launchWatchedPage());
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Every file under `dir`, as paths relative to the data folder. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dataDir, p));
    }
  };
  walk(dir);
  return out;
}

/** Everything a reader of the disk must not learn: titles, codes, stakeholder names, notes. */
function secrets(): string[] {
  const all = [study, pilot];
  const words = new Set<string>();
  for (const s of all) {
    words.add(s.title);
    for (const k of s.stakeholders) for (const name of Object.values(k.name)) if (name) words.add(name);
  }
  for (const s of [...sessions, trashed]) {
    words.add(s.code);
    words.add(s.notes);
    for (const p of Object.values(s.placements)) if (p.note) words.add(p.note);
  }
  words.add('Second sitting, same group.');
  return [...words].filter((w) => w.trim().length >= 4);
}

/** The encrypt dialog's steps, done in `p`: passphrase twice, the three asked words read from the key shown. */
async function passphraseStep(p: Page): Promise<void> {
  const dialog = p.getByRole('dialog');
  await dialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await dialog.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByText('Step 3 of 4').waitFor();
  await dialog.locator('[data-testid="recovery-words"] .key-word-text').first().waitFor();
}

async function typeAskedWords(p: Page): Promise<string[]> {
  const dialog = p.getByRole('dialog');
  const words = await dialog.locator('[data-testid="recovery-words"] .key-word-text').allTextContents();
  const inputs = dialog.locator('.key-confirm-input');
  for (let i = 0; i < (await inputs.count()); i++) {
    const position = Number(await inputs.nth(i).getAttribute('data-position'));
    await inputs.nth(i).fill(words[position - 1]!);
  }
  return words;
}

async function scanNow(p: Page): Promise<string> {
  return describeViolations(await axeViolations(p));
}

describe('encrypting a study through the UI', () => {
  it('encrypts a study after the recovery key is confirmed, with the key printable and no data left readable', async () => {
    await page.goto(`${preview.url}#/study/${study.id}/settings`);
    await page.getByRole('button', { name: 'Encrypt this study…' }).click();
    const dialog = page.getByRole('dialog', { name: `Encrypt “${study.title}”` });
    await dialog.getByText('If you lose both the passphrase and the recovery key, nobody — not you, not us — can open this study again.').waitFor();
    await page.screenshot({ path: join(SHOTS, 'encrypt-1-about.png') });
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText('Step 2 of 4').waitFor();
    await dialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await dialog.getByLabel('Repeat the passphrase').fill('river mango lantern');
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByText('The two passphrases are not the same.').waitFor();
    await page.screenshot({ path: join(SHOTS, 'encrypt-2-passphrase-mismatch.png') });
    await passphraseStep(page);

    // The QR code is the host's SVG drawn as an image under the app's real CSP.
    const qr = dialog.getByRole('img', { name: 'QR code of the 24 recovery words' });
    await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const words = await dialog.locator('[data-testid="recovery-words"] .key-word-text').allTextContents();
    expect(words).toHaveLength(24);
    await expect(dialog.getByRole('button', { name: 'Encrypt the study' }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'encrypt-3-key.png') });

    // The printed sheet: the words and the QR code, nothing naming the study.
    await page.pdf({ path: join(SHOTS, 'key-sheet.pdf'), format: 'A4', printBackground: true });
    const printed = execFileSync('pdftotext', [join(SHOTS, 'key-sheet.pdf'), '-'], { encoding: 'utf8' });
    for (const w of words) expect(printed).toContain(w);
    expect(printed).toContain('Recovery key');
    expect(printed).not.toContain(study.title);
    // Only the sheet: not the dialog around it.
    expect(printed).not.toContain('Step 3 of 4');
    expect(printed).not.toContain('Print the key sheet');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', join(SHOTS, 'key-sheet.pdf'), join(SHOTS, 'key-sheet')]);

    await typeAskedWords(page);
    await page.screenshot({ path: join(SHOTS, 'encrypt-3-confirmed.png') });
    await dialog.getByRole('button', { name: 'Encrypt the study' }).click();
    await dialog.getByTestId('encrypt-done').getByText(/^Encrypted: \d+ files\. The study locks after 10 minutes without use\.$/).waitFor();
    await page.screenshot({ path: join(SHOTS, 'encrypt-4-done.png') });
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await page.getByTestId('privacy-state').getByText(/^This study is encrypted\./).waitFor();

    // Every file of the study folder is sealed (or is the key file)…
    const own = filesUnder(join(dataDir, study.id));
    expect(own.length).toBeGreaterThanOrEqual(5);
    for (const f of own) {
      if (f === join(study.id, 'keys.json')) continue;
      expect(readFileSync(join(dataDir, f)).subarray(0, 8).toString('latin1'), f).toBe('PIMAPENC');
    }
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.outsideRequests).toEqual([]);
  });

  it('encrypts the second study with every dialog step free of axe violations', async () => {
    const context = await newAxeContext(browser);
    try {
      const p = await context.newPage();
      // The studies list itself: an address without a route opens the last study.
      await p.goto(`${preview.url}#/`);
      await p.getByRole('button', { name: `Encrypt ${pilot.title}` }).click();
      const dialog = p.getByRole('dialog', { name: `Encrypt “${pilot.title}”` });
      await dialog.getByText('Step 1 of 4').waitFor();
      expect(await scanNow(p)).toBe('');
      await dialog.getByRole('button', { name: 'Continue' }).click();
      await dialog.getByText('Step 2 of 4').waitFor();
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByText('Use at least 8 characters.').waitFor();
      expect(await scanNow(p)).toBe('');
      await passphraseStep(p);
      expect(await scanNow(p)).toBe('');
      await typeAskedWords(p);
      await dialog.getByRole('button', { name: 'Encrypt the study' }).click();
      await dialog.getByTestId('encrypt-done').waitFor();
      expect(await scanNow(p)).toBe('');
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      // The card now says it is encrypted, in words.
      await p.getByRole('listitem').filter({ hasText: pilot.title }).getByText('Encrypted', { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('leaves no title, code, stakeholder name or note in any file or file name of the data folder', async () => {
    const all = filesUnder(dataDir);
    // History and trash are there, and were looked at.
    expect(all.some((f) => f.includes('.history'))).toBe(true);
    expect(all.some((f) => f.startsWith('.trash'))).toBe(true);
    const found: string[] = [];
    for (const f of all) {
      const text = readFileSync(join(dataDir, f)).toString('utf8');
      for (const s of secrets()) {
        if (text.includes(s)) found.push(`${f} contains ${JSON.stringify(s)}`);
        if (f.includes(s)) found.push(`${f}: its name contains ${JSON.stringify(s)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('lists both studies as locked once the app starts again, with only Unlock and Forget on their cards', async () => {
    await preview.stop();
    preview = await startPreview({ dataDir });
    await page.goto(`${preview.url}#/`);
    const locked = page.getByTestId('locked-study-card');
    await locked.first().waitFor();
    // The page polled the stopped preview meanwhile (refused connections): that was the restart, not the app.
    watched.consoleErrors.length = 0;
    await expect(locked.count()).resolves.toBe(2);
    const card = locked.filter({ hasText: '2 sessions' });
    await card.getByText('Encrypted study (locked)').waitFor();
    await card.getByText('Locked', { exact: true }).waitFor();
    // Nothing that needs the data (rename, back up, trash): Unlock, and Forget as the way out.
    await expect(card.getByRole('button').allTextContents()).resolves.toEqual(['Forget…']);
    await expect(card.getByRole('link', { name: /^Unlock the encrypted study changed / }).getAttribute('href')).resolves.toBe(`#/study/${study.id}`);
    await expect(page.getByText(study.title).count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'locked-cards.png') });

    const context = await newAxeContext(browser);
    try {
      const p = await context.newPage();
      await p.goto(`${preview.url}#/`);
      await p.getByTestId('locked-study-card').first().waitFor();
      expect(await scanNow(p)).toBe('');
    } finally {
      await context.close();
    }

    // The same in Bengali, to look at.
    await api(preview, 'setPrefs', { language: 'bn' });
    await page.reload();
    await page.getByText('এনক্রিপ্ট করা সমীক্ষা (লক করা)').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'locked-cards-bn.png') });
    await api(preview, 'setPrefs', { language: 'en' });
  });

  it('forgets the study on this device from its Settings tab, and the locked one from its card: their folders are gone', async () => {
    // Unlocked through the host (the unlock screen is tested with the lock), then read afresh.
    await api(preview, 'unlockStudy', { studyId: study.id, passphrase: PASSPHRASE });
    await page.goto(`${preview.url}#/study/${study.id}/settings`);
    await page.reload();
    await page.getByRole('button', { name: 'Forget this study on this device…' }).click();
    const dialog = page.getByRole('dialog', { name: `Forget “${study.title}” on this device` });
    const submit = dialog.getByRole('button', { name: 'Forget this study' });
    await expect(submit.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(`To confirm, type the study’s title: ${study.title}`).fill(study.title);
    await page.screenshot({ path: join(SHOTS, 'forget.png') });
    const context = await newAxeContext(browser);
    try {
      const p = await context.newPage();
      await p.goto(`${preview.url}#/study/${study.id}/settings`);
      await p.getByRole('button', { name: 'Forget this study on this device…' }).click();
      await p.getByRole('dialog').getByText('What this cannot guarantee').waitFor();
      expect(await scanNow(p)).toBe('');
    } finally {
      await context.close();
    }
    await submit.click();
    await page.getByText(new RegExp(`^Forgot “${study.title}” \\(\\d+ files removed from this device\\)\\.$`)).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Studies' }).waitFor();
    expect(existsSync(join(dataDir, study.id))).toBe(false);
    // Its trash entries went with it; the other study is untouched.
    expect(filesUnder(join(dataDir, '.trash'))).toEqual([]);
    expect(existsSync(join(dataDir, pilot.id))).toBe(true);

    // The other one is still locked: forgotten from its card, with a word instead of its title.
    const card = page.getByTestId('locked-study-card');
    await card.getByRole('button', { name: /^Forget the encrypted study changed / }).click();
    const locked = page.getByRole('dialog', { name: 'Forget the encrypted study on this device' });
    await locked.getByLabel('To confirm, type the word: forget').fill('forget');
    await page.screenshot({ path: join(SHOTS, 'forget-locked.png') });
    await locked.getByRole('button', { name: 'Forget this study' }).click();
    await page.getByText(/^Forgot the encrypted study \(\d+ files removed from this device\)\.$/).waitFor();
    expect(existsSync(join(dataDir, pilot.id))).toBe(false);
    await expect(card.count()).resolves.toBe(0);
    expect(watched.consoleErrors).toEqual([]);
  });
});
