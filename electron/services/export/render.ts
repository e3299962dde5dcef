import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../chromiumPath';
import { embeddedFontCss } from './fonts';

/**
 * Pictures and PDFs drawn by the system Chromium: it shapes Bengali and Devanagari
 * with HarfBuzz, embeds the fonts it used in a PDF, and keeps text as text (jsPDF and
 * other pure-JS PDF writers cannot shape Indic scripts). One browser serves a whole
 * batch; each picture gets its own page so scale factors do not leak between them.
 */
export interface ExportRenderer {
  /** A PNG of a standalone SVG at `scale` device pixels per SVG pixel (2 or 4 for print). */
  svgToPng(svg: string, scale: number): Promise<Buffer>;
  /** A one-page PDF the size of the SVG, text kept as text. */
  svgToPdf(svg: string): Promise<Buffer>;
  /** A paged PDF of a print-ready HTML document (the report), as the desktop app prints it. */
  htmlToPdf(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Options for the report PDF, shared with the desktop app's `webContents.printToPDF`
 * so both produce the same pages: A4 from the document's @page rule, backgrounds on,
 * page numbers in the footer (`footerTemplate: reportFooter(embeddedFontCss())`).
 */
export function reportFooter(fontCss: string): string {
  // The footer is a separate document: it gets the Latin face itself, so the page numbers
  // do not fall back to whatever sans-serif the printing machine has.
  const latin = fontCss.split('\n').filter((rule) => rule.includes("'Noto Sans'") && rule.includes('font-weight: 400')).join('\n');
  return `<style>${latin}</style><div style="font-family:'Noto Sans';font-size:8px;width:100%;text-align:center;color:#555;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`;
}

/** The pixel size an SVG declares on its root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('the SVG declares no width and height');
  return { width, height };
}

/** An HTML page holding only the SVG, with no margins, so a screenshot is the picture. */
export function svgPage(svg: string): string {
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  const { width, height } = svgSize(svg);
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><style>html,body{margin:0;padding:0;background:#fff;width:${width}px;height:${height}px;overflow:hidden}svg{display:block}@page{size:${width}px ${height}px;margin:0}</style></head><body>${body}</body></html>`;
}

/** Wait until every declared face is loaded, so nothing is drawn in a fallback font. */
async function fontsLoaded(page: Page): Promise<void> {
  // A string, because this process's type library has no DOM; it runs in the page.
  await page.evaluate(`(async () => {
    await Promise.all(Array.from(document.fonts, (f) => f.load().catch(() => undefined)));
    await document.fonts.ready;
  })()`);
}

/**
 * Start a renderer on the system Chromium, or on a browser the caller already runs
 * (tests share one browser between rendering and checking; it is then not closed here).
 */
export async function openRenderer(shared?: Browser): Promise<ExportRenderer> {
  // NOTE: loaded on demand so the desktop app's main process does not pay for (or bundle)
  // the Chromium driver until someone actually exports a picture.
  const browser: Browser = shared ?? (await (await import('playwright-core')).chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS }));
  // Exports never fetch anything: every resource is inline, so block the network outright.
  const page = async (opts: { width: number; height: number; scale: number }) => {
    const context = await browser.newContext({ viewport: { width: Math.ceil(opts.width), height: Math.ceil(opts.height) }, deviceScaleFactor: opts.scale, offline: true, javaScriptEnabled: true });
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    return { context, page: await context.newPage() };
  };
  return {
    async svgToPng(svg, scale) {
      const size = svgSize(svg);
      const { context, page: p } = await page({ ...size, scale });
      try {
        await p.setContent(svgPage(svg), { waitUntil: 'load' });
        await fontsLoaded(p);
        return await p.screenshot({ type: 'png', clip: { x: 0, y: 0, width: size.width, height: size.height } });
      } finally {
        await context.close();
      }
    },
    async svgToPdf(svg) {
      const size = svgSize(svg);
      const { context, page: p } = await page({ ...size, scale: 1 });
      try {
        await p.setContent(svgPage(svg), { waitUntil: 'load' });
        await fontsLoaded(p);
        return await p.pdf({ width: `${size.width}px`, height: `${size.height}px`, printBackground: true, pageRanges: '1', margin: { top: '0', right: '0', bottom: '0', left: '0' } });
      } finally {
        await context.close();
      }
    },
    async htmlToPdf(html) {
      const { context, page: p } = await page({ width: 794, height: 1123, scale: 1 });
      try {
        await p.setContent(html, { waitUntil: 'load' });
        await fontsLoaded(p);
        return await p.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<div></div>',
          footerTemplate: reportFooter(embeddedFontCss()),
        });
      } finally {
        await context.close();
      }
    },
    async close() {
      if (!shared) await browser.close();
    },
  };
}

/** Open a renderer for one batch of exports and always close it. */
export async function withRenderer<T>(fn: (renderer: ExportRenderer) => Promise<T>): Promise<T> {
  const renderer = await openRenderer();
  try {
    return await fn(renderer);
  } finally {
    await renderer.close();
  }
}
