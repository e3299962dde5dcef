import type { BrowserWindowConstructorOptions, WindowOpenHandlerResponse } from 'electron';
import { isAppUrl } from './appProtocol';
import { secureWebPreferences } from './security';

/** True for the app's own audience view: app://pimap/…#/present/… and nothing else. */
export function isPresentUrl(url: string): boolean {
  if (!isAppUrl(url)) return false;
  try {
    return /^#\/present(\/|$)/.test(new URL(url).hash);
  } catch {
    return false;
  }
}

/** Options of the audience window: same secure web preferences and preload, no menu, fullscreenable. */
export function presentWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 720,
    title: 'Power–Interest Mapper',
    backgroundColor: '#111418',
    autoHideMenuBar: true,
    fullscreenable: true,
    webPreferences: secureWebPreferences(preload),
  };
}

/** The window-open rule: allow only the audience view, every other URL is denied. */
export function presentWindowOpenHandler(preload: string): (details: { url: string }) => WindowOpenHandlerResponse {
  return ({ url }) => (isPresentUrl(url) ? { action: 'allow', overrideBrowserWindowOptions: presentWindowOptions(preload) } : { action: 'deny' });
}
