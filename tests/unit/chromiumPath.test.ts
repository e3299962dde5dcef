import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, findChromium } from '../../electron/services/chromiumPath';

describe('finding Chromium', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('prefers CHROMIUM_PATH when it exists', () => {
    process.env.CHROMIUM_PATH = process.execPath; // any existing executable will do
    expect(findChromium()).toBe(process.execPath);
  });

  it('skips a CHROMIUM_PATH that does not exist and falls back to the system Chromium', () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    expect(findChromium()).not.toBe('/nowhere/chromium');
  });

  it('says how to install one when none is found', () => {
    expect(CHROMIUM_MISSING).toMatch(/apt-get install -y chromium/);
    expect(CHROMIUM_MISSING).toMatch(/CHROMIUM_PATH/);
  });
});
