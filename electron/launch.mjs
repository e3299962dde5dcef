#!/usr/bin/env node
// `npm start`: make sure the Electron runtime is downloaded (Electron 45 has no install
// script, so the runtime arrives on first use), build the app if out/ is missing or
// older than its sources, then open the desktop app.
//
// Offline, the download fails: then this prints one sentence naming `npm run web` and
// exits non-zero, with no stack trace. Extra arguments go to the app
// (`npm start -- --data <folder>`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['electron/main', 'electron/preload', 'electron/services', 'shared', 'renderer', 'resources', 'electron.vite.config.ts', 'package.json'];

const OFFLINE_SENTENCE =
  'The Electron desktop runtime could not be downloaded (are you offline?), so the desktop app cannot open; run "npm run web" to use the app in your browser instead.';

/** Newest modification time under a file or folder (0 if it does not exist). */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIsStale() {
  const outputs = OUTPUTS.map((p) => join(root, p));
  if (!outputs.every((p) => existsSync(p))) return true;
  const oldestOutput = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const newestSource = Math.max(...SOURCES.map((p) => newestMtime(join(root, p))));
  return newestSource > oldestOutput;
}

function build() {
  const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('Building the app failed (see the messages above); fix the error and run "npm start" again.');
    process.exit(1);
  }
}

/**
 * The Electron executable, or null if the runtime is not downloaded. Mirrors
 * node_modules/electron/index.js without calling it: requiring that module starts a
 * download and throws with a stack trace when it fails.
 */
function electronBinary() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

/** Runs Electron's own `install-electron`; its output is kept quiet unless it succeeds. */
function downloadElectron() {
  console.log('Downloading the Electron runtime (first start only)…');
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  const r = spawnSync(process.execPath, [installer], { cwd: root, encoding: 'utf8', timeout: 10 * 60_000 });
  return r.status === 0;
}

// The runtime first: offline there is no point in building.
let binary = electronBinary();
if (!binary) {
  binary = downloadElectron() ? electronBinary() : null;
  if (!binary) {
    console.error(OFFLINE_SENTENCE);
    process.exit(1);
  }
}

if (buildIsStale()) build();

// ELECTRON_RUN_AS_NODE in the environment would start a bare Node instead of the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('error', () => {
  console.error(`The Electron runtime at ${binary} could not be started; run "npm run web" to use the app in your browser instead.`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
