import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../../electron/services/chromiumPath';
import type { BenchConfig, PageWindow } from '../pages/probeTypes';
import { PROBE_OUT } from './pages';

/** A typical facilitator's laptop screen. */
export const VIEWPORT = { width: 1366, height: 768 };

export async function launch(): Promise<Browser> {
  // --enable-precise-memory-info: performance.memory without 100 KB bucketing, for context.
  return chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'], headless: true });
}

/**
 * Close a browser whose page may be stuck in a long task. A plain close waits for the
 * busy renderer to return (minutes, for a map laying out thousands of labels), so the
 * browser's renderer processes — ours, listed by the browser itself — are killed first.
 */
export async function closeHard(browser: Browser): Promise<void> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    for (const p of processInfo) {
      if (p.type !== 'renderer') continue;
      try {
        process.kill(p.id, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  } catch {
    // the browser answers no more: close() below ends it
  }
  await browser.close().catch(() => undefined);
}

/**
 * A fresh context (empty cache, no storage) with the probe installed before any page
 * script runs. Console errors are collected, so a scenario can refuse to report figures
 * from a page that broke.
 */
export async function benchPage(browser: Browser, config: BenchConfig = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  // tsx compiles page.evaluate callbacks with esbuild's keepNames, which wraps inner
  // functions in __name(); the page needs that helper to exist.
  await context.addInitScript({ content: `window.__name = window.__name || ((f) => f); window.__benchConfig = ${JSON.stringify(config)};` });
  await context.addInitScript({ content: readFileSync(PROBE_OUT, 'utf8') });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return { context, page, errors };
}

/** JS heap in use after a full garbage collection, in MB (Chrome DevTools Protocol). */
export async function heapAfterGc(cdp: CDPSession): Promise<{ heapMB: number; nodes: number; listeners: number }> {
  // Twice: the first pass can leave objects kept only by finalizers of the first.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapMB: usage.usedSize / 2 ** 20, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

export async function cdpFor(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * `work`, or a rejection after `ms` measured here in Node. Playwright's own timeouts
 * (waitForFunction) are not enforced while the page is busy in one long task.
 */
export async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
  });
  work.catch(() => undefined); // a late failure of the abandoned work is not an error
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Wait until a Konva layer has drawn and then none has for `quietMs`; returns the last
 * draw's end (page clock). Throws after `timeoutMs`, so a view that never draws is an
 * error rather than a figure.
 */
export async function waitForDrawQuiet(page: Page, quietMs = 600, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    // A page busy in one long task answers nothing until it ends: race the question
    // against the time left.
    const state = await within(
      page.evaluate(() => {
        const d = (globalThis as unknown as PageWindow).__bench.draws;
        return { last: d.length ? d[d.length - 1]!.t1 : null, now: performance.now() };
      }),
      Math.max(1, timeoutMs - (Date.now() - started)),
      'waiting for drawing to settle',
    );
    if (state.last !== null && state.now - state.last >= quietMs) return state.last;
    if (Date.now() - started > timeoutMs) throw new Error(state.last === null ? `nothing was drawn within ${timeoutMs} ms` : `drawing did not settle within ${timeoutMs} ms`);
    await sleep(Math.min(200, quietMs / 2));
  }
}
