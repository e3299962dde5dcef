import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../electron/services/chromiumPath';

/**
 * Headless Chromium (CHROMIUM_PATH, else Debian's) with the flags that keep it quiet on
 * a machine without network. Playwright gives every launch a fresh temporary profile.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
}

export type WatchedPage = {
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  consoleErrors: string[];
  /** Every request to anywhere but 127.0.0.1 (data: and blob: URLs are local and not counted). */
  outsideRequests: string[];
};

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/** A new page that records console errors and requests leaving 127.0.0.1, so tests can assert there are none. */
export async function newPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  const outsideRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    if (!isLocal(req.url())) outsideRequests.push(req.url());
  });
  return { page, consoleErrors, outsideRequests };
}

/** The laptop screen the e2e tests look at the app on (a facilitator's 1366×768). */
export const LAPTOP_VIEWPORT = { width: 1366, height: 768 } as const;

/** A watched page (`newPage`) at the laptop size. */
export async function watchedPage(browser: Browser, viewport: { width: number; height: number } = LAPTOP_VIEWPORT): Promise<{ watched: WatchedPage; page: Page }> {
  const watched = await newPage(browser);
  await watched.page.setViewportSize(viewport);
  return { watched, page: watched.page };
}

/** A browser (`launchBrowser`) with one watched page at the laptop size: most e2e files' set-up. */
export async function launchWatchedPage(viewport: { width: number; height: number } = LAPTOP_VIEWPORT): Promise<{ browser: Browser; watched: WatchedPage; page: Page }> {
  const browser = await launchBrowser();
  return { browser, ...(await watchedPage(browser, viewport)) };
}
