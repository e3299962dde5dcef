import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SaveDialogOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSaveExport, type SaveExportDeps } from '../../../electron/main/saveExport';
import { createHostServices } from '../../../electron/services/hostServices';
import { createFilePrefsStore } from '../../../electron/services/prefs';
import { dispatchHostCall } from '../../../shared/contract/dispatch';
import type { HostHandlers } from '../../../shared/contract/hostContract';
import type * as StubModule from './electronStub.mjs';

// The desktop app's save dialog for exported files. `electron` is the recording stub
// (a factory is required: without one vitest loads the real package, which tries to
// download the runtime); its `dialog` gets a showSaveDialog per test.
vi.mock('electron', () => import('./electronStub.mjs'));

let root: string;
const savedXdg = process.env.XDG_CONFIG_HOME;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pimap-save-'));
  process.env.XDG_CONFIG_HOME = join(root, 'config');
});
afterAll(() => {
  if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedXdg;
  rmSync(root, { recursive: true, force: true });
});

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>শিশু সুরক্ষা</text></svg>';
const file = (fileName = 'Nadia - FGD 1.svg', text = SVG) => ({ fileName, mimeType: 'image/svg+xml', base64: Buffer.from(text, 'utf8').toString('base64') });

const folder = (name: string): string => mkdtempSync(join(root, `${name}-`));

/** A saveExport whose dialog answers with `answer(options)`. */
function saver(answer: (options: SaveDialogOptions) => { canceled: boolean; filePath?: string }, extra: Partial<SaveExportDeps> = {}) {
  const dialogCalls: SaveDialogOptions[] = [];
  const handlers = {
    saveExport: createSaveExport({
      showSaveDialog: async (_parent, options) => {
        dialogCalls.push(options);
        const a = answer(options);
        return { canceled: a.canceled, filePath: a.filePath ?? '' };
      },
      parentWindow: () => null,
      defaultFolder: () => '/home/facilitator/Documents',
      ...extra,
    }),
  } as unknown as HostHandlers;
  return { call: (payload: unknown) => dispatchHostCall(handlers, 'saveExport', payload), dialogCalls };
}

describe('saveExport in the desktop app', () => {
  it('writes the file where the user chose, byte for byte, and says where', async () => {
    const dir = folder('chosen');
    const target = join(dir, 'map.svg');
    const { call, dialogCalls } = saver(() => ({ canceled: false, filePath: target }));
    expect(await call(file())).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(readFileSync(target, 'utf8')).toBe(SVG);
    // The dialog suggested the export's own name in Documents, offering SVG first.
    expect(dialogCalls[0]!.defaultPath).toBe('/home/facilitator/Documents/Nadia - FGD 1.svg');
    expect(dialogCalls[0]!.filters![0]).toEqual({ name: 'SVG image', extensions: ['svg'] });
    expect(dialogCalls[0]!.properties).toContain('showOverwriteConfirmation');
    // Nothing but the file itself is left behind (no temporary copy).
    expect(readdirSync(dir)).toEqual(['map.svg']);
  });

  it('writes nothing when the dialog is closed', async () => {
    const write = vi.fn();
    const { call } = saver(() => ({ canceled: true }), { write });
    expect(await call(file())).toEqual({ ok: true, value: { saved: false, path: null } });
    expect(write).not.toHaveBeenCalled();
  });

  it('opens the next dialog in the folder used last', async () => {
    const dir = folder('last');
    const { call, dialogCalls } = saver(() => ({ canceled: false, filePath: join(dir, 'a.csv') }));
    await call(file('Study.csv', 'a,b\n'));
    await call(file('Study - report.pdf', '%PDF'));
    expect(dialogCalls[1]!.defaultPath).toBe(join(dir, 'Study - report.pdf'));
    expect(dialogCalls[1]!.filters![0]!.extensions).toEqual(['pdf']);
  });

  it('adds an extension the user left out, without replacing a file already there', async () => {
    const dir = folder('ext');
    writeFileSync(join(dir, 'for trainer.pimap.json'), 'older file');
    const { call } = saver(() => ({ canceled: false, filePath: join(dir, 'for trainer') }));
    const result = await call(file('Nadia.pimap.json', '{"format":"pimap/study-bundle"}'));
    expect(result).toEqual({ ok: true, value: { saved: true, path: join(dir, 'for trainer (2).pimap.json') } });
    expect(readFileSync(join(dir, 'for trainer.pimap.json'), 'utf8')).toBe('older file');
    expect(readFileSync(join(dir, 'for trainer (2).pimap.json'), 'utf8')).toBe('{"format":"pimap/study-bundle"}');
  });

  it('takes the suggested name as a name only, never as a path', async () => {
    const { call, dialogCalls } = saver(() => ({ canceled: true }));
    await call(file('../../.bashrc/evil.svg'));
    await call(file('..\\..\\x.svg'));
    expect(dialogCalls.map((c) => c.defaultPath)).toEqual(['/home/facilitator/Documents/evil.svg', '/home/facilitator/Documents/x.svg']);
  });

  it('refuses content that is not base64 before any dialog opens', async () => {
    const { call, dialogCalls } = saver(() => ({ canceled: true }));
    expect(await call({ fileName: 'x.svg', mimeType: 'image/svg+xml', base64: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(dialogCalls).toHaveLength(0);
  });

  it.each([
    ['ENOSPC', 'disk_full', /disk is full/],
    ['EACCES', 'read_only', /cannot be written to/],
    ['EIO', 'io', /was not saved \(EIO\)/],
  ])('says why a write failed (%s)', async (code, hostCode, message) => {
    const write = async () => {
      throw Object.assign(new Error(code), { code });
    };
    const { call } = saver(() => ({ canceled: false, filePath: '/media/usb/map.svg' }), { write });
    const result = await call(file());
    expect(result).toMatchObject({ ok: false, error: { code: hostCode } });
    expect(!result.ok && result.error.message).toMatch(message);
    expect(!result.ok && result.error.message).toContain('map.svg');
  });
});

describe('saveExport wired into the main process', () => {
  type Stub = typeof StubModule;
  const appFrame = { senderFrame: { url: 'app://pimap/index.html', parent: null } };

  it('answers the app page through the OS save dialog, modal to the app window', async () => {
    vi.resetModules();
    const electron = (await import('electron')) as unknown as Stub & { dialog: Record<string, unknown> };
    electron.resetStub();
    await import('../../../electron/main/index');
    electron.emitReady();
    await vi.waitFor(() => expect(electron.recorded.windows.length).toBe(1));
    const documents = folder('documents');
    electron.recorded.paths.set('documents', documents);
    const target = join(documents, 'picked.svg');
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: target }));
    electron.dialog.showSaveDialog = showSaveDialog;
    try {
      const handler = electron.recorded.ipcHandlers.get('pimap:saveExport')!;
      expect(await handler(appFrame, file())).toEqual({ ok: true, value: { saved: true, path: target } });
      expect(readFileSync(target, 'utf8')).toBe(SVG);
      const [parent, options] = showSaveDialog.mock.calls[0] as unknown as [unknown, SaveDialogOptions];
      expect(parent).toBe(electron.recorded.windows[0]);
      expect(options.defaultPath).toBe(join(documents, 'Nadia - FGD 1.svg'));
      // Another page may not ask for a save at all.
      expect(await handler({ senderFrame: { url: 'https://example.org/', parent: null } }, file())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(showSaveDialog).toHaveBeenCalledOnce();
    } finally {
      delete electron.dialog.showSaveDialog;
    }
  });

  it('is refused by the preview and CLI services, which have no save dialog', async () => {
    const handlers = createHostServices({ dataDir: join(root, 'studies'), host: 'web', prefs: createFilePrefsStore(join(root, 'prefs')), version: '1' });
    const result = await dispatchHostCall(handlers, 'saveExport', file());
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(!result.ok && result.error.message).toMatch(/downloads the file/);
  });
});
