import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './appProtocol';

/**
 * Electron hardening, kept out of index.ts so each rule is unit-tested on its own.
 * Follows Electron's security checklist: isolated, sandboxed renderer without Node;
 * no new windows, no navigation, no permissions, no network.
 */

/** The window's web preferences; `preload` is the built CommonJS preload. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * URL schemes a page may load. Everything else, http(s), ws(s), ftp and file:
 * included, is cancelled: the app makes no network requests at all, and the
 * renderer reads no local files except through the app:// protocol.
 * devtools: is kept so a developer can still open the inspector.
 */
export const ALLOWED_REQUEST_SCHEMES: readonly string[] = ['app:', 'devtools:', 'data:', 'blob:'];

export function isAllowedRequestUrl(url: string): boolean {
  try {
    return ALLOWED_REQUEST_SCHEMES.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * Session-wide rules: deny every permission but one, cancel every request outside the app.
 * The one: full screen for the app's own pages (the audience window on the projector asks
 * for it with F; it gives a page nothing but the whole screen, and Esc takes it back).
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permission === 'fullscreen' && isAppUrl(details?.requestingUrl)));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
}

/**
 * Per-page rules, applied to every WebContents the app creates: no new windows
 * (links do not open anywhere), no navigation away from the loaded page, no
 * <webview>, no redirects.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
