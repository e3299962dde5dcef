import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * The desktop app's store is electron-store with the same schema as the conf store:
 * both read and write the same preferences.json. Electron is stubbed (a factory is
 * required, or vitest would load the real module, which tries to download Electron).
 */
const userData = mkdtempSync(join(tmpdir(), 'pimap-userdata-'));
vi.mock('electron', () => {
  const app = { getPath: (name: string) => (name === 'userData' ? userData : tmpdir()), getVersion: () => '0.1.0' };
  const ipcMain = { on: () => undefined };
  return { default: { app, ipcMain, shell: {} }, app, ipcMain, shell: {} };
});
afterAll(() => rmSync(userData, { recursive: true, force: true }));

describe('the Electron preferences store', () => {
  it('shares its file and schema with the conf store used by the preview and the CLI', async () => {
    const { createElectronPrefsStore } = await import('../../../electron/services/electronPrefs');
    const { createFilePrefsStore } = await import('../../../electron/services/prefs');
    const desktop = createElectronPrefsStore();
    desktop.set({ language: 'hi', lastStudyId: 'study-a', recentStudyIds: ['study-a'] });
    desktop.setWindowBounds({ width: 1000, height: 700, maximized: true });
    expect(() => desktop.set({ largeText: 'yes' } as never)).toThrow();

    const preview = createFilePrefsStore(userData);
    expect(preview.path).toBe(join(userData, 'preferences.json'));
    expect(preview.get()).toEqual({ language: 'hi', largeText: false, lastStudyId: 'study-a', recentStudyIds: ['study-a'] });
    expect(createElectronPrefsStore().getWindowBounds()).toEqual({ width: 1000, height: 700, maximized: true });
  });
});
