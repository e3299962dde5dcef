import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents, isAllowedRequestUrl, secureWebPreferences } from '../../../electron/main/security';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node and no <webview>', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });
});

describe('isAllowedRequestUrl', () => {
  it('lets the app load its own pages, devtools, data: and blob: URLs', () => {
    for (const url of ['app://pimap/index.html', 'app://pimap/assets/x.js', 'devtools://devtools/bundled/inspector.html', 'data:image/png;base64,AAAA', 'blob:app://pimap/1234'])
      expect(isAllowedRequestUrl(url), url).toBe(true);
  });
  it('blocks every network request and local file', () => {
    for (const url of ['http://127.0.0.1:8080/', 'https://example.org/x.js', 'ws://localhost/', 'wss://example.org/', 'ftp://example.org/', 'file:///etc/passwd', 'chrome-extension://abc/x.js', 'not a url'])
      expect(isAllowedRequestUrl(url), url).toBe(false);
  });
});

function fakeSession() {
  const ses = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
  hardenSession(ses as unknown as Session);
  return ses;
}

describe('hardenSession', () => {
  it('denies every permission request and check but full screen for the app itself', () => {
    const ses = fakeSession();
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback, { requestingUrl: 'app://pimap/index.html#/present' });
      expect(callback).toHaveBeenCalledWith(false);
    }
    const decide = (details: object) => {
      const callback = vi.fn();
      request({}, 'fullscreen', callback, details);
      return callback.mock.calls[0]![0];
    };
    // The audience window (and any page of the app) may go full screen; nothing else may.
    expect(decide({ requestingUrl: 'app://pimap/index.html#/present' })).toBe(true);
    expect(decide({ requestingUrl: 'https://example.org/' })).toBe(false);
    expect(decide({ requestingUrl: 'file:///tmp/x.html' })).toBe(false);
    expect(decide({})).toBe(false);
    expect(ses.setPermissionCheckHandler.mock.calls[0]![0]({}, 'media', 'app://pimap', {})).toBe(false);
    expect(ses.setDevicePermissionHandler.mock.calls[0]![0]({})).toBe(false);
  });

  it('cancels requests outside the app', () => {
    const ses = fakeSession();
    const onBefore = ses.webRequest.onBeforeRequest.mock.calls[0]![0];
    const decide = (url: string) => {
      const callback = vi.fn();
      onBefore({ url }, callback);
      return callback.mock.calls[0]![0];
    };
    expect(decide('https://example.org/')).toEqual({ cancel: true });
    expect(decide('http://localhost:3000/')).toEqual({ cancel: true });
    expect(decide('file:///home/user/secret')).toEqual({ cancel: true });
    expect(decide('app://pimap/index.html')).toEqual({ cancel: false });
  });
});

describe('hardenWebContents', () => {
  function harden() {
    const listeners = new Map<string, (event: { preventDefault: () => void }, ...args: unknown[]) => void>();
    const contents = {
      setWindowOpenHandler: vi.fn(),
      on: vi.fn((name: string, listener: (event: { preventDefault: () => void }) => void) => listeners.set(name, listener)),
    };
    hardenWebContents(contents as unknown as WebContents);
    return { contents, listeners };
  }

  it('denies every new window', () => {
    const { contents } = harden();
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0];
    expect(handler({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://pimap/index.html' })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const { listeners } = harden();
    const event = { preventDefault: vi.fn() };
    listeners.get(name)!(event, 'https://example.org/');
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
