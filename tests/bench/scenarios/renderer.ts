import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { PageWindow } from '../pages/probeTypes';
import { rendererSnapshotDir, startBenchPreview } from '../lib/preview';
import { benchPage } from '../lib/chromium';
import type { BenchContext, Scenario } from '../lib/context';
import { figure, type Figure } from '../lib/report';
import { writeStudy } from '../lib/studyData';


/** The scripts index.html loads before anything else: module scripts and modulepreloads. */
export function initialScripts(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const m of indexHtml.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) found.add(m[1]!);
  for (const m of indexHtml.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0]);
    if (href) found.add(href[1]!);
  }
  return [...found].filter((src) => !/^[a-z]+:/i.test(src));
}

/**
 * The built renderer (out/renderer, as `npm run build` leaves it):
 *  - initial JavaScript: every script index.html loads, gzipped with zlib's default
 *    level (what a server would send), summed;
 *  - cold load to interactive: a new browser context (empty cache) opens the preview and
 *    the time from navigation start to the first frame in which the "Studies" heading is
 *    laid out.
 */
export const rendererScenario: Scenario = {
  id: 'renderer',
  title: 'renderer',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const scenario = 'renderer';
    const rendererDir = rendererSnapshotDir();
    const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
    const scripts = initialScripts(html);
    if (!scripts.length) throw new Error('out/renderer/index.html loads no script');
    let raw = 0;
    let gz = 0;
    for (const src of scripts) {
      const bytes = readFileSync(join(rendererDir, src.replace(/^\.?\//, '')));
      raw += bytes.length;
      gz += gzipSync(bytes).length;
    }

    ctx.log('renderer: cold loads through the browser preview');
    const disk = await writeStudy({ sessions: 20, stakeholders: 24 }, 'pimap-bench-cold-');
    const preview = await startBenchPreview(disk.dataDir);
    const loads: number[] = [];
    const jsFetched: number[] = [];
    try {
      for (let i = 0; i < ctx.warmups + ctx.runs; i++) {
        const { context, page, errors } = await benchPage(ctx.browser, { headingText: 'Studies' });
        const scriptsSeen: string[] = [];
        page.on('response', (r) => {
          if (r.request().resourceType() === 'script') scriptsSeen.push(new URL(r.url()).pathname);
        });
        try {
          await page.goto(preview.url);
          await page.waitForFunction(() => (globalThis as unknown as PageWindow).__bench.headingAt !== null, undefined, { timeout: 30_000 });
          const at = await page.evaluate(() => (globalThis as unknown as PageWindow).__bench.headingAt!);
          if (errors.length) throw new Error(`the app reported errors while loading: ${errors.join(' | ')}`);
          // The first load also starts the preview's lazy work (library file, prefs); not counted.
          if (i >= ctx.warmups) {
            loads.push(at);
            jsFetched.push(scriptsSeen.reduce((sum, p) => sum + gzipSync(readFileSync(join(rendererDir, p.replace(/^\//, '')))).length, 0) / 1024);
          }
        } finally {
          await context.close();
        }
      }
    } finally {
      await preview.stop();
      disk.remove();
    }
    return [
      figure({ scenario, figure: 'initial JavaScript, gzipped', unit: 'KB', runs: [gz / 1024], target: { op: '<=', value: 450 }, note: `${scripts.length} script(s) in index.html, ${Math.round(raw / 1024)} KB before gzip; a size, so one measurement` }),
      figure({ scenario, figure: 'JavaScript fetched before the heading, gzipped', unit: 'KB', runs: jsFetched, note: 'cross-check of the figure above, from the network' }),
      figure({ scenario, figure: 'cold load to interactive', unit: 'ms', runs: loads, target: { op: '<=', value: 1500 }, note: 'navigation start → first frame with the "Studies" heading; new context (empty cache) each run' }),
    ];
  },
};
