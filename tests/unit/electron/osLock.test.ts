import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { OS_LOCK_GRACE_MS, watchOsLock } from '../../../electron/main/osLock';

/** Issue 16: the OS locking or sleeping locks encrypted studies (windows asked first, keys wiped after a grace period or on resume). */
function setup() {
  const power = new EventEmitter();
  const calls: string[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  watchOsLock({
    powerMonitor: power as never,
    askWindows: () => calls.push('ask'),
    wipeKeys: () => calls.push('wipe'),
    setTimer: (fn, ms) => timers.push({ fn, ms, cleared: false }) - 1,
    clearTimer: (h) => void (timers[h as number]!.cleared = true),
  });
  return { power, calls, timers };
}

describe('the OS locking the screen or sleeping', () => {
  it('asks the windows to save and lock, then wipes every key after the grace period', () => {
    const { power, calls, timers } = setup();
    power.emit('lock-screen');
    expect(calls).toEqual(['ask']);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(OS_LOCK_GRACE_MS);
    timers[0]!.fn();
    expect(calls).toEqual(['ask', 'wipe']);
  });

  it('wipes at once on resume when sleep came before the grace period ran out, and only once', () => {
    const { power, calls, timers } = setup();
    power.emit('suspend');
    power.emit('lock-screen'); // both fire on many systems: one timer
    expect(timers).toHaveLength(1);
    power.emit('resume');
    expect(calls).toEqual(['ask', 'ask', 'wipe']);
    expect(timers[0]!.cleared).toBe(true);
    power.emit('resume');
    expect(calls).toEqual(['ask', 'ask', 'wipe']);
  });
});
