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
