import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../../renderer/src/styles/app.css';
import { updateStudy } from '../../../renderer/src/store/actions';
import { useAppStore } from '../../../renderer/src/store/appStore';
import { resetLock, useLockStore } from '../../../renderer/src/store/lock';
import { FakeHost, makeSession, makeStudy } from '../app/fakeHost';
import { startApp } from '../app/setup';
import { LockingHost } from './lockingHost';

/**
 * Issue 16 in the renderer: the blank screen (Ctrl+Shift+B, also from a text field), the
 * unlock form of an encrypted study, Lock now (saves first), the host's own lock seen
 * through the watch, and the idle lock (fake timers, no waiting).
 */
let host: FakeHost;
let locking: LockingHost;

beforeEach(() => {
  resetLock();
  host = new FakeHost();
  const study = makeStudy('study-a', 'Nadia baseline', 6);
  host.addStudy(study, [makeSession(study, 's1', 'FGD 1')]);
  host.addStudy(makeStudy('study-b', 'Plain study', 3));
  locking = new LockingHost(host);
});
afterEach(() => {
  vi.useRealTimers();
});

// The LockingHost wraps the fake host's install, so startApp installs both.
const start = (hash: string) => startApp(host, hash);

const blankChord = () => userEvent.keyboard('{Control>}{Shift>}b{/Shift}{/Control}');
const blankScreen = () => page.getByTestId('blank-screen');

describe('the blank screen', () => {
  test('Ctrl+Shift+B covers everything from inside a text field, and the same key brings it back', async () => {
    await start('#/team');
    const field = page.getByTestId('device-name');
    await field.fill('Asha');
    await field.click();
    await blankChord();

    await expect.element(blankScreen()).toBeVisible();
    // The screen covers the whole window (what is under its middle is the blank screen),
    // is modal (the page behind is inert), and the key typed nothing into the field.
    const dialog = blankScreen().element() as HTMLDialogElement;
    expect(dialog.open && dialog.matches(':modal')).toBe(true);
    const middle = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
    expect(dialog.contains(middle)).toBe(true);
    expect(dialog.textContent).not.toContain('Work as a team');
    expect((field.element() as HTMLInputElement).value).toBe('Asha');
    // Escape is not the way back.
    await userEvent.keyboard('{Escape}');
    await expect.element(blankScreen()).toBeVisible();

    await blankChord();
    await expect.element(blankScreen()).not.toBeInTheDocument();
    expect(document.activeElement).toBe(field.element());
    expect((field.element() as HTMLInputElement).value).toBe('Asha');
  });

  test('the Blank screen button hides, and Continue brings the page back', async () => {
    await start('#/');
    await page.getByRole('button', { name: 'Blank screen' }).click();
    await expect.element(blankScreen()).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.element(blankScreen()).not.toBeInTheDocument();
    await expect.element(page.getByRole('heading', { level: 1, name: 'Studies' })).toBeVisible();
  });
});

describe('a locked study', () => {
  test('asks for the passphrase; a wrong one gets one message and focus back, the right one opens the study', async () => {
    locking.encrypt('study-a');
    await start('#/study/study-a');
    await expect.element(page.getByRole('heading', { level: 1, name: 'This study is locked' })).toBeVisible();
    const field = page.getByLabelText('Passphrase');
    await expect.element(field).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.element(field).toHaveAttribute('type', 'text');

    await field.fill('not the passphrase');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByTestId('unlock-error')).toHaveTextContent('That passphrase does not open this study. Check it and try again.');
    // One message, under the field: no notice besides it.
    expect(page.getByText('does not open this study').elements()).toHaveLength(1);
    expect(useAppStore.getState().notices).toEqual([]);
    await expect.element(field).toHaveFocus();
    await expect.element(field).toHaveAttribute('aria-invalid', 'true');
    expect(useAppStore.getState().open).toBeNull();

    await field.fill(locking.passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.element(page.getByRole('heading', { level: 1, name: 'Nadia baseline' })).toBeVisible();
    await expect.element(page.getByTestId('unlock-screen')).not.toBeInTheDocument();
  });

  test('opens with the recovery key instead, by keyboard alone', async () => {
    locking.encrypt('study-a');
    await start('#/study/study-a');
    await expect.element(page.getByLabelText('Passphrase')).toBeVisible();
    await page.getByRole('button', { name: 'Use the recovery key instead' }).click();
    const words = page.getByLabelText('Recovery key');
    await expect.element(words).toHaveFocus();
    await userEvent.keyboard('word1 word2');
    // Tab leads from the words to Unlock.
    await userEvent.keyboard('{Tab}{Enter}');
    await expect.element(page.getByTestId('unlock-error')).toHaveTextContent('That recovery key does not open this study. Check the words and their order.');
    await expect.element(words).toHaveFocus();
    await words.fill(`  ${locking.recoveryKey.toUpperCase()}  `);
    await words.click();
    await userEvent.keyboard('{Tab}{Enter}');
    await expect.element(page.getByRole('heading', { level: 1, name: 'Nadia baseline' })).toBeVisible();
    expect(host.calls.filter((c) => c.op === 'unlockStudy').at(-1)?.payload).toMatchObject({ studyId: 'study-a', recoveryKey: locking.recoveryKey.toUpperCase() });
  });
});

describe('locking', () => {
  test('Lock study saves the pending edit first, then locks, then the map is gone and the unlock form shows', async () => {
    locking.encrypt('study-a', true);
    await start('#/study/study-a/session/s1');
    await expect.element(page.getByRole('heading', { level: 1, name: 'Session FGD 1' })).toBeVisible();
    const lock = page.getByRole('button', { name: 'Lock study' });
    await expect.element(lock).toBeVisible();
    // An edit not yet saved (the save queue waits for a quiet moment).
    updateStudy((s) => ({ ...s, title: 'Nadia baseline (edited)' }));
    await lock.click();

    await expect.element(page.getByRole('heading', { level: 1, name: 'This study is locked' })).toBeVisible();
    const ops = host.calls.map((c) => c.op);
    const saved = ops.lastIndexOf('saveStudy');
    expect(saved).toBeGreaterThanOrEqual(0);
    expect(saved).toBeLessThan(ops.indexOf('lockStudy'));
    expect(host.studies.get('study-a')!.title).toBe('Nadia baseline (edited)');
    expect(host.calls.find((c) => c.op === 'lockStudy')!.payload).toEqual({ studyId: null });
    // Forgotten in this window: no map, no title, nothing in the store.
    expect(document.querySelector('canvas')).toBeNull();
    expect(document.body.textContent).not.toContain('FGD 1');
    expect(document.body.textContent).not.toContain('Nadia baseline');
    expect(useAppStore.getState().open).toBeNull();
    // Focus went with the map: it is in the passphrase field now.
    await expect.element(page.getByLabelText('Passphrase')).toHaveFocus();

    await page.getByLabelText('Passphrase').fill(locking.passphrase);
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('heading', { level: 1, name: 'Session FGD 1' })).toBeVisible();
  });

  test('Ctrl+Shift+L locks from a text field; a plain study shows no Lock', async () => {
    locking.encrypt('study-a', true);
    await start('#/study/study-b');
    await expect.element(page.getByRole('heading', { level: 1, name: 'Plain study' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Blank screen' })).toBeVisible();
    expect(page.getByRole('button', { name: 'Lock study' }).elements()).toHaveLength(0);

    window.location.hash = '#/study/study-a/settings';
    await expect.element(page.getByRole('button', { name: 'Lock study' })).toBeVisible();
    const title = page.getByRole('textbox').first();
    await title.click();
    await userEvent.keyboard('{Control>}{Shift>}l{/Shift}{/Control}');
    await expect.element(page.getByRole('heading', { level: 1, name: 'This study is locked' })).toBeVisible();
    expect(locking.unlocked.size).toBe(0);
  });

  test('when the computer locks or sleeps (the desktop app says so), the pending edit is saved, then the study locks', async () => {
    let osLock: (() => void) | null = null;
    window.pimapEvents = {
      onLockRequested: (listener) => {
        osLock = listener;
        return () => void (osLock = null);
      },
    };
    try {
      locking.encrypt('study-a', true);
      await start('#/study/study-a/settings');
      await expect.element(page.getByRole('button', { name: 'Lock study' })).toBeVisible();
      updateStudy((s) => ({ ...s, title: 'Nadia baseline (before the lock)' }));
      expect(osLock).not.toBeNull();
      osLock!();
      await expect.element(page.getByRole('heading', { level: 1, name: 'This study is locked' })).toBeVisible();
      const ops = host.calls.map((c) => c.op);
      expect(ops.lastIndexOf('saveStudy')).toBeGreaterThanOrEqual(0);
      expect(ops.lastIndexOf('saveStudy')).toBeLessThan(ops.indexOf('lockStudy'));
      expect(host.studies.get('study-a')!.title).toBe('Nadia baseline (before the lock)');
    } finally {
      delete window.pimapEvents;
    }
  });

  test('when the host says the key is gone (studyChanges locked), the page shows the unlock form', async () => {
    locking.encrypt('study-a', true);
    await start('#/study/study-a');
    await expect.element(page.getByRole('heading', { level: 1, name: 'Nadia baseline' })).toBeVisible();
    locking.wipeKeys();
    await expect.element(page.getByRole('heading', { level: 1, name: 'This study is locked' })).toBeVisible();
    expect(useAppStore.getState().open).toBeNull();
    expect(host.calls.some((c) => c.op === 'lockStudy')).toBe(false);
  });

  test('the idle lock: after lockAfterMinutes without input the study locks (fake clock)', async () => {
    locking.encrypt('study-a', true);
    host.prefs = { ...host.prefs, lockAfterMinutes: 2 };
    await start('#/study/study-a');
    await expect.element(page.getByRole('button', { name: 'Lock study' })).toBeVisible();

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.now() });
    // The idle timer is re-armed on the fake clock when the lock time changes.
    useAppStore.setState((s) => ({ prefs: { ...s.prefs, lockAfterMinutes: 1 } }));
    await vi.waitFor(() => expect(vi.getTimerCount()).toBeGreaterThan(0));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(host.calls.some((c) => c.op === 'lockStudy')).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    vi.useRealTimers();

    await expect.element(page.getByRole('heading', { level: 1, name: 'This study is locked' })).toBeVisible();
    expect(host.calls.some((c) => c.op === 'lockStudy')).toBe(true);
    expect(locking.unlocked.size).toBe(0);
  });

  test('coming back from the blank screen after the lock time asks for the passphrase', async () => {
    locking.encrypt('study-a', true);
    host.prefs = { ...host.prefs, lockAfterMinutes: 1 };
    await start('#/study/study-a');
    await expect.element(page.getByRole('button', { name: 'Lock study' })).toBeVisible();
    await blankChord();
    await expect.element(blankScreen()).toBeVisible();
    expect(useLockStore.getState().screenBlank).toBe(true);
    // Time passes while blank (Date only: no timer fires, so only the return can lock).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    await blankChord();
    vi.useRealTimers();
    await expect.element(blankScreen()).not.toBeInTheDocument();
    await expect.element(page.getByRole('heading', { level: 1, name: 'This study is locked' })).toBeVisible();
  });
});

describe('the lock time', () => {
  test('is set on the Work as a team page, 1 to 240 minutes, and saved as a preference', async () => {
    await start('#/team');
    const field = page.getByLabelText('Lock after this many minutes without use');
    await expect.element(field).toHaveValue(10);
    await field.fill('0');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.element(page.getByText('Enter a whole number of minutes from 1 to 240.')).toBeVisible();
    expect(host.prefs.lockAfterMinutes).toBeUndefined();

    await field.fill('5');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByText('Encrypted studies now lock after 5 minutes without use.')).toBeVisible();
    expect(host.prefs.lockAfterMinutes).toBe(5);
  });
});
