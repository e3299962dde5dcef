import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Build the app once before the end-to-end tests: they drive the built renderer
 * (out/renderer) through the browser preview, as a user of `npm run web` would.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error(`The build for the end-to-end tests failed:\n${r.stdout}\n${r.stderr}`);
  }
}
