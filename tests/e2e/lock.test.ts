import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Study } from '../../shared/model/study';
import { libraryStudy, realisticSession } from '../component/editor/fixtures';
import { axeViolations, describeViolations, newAxeContext } from '../helpers/axe';
import { launchWatchedPage, type WatchedPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';

// The lock and the blank screen (issue 16) in real Chromium against the browser preview,
// whose host really encrypts: Lock study saves and wipes the key and takes the map out of
// the page; a wrong passphrase gets one message, the right one brings the map back; the
// idle lock (Playwright's clock, fast-forwarded) makes the host need the passphrase again;
// Ctrl+Shift+B blanks both the laptop and the projector and brings them back. axe-core on
// the unlock and blank screens. Screenshots go to a temporary folder, to be looked at.
const SHOTS = join(tmpdir(), 'pimap-lock-shots');
const PASSPHRASE = 'lantern river mango seven';

let preview: Preview;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
const study: Study = { ...libraryStudy(), id: 'q8r3t5' };
const session = { ...realisticSession(study), id: 'ss01', code: 'FGD 3' };
const api = <T = unknown>(op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);
const sessionUrl = () => `${preview.url}#/study/${study.id}/session/${session.id}`;

/** The host's error code for a call that fails (null when it succeeds). */
async function failureOf(op: string, payload: unknown): Promise<string | null> {
  try {
    await api(op, payload);
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? 'unknown';
  }
}

const unlockHeading = (p: Page) => p.getByRole('heading', { level: 1, name: 'This study is locked' });
const mapShown = (p: Page) => p.locator('[data-grid-box]').first().waitFor();
const focusedTestId = (p: Page) => p.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")');

async function unlockInPage(p: Page): Promise<void> {
  await p.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await p.getByRole('button', { name: 'Unlock', exact: true }).click();
  await mapShown(p);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  preview = await startPreview();
  await api('setPrefs', { language: 'en', largeText: false, languageChosen: true });
  await api('createStudy', { study });
  await api('saveSession', { session, baseRevision: 0 });
  const { words } = await api<{ words: string }>('newRecoveryKey');
  await api('encryptStudy', { studyId: study.id, passphrase: PASSPHRASE, recoveryKey: words });
  ({ browser, watched, page } = await launchWatchedPage());
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('locking an encrypted study', () => {
  it('Lock study takes the map out of the page and shows the unlock screen; the host needs the passphrase', async () => {
    await page.goto(sessionUrl());
    await mapShown(page);
    const lock = page.getByRole('button', { name: 'Lock study' });
    await lock.waitFor();
    await page.locator('.app-bar').screenshot({ path: join(SHOTS, 'top-bar-lock-en.png') });
    await lock.click();

    await unlockHeading(page).waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await page.locator('[data-grid-box]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('FGD 3');
    expect(text).not.toContain(study.title);
    expect(await failureOf('openStudy', { studyId: study.id })).toBe('study_locked');
    // Focus went with the map: it waits in the passphrase field.
    expect(await focusedTestId(page)).toBe('unlock-passphrase');
    await page.screenshot({ path: join(SHOTS, 'unlock-en.png') });
  });

  it('a wrong passphrase gets one message and focus back; the right one brings the map back', async () => {
    const field = page.getByLabel('Passphrase', { exact: true });
    await field.fill('not my passphrase');
    await page.keyboard.press('Enter');
    const error = page.getByTestId('unlock-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('That passphrase does not open this study. Check it and try again.');
    expect(await page.getByText('does not open this study').count()).toBe(1);
    expect(await focusedTestId(page)).toBe('unlock-passphrase');
    expect(await failureOf('openStudy', { studyId: study.id })).toBe('study_locked');
    await page.screenshot({ path: join(SHOTS, 'unlock-wrong-en.png') });

    await unlockInPage(page);
    await page.getByRole('heading', { level: 1, name: 'Session FGD 3' }).waitFor();
    expect(await failureOf('openStudy', { studyId: study.id })).toBeNull();
  });

  it('the idle lock: after lockAfterMinutes without input, the study locks and the host needs the passphrase', async () => {
    await api('setPrefs', { lockAfterMinutes: 1 });
    const idle = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // Installed before the app loads, so its timers and Date run on this clock.
    await idle.clock.install();
    await idle.goto(sessionUrl());
    await mapShown(idle);
    await idle.getByRole('button', { name: 'Lock study' }).waitFor();
    expect(await failureOf('openStudy', { studyId: study.id })).toBeNull();

    await idle.clock.fastForward('01:30');
    await unlockHeading(idle).waitFor();
    expect(await idle.locator('[data-grid-box]').count()).toBe(0);
    expect(await failureOf('openStudy', { studyId: study.id })).toBe('study_locked');
    // The first window, its map still open, learns it from the host (studyChanges) and
    // takes its map away too.
    await unlockHeading(page).waitFor();
    expect(await page.locator('[data-grid-box]').count()).toBe(0);
    await idle.close();
    await api('setPrefs', { lockAfterMinutes: 10 });
  });
});

describe('the blank screen', () => {
  it('Ctrl+Shift+B hides everything, the projector too, and the same key brings it back', async () => {
    // The idle lock above locked the study: unlock it where it asks.
    await unlockInPage(page);
    const [audience] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('present-button').click()]);
    await audience.waitForTimeout(3000);
    await audience.locator('[data-testid=audience][data-state=map]').waitFor();

    // From inside a text field: the note being typed when someone walks in.
    const notes = page.getByRole('textbox').first();
    await notes.click();
    await page.keyboard.press('Control+Shift+B');
    const blank = page.getByTestId('blank-screen');
    await blank.waitFor();
    await audience.locator('[data-testid=audience][data-state=blank]').waitFor();
    // Nothing on it tells what is hidden: one button, and a hint for screen readers.
    const onBlank = await blank.innerText();
    expect(onBlank).not.toContain('FGD 3');
    expect(onBlank).not.toContain(study.title);
    expect(await blank.getByRole('button').allInnerTexts()).toEqual(['Continue']);
    await page.screenshot({ path: join(SHOTS, 'blank-en.png') });

    await page.keyboard.press('Control+Shift+B');
    await blank.waitFor({ state: 'detached' });
    await audience.locator('[data-testid=audience][data-state=map]').waitFor();
    await mapShown(page);
    await page.getByTestId('present-stop').click();
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe('accessibility and the look, in English and Bengali', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await newAxeContext(browser);
  });
  afterAll(async () => {
    await context?.close();
    await api('setPrefs', { language: 'en' });
  });

  it('axe finds nothing on the unlock screen or the blank screen', async () => {
    await api('lockStudy', { studyId: null });
    const p = await context.newPage();
    await p.goto(sessionUrl());
    await unlockHeading(p).waitFor();
    const onUnlock = await axeViolations(p);
    expect(onUnlock, describeViolations(onUnlock)).toEqual([]);
    await p.getByRole('button', { name: 'Use the recovery key instead' }).click();
    await p.getByLabel('Recovery key', { exact: true }).waitFor();
    const onRecovery = await axeViolations(p);
    expect(onRecovery, describeViolations(onRecovery)).toEqual([]);
    await p.screenshot({ path: join(SHOTS, 'unlock-recovery-en.png') });

    await p.keyboard.press('Control+Shift+B');
    await p.getByTestId('blank-screen').waitFor();
    const onBlank = await axeViolations(p);
    expect(onBlank, describeViolations(onBlank)).toEqual([]);
    await p.keyboard.press('Control+Shift+B');
    await p.getByTestId('blank-screen').waitFor({ state: 'detached' });
    await p.close();
  });

  it('Bengali: the unlock screen and the top bar (screenshots)', async () => {
    await api('setPrefs', { language: 'bn' });
    const p = await context.newPage();
    await p.goto(sessionUrl());
    await p.getByRole('heading', { level: 1, name: 'এই সমীক্ষা লক করা আছে' }).waitFor();
    await p.evaluate('document.fonts.ready');
    const violations = await axeViolations(p);
    expect(violations, describeViolations(violations)).toEqual([]);
    await p.screenshot({ path: join(SHOTS, 'unlock-bn.png') });
    await p.getByLabel('পাসফ্রেজ', { exact: true }).fill(PASSPHRASE);
    await p.getByRole('button', { name: 'আনলক করুন', exact: true }).click();
    await mapShown(p);
    await p.getByRole('button', { name: 'সমীক্ষা লক করুন' }).waitFor();
    await p.locator('.app-bar').screenshot({ path: join(SHOTS, 'top-bar-lock-bn.png') });
    await p.close();
  });
});
