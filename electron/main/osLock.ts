/**
 * Issue 16: when the computer locks its screen or goes to sleep, encrypted studies lock
 * too. The windows are asked first (they save unsaved edits, then lock, as "Lock now"
 * does); after a grace period — or at once on resume, if sleep came before it ran out —
 * every key is wiped here whatever the windows did, so a window that hangs or an OS that
 * suspends quickly cannot keep a study open.
 */
export const LOCK_EVENT_CHANNEL = 'pimap-event:lock';
export const OS_LOCK_GRACE_MS = 5000;

export interface PowerEvents {
  on(event: 'lock-screen' | 'suspend' | 'resume' | 'unlock-screen', listener: () => void): unknown;
}

export interface OsLockDeps {
  powerMonitor: PowerEvents;
  /** Ask every window to save and lock (sends LOCK_EVENT_CHANNEL). */
  askWindows: () => void;
  /** Wipe every key held by the host. */
  wipeKeys: () => void;
  graceMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function watchOsLock(deps: OsLockDeps): void {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let pending: unknown = null;
  const wipeNow = () => {
    if (pending !== null) clearTimer(pending);
    pending = null;
    deps.wipeKeys();
  };
  const lock = () => {
    deps.askWindows();
    if (pending === null) pending = setTimer(wipeNow, deps.graceMs ?? OS_LOCK_GRACE_MS);
  };
  deps.powerMonitor.on('lock-screen', lock);
  deps.powerMonitor.on('suspend', lock);
  // Timers do not run while asleep: a wipe still due when the computer wakes happens first.
  deps.powerMonitor.on('resume', () => {
    if (pending !== null) wipeNow();
  });
}
