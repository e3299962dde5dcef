import { useEffect } from 'react';
import { create } from 'zustand';
import type { Prefs } from '../../../shared/contract/hostContract';
import { callHost, HostCallError, onOsLock } from '../host/hostClient';
import { openStudy } from './actions';
import { useAppStore } from './appStore';
import { dropStudyQueues, flushAll, retryFailedSaves } from './persistence';

/**
 * The blank screen and the lock of encrypted studies (issue 16), on the renderer's side.
 * The keys themselves live in the host only: "locking" here means saving what is pending,
 * asking the host to wipe its keys (`lockStudy`), and forgetting the open study's data in
 * this window, so the map is no longer in the DOM and a page inside the study shows the
 * unlock form (StudyNotOpen receives `study_locked`).
 *
 * | state        | saved | meaning                                                         |
 * |--------------|-------|-----------------------------------------------------------------|
 * | screenBlank  | no    | everything is covered by the neutral screen                     |
 * | locking      | no    | saving and locking are under way (the Lock button waits)        |
 */
export interface LockState {
  screenBlank: boolean;
  locking: boolean;
}

export const useLockStore = create<LockState>(() => ({ screenBlank: false, locking: false }));

/** The idle time before encrypted studies lock when the preference is absent (the contract's default). */
export const DEFAULT_LOCK_MINUTES = 10;
export const LOCK_MINUTES_MIN = 1;
export const LOCK_MINUTES_MAX = 240;

export function lockAfterMs(prefs: Pick<Prefs, 'lockAfterMinutes'>): number {
  return (prefs.lockAfterMinutes ?? DEFAULT_LOCK_MINUTES) * 60_000;
}

// Date.now (not performance.now) so that a machine that slept counts the sleep as idle
// time, and so that fake clocks in tests (vitest, Playwright's page.clock) drive it.
let lastInput = Date.now();

/**
 * A person used the app (pointer, key, touch, a clicker in the audience window). Input
 * while the screen is blank does not count: someone who walked in and nudged the mouse
 * must not keep the study open.
 */
export function noteActivity(): void {
  if (!useLockStore.getState().screenBlank) lastInput = Date.now();
}

/** How long nobody has used the app (ms). */
export function idleFor(): number {
  return Date.now() - lastInput;
}

/** The open study is encrypted and this host holds its key (from the studies list's summaries). */
export function useOpenStudyEncrypted(): boolean {
  const openId = useAppStore((s) => s.open?.study.id ?? null);
  const encryption = useAppStore((s) => (openId ? s.studies?.find((x) => x.id === openId)?.encryption : undefined));
  const known = useAppStore((s) => (openId ? (s.studies?.some((x) => x.id === openId) ?? false) : true));
  useEffect(() => {
    // A study opened straight from an address (a reload, the last study on start) has no
    // summary yet: ask for the list once, so the Lock button knows whether it applies.
    if (!openId || known) return;
    let live = true;
    callHost('listStudies', {})
      .then((studies) => {
        if (live) useAppStore.setState({ studies });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [openId, known]);
  return encryption === 'unlocked';
}

/**
 * Whether this window knows of a study whose key the host holds (the studies list's
 * summaries, which include the open study's). The idle lock and the blank screen's return
 * ask the host only then: a window of plain studies never locks another window's work.
 */
function knowsUnlockedStudy(): boolean {
  return useAppStore.getState().studies?.some((s) => s.encryption === 'unlocked') ?? false;
}

/** Forget the open study's data in this window and say it is locked (the pages then show the unlock form). */
function forgetOpenStudy(studyId: string, savedEverything: boolean): void {
  const { open, openingStudyId } = useAppStore.getState();
  if (open?.study.id !== studyId && openingStudyId !== studyId) return;
  useAppStore.setState({ open: null, openingStudyId: null, openFailure: { studyId, code: 'study_locked', message: '' } });
  // Saved: nothing of it needs to stay in memory. Not saved (a full disk, or the host had
  // locked already): the queues keep the edits and write them once the study is unlocked.
  if (savedEverything) dropStudyQueues(studyId);
  // The list's summaries carry the title, which is encrypted too: read them again (the
  // host answers a locked study with an empty title).
  if (useAppStore.getState().studies) void refreshSummaries();
}

async function refreshSummaries(): Promise<void> {
  try {
    useAppStore.setState({ studies: await callHost('listStudies', {}) });
  } catch {
    // The list page reads it again when it opens.
  }
}

/**
 * Lock now (the button, Ctrl+Shift+L), and the idle lock: write every pending edit and
 * wait until it is durable, then ask the host to wipe every key it holds (null: all
 * studies, not only the open one, so nothing stays open behind the studies list), then
 * forget the open study if it was one of them. A failed save does not stop the lock — a
 * lock that a full disk could prevent would not be one — the edits stay queued instead.
 * Resolves with the ids the host locked (none when no study was encrypted).
 */
export async function lockEverything(): Promise<string[]> {
  if (useLockStore.getState().locking) return [];
  useLockStore.setState({ locking: true });
  try {
    const saved = await flushAll();
    let locked: string[];
    try {
      ({ locked } = await callHost('lockStudy', { studyId: null }));
    } catch {
      return []; // a host without encryption: nothing to lock
    }
    const openId = useAppStore.getState().open?.study.id ?? null;
    if (openId && locked.includes(openId)) forgetOpenStudy(openId, saved);
    else if (locked.length > 0 && useAppStore.getState().studies) void refreshSummaries();
    return locked;
  } finally {
    useLockStore.setState({ locking: false });
  }
}

/**
 * The host says it no longer holds the open study's key (`studyChanges` answered
 * `locked`: the idle lock of another window, the OS locked or slept). Nothing can be
 * saved now; whatever is pending stays queued until the study is unlocked.
 */
export function studyLockedByHost(studyId: string): void {
  forgetOpenStudy(studyId, false);
}

/**
 * Unlock with the passphrase or the recovery key, then open the study again. Rejects with
 * a HostCallError (`wrong_passphrase`) when neither opens it; nothing else changes then.
 */
export async function unlockAndOpen(studyId: string, secret: { passphrase: string } | { recoveryKey: string }): Promise<void> {
  await callHost('unlockStudy', { studyId, ...secret });
  lastInput = Date.now();
  await openStudy(studyId, { reload: true });
  // Edits that could not be written while it was locked go now.
  void retryFailedSaves();
  void refreshSummaries();
}

/** Whether an error is the host's "wrong passphrase". */
export function isWrongPassphrase(err: unknown): boolean {
  return err instanceof HostCallError && err.code === 'wrong_passphrase';
}

// ── The blank screen ─────────────────────────────────────────────────────────

/**
 * Cover everything at once, or bring the work back. Coming back after the lock time
 * (nobody used the app meanwhile, the blank screen included) locks first, so what returns
 * is the unlock form, never the map.
 */
export async function setScreenBlank(blank: boolean): Promise<void> {
  const was = useLockStore.getState().screenBlank;
  if (blank === was) return;
  if (blank) {
    useLockStore.setState({ screenBlank: true });
    return;
  }
  if (idleFor() >= lockAfterMs(useAppStore.getState().prefs) && knowsUnlockedStudy()) await lockEverything();
  useLockStore.setState({ screenBlank: false });
  lastInput = Date.now();
}

export function toggleScreenBlank(): Promise<void> {
  return setScreenBlank(!useLockStore.getState().screenBlank);
}

// ── The idle lock ────────────────────────────────────────────────────────────

const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Lock encrypted studies after `prefs.lockAfterMinutes` without input (the shell mounts
 * it once). One timer, re-armed for the time that remains when it fires, so a moving
 * mouse costs only a timestamp. A page that comes back into view (a laptop waking up,
 * where timers did not run) checks at once.
 */
export function useIdleLock(enabled = true): void {
  const limit = useAppStore((s) => lockAfterMs(s.prefs));
  useEffect(() => {
    if (!enabled) return;
    // The timer is cleared by the clock that armed it: tests swap the global clock (fake
    // timers), and a real timer must not outlive its effect.
    const schedule = globalThis.setTimeout;
    const cancel = globalThis.clearTimeout;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const arm = (ms: number) => {
      if (timer) cancel(timer);
      timer = schedule(check, Math.max(0, ms));
    };
    const check = () => {
      const left = limit - idleFor();
      if (left > 0) return arm(left);
      if (!knowsUnlockedStudy()) {
        // Nothing encrypted is unlocked here: look again in a minute (a study unlocked
        // meanwhile locks then, its idle time counted from the last input).
        return arm(Math.min(limit, 60_000));
      }
      void lockEverything().finally(() => {
        lastInput = Date.now();
        arm(limit);
      });
    };
    const onInput = () => noteActivity();
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisible);
    // The computer is locking or going to sleep (desktop app): save and lock now, as Lock
    // study does; the host wipes the keys itself a few seconds later whatever happens here.
    const offOsLock = onOsLock(() => void lockEverything());
    arm(limit - idleFor());
    return () => {
      offOsLock();
      if (timer) cancel(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [limit, enabled]);
}

/** Tests: a fresh state. */
export function resetLock(): void {
  useLockStore.setState({ screenBlank: false, locking: false });
  lastInput = Date.now();
}
