import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../../electron/services/chromiumPath';

/**
 * Checks that run inside Chromium for the export tests: pixel comparison of two PNGs
 * through canvas getImageData (no image library needed), XML parsing with DOMParser,
 * and reading an SVG's text as a browser sees it. One browser per test file.
 */
export interface Checker {
  page: Page;
  /** Share of pixels whose colour differs by more than `threshold` (0–255) in any channel. */
  diffRatio(a: Buffer, b: Buffer, threshold?: number): Promise<{ ratio: number; width: number; height: number; sameSize: boolean }>;
  /** Share of pixels that are not white: a blank picture is 0. */
  inkRatio(png: Buffer): Promise<number>;
  /** Parse as XML; the parser's error text, or null when well-formed. */
  xmlError(text: string): Promise<string | null>;
  /** The text content of every <text> element, in document order. */
  svgTexts(svg: string): Promise<string[]>;
  /** Screenshot of the SVG loaded as an image file (data URL), the way another program would show it. */
  svgAsImage(svg: string, scale: number): Promise<Buffer>;
  close(): Promise<void>;
}

const BROWSER_HELPERS = `
window.__load = (src) => new Promise((resolve, reject) => { const i = new Image(); i.onload = () => resolve(i); i.onerror = () => reject(new Error('image did not load')); i.src = src; });
window.__pixels = async (src) => { const i = await window.__load(src); const c = document.createElement('canvas'); c.width = i.naturalWidth; c.height = i.naturalHeight; const g = c.getContext('2d'); g.drawImage(i, 0, 0); return { w: c.width, h: c.height, d: g.getImageData(0, 0, c.width, c.height).data }; };
`;

/** Launch the one browser a test file uses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
}

export async function openChecker(browser: Browser): Promise<Checker> {
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  await page.setContent('<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: BROWSER_HELPERS });
  const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  return {
    page,
    async diffRatio(a, b, threshold = 48) {
      return page.evaluate(
        `(async ([a, b, t]) => {
          const [x, y] = await Promise.all([window.__pixels(a), window.__pixels(b)]);
          if (x.w !== y.w || x.h !== y.h) return { ratio: 1, width: x.w, height: x.h, sameSize: false };
          let differ = 0;
          for (let i = 0; i < x.d.length; i += 4) {
            if (Math.abs(x.d[i] - y.d[i]) > t || Math.abs(x.d[i + 1] - y.d[i + 1]) > t || Math.abs(x.d[i + 2] - y.d[i + 2]) > t) differ++;
          }
          return { ratio: differ / (x.w * x.h), width: x.w, height: x.h, sameSize: true };
        })(${JSON.stringify([dataUrl(a), dataUrl(b), threshold])})`,
      );
    },
    async inkRatio(png) {
      return page.evaluate(
        `(async (src) => { const x = await window.__pixels(src); let ink = 0; for (let i = 0; i < x.d.length; i += 4) if (x.d[i] < 235 || x.d[i + 1] < 235 || x.d[i + 2] < 235) ink++; return ink / (x.w * x.h); })(${JSON.stringify(dataUrl(png))})`,
      );
    },
    async xmlError(text) {
      return page.evaluate(
        `((t) => { const doc = new DOMParser().parseFromString(t, 'application/xml'); const e = doc.getElementsByTagName('parsererror')[0]; return e ? e.textContent : null; })(${JSON.stringify(text)})`,
      );
    },
    async svgTexts(svg) {
      return page.evaluate(
        `((t) => { const doc = new DOMParser().parseFromString(t, 'image/svg+xml'); return Array.from(doc.getElementsByTagName('text'), (e) => e.textContent); })(${JSON.stringify(svg)})`,
      );
    },
    async svgAsImage(svg, scale) {
      const p = await browser.newPage({ deviceScaleFactor: scale, offline: true });
      try {
        const size = /<svg\b[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg)!;
        const [w, h] = [Number(size[1]), Number(size[2])];
        await p.setViewportSize({ width: Math.ceil(w), height: Math.ceil(h) });
        const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
        await p.setContent(`<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:0"><img id="pic" src="${src}" width="${w}" height="${h}" style="display:block"></body></html>`);
        await p.evaluate(`document.getElementById('pic').decode()`);
        // Fonts inside an SVG image load with the image; give them one more frame to apply.
        await p.waitForTimeout(300);
        return await p.screenshot({ type: 'png', clip: { x: 0, y: 0, width: w, height: h } });
      } finally {
        await p.close();
      }
    },
    async close() {
      await context.close();
    },
  };
}

/** Rasterise page `pageNo` of a PDF with poppler, as a reader on another machine would see it. */
export function pdfPagePng(pdf: Buffer, pageNo = 1, dpi = 96): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'pimap-pdf-'));
  writeFileSync(join(dir, 'in.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', '-f', String(pageNo), '-l', String(pageNo), join(dir, 'in.pdf'), join(dir, 'out')]);
  return readFileSync(join(dir, 'out.png'));
}

function pdfTool(tool: string, pdf: Buffer, args: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'pimap-pdf-'));
  writeFileSync(join(dir, 'in.pdf'), pdf);
  return execFileSync(tool, [...args, join(dir, 'in.pdf'), ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

export const pdfText = (pdf: Buffer) => pdfTool('pdftotext', pdf, ['-enc', 'UTF-8']);
/**
 * The text in the order it was written. pdftotext's default reading order sorts glyphs by
 * position, and a Bengali or Devanagari cluster drawn as several glyphs (a pre-base vowel
 * sign, the second half of a conjunct) can then land in the wrong place: "পর্যন্ত" comes
 * out as "পর্যতন্". Content-stream order keeps each cluster as Chromium wrote it.
 */
export const pdfTextRaw = (pdf: Buffer) => pdfTool('pdftotext', pdf, ['-raw', '-enc', 'UTF-8']);
export const pdfFonts = (pdf: Buffer) => pdfTool('pdffonts', pdf);
export const pdfInfo = (pdf: Buffer) => pdfTool('pdfinfo', pdf);

/** Text with all white space removed: pdftotext may put a space inside an Indic cluster. */
export const squash = (s: string) => s.replace(/\s+/g, '');

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
