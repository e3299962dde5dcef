import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, describe, expect, it } from 'vitest';
import { backendOptions, createFilePrefsStore, migratePrefs, prefsStoreOver, PREFS_DEFAULTS, withoutStudy, withRecentStudy } from '../../../electron/services/prefs';

/** Preferences: one schema for conf and electron-store, repaired rather than lost. */
const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pimap-prefs-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const DEFAULT_PREFS = { language: 'en', largeText: false, lastStudyId: null, recentStudyIds: [] };

describe('preferences', () => {
  it('start from the defaults and live in preferences.json', () => {
    const dir = freshDir();
    const prefs = createFilePrefsStore(dir);
    expect(prefs.get()).toEqual(DEFAULT_PREFS);
    expect(prefs.path).toBe(join(dir, 'preferences.json'));
  });

  it('are kept across restarts', () => {
    const dir = freshDir();
    expect(createFilePrefsStore(dir).set({ language: 'bn', largeText: true })).toEqual({ ...DEFAULT_PREFS, language: 'bn', largeText: true });
    expect(createFilePrefsStore(dir).get()).toEqual({ ...DEFAULT_PREFS, language: 'bn', largeText: true });
  });

  it('refuse an invalid value and keep the old one', () => {
    const prefs = createFilePrefsStore(freshDir());
    expect(() => prefs.set({ language: 'fr' } as never)).toThrow();
    expect(() => prefs.set({ recentStudyIds: ['../x'] })).toThrow();
    expect(prefs.get().language).toBe('en');
  });

  it('survive a hand-edited file: a bad field falls back to its default, the others are kept', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'preferences.json'), JSON.stringify({ language: 'hi', largeText: 'yes', recentStudyIds: ['study-a'], unknownKey: 1 }));
    const prefs = createFilePrefsStore(dir);
    expect(prefs.get()).toEqual({ language: 'hi', largeText: false, lastStudyId: null, recentStudyIds: ['study-a'] });
    expect(JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8'))).toMatchObject({ prefsVersion: 1, largeText: false });
  });

  it('move a file that is not even JSON aside instead of deleting it', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'preferences.json'), '{"language": "bn", ');
    const prefs = createFilePrefsStore(dir);
    expect(prefs.get()).toEqual(DEFAULT_PREFS);
    const aside = readdirSync(dir).filter((n) => n.startsWith('preferences.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe('{"language": "bn", ');
  });

  it('are checked by conf itself with the JSON Schema generated from the zod schema', () => {
    const dir = freshDir();
    const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'preferences', ...backendOptions() });
    expect(() => conf.set('language', 'fr')).toThrow(/Config schema violation/);
    expect(() => conf.set('windowBounds', { width: -1 })).toThrow(/Config schema violation/);
    conf.set('language', 'bn');
    expect(prefsStoreOver(conf).get().language).toBe('bn');
  });

  it('remember the window position for the desktop app', () => {
    const dir = freshDir();
    const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'preferences', ...backendOptions() });
    const store = prefsStoreOver(conf);
    expect(store.getWindowBounds()).toBeNull();
    store.setWindowBounds({ x: 40, y: 30, width: 1280, height: 820, maximized: false });
    store.setWindowBounds({ width: 'wide' } as never); // ignored
    expect(prefsStoreOver(conf).getWindowBounds()).toEqual({ x: 40, y: 30, width: 1280, height: 820, maximized: false });
    expect(existsSync(join(dir, 'preferences.json'))).toBe(true);
  });

  it('migrate a file with no version number', () => {
    expect(migratePrefs({ language: 'bn', lastStudyId: 'study-a' })).toEqual({ ...PREFS_DEFAULTS, language: 'bn', lastStudyId: 'study-a' });
    expect(migratePrefs(null)).toEqual(PREFS_DEFAULTS);
    expect(migratePrefs([1, 2])).toEqual(PREFS_DEFAULTS);
  });

  it('keep the 20 most recent studies, newest first, and forget deleted ones', () => {
    let prefs = { ...DEFAULT_PREFS } as Parameters<typeof withRecentStudy>[0];
    for (let i = 0; i < 25; i++) prefs = { ...prefs, ...withRecentStudy(prefs, `study-${i}`) };
    prefs = { ...prefs, ...withRecentStudy(prefs, 'study-10') };
    expect(prefs.recentStudyIds).toHaveLength(20);
    expect(prefs.recentStudyIds.slice(0, 3)).toEqual(['study-10', 'study-24', 'study-23']);
    expect(prefs.lastStudyId).toBe('study-10');
    prefs = { ...prefs, ...withoutStudy(prefs, 'study-10') };
    expect(prefs.lastStudyId).toBeNull();
    expect(prefs.recentStudyIds).not.toContain('study-10');
  });
});
