// Runs the built main bundle (out/…/main/index.js) under plain Node with `electron`
// stubbed, plays the part of Electron (ready, a page, IPC callers, requests) and
// prints what the app did as one JSON line. Started by builtBundle.test.ts as
//   node --import ./registerElectronStub.mjs builtMainDriver.mjs <bundle> [--no-lock]
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as electron from 'electron';

const [bundle, ...flags] = process.argv.slice(2);
electron.knobs.singleInstanceLock = !flags.includes('--no-lock');
// The app's root (app.asar when packaged) holds out/main/index.js.
electron.knobs.appPath = resolve(dirname(bundle), '..', '..');

await import(pathToFileURL(bundle).href);
const { recorded, session } = electron;
const report = {
  userData: recorded.paths.get('userData') ?? null,
  lockRequested: recorded.singleInstanceLockRequested,
  privilegedSchemes: recorded.privilegedSchemes,
};

if (!electron.knobs.singleInstanceLock) {
  await new Promise((r) => setTimeout(r, 20));
  Object.assign(report, { quitCalls: recorded.quitCalls, windows: recorded.windows.length, ipcChannels: [...recorded.ipcHandlers.keys()] });
  console.log(JSON.stringify(report));
  process.exit(0);
}

report.windowsBeforeReady = recorded.windows.length;
electron.emitReady();
for (let i = 0; i < 100 && recorded.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));

const win = recorded.windows[0];
const ses = session.defaultSession;
report.windows = recorded.windows.length;
report.windowOptions = win.options;
report.loadedUrl = win.webContents.loadedUrl;
report.windowOpen = win.webContents.windowOpenHandler?.({ url: 'https://example.org/', disposition: 'new-window' }) ?? null;

const prevented = {};
for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
  prevented[name] = false;
  win.webContents.emit(name, { preventDefault: () => (prevented[name] = true) }, 'https://example.org/');
}
report.prevented = prevented;

report.permissionRequests = {};
for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
  ses.permissionRequestHandler?.(win.webContents, permission, (granted) => (report.permissionRequests[permission] = granted), {});
}
report.permissionCheck = ses.permissionCheckHandler?.(win.webContents, 'media', 'app://pimap', {}) ?? null;

report.requestCancelled = {};
for (const url of ['https://example.org/x.js', 'http://127.0.0.1:9/', 'wss://example.org/', 'file:///etc/passwd', 'app://pimap/index.html', 'data:text/plain,x', 'devtools://devtools/x']) {
  ses.beforeRequest?.({ url }, (decision) => (report.requestCancelled[url] = decision.cancel));
}

report.ipcChannels = [...recorded.ipcHandlers.keys()];
report.ipcListeners = [...recorded.ipcListeners.keys()];
const listStudies = recorded.ipcHandlers.get('pimap:listStudies');
report.foreignCall = await listStudies({ senderFrame: { url: 'https://evil.example/', parent: null } }, {});
report.appCall = await listStudies({ senderFrame: { url: 'app://pimap/index.html', parent: null } }, {});

const serve = recorded.protocolHandlers.get('app');
report.protocolSchemes = [...recorded.protocolHandlers.keys()];
if (serve) {
  const page = await serve(new Request('app://pimap/index.html'));
  report.page = { status: page.status, type: page.headers.get('content-type'), csp: page.headers.get('content-security-policy'), body: (await page.text()).slice(0, 2000) };
  report.traversalStatus = (await serve(new Request('app://pimap/..%2f..%2fpackage.json'))).status;
}
report.menu = recorded.applicationMenu?.template ?? null;

win.close();
report.beforeQuitListeners = electron.app.listenerCount('before-quit');
console.log(JSON.stringify(report));
process.exit(0);
