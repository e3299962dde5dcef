import { join } from 'node:path';
import { app } from 'electron';
import ElectronStore from 'electron-store';
import { backendOptions, PREFS_FILE_NAME, preparePrefsFile, prefsStoreOver, type PrefsStore, type StoredWindowBounds } from './prefs';

/**
 * The desktop app's preferences, in electron-store (which is conf plus Electron's
 * userData folder). Same schema, defaults and migrations as the conf store in prefs.ts.
 * Only the Electron main process imports this file: it loads `electron`, which plain
 * Node (CLI, browser preview, unit tests) must never do.
 */
export function createElectronPrefsStore(): PrefsStore & {
  getWindowBounds(): StoredWindowBounds | null;
  setWindowBounds(bounds: StoredWindowBounds): void;
} {
  preparePrefsFile(join(app.getPath('userData'), `${PREFS_FILE_NAME}.json`));
  const store = new ElectronStore<Record<string, unknown>>({ name: PREFS_FILE_NAME, ...backendOptions() });
  return prefsStoreOver(store);
}
