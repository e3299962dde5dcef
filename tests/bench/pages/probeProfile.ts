/**
 * A look inside the compare view's first draw, for whoever tunes it (not part of the
 * benchmark's figures): opens the 500 × 40 study in the preview, records a CPU profile from
 * setting the compare route until every mark is drawn, and prints the functions with the
 * most self time.   npx electron-vite build && node --import tsx tests/bench/pages/probeProfile.ts [sessions] [--no-profile] [--until-ready]
 * `--until-ready` records until the status says the analysis is in (the bench's analysis
 * scenario in the app) and counts only the samples inside main-thread long tasks (> 50 ms).
 * The build is minified: `PIMAP_NO_MINIFY=1 npx electron-vite build` keeps the names.
 */
import { snapshotRenderer, startBenchPreview } from '../lib/preview';
import { benchPage, cdpFor, launch } from '../lib/chromium';
import { writeStudy } from '../lib/studyData';
import type { PageWindow } from './probeTypes';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

const sessions = Number(process.argv[2] ?? 500);
/** `--no-profile`: the timeline only (the sampling profiler slows the page down). */
const profiling = !process.argv.includes('--no-profile');
const untilReady = process.argv.includes('--until-ready');
// The app as built now (run `npx electron-vite build` first).
snapshotRenderer();
const disk = await writeStudy({ sessions, stakeholders: 40, allPlaced: true }, 'pimap-bench-profile-');
const preview = await startBenchPreview(disk.dataDir);
const browser = await launch();
try {
  const { page } = await benchPage(browser);
  const cdp = await cdpFor(page);
  await page.goto(`${preview.url}#/study/${disk.study.id}`);
  await page.getByRole('heading', { level: 1, name: disk.study.title, exact: true }).waitFor({ timeout: 120_000 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  if (profiling) await cdp.send('Profiler.start');
  // The page's clock when the profiler started, to place samples against long tasks.
  const profileT0 = await page.evaluate(() => performance.now());
  const t0 = await page.evaluate((h) => {
    // This runs in the page; the file is type-checked for Node, without the DOM's types.
    const g = globalThis as unknown as PageWindow & {
      document: { querySelector(sel: string): unknown; body: unknown };
      MutationObserver: new (cb: () => void) => { observe(target: unknown, options: object): void };
      location: { hash: string };
    };
    g.__bench.clear();
    // When each part of the view first appears.
    const seen: Record<string, number> = {};
    (globalThis as unknown as { __seen: typeof seen }).__seen = seen;
    const watch = new g.MutationObserver(() => {
      for (const sel of ['.compare-page', '.compare-canvas', '.compare-canvas canvas', '.compare-side-column', '[data-testid="compare-status"][data-state="computing"]'])
        if (!(sel in seen) && g.document.querySelector(sel)) seen[sel] = performance.now();
    });
    watch.observe(g.document.body, { subtree: true, childList: true, attributes: true });
    const t = performance.now();
    g.location.hash = h;
    return t;
  }, `#/study/${disk.study.id}/compare`);
  const surface = page.locator(`.compare-canvas__surface[data-marks-drawn="${sessions * 40}"]`).first();
  await surface.waitFor({ timeout: 120_000 });
  const at = Number(await surface.getAttribute('data-marks-drawn-at'));
  let tasks: { start: number; duration: number }[] = [];
  if (untilReady) {
    await page.locator('[data-testid="compare-status"][data-state="ready"]').waitFor({ timeout: 120_000 });
    const ready = await page.evaluate(() => performance.now());
    await page.waitForTimeout(200);
    tasks = await page.evaluate(() => (globalThis as unknown as PageWindow).__bench.longtasks.slice());
    console.log(`status ready: ${(ready - t0).toFixed(0)} ms`);
    for (const lt of tasks) console.log(`  long task ${(lt.start - t0).toFixed(0)}–${(lt.start + lt.duration - t0).toFixed(0)} ms (${lt.duration.toFixed(0)} ms)`);
  }
  const { profile } = profiling ? ((await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } }) : { profile: { nodes: [{ id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: 0, columnNumber: 0 } }], samples: [], timeDeltas: [] } };
  console.log(`first draw of every mark: ${(at - t0).toFixed(0)} ms`);
  const draws = await page.evaluate(() => (globalThis as unknown as PageWindow).__bench.draws.slice(0, 12));
  const seen = await page.evaluate(() => (globalThis as unknown as { __seen: Record<string, number> }).__seen);
  for (const [k, v] of Object.entries(seen)) console.log(`  ${k} appeared ${(v - t0).toFixed(0)} ms`);
  for (const d of draws) console.log(`  layer ${d.layer} drawn ${(d.t0 - t0).toFixed(0)}–${(d.t1 - t0).toFixed(0)} ms`);
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // In --until-ready mode, only the samples that fall inside a long task count.
  const sampleAt: number[] = [];
  profile.samples.reduce((t, _id, i) => {
    const at = t + (profile.timeDeltas[i] ?? 0) / 1000;
    sampleAt.push(at);
    return at;
  }, profileT0);
  const counted = (i: number) => !untilReady || tasks.some((lt) => sampleAt[i]! >= lt.start && sampleAt[i]! <= lt.start + lt.duration);
  profile.samples.forEach((id, i) => {
    if (!counted(i)) return;
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  // Inclusive time per function (where the milliseconds go, callees included).
  const selfOf = new Map<number, number>();
  profile.samples.forEach((id, i) => counted(i) && selfOf.set(id, (selfOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = new Map<string, number>();
  const walk = (id: number, stack: Set<string>): number => {
    const n = byId.get(id)!;
    let t = selfOf.get(id) ?? 0;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    const inner = new Set(stack).add(key);
    for (const c of n.children ?? []) t += walk(c, inner);
    if (!stack.has(key)) total.set(key, (total.get(key) ?? 0) + t);
    return t;
  };
  walk(profile.nodes[0]!.id, new Set());
  if (untilReady) {
    // Per long task: the first app frames of each sample's stack (React's and the scheduler's skipped).
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const internal = /^(performWork|renderRoot|workLoop|beginWork|renderWithHooks|update\w*Component|updateMemo|mountMemo|exports\.|commit\w*|flush\w*|complete\w*|recursivelyTraverse\w*|runWithFiberInDEV|callCallback|invokeGuarded\w*|\(root\)|\(program\)|\(anon\)|)$/;
    for (const lt of tasks) {
      const sig = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        if (sampleAt[i]! < lt.start || sampleAt[i]! > lt.start + lt.duration) return;
        const chain: string[] = [];
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) chain.unshift(byId.get(n)!.callFrame.functionName || '(anon)');
        const own = chain.filter((f) => !internal.test(f)).slice(0, 4).join(' > ') || chain.at(-1)!;
        sig.set(own, (sig.get(own) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
      console.log(`task at ${(lt.start - t0).toFixed(0)} ms (${lt.duration.toFixed(0)} ms):`);
      for (const [k, v] of [...sig.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
    }
  }
  console.log('inclusive:');
  for (const [k, v] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 120)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await browser.close();
  await preview.stop();
  disk.remove();
}
