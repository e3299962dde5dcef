import { randomUUID } from 'node:crypto';
import { BrowserWindow, type BrowserWindowConstructorOptions, type NativeImage, type PrintToPDFOptions, type WebContents } from 'electron';
import { embeddedFontCss } from '../services/export/fonts';
import { reportFooter, svgPage, svgSize, type ExportRenderer } from '../services/export/render';
import { APP_ORIGIN, EXPORT_PAGE_PATH, type ExportPageSource } from './appProtocol';

/**
 * Pictures and the printable report drawn by Electron's own Chromium, for the desktop
 * app: most users' machines have no system Chromium, which the CLI and the browser
 * preview use (services/export/render.ts). Same HTML, same print options, so the same
 * pages and pictures; Chromium shapes Bengali and Devanagari with the embedded Noto faces.
 *
 * Each job gets its own hidden window, destroyed when the job ends (also when it fails).
 * The page is never written to disk: it is held in `ExportPageStore` under a random id
 * and served by the app:// protocol handler (appProtocol.ts) only while its job runs,
 * so the session's network block and a content security policy apply to it.
 */

/** The pages of running jobs, by random id; the app:// handler answers from here. */
export class ExportPageStore implements ExportPageSource {
  readonly #pages = new Map<string, string>();

  /** Hold a page for one job; returns the URL its window loads. */
  add(html: string): { id: string; url: string } {
    const id = randomUUID();
    this.#pages.set(id, html);
    return { id, url: `${APP_ORIGIN}${EXPORT_PAGE_PATH}${id}` };
  }

  exportPage(id: string): string | undefined {
    return this.#pages.get(id);
  }

  remove(id: string): void {
    this.#pages.delete(id);
  }

  /** How many pages are held (0 once every job has ended). */
  get size(): number {
    return this.#pages.size;
  }
}

/** The store the app's protocol handler and the desktop renderer share (wired in index.ts). */
export const exportPages = new ExportPageStore();

/** A job that has not finished by then is abandoned and its window destroyed: an export never hangs the app. */
export const EXPORT_JOB_LIMIT_MS = 60_000;
/** How long a picture waits for the offscreen view to paint the finished page before capturing anyway. */
const PAINT_WAIT_MS = 2_000;
/** CSS pixels per inch, for printToPDF's page size in inches. */
const CSS_PX_PER_INCH = 96;
/** The report's window: A4 portrait at 96 px per inch, as render.ts's viewport. Pages come from the @page rules. */
const REPORT_WINDOW = { width: 794, height: 1123 };
/** Zero margins, as Playwright sends them: the report's @page rules set its margins, pictures have none. */
const NO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

/**
 * Waits until every declared face is loaded, so nothing is drawn in a fallback font:
 * the same check render.ts runs in the system Chromium.
 */
const FONTS_LOADED_SCRIPT = `(async () => {
  await Promise.all(Array.from(document.fonts, (f) => f.load().catch(() => undefined)));
  await document.fonts.ready;
  return true;
})()`;

/** `print`: an ordinary hidden window for printToPDF. `capture`: an offscreen one for PNGs of any size. */
export type ExportWindowKind = 'print' | 'capture';

/**
 * The hidden window of one job. Sandboxed and isolated like the app's window but with no
 * preload at all, so the page has no way to the host. JavaScript stays on only so the
 * main process can wait for `document.fonts`; the page's own CSP (`script-src 'none'`)
 * runs none of its scripts. No `partition`: the default session, where the app:// handler
 * and the network block live.
 */
export function exportWindowOptions(kind: ExportWindowKind, size: { width: number; height: number }): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: size.width,
    height: size.height,
    // The size is the page's size, and may exceed the screen (a 4× picture of a wide map).
    useContentSize: true,
    enableLargerThanScreen: true,
    skipTaskbar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      javascript: true,
      // A hidden page is otherwise throttled; the job waits on it.
      backgroundThrottling: false,
      // Offscreen rendering draws into a bitmap of exactly the window's size, whatever
      // the screen's size and scale factor (default device scale factor 1).
      offscreen: kind === 'capture',
    },
  };
}

/** The report's print options: the same as render.ts gives the system Chromium, so both print the same pages. */
export function reportPrintOptions(): PrintToPDFOptions {
  return {
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<div></div>',
    footerTemplate: reportFooter(embeddedFontCss()),
    margins: NO_MARGINS,
  };
}

/** A one-page PDF exactly the size of the SVG. */
export function svgPrintOptions(size: { width: number; height: number }): PrintToPDFOptions {
  return {
    preferCSSPageSize: true,
    printBackground: true,
    pageSize: { width: size.width / CSS_PX_PER_INCH, height: size.height / CSS_PX_PER_INCH },
    margins: NO_MARGINS,
    pageRanges: '1',
  };
}

/**
 * The SVG's page with CSS zoom `scale`: a `width`×`height` picture laid out at
 * width×scale by height×scale CSS pixels. At the offscreen view's device scale factor 1
 * that is exactly width×scale by height×scale pixels, drawn as vectors at that size
 * (zoom lays the page out again; nothing is a bitmap scaled up). Page zoom
 * (`setZoomFactor`) would do the same but Chromium keeps zoom per origin, so it would
 * zoom the app's own window (same app://pimap origin) too.
 */
export function zoomedSvgPage(svg: string, scale: number): string {
  return svgPage(svg).replace('</head>', `<style>html{zoom:${scale}}</style></head>`);
}

/** The pixel size a picture must have: the SVG's size times the scale, whole pixels. */
export function pictureSize(svg: string, scale: number): { width: number; height: number } {
  const { width, height } = svgSize(svg);
  return { width: Math.ceil(width * scale), height: Math.ceil(height * scale) };
}

/**
 * The captured image at exactly `target` pixels. capturePage asks for the screen's scale
 * factor more pixels than the view has (on a 2× display, twice as many): those are
 * upsampled from our exact-size bitmap, so scaling back down loses nothing. A smaller
 * image means the page was not drawn at full size; that is an error, never a blurry file.
 */
export function exactSize(image: NativeImage, target: { width: number; height: number }): NativeImage {
  if (image.isEmpty()) throw new Error('The picture could not be drawn: the hidden window captured nothing.');
  const got = image.getSize();
  if (got.width === target.width && got.height === target.height) return image;
  if (got.width >= target.width && got.height >= target.height) return image.resize({ width: target.width, height: target.height, quality: 'best' });
  throw new Error(`The picture was drawn at ${got.width}×${got.height} pixels instead of ${target.width}×${target.height}.`);
}

/** Resolves after the offscreen view paints again (or after a short wait: capturePage then makes it paint). */
function afterNextPaint(contents: WebContents): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      contents.removeListener('paint', done);
      resolve();
    };
    const timer = setTimeout(done, PAINT_WAIT_MS);
    contents.on('paint', done);
    contents.invalidate();
  });
}

/**
 * `work`, or an error when it outlasts the limit or `stop` is called (the renderer was
 * closed): a destroyed window may never settle the promises it was working on.
 */
function settled<T>(work: Promise<T>, what: string, stops: Set<(reason: Error) => void>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stop: ((reason: Error) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${EXPORT_JOB_LIMIT_MS / 1000} s and was stopped.`)), EXPORT_JOB_LIMIT_MS);
  });
  stops.add(stop!);
  return Promise.race([work, stopped]).finally(() => {
    clearTimeout(timer);
    stops.delete(stop!);
  });
}

/**
 * An `ExportRenderer` on Electron's Chromium. `pages` must be the store the app://
 * protocol handler answers from (index.ts passes the same `exportPages` to both).
 */
export function createElectronExportRenderer(pages: ExportPageStore = exportPages): ExportRenderer {
  const windows = new Set<BrowserWindow>();
  const pageIds = new Set<string>();
  const stops = new Set<(reason: Error) => void>();
  let closed = false;

  /** Load `html` in a fresh hidden window, wait for its fonts, run `work`, and always clean up. */
  async function job<T>(what: string, kind: ExportWindowKind, size: { width: number; height: number }, html: string, work: (contents: WebContents) => Promise<T>): Promise<T> {
    if (closed) throw new Error('The export renderer is already closed.');
    const { id, url } = pages.add(html);
    pageIds.add(id);
    let win: BrowserWindow | undefined;
    try {
      const w = new BrowserWindow(exportWindowOptions(kind, size));
      win = w;
      windows.add(w);
      const steps = async () => {
        await w.loadURL(url);
        await w.webContents.executeJavaScript(FONTS_LOADED_SCRIPT);
        return work(w.webContents);
      };
      return await settled(steps(), what, stops);
    } finally {
      pages.remove(id);
      pageIds.delete(id);
      if (win) {
        windows.delete(win);
        if (!win.isDestroyed()) win.destroy();
      }
    }
  }

  return {
    async svgToPng(svg, scale) {
      const target = pictureSize(svg, scale);
      return job('Drawing the picture', 'capture', target, zoomedSvgPage(svg, scale), async (contents) => {
        await afterNextPaint(contents);
        const image = await contents.capturePage({ x: 0, y: 0, width: target.width, height: target.height });
        return exactSize(image, target).toPNG();
      });
    },
    async svgToPdf(svg) {
      const size = svgSize(svg);
      const window = { width: Math.ceil(size.width), height: Math.ceil(size.height) };
      return job('Printing the picture', 'print', window, svgPage(svg), (contents) => contents.printToPDF(svgPrintOptions(size)));
    },
    async htmlToPdf(html) {
      return job('Printing the report', 'print', REPORT_WINDOW, html, (contents) => contents.printToPDF(reportPrintOptions()));
    },
    async close() {
      closed = true;
      for (const stop of [...stops]) stop(new Error('The export was stopped: the export renderer was closed.'));
      for (const id of pageIds) pages.remove(id);
      pageIds.clear();
      for (const win of windows) if (!win.isDestroyed()) win.destroy();
      windows.clear();
    },
  };
}
