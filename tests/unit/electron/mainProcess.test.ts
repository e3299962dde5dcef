import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_DIR_NAME } from '../../../electron/services/dataDir';
import { HOST_OPS } from '../../../shared/contract/hostContract';
import type * as StubModule from './electronStub.mjs';

// electron/main/index.ts from source, with `electron` replaced by the recording stub
// (a factory is required: without one vitest would load the real package, which tries
// to download the runtime). builtBundle.test.ts runs the same checks on the build.
vi.mock('electron', () => import('./electronStub.mjs'));

type Stub = typeof StubModule;
let configHome: string;
const savedXdg = process.env.XDG_CONFIG_HOME;

beforeAll(() => {
  configHome = mkdtempSync(join(tmpdir(), 'pimap-main-'));
  process.env.XDG_CONFIG_HOME = configHome;
});
afterAll(() => {
  if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedXdg;
  rmSync(configHome, { recursive: true, force: true });
});

/** Load the main process afresh against a fresh stub; `ready` lets Electron finish starting. */
async function startMain(opts: { lock?: boolean; ready?: boolean } = {}): Promise<Stub> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as Stub;
  electron.resetStub();
  electron.knobs.singleInstanceLock = opts.lock ?? true;
  await import('../../../electron/main/index');
  if (opts.ready ?? true) {
    electron.emitReady();
    await vi.waitFor(() => expect(electron.recorded.windows.length).toBe(1));
  }
  return electron;
}

const appFrame = { senderFrame: { url: 'app://pimap/index.html', parent: null } };

describe('main process start-up', () => {
  it('sets up userData, the lock and the app:// scheme before Electron is ready, and no window yet', async () => {
    const { recorded } = await startMain({ ready: false });
    expect(recorded.paths.get('userData')).toBe(join(configHome, APP_DIR_NAME));
    expect(recorded.singleInstanceLockRequested).toBe(true);
    expect(recorded.privilegedSchemes.map((s: { scheme: string }) => s.scheme)).toEqual(['app']);
    expect(recorded.windows).toHaveLength(0);
    expect(recorded.ipcHandlers.size).toBe(0);
  });

  it('when ready: one hardened window on the app page, one IPC handler per operation', async () => {
    const { recorded, session } = await startMain();
    const win = recorded.windows[0];
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(win.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(win.webContents.loadedUrl).toBe('app://pimap/index.html');
    expect(win.webContents.windowOpenHandler({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const navigation = { preventDefault: vi.fn() };
    win.webContents.emit('will-navigate', navigation, 'https://example.org/');
    expect(navigation.preventDefault).toHaveBeenCalled();
    const granted = vi.fn();
    session.defaultSession.permissionRequestHandler(win.webContents, 'media', granted, {});
    expect(granted).toHaveBeenCalledWith(false);
    const decision = vi.fn();
    session.defaultSession.beforeRequest({ url: 'https://example.org/' }, decision);
    expect(decision).toHaveBeenCalledWith({ cancel: true });
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual(HOST_OPS.map((op) => `pimap:${op}`).sort());
    expect(recorded.protocolHandlers.has('app')).toBe(true);
  });

  it('answers the app page through the real services, and refuses other senders', async () => {
    const { recorded } = await startMain();
    const appInfo = recorded.ipcHandlers.get('pimap:appInfo')!;
    expect(await appInfo(appFrame, {})).toMatchObject({ ok: true, value: { host: 'electron', dataDir: join(configHome, APP_DIR_NAME, 'studies') } });
    expect(await appInfo({ senderFrame: { url: 'file:///tmp/x.html', parent: null } }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('when the OS locks the screen, asks every window to save and lock (issue 16)', async () => {
    const { recorded, powerMonitor } = (await startMain()) as Stub & { powerMonitor: NodeJS.EventEmitter };
    expect(recorded.windows[0]!.webContents.sent).toEqual([]);
    powerMonitor.emit('lock-screen');
    expect(recorded.windows[0]!.webContents.sent).toEqual(['pimap-event:lock']);
    // And wipes the keys on resume if the grace period was cut short by sleep.
    const lockStudy = recorded.ipcHandlers.get('pimap:lockStudy')!;
    powerMonitor.emit('resume');
    expect(await lockStudy(appFrame, { studyId: null })).toEqual({ ok: true, value: { locked: [] } });
  });

  it('a second instance quits without opening anything', async () => {
    const { recorded } = await startMain({ lock: false, ready: false });
    expect(recorded.quitCalls).toBe(1);
    expect(recorded.privilegedSchemes).toHaveLength(0);
    expect(recorded.ipcHandlers.size).toBe(0);
  });

  it('holds quitting until the services have flushed, then quits', async () => {
    const { app, recorded } = await startMain();
    const quit = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(recorded.quitCalls).toBe(1));
    // The second round (after the flush) goes through.
    const again = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
