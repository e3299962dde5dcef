// A stand-in for the `electron` module, for running the main process and the preload
// without the Electron runtime (it cannot be downloaded on these machines). It records
// what the code asks of Electron so tests can assert the security settings and drive
// the registered handlers. Used two ways:
//   - unit tests:  vi.mock('electron', () => import('./electronStub.mjs'))
//   - the built bundle under plain Node, via the resolve hook in electronLoader.mjs.
import { EventEmitter } from 'node:events';

/** Everything the code under test did to Electron; reset with `resetStub()`. */
export const recorded = {
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  ipcListeners: new Map(),
  windows: [],
  applicationMenu: null,
  quitCalls: 0,
  singleInstanceLockRequested: false,
  paths: new Map(),
};

/** Knobs a test can turn before the code runs. */
export const knobs = { singleInstanceLock: true, appPath: process.cwd(), version: '0.0.0-stub' };

let markReady;
let readyPromise = new Promise((resolve) => (markReady = resolve));

class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.windowOpenHandler = null;
    this.loadedUrl = null;
    this.mainFrame = { url: '', parent: null };
    this.sent = [];
  }
  send(channel) {
    this.sent.push(channel);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  loadURL(url) {
    this.loadedUrl = url;
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  focus() {}
}

export class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.maximized = false;
    this.shown = false;
    this.destroyed = false;
    recorded.windows.push(this);
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }
  static getAllWindows() {
    return recorded.windows.filter((w) => !w.destroyed);
  }
  loadURL(url) {
    return this.webContents.loadURL(url);
  }
  show() {
    this.shown = true;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getBounds() {
    return { ...this.bounds };
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  setBounds(b) {
    this.bounds = { ...this.bounds, ...b };
  }
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  setPath(name, value) {
    recorded.paths.set(name, value);
  },
  getPath(name) {
    if (recorded.paths.has(name)) return recorded.paths.get(name);
    throw new Error(`stub: app.getPath('${name}') before it was set`);
  },
  getAppPath() {
    return knobs.appPath;
  },
  getVersion() {
    return knobs.version;
  },
  getName() {
    return 'power-interest-mapper';
  },
  setName() {},
  setAppUserModelId() {},
  requestSingleInstanceLock() {
    recorded.singleInstanceLockRequested = true;
    return knobs.singleInstanceLock;
  },
  quit() {
    recorded.quitCalls++;
  },
  exit() {
    recorded.quitCalls++;
  },
  whenReady() {
    return readyPromise;
  },
  isReady() {
    return false;
  },
});

export const ipcMain = {
  handle(channel, handler) {
    // Electron throws on a second handler for one channel; so does the stub.
    if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    recorded.ipcHandlers.delete(channel);
  },
  on(channel, listener) {
    recorded.ipcListeners.set(channel, listener);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

function fakeSession() {
  return {
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    devicePermissionHandler: null,
    beforeRequest: null,
    protocol,
    setPermissionRequestHandler(h) {
      this.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h) {
      this.permissionCheckHandler = h;
    },
    setDevicePermissionHandler(h) {
      this.devicePermissionHandler = h;
    },
    webRequest: {
      onBeforeRequest(filterOrListener, maybeListener) {
        defaultSession.beforeRequest = maybeListener ?? filterOrListener;
      },
      onHeadersReceived() {},
    },
  };
}
const defaultSession = fakeSession();
export const session = { defaultSession };

export const screen = {
  getAllDisplays() {
    return [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];
  },
  getPrimaryDisplay() {
    return this.getAllDisplays()[0];
  },
};

export const Menu = {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    recorded.applicationMenu = menu;
  },
};

export const shell = {
  openExternal() {
    throw new Error('stub: the app must not open external links');
  },
  openPath() {
    return Promise.resolve('');
  },
};

export const dialog = {};
/** The OS's lock and sleep events (issue 16); tests emit 'lock-screen', 'suspend', 'resume'. */
export const powerMonitor = new EventEmitter();
export const nativeTheme = { shouldUseDarkColors: false };

// Renderer-side pieces, for running the preload.
export const exposedInMainWorld = new Map();
export const invoked = [];
export const contextBridge = {
  exposeInMainWorld(key, api) {
    exposedInMainWorld.set(key, api);
  },
};
export const ipcRenderer = {
  invoke(channel, payload) {
    invoked.push({ channel, payload });
    return Promise.resolve({ ok: true, value: { channel } });
  },
  on() {},
  removeListener() {},
};

/** Let `app.whenReady()` resolve, as Electron does once it has started. */
export function emitReady() {
  markReady();
  app.emit('ready');
}

/** Forget everything recorded, for the next test. */
export function resetStub() {
  recorded.privilegedSchemes.length = 0;
  recorded.protocolHandlers.clear();
  recorded.ipcHandlers.clear();
  recorded.ipcListeners.clear();
  recorded.windows.length = 0;
  recorded.applicationMenu = null;
  recorded.quitCalls = 0;
  recorded.singleInstanceLockRequested = false;
  recorded.paths.clear();
  defaultSession.permissionRequestHandler = null;
  defaultSession.permissionCheckHandler = null;
  defaultSession.devicePermissionHandler = null;
  defaultSession.beforeRequest = null;
  exposedInMainWorld.clear();
  invoked.length = 0;
  knobs.singleInstanceLock = true;
  app.removeAllListeners();
  powerMonitor.removeAllListeners();
  readyPromise = new Promise((resolve) => (markReady = resolve));
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  screen,
  Menu,
  shell,
  dialog,
  powerMonitor,
  nativeTheme,
  contextBridge,
  ipcRenderer,
};
