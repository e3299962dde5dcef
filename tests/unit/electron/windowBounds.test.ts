import { describe, expect, it } from 'vitest';
import { dataDirFromArgv } from '../../../electron/main/mainArgs';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, initialWindowBounds, parseWindowBounds } from '../../../electron/main/windowBounds';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const rightMonitor = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('parseWindowBounds', () => {
  it('reads what was saved and rejects anything malformed', () => {
    expect(parseWindowBounds({ x: 10, y: 20, width: 1000, height: 700, maximized: true })).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(parseWindowBounds({ width: 1000, height: 700 })).toEqual({ width: 1000, height: 700, maximized: false });
    for (const bad of [null, undefined, 'big', {}, { width: -1, height: 700 }, { width: 1.5, height: 700 }, { width: '1000', height: 700 }, { width: 1e9, height: 700 }])
      expect(parseWindowBounds(bad), JSON.stringify(bad)).toBeNull();
  });
});

describe('initialWindowBounds', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(initialWindowBounds(null, [rightMonitor])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('reopens where it was when that place is on a screen', () => {
    const saved = { x: 1500, y: 40, width: 1200, height: 800, maximized: false };
    expect(initialWindowBounds(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('drops the position when that monitor is gone, keeping a size that fits', () => {
    const saved = { x: 1500, y: 40, width: 1800, height: 1000, maximized: true };
    expect(initialWindowBounds(saved, [laptop])).toEqual({ width: 1366, height: 728, maximized: true });
  });

  it('never opens smaller than the minimum', () => {
    expect(initialWindowBounds({ width: 200, height: 100, maximized: false }, [laptop])).toEqual({ ...MIN_WINDOW_SIZE, maximized: false });
  });
});

describe('dataDirFromArgv', () => {
  it('finds --data in both spellings, or nothing', () => {
    expect(dataDirFromArgv(['/usr/bin/electron', '/app', '--data', '/tmp/studies'])).toBe('/tmp/studies');
    expect(dataDirFromArgv(['pimap-app', '--data=/tmp/s'])).toBe('/tmp/s');
    expect(dataDirFromArgv(['pimap-app'])).toBeNull();
    expect(dataDirFromArgv(['pimap-app', '--data'])).toBeNull();
    expect(dataDirFromArgv(['pimap-app', '--data', '--other'])).toBeNull();
  });
});
