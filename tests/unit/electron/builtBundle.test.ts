import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/contentPolicy';
import { APP_DIR_NAME } from '../../../electron/services/dataDir';
import { HOST_OPS } from '../../../shared/contract/hostContract';

// The issue asks for the Electron settings to be tested on the built main bundle, not
// only on the sources: this builds the main process and the preload and runs the bundle
// under plain Node with `electron` stubbed (electronStub.mjs, via a resolve hook).
// The build goes into a folder laid out like the packaged app (app.asar holds
// package.json, resources/ and out/), so it cannot race the end-to-end build in out/ and
// code that reaches outside the packaged files fails here too.
const root = join(import.meta.dirname, '..', '..', '..');
const appRoot = join(root, 'out', 'unit-bundle');
const bundleDir = join(appRoot, 'out');
const here = import.meta.dirname;
let configHome: string;

type Report = Record<string, unknown> & {
  windowOptions: { webPreferences: Record<string, unknown>; x?: number; width: number };
  prevented: Record<string, boolean>;
  permissionRequests: Record<string, boolean>;
  requestCancelled: Record<string, boolean>;
  ipcChannels: string[];
  page: { status: number; type: string; csp: string; body: string };
  menu: { role?: string; click?: unknown; submenu?: unknown }[];
};

function runMain(...flags: string[]): Report {
  const out = execFileSync(process.execPath, ['--import', join(here, 'registerElectronStub.mjs'), join(here, 'builtMainDriver.mjs'), join(bundleDir, 'main', 'index.js'), ...flags], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: configHome, ELECTRON_RUN_AS_NODE: '' },
  });
  const line = out.trim().split('\n').pop()!;
  return JSON.parse(line) as Report;
}

beforeAll(() => {
  rmSync(appRoot, { recursive: true, force: true });
  const build = spawnSync('npx', ['electron-vite', 'build', '--outDir', bundleDir, '-c', join(here, 'mainAndPreload.config.ts')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  cpSync(join(root, 'package.json'), join(appRoot, 'package.json'));
  cpSync(join(root, 'resources'), join(appRoot, 'resources'), { recursive: true });
  // A stand-in page: the real renderer is built and driven by the end-to-end tests.
  mkdirSync(join(bundleDir, 'renderer'), { recursive: true });
  writeFileSync(join(bundleDir, 'renderer', 'index.html'), '<!doctype html><title>Power–Interest Mapper</title><div id="root"></div>');
  configHome = mkdtempSync(join(tmpdir(), 'pimap-bundle-'));
}, 180_000);
afterAll(() => {
  if (configHome) rmSync(configHome, { recursive: true, force: true });
});

describe('built main bundle under plain Node', () => {
  let report: Report;
  beforeAll(() => {
    report = runMain();
  });

  it('keeps its data in the per-user folder the CLI and the preview use', () => {
    expect(report.userData).toBe(join(configHome, APP_DIR_NAME));
    expect(report.lockRequested).toBe(true);
  });

  it('opens one window, only once Electron is ready, with the hardened web preferences', () => {
    expect(report.windowsBeforeReady).toBe(0);
    expect(report.windows).toBe(1);
    expect(report.windowOptions.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(report.windowOptions.webPreferences.preload).toBe(join(bundleDir, 'preload', 'index.cjs'));
    expect(existsSync(report.windowOptions.webPreferences.preload as string)).toBe(true);
  });

  it('loads the renderer from the app:// protocol, with the content security policy header', () => {
    expect(report.loadedUrl).toBe('app://pimap/index.html');
    expect(report.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(report.page.status).toBe(200);
    expect(report.page.type).toBe('text/html; charset=utf-8');
    expect(report.page.csp).toBe(CONTENT_SECURITY_POLICY);
    expect(report.page.csp).not.toMatch(/unsafe-/);
    expect(report.page.body).toContain('<div id="root">');
    expect(report.traversalStatus).toBe(403);
  });

  it('denies new windows, navigation, redirects and <webview>', () => {
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.prevented).toEqual({ 'will-navigate': true, 'will-redirect': true, 'will-attach-webview': true });
  });

  it('denies every permission', () => {
    expect(Object.values(report.permissionRequests)).toHaveLength(5);
    expect(Object.values(report.permissionRequests).every((granted) => granted === false)).toBe(true);
    expect(report.permissionCheck).toBe(false);
  });

  it('cancels every network request and file: load', () => {
    expect(report.requestCancelled).toEqual({
      'https://example.org/x.js': true,
      'http://127.0.0.1:9/': true,
      'wss://example.org/': true,
      'file:///etc/passwd': true,
      'app://pimap/index.html': false,
      'data:text/plain,x': false,
      'devtools://devtools/x': false,
    });
  });

  it('registers one IPC handler per host operation and refuses a foreign frame', () => {
    expect([...report.ipcChannels].sort()).toEqual(HOST_OPS.map((op) => `pimap:${op}`).sort());
    expect(report.foreignCall).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.appCall).toEqual({ ok: true, value: [] });
  });

  it('has a menu of built-in roles only, nothing that opens a web page', () => {
    expect(report.menu.length).toBeGreaterThan(0);
    expect(JSON.stringify(report.menu)).not.toMatch(/click|https?:/);
    expect(report.menu.every((item) => typeof item.role === 'string')).toBe(true);
  });

  it('waits for host calls in flight before quitting, and remembers the window bounds', () => {
    expect(report.beforeQuitListeners).toBe(1);
    const prefs = JSON.parse(readFileSync(join(configHome, APP_DIR_NAME, 'preferences.json'), 'utf8')) as { windowBounds: unknown };
    expect(prefs.windowBounds).toMatchObject({ width: report.windowOptions.width, maximized: false });
  });

  it('reopens the window with the remembered bounds', () => {
    const again = runMain();
    expect(again.windowOptions).toMatchObject({ width: report.windowOptions.width, height: (report.windowOptions as unknown as { height: number }).height });
  });

  it('quits at once, without a window or IPC, when another instance holds the lock', () => {
    const second = runMain('--no-lock');
    expect(second).toMatchObject({ lockRequested: true, quitCalls: 1, windows: 0, ipcChannels: [] });
  });
});

describe('built preload bundle', () => {
  const preloadPath = () => join(bundleDir, 'preload', 'index.cjs');

  /** Run the preload as Electron's sandbox does: a CommonJS function with a limited `require`. */
  function runPreload() {
    const code = readFileSync(preloadPath(), 'utf8');
    const required: string[] = [];
    const exposed = new Map<string, Record<string, (payload?: unknown) => Promise<unknown>>>();
    const invoked: { channel: string; payload: unknown }[] = [];
    const listeners = new Map<string, () => void>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (payload?: unknown) => Promise<unknown>>) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (channel: string, payload: unknown) => (invoked.push({ channel, payload }), Promise.resolve({ ok: true, value: null })),
        on: (channel: string, l: () => void) => void listeners.set(channel, l),
        removeListener: (channel: string) => void listeners.delete(channel),
      },
    };
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    const wrapper = vm.runInNewContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {}) as (...args: unknown[]) => void;
    wrapper(module.exports, sandboxRequire, module, preloadPath(), join(bundleDir, 'preload'));
    return { code, required, exposed, invoked, listeners };
  }

  it('is CommonJS that requires only electron, and carries no zod', () => {
    const { code, required } = runPreload();
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(required).toEqual(['electron']);
    // The word may appear in comments; zod's code may not.
    expect(code).not.toMatch(/require\(['"]zod|ZodError|safeParse|\.strict\(\)/);
    expect(Buffer.byteLength(code)).toBeLessThan(4096);
  });

  it('exposes pimapHost with exactly the operation names, and pimapEvents with only the OS-lock callback', () => {
    const { exposed, listeners } = runPreload();
    expect([...exposed.keys()]).toEqual(['pimapHost', 'pimapEvents']);
    const events = exposed.get('pimapEvents') as unknown as { onLockRequested: (l: () => void) => () => void };
    expect(Object.keys(events)).toEqual(['onLockRequested']);
    expect(Object.isFrozen(events)).toBe(true);
    let told = 0;
    const off = events.onLockRequested(() => told++);
    listeners.get('pimap-event:lock')!();
    expect(told).toBe(1);
    off();
    expect(listeners.has('pimap-event:lock')).toBe(false);
    const api = exposed.get('pimapHost')!;
    expect(Object.keys(api).sort()).toEqual([...HOST_OPS].sort());
    expect(Object.values(api).every((fn) => typeof fn === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each operation on its own channel, with the payload', async () => {
    const { exposed, invoked } = runPreload();
    const api = exposed.get('pimapHost')!;
    await api.openStudy!({ studyId: 's1' });
    await api.listStudies!();
    expect(invoked).toEqual([
      { channel: 'pimap:openStudy', payload: { studyId: 's1' } },
      { channel: 'pimap:listStudies', payload: {} },
    ]);
  });
});
