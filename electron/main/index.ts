import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, screen, session } from 'electron';
import { defaultStudiesDir, userDataDir } from '../services/dataDir';
import { createElectronPrefsStore } from '../services/electronPrefs';
import { createHostServices } from '../services/hostServices';
import { appMenuTemplate } from './appMenu';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, isAppUrl } from './appProtocol';
import { createElectronExportRenderer, exportPages } from './electronExportRenderer';
import { registerHostIpc } from './ipc';
import { dataDirFromArgv } from './mainArgs';
import { createSaveExport } from './saveExport';
import { presentWindowOpenHandler } from './presentWindow';
import { LOCK_EVENT_CHANNEL, watchOsLock } from './osLock';
import { hardenSession, hardenWebContents, secureWebPreferences } from './security';
import { initialWindowBounds, parseWindowBounds, type WindowBounds } from './windowBounds';

/**
 * The Electron main process, kept thin: every rule lives in a small module next to
 * this one and is unit-tested there; this file only wires them to Electron.
 */

// The bundle sits in out/main; the preload and the renderer are its siblings (also
// inside app.asar when packaged).
const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = join(here, '..', 'preload', 'index.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');
const QUIT_WAIT_LIMIT_MS = 10_000;

function main(): void {
  // Same folder as the CLI and the preview use by default; set before anything reads it
  // (the single-instance lock lives there too).
  app.setPath('userData', userDataDir());

  if (!app.requestSingleInstanceLock()) {
    // Another window of the app is open: it is brought to the front (second-instance below).
    app.quit();
    return;
  }

  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
    // Only the app's own audience view (#/present/…) may open, in a secure, menu-less window.
    contents.setWindowOpenHandler(presentWindowOpenHandler(PRELOAD_PATH));
    contents.on('did-create-window', (win) => win.removeMenu());
  });

  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    // The same store feeds the export windows' pages (from memory, never from disk).
    protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR, exportPages));
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform)));

    const dataArg = dataDirFromArgv(process.argv);
    const prefs = createElectronPrefsStore();
    const services = createHostServices({
      dataDir: dataArg ? resolve(dataArg) : defaultStudiesDir(),
      host: 'electron',
      prefs,
      version: app.getVersion(),
      libraryPath: join(app.getAppPath(), 'resources', 'stakeholders.json'),
      // Pictures and the report come from Electron's own Chromium: most machines have no other.
      exportRenderer: () => createElectronExportRenderer(),
    });
    // Exported files are written where the user chooses in the OS save dialog.
    const handlers = {
      ...services,
      saveExport: createSaveExport({
        showSaveDialog: (parent, options) => (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)),
        parentWindow: () => mainWindow,
        defaultFolder: () => app.getPath('documents'),
      }),
    };
    const hostIpc = registerHostIpc(ipcMain, handlers, isAppUrl);
    watchOsLock({
      powerMonitor,
      askWindows: () => BrowserWindow.getAllWindows().forEach((w) => w.webContents.send(LOCK_EVENT_CHANNEL)),
      wipeKeys: () => void handlers.lockStudy({ studyId: null }),
    });

    // The renderer sends its pending saves when its window closes; quitting waits for
    // those calls to be answered and the write queue to drain (a save resolves only
    // once it is on disk), up to a limit so a stuck disk cannot keep the app open.
    let quitReady = false;
    app.on('before-quit', (event) => {
      if (quitReady) return;
      event.preventDefault();
      const settled = hostIpc.idle()
        .then(() => handlers.flush())
        .then(() => handlers.close());
      void Promise.race([settled, new Promise((r) => setTimeout(r, QUIT_WAIT_LIMIT_MS))]).then(() => {
        quitReady = true;
        app.quit();
      });
    });

    const openWindow = (): BrowserWindow => {
      const bounds = initialWindowBounds(
        parseWindowBounds(prefs.getWindowBounds()),
        screen.getAllDisplays().map((d) => d.workArea),
      );
      const win = new BrowserWindow({
        x: bounds.x,
        y: bounds.y,
        width: bounds.width,
        height: bounds.height,
        minWidth: 800,
        minHeight: 560,
        show: false,
        title: 'Power–Interest Mapper',
        backgroundColor: '#ffffff',
        webPreferences: secureWebPreferences(PRELOAD_PATH),
      });
      if (bounds.maximized) win.maximize();
      win.once('ready-to-show', () => win.show());
      win.on('close', () => {
        const saved: WindowBounds = { ...win.getNormalBounds(), maximized: win.isMaximized() };
        prefs.setWindowBounds(saved);
      });
      win.on('closed', () => {
        if (mainWindow === win) mainWindow = null;
      });
      void win.loadURL(APP_ENTRY_URL);
      return win;
    };

    mainWindow = openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

main();
