import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler, EXPORT_PAGE_CSP } from '../../../electron/main/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/contentPolicy';
import {
  createElectronExportRenderer,
  EXPORT_JOB_LIMIT_MS,
  ExportPageStore,
  pictureSize,
  reportPrintOptions,
  zoomedSvgPage,
} from '../../../electron/main/electronExportRenderer';
import { ENGLISH_EXPORT_TEXT } from '../../../electron/services/export/englishText';
import { embeddedFontCss } from '../../../electron/services/export/fonts';
import type { ExportRenderer } from '../../../electron/services/export/render';
import { reportFooter, svgPage } from '../../../electron/services/export/render';
import { reportHtml } from '../../../electron/services/export/report';
import { hostServicesFor } from '../../../electron/services/hostServices';
import { lastWriterWins } from '../../helpers/lastWriterWins';
import { dispatchHostCall } from '../../../shared/contract/dispatch';
import { buildMapSvg } from '../../../shared/export/mapSvg';
import { launchChromium, openChecker, pdfFonts, pdfInfo, pdfText, squash, type Checker } from '../export/chromiumCheck';
import { CONJUNCT_WORDS, exportSessions, exportStudy, shapingStudy } from '../export/exportFixture';

/**
 * The desktop app's export renderer, on a stand-in for Electron (the runtime cannot be
 * downloaded here). The stand-in's windows load their page through the real app://
 * protocol handler, so what is asserted about serving, CSP and clean-up is the real code;
 * what Chromium itself does with a hidden window is checked in the last block, on the
 * system Chromium, with the exact page and CSP the desktop app serves.
 */
interface FakeImage {
  width: number;
  height: number;
  resizedFrom?: { width: number; height: number };
  isEmpty(): boolean;
  getSize(): { width: number; height: number };
  resize(size: { width: number; height: number; quality?: string }): FakeImage;
  toPNG(): Buffer;
}
interface FakeContents {
  destroyed: boolean;
  listenerCount(event: string): number;
}
interface FakeWindow {
  options: { show?: boolean; width: number; height: number; webPreferences: Record<string, unknown> } & Record<string, unknown>;
  webContents: FakeContents;
  destroyed: boolean;
}
type Step = 'window' | 'load' | 'fonts' | 'print' | 'capture';
interface FakeElectron {
  windows: FakeWindow[];
  /** What each job did, in order: "load <url>", "fonts", "paint", "print", "capture". */
  log: string[];
  loads: { url: string; status: number; csp: string | null; body: string }[];
  prints: Record<string, unknown>[];
  captures: { x: number; y: number; width: number; height: number }[];
  serve: ((request: Request) => Promise<Response>) | null;
  failAt: Step | null;
  /** A load that never finishes (a stuck page). */
  hangOnLoad: boolean;
  /** The display's scale factor, by which capturePage multiplies the bitmap it asks for. */
  screenScale: number;
  /** The largest view the platform allows, if it clamps windows. */
  maxViewWidth: number;
}

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const fake: FakeElectron = { windows: [], log: [], loads: [], prints: [], captures: [], serve: null, failAt: null, hangOnLoad: false, screenScale: 1, maxViewWidth: Infinity };
  const fail = (step: Step) => {
    if (fake.failAt === step) throw new Error(`simulated failure at ${step}`);
  };
  const image = (width: number, height: number): FakeImage => ({
    width,
    height,
    isEmpty: () => width === 0 || height === 0,
    getSize: () => ({ width, height }),
    resize: (size) => ({ ...image(size.width, size.height), resizedFrom: { width, height } }),
    toPNG: () => Buffer.from(`PNG ${width}x${height}`),
  });
  class Contents extends EventEmitter {
    destroyed = false;
    readonly window: FakeWindowImpl;
    constructor(window: FakeWindowImpl) {
      super();
      this.window = window;
    }
    async loadURL(url: string): Promise<void> {
      fake.log.push(`load ${url}`);
      fail('load');
      if (fake.hangOnLoad) return new Promise(() => undefined);
      const res = await fake.serve!(new Request(url));
      fake.loads.push({ url, status: res.status, csp: res.headers.get('content-security-policy'), body: await res.text() });
      if (res.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND (${res.status}) loading '${url}'`);
    }
    async executeJavaScript(code: string): Promise<unknown> {
      fake.log.push(code.includes('document.fonts') ? 'fonts' : 'script');
      fail('fonts');
      return true;
    }
    async printToPDF(options: Record<string, unknown>): Promise<Buffer> {
      fake.log.push('print');
      fake.prints.push(options);
      fail('print');
      return Buffer.from('%PDF-1.7 stand-in');
    }
    invalidate(): void {
      // An offscreen view paints its next frame.
      setImmediate(() => {
        fake.log.push('paint');
        this.emit('paint', {}, { x: 0, y: 0, width: this.window.options.width, height: this.window.options.height }, image(1, 1));
      });
    }
    async capturePage(rect: { x: number; y: number; width: number; height: number }): Promise<FakeImage> {
      fake.log.push('capture');
      fake.captures.push(rect);
      fail('capture');
      const view = Math.min(this.window.options.width, fake.maxViewWidth);
      const width = Math.min(rect.width, view);
      const height = Math.round((rect.height * width) / rect.width);
      return image(Math.ceil(width * fake.screenScale), Math.ceil(height * fake.screenScale));
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
  }
  class FakeWindowImpl {
    destroyed = false;
    readonly webContents: Contents;
    readonly options: FakeWindow['options'];
    constructor(options: FakeWindow['options']) {
      fail('window');
      this.options = options;
      this.webContents = new Contents(this);
      fake.windows.push(this as unknown as FakeWindow);
    }
    loadURL(url: string) {
      return this.webContents.loadURL(url);
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
      this.webContents.destroyed = true;
    }
  }
  const electron = { BrowserWindow: FakeWindowImpl, fake };
  return { ...electron, default: electron };
});

const electron = (await import('electron')) as unknown as { fake: FakeElectron };
const fake = electron.fake;

// A small picture: the renderer only reads its declared size.
const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="620" height="485"><text x="10" y="20">Police</text></svg>';
const REPORT = '<!doctype html><html><head><meta charset="utf-8"><style>@page { size: A4 portrait; margin: 14mm }</style></head><body><h1>Report</h1></body></html>';
const UUID_PAGE = /^app:\/\/pimap\/__export\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let rendererDir: string;
let pages: ExportPageStore;
let renderer: ExportRenderer;

beforeAll(() => {
  // The app's renderer folder, with the index.html an unknown in-app route falls back to.
  rendererDir = mkdtempSync(join(tmpdir(), 'pimap-export-win-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Power–Interest Mapper</title><div id="root"></div>');
});
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

beforeEach(() => {
  Object.assign(fake, { windows: [], log: [], loads: [], prints: [], captures: [], failAt: null, hangOnLoad: false, screenScale: 1, maxViewWidth: Infinity });
  pages = new ExportPageStore();
  fake.serve = createAppProtocolHandler(rendererDir, pages);
  renderer = createElectronExportRenderer(pages);
});
afterEach(async () => {
  await renderer.close();
  vi.useRealTimers();
});

const allDestroyed = () => fake.windows.every((w) => w.destroyed && w.webContents.destroyed);

describe('the hidden export window', () => {
  it('is never shown, sandboxed, isolated, without Node or a preload, on the default session', async () => {
    await renderer.htmlToPdf(REPORT);
    await renderer.svgToPng(SVG, 2);
    expect(fake.windows).toHaveLength(2);
    for (const win of fake.windows) {
      expect(win.options.show).toBe(false);
      expect(win.options.webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        javascript: true,
      });
      // No bridge to the host; and the default session, where app:// and the network block live.
      expect(win.options.webPreferences).not.toHaveProperty('preload');
      expect(win.options.webPreferences).not.toHaveProperty('partition');
      expect(win.options.webPreferences).not.toHaveProperty('session');
    }
    expect(fake.windows.map((w) => w.options.webPreferences.offscreen)).toEqual([false, true]);
  });
});

describe('the export page', () => {
  it('is served from memory under a random id, with the export CSP, and removed when the job ends', async () => {
    const pdf = await renderer.htmlToPdf(REPORT);
    expect(pdf.toString()).toBe('%PDF-1.7 stand-in');
    expect(fake.loads).toHaveLength(1);
    const [load] = fake.loads;
    expect(load!.url).toMatch(UUID_PAGE);
    expect(load).toMatchObject({ status: 200, body: REPORT, csp: EXPORT_PAGE_CSP });
    // Nothing was written next to the renderer's files.
    expect(readdirSync(rendererDir)).toEqual(['index.html']);
    // The job is over: the page is gone, and its URL does not fall back to the app's page.
    expect(pages.size).toBe(0);
    const again = await fake.serve!(new Request(load!.url));
    expect(again.status).toBe(404);
    expect(await again.text()).not.toContain('id="root"');
  });

  it('refuses an id it does not hold, and the bare path, instead of serving the app page', async () => {
    const held = pages.add('<!doctype html><p>held</p>');
    for (const url of ['app://pimap/__export/00000000-0000-4000-8000-000000000000', 'app://pimap/__export/', 'app://pimap/__export', `${held.url}/x`, `app://pimap/__export/${held.id.toUpperCase()}`]) {
      const res = await fake.serve!(new Request(url));
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('id="root"');
    }
    expect(await (await fake.serve!(new Request(held.url))).text()).toContain('held');
    // Without a store (the handler as tests and older callers build it) nothing is served there at all.
    expect((await createAppProtocolHandler(rendererDir)(new Request(held.url))).status).toBe(404);
    pages.remove(held.id);
  });

  it('has a CSP that allows inline styles and data: fonts, and no script, connection, frame or form', () => {
    const directives = Object.fromEntries(EXPORT_PAGE_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'none'",
      'style-src': "'unsafe-inline'",
      'font-src': 'data:',
      'img-src': 'data:',
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
    expect(EXPORT_PAGE_CSP).not.toMatch(/unsafe-eval|https?:|\*|'self'/);
    // The app's own pages keep the strict policy.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-/);
  });
});

describe('printing', () => {
  it('prints the report with backgrounds, the CSS page size and the page-number footer, after the fonts have loaded', async () => {
    await renderer.htmlToPdf(REPORT);
    expect(fake.log.map((l) => l.split(' ')[0])).toEqual(['load', 'fonts', 'print']);
    expect(fake.prints).toEqual([
      {
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: reportFooter(embeddedFontCss()),
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
      },
    ]);
    expect(fake.prints[0]!.footerTemplate).toContain('<span class="pageNumber"></span> / <span class="totalPages"></span>');
    expect(fake.windows[0]!.options).toMatchObject({ width: 794, height: 1123 });
    expect(allDestroyed()).toBe(true);
  });

  it('prints a picture on one page the size of the SVG', async () => {
    await renderer.svgToPdf(SVG);
    expect(fake.loads[0]!.body).toBe(svgPage(SVG));
    expect(fake.prints).toEqual([{ printBackground: true, preferCSSPageSize: true, pageSize: { width: 620 / 96, height: 485 / 96 }, margins: { top: 0, bottom: 0, left: 0, right: 0 }, pageRanges: '1' }]);
    expect(fake.windows[0]!.options).toMatchObject({ width: 620, height: 485, useContentSize: true });
    expect(allDestroyed()).toBe(true);
  });
});

describe('pictures', () => {
  it.each([2, 4])('draws a %i× PNG in an offscreen view of width×scale pixels, captured whole', async (scale) => {
    const png = await renderer.svgToPng(SVG, scale);
    const [w, h] = [620 * scale, 485 * scale];
    expect(png.toString()).toBe(`PNG ${w}x${h}`);
    expect(fake.windows[0]!.options).toMatchObject({ width: w, height: h, useContentSize: true, enableLargerThanScreen: true, webPreferences: { offscreen: true } });
    expect(fake.loads[0]!.body).toBe(zoomedSvgPage(SVG, scale));
    expect(fake.loads[0]!.body).toContain(`<style>html{zoom:${scale}}</style></head>`);
    expect(fake.captures).toEqual([{ x: 0, y: 0, width: w, height: h }]);
    // The capture waits for a paint of the page with its fonts.
    expect(fake.log.map((l) => l.split(' ')[0])).toEqual(['load', 'fonts', 'paint', 'capture']);
    expect(fake.windows[0]!.webContents.listenerCount('paint')).toBe(0);
    expect(allDestroyed()).toBe(true);
  });

  it('on a 2× display scales capturePage’s larger bitmap back to exactly width×scale', async () => {
    fake.screenScale = 2;
    const png = await renderer.svgToPng(SVG, 4);
    expect(png.toString()).toBe(`PNG ${620 * 4}x${485 * 4}`);
  });

  it('refuses to deliver a picture smaller than asked (a window the platform clamped), never an upscaled one', async () => {
    fake.maxViewWidth = 1920;
    await expect(renderer.svgToPng(SVG, 4)).rejects.toThrow(/drawn at 1920×1502 pixels instead of 2480×1940/);
    expect(allDestroyed()).toBe(true);
    expect(pages.size).toBe(0);
  });
});

describe('clean-up', () => {
  it.each<[Step, (r: ExportRenderer) => Promise<Buffer>]>([
    ['window', (r) => r.htmlToPdf(REPORT)],
    ['load', (r) => r.htmlToPdf(REPORT)],
    ['fonts', (r) => r.svgToPdf(SVG)],
    ['print', (r) => r.htmlToPdf(REPORT)],
    ['capture', (r) => r.svgToPng(SVG, 2)],
  ])('destroys the window and forgets the page when the %s step fails', async (step, run) => {
    fake.failAt = step;
    await expect(run(renderer)).rejects.toThrow(`simulated failure at ${step}`);
    expect(allDestroyed()).toBe(true);
    expect(pages.size).toBe(0);
    // The renderer still works for the next file.
    fake.failAt = null;
    await renderer.svgToPdf(SVG);
    expect(allDestroyed()).toBe(true);
  });

  it('close() stops a job in flight, destroys its window and forgets its page; later jobs are refused', async () => {
    fake.hangOnLoad = true;
    const stuck = renderer.htmlToPdf(REPORT);
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(pages.size).toBe(1);
    await renderer.close();
    await expect(stuck).rejects.toThrow(/export renderer was closed/);
    expect(allDestroyed()).toBe(true);
    expect(pages.size).toBe(0);
    await expect(renderer.svgToPng(SVG, 2)).rejects.toThrow(/already closed/);
    expect(fake.windows).toHaveLength(1);
  });

  it('abandons a job that never finishes, with a message, and destroys its window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fake.hangOnLoad = true;
    const stuck = renderer.htmlToPdf(REPORT);
    const outcome = expect(stuck).rejects.toThrow(/Printing the report took longer than 60 s/);
    await vi.advanceTimersByTimeAsync(EXPORT_JOB_LIMIT_MS);
    await outcome;
    expect(allDestroyed()).toBe(true);
    expect(pages.size).toBe(0);
  });
});

describe('host services with an injected renderer', () => {
  const study = exportStudy();
  const sessions = exportSessions(study);
  const PREFS = { language: 'en' as const, largeText: false, lastStudyId: null, recentStudyIds: [] };

  async function servicesWith(exportRenderer: () => ExportRenderer) {
    const repository = lastWriterWins(mkdtempSync(join(tmpdir(), 'pimap-export-inject-')), { warn: () => undefined });
    await repository.createStudy(study);
    for (const s of sessions) await repository.saveSession(s);
    await repository.flush();
    return hostServicesFor({ repository, prefs: { get: () => PREFS, set: (p) => ({ ...PREFS, ...p }) }, host: 'electron', version: '0.1.0', libraryPath: '/nowhere', warn: () => undefined, exportRenderer });
  }

  it('draws pictures and prints the report with the desktop renderer, one per export, always closed', async () => {
    const opened: string[] = [];
    const factory = () => {
      const r = createElectronExportRenderer(pages);
      opened.push('open');
      const close = r.close;
      return { ...r, close: () => (opened.push('close'), close()) };
    };
    const host = await servicesWith(factory);
    const png = await dispatchHostCall(host, 'exportSession', { studyId: study.id, sessionId: sessions[0]!.id, format: 'png4x' });
    expect(png).toMatchObject({ ok: true, value: { mimeType: 'image/png', fileName: expect.stringMatching(/\(4x\)\.png$/) } });
    const capture = fake.captures[0]!;
    expect(Buffer.from((png as { value: { base64: string } }).value.base64, 'base64').toString()).toBe(`PNG ${capture.width}x${capture.height}`);
    const report = await dispatchHostCall(host, 'exportStudy', { studyId: study.id, format: 'report-pdf', permutations: 99, seed: 1 });
    expect(report).toMatchObject({ ok: true, value: { mimeType: 'application/pdf' } });
    expect(fake.prints[0]).toMatchObject({ displayHeaderFooter: true, printBackground: true });
    // The page printed is the report (from the stored study), served from memory.
    expect(fake.loads[1]!.body).toContain(study.title);
    fake.failAt = 'capture';
    expect(await dispatchHostCall(host, 'exportStudy', { studyId: study.id, format: 'compare-png2x' })).toMatchObject({ ok: false });
    expect(opened).toEqual(['open', 'close', 'open', 'close', 'open', 'close']);
    expect(allDestroyed()).toBe(true);
    expect(pages.size).toBe(0);
  });
});

/**
 * What the stand-in cannot show: that Chromium draws the export page as served (its
 * inline styles and embedded fonts allowed by the export CSP, the zoom giving
 * width×scale pixels at device scale 1). Checked on the system Chromium, which the
 * desktop app's Electron shares its engine with, over the real protocol handler's
 * response (URL rewritten to https, which Playwright can intercept).
 */
describe('the served export page in real Chromium', () => {
  let browser: Browser;
  let check: Checker;
  const { study, session } = shapingStudy();
  const svg = buildMapSvg({ study, session, text: ENGLISH_EXPORT_TEXT, lang: 'en', redact: false, fontCss: embeddedFontCss() });

  beforeAll(async () => {
    browser = await launchChromium();
    check = await openChecker(browser);
  });
  afterAll(async () => {
    await check?.close();
    await browser?.close();
  });

  /** Open `html` as the desktop app would serve it (optionally with another CSP); console errors and stray requests collected. */
  async function openServed(html: string, viewport: { width: number; height: number }, csp?: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
    const store = new ExportPageStore();
    const serve = createAppProtocolHandler(rendererDir, store);
    const { url } = store.add(html);
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, offline: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    await context.route('**/*', async (route) => {
      const requested = route.request().url();
      if (!requested.startsWith('https://pimap/')) {
        problems.push(`request to ${requested}`);
        return route.abort();
      }
      const res = await serve(new Request(requested.replace('https://pimap/', 'app://pimap/')));
      const headers = Object.fromEntries(res.headers);
      if (csp) headers['content-security-policy'] = csp;
      await route.fulfill({ status: res.status, headers, body: await res.text() });
    });
    await page.goto(url.replace('app://pimap/', 'https://pimap/'));
    await page.evaluate(`(async () => { await Promise.all(Array.from(document.fonts, (f) => f.load().catch(() => undefined))); await document.fonts.ready; })()`);
    return { page, problems, close: () => context.close() };
  }

  it('draws the zoomed page at device scale 1 like the reviewed 2× reference, with no CSP complaint', async () => {
    const { width, height } = pictureSize(svg, 2);
    const { page, problems, close } = await openServed(zoomedSvgPage(svg, 2), { width, height });
    try {
      expect(await page.evaluate('Array.from(document.fonts).every((f) => f.status === "loaded")')).toBe(true);
      const png = await page.screenshot({ type: 'png' });
      const diff = await check.diffRatio(png, readFileSync(join(import.meta.dirname, '../../fixtures/export/shaping-map-2x.png')));
      expect(diff).toMatchObject({ sameSize: true, width, height });
      expect(diff.ratio).toBeLessThan(0.004);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('would lose its fonts and layout under the app’s strict CSP (why the export path has its own)', async () => {
    const { problems, close } = await openServed(zoomedSvgPage(svg, 2), { width: 400, height: 300 }, CONTENT_SECURITY_POLICY);
    try {
      expect(problems.some((p) => /Content Security Policy/.test(p) && /style/.test(p))).toBe(true);
    } finally {
      await close();
    }
  });

  it('prints the report under the export CSP with the desktop print options: Noto faces embedded, footer page numbers, conjuncts readable', async () => {
    const html = reportHtml({ study, sessions: [session], appVersion: '0.1.0', permutations: 99, seed: 1, redact: false, generatedOn: '2026-11-28' });
    const { page, problems, close } = await openServed(html, { width: 794, height: 1123 });
    try {
      const o = reportPrintOptions();
      const m = o.margins!;
      const pdf = await page.pdf({
        preferCSSPageSize: o.preferCSSPageSize,
        printBackground: o.printBackground,
        displayHeaderFooter: o.displayHeaderFooter,
        headerTemplate: o.headerTemplate,
        footerTemplate: o.footerTemplate,
        margin: { top: `${m.top}in`, bottom: `${m.bottom}in`, left: `${m.left}in`, right: `${m.right}in` },
      });
      expect(pdfFonts(pdf)).toMatch(/NotoSansBengali-\w+\s+CID TrueType\s+Identity-H\s+yes/);
      expect(pdfFonts(pdf)).toMatch(/NotoSansDevanagari-\w+\s+CID TrueType\s+Identity-H\s+yes/);
      const text = pdfText(pdf);
      const pages = Number(/Pages:\s+(\d+)/.exec(pdfInfo(pdf))?.[1]);
      expect(pages).toBeGreaterThan(1);
      // The footer's page numbers ("1 / 7" … "7 / 7") come from the desktop print options.
      expect(squash(text)).toContain(`1/${pages}`);
      expect(squash(text)).toContain(`${pages}/${pages}`);
      for (const w of CONJUNCT_WORDS) expect(squash(text)).toContain(squash(w));
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
