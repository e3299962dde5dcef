import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isAppUrl } from '../../../electron/main/appProtocol';
import { registerHostIpc } from '../../../electron/main/ipc';
import { HOST_OPS, type HostHandlers } from '../../../shared/contract/hostContract';

function register() {
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const ipcMain = { handle: vi.fn((channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, fn)) };
  const services = { listStudies: vi.fn(async () => []) } as unknown as HostHandlers;
  registerHostIpc(ipcMain as unknown as IpcMain, services, isAppUrl);
  return { ipcMain, handlers, services };
}

const fromFrame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('registerHostIpc', () => {
  it('registers exactly one handler per operation, on its own channel', () => {
    const { ipcMain, handlers } = register();
    expect(ipcMain.handle).toHaveBeenCalledTimes(HOST_OPS.length);
    expect([...handlers.keys()].sort()).toEqual(HOST_OPS.map((op) => `pimap:${op}`).sort());
  });

  it('runs a call from the app page through the contract', async () => {
    const { handlers, services } = register();
    expect(await handlers.get('pimap:listStudies')!(fromFrame('app://pimap/index.html'), {})).toEqual({ ok: true, value: [] });
    expect(services.listStudies).toHaveBeenCalledOnce();
  });

  it('rejects an invalid payload before the service runs', async () => {
    const { handlers, services } = register();
    const result = await handlers.get('pimap:listStudies')!(fromFrame('app://pimap/index.html'), { extra: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(services.listStudies).not.toHaveBeenCalled();
  });

  it.each([
    ['a web page', fromFrame('https://example.org/')],
    ['a local file', fromFrame('file:///tmp/evil.html')],
    ['a look-alike origin', fromFrame('app://pimap.evil/index.html')],
    ['an iframe inside the app', fromFrame('app://pimap/index.html', { url: 'app://pimap/index.html' })],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses a call from %s with forbidden', async (_name, event) => {
    const { handlers, services } = register();
    expect(await handlers.get('pimap:listStudies')!(event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(services.listStudies).not.toHaveBeenCalled();
  });
});

describe('waiting for host calls before quitting', () => {
  it('idle() resolves only after every call in flight is answered', async () => {
    let finishSave!: () => void;
    const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const ipcMain = { handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, fn) };
    const services = { listStudies: () => new Promise<never[]>((resolve) => (finishSave = () => resolve([]))) } as unknown as HostHandlers;
    const ipc = registerHostIpc(ipcMain as unknown as IpcMain, services, isAppUrl);
    expect(ipc.inFlight).toBe(0);
    const call = handlers.get('pimap:listStudies')!(fromFrame('app://pimap/index.html'), {});
    expect(ipc.inFlight).toBe(1);
    let idle = false;
    const waiting = ipc.idle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    finishSave();
    await waiting;
    expect(idle).toBe(true);
    expect(ipc.inFlight).toBe(0);
    await expect(call).resolves.toEqual({ ok: true, value: [] });
  });
});
