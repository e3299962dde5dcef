import { homedir } from 'node:os';
import { join } from 'node:path';

/** Folder name under the OS's per-user application-data folder. ASCII on purpose: it appears in paths. */
export const APP_DIR_NAME = 'Power-Interest Mapper';

/**
 * The per-user application folder, computed the way Electron's `app.getPath('userData')`
 * does, so the desktop app, the browser preview and the CLI agree without Electron.
 * The Electron main process sets its userData to this same path.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** Where studies live by default: `<userData>/studies`. `--data <folder>` overrides it everywhere. */
export function defaultStudiesDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(userDataDir(env, platform), 'studies');
}
