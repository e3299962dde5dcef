import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import { benchPage, sleep, waitForDrawQuiet, within } from '../lib/chromium';
import type { BenchContext, Scenario } from '../lib/context';
import { startBenchPreview, type BenchPreview } from '../lib/preview';
import { figure, type Figure } from '../lib/report';
import { max, median, p95, snapToVsync } from '../lib/stats';
import { chipsStudy } from '../lib/studyData';
import type { BenchProbe, PageWindow } from '../pages/probeTypes';

/** The study schema allows 500 stakeholders, so larger maps open only in the editor harness. */
const MAX_STAKEHOLDERS_IN_APP = 500;
/** Above this many chips, measured drags are cancelled and one real drop is timed on its own. */
const CANCEL_DRAGS_ABOVE = 3000;
/** Like a 60 Hz mouse: one move every 16 ms. */
const MOVE_EVERY_MS = 16;
/**
 * In the app, hold still before releasing for longer than the save debounce (400 ms):
 * a store write during the move would then reach the host before the drop.
 */
const HOLD_BEFORE_DROP_MS = 700;

interface DragRun {
  frameP95: number;
  frameP95Raw: number;
  latencyMedian: number;
  latencyP95: number;
  startHitch: number;
  commits: number;
  commitsAtStart: number;
  commitsWhileMoving: number;
  commitsAtDrop: number;
  konvaCommits: number;
  writesDuringMove: number;
  writesAfterDrop: number;
  chipLayerDrawsWhileMoving: number;
  dropToRedrawn: number;
}

/** A chip whose centre really hits that chip (not one drawn over it), near `towards`. */
async function pickChip(page: Page, towards: { fx: number; fy: number }): Promise<{ id: string; x: number; y: number }> {
  return page.evaluate((t) => {
    const stage = (globalThis as unknown as PageWindow).Konva.stages.at(-1)!;
    const rect = stage.container().getBoundingClientRect();
    const goal = { x: rect.width * t.fx, y: rect.height * t.fy };
    const chips = stage
      .find('.chip')
      .map((c) => ({ id: String(c.getAttr('stakeholderId')), pos: c.getAbsolutePosition() }))
      .sort((a, b) => Math.hypot(a.pos.x - goal.x, a.pos.y - goal.y) - Math.hypot(b.pos.x - goal.x, b.pos.y - goal.y));
    for (const c of chips) {
      const hit = stage.getIntersection(c.pos)?.findAncestor('.chip', true);
      if (hit && String(hit.getAttr('stakeholderId')) === c.id) return { id: c.id, x: rect.left + c.pos.x, y: rect.top + c.pos.y };
    }
    throw new Error('no chip can be grabbed');
  }, towards);
}

interface DragOptions {
  moves: number;
  holdMs: number;
  direction: 1 | -1;
  /** Press Escape before releasing: the drag is cancelled and nothing is dropped. */
  cancel: boolean;
  /** How long the drop may take to redraw before the run fails. */
  settleTimeoutMs: number;
  countWrites: (fromMs: number, toMs: number) => Promise<number>;
}

async function oneDrag(page: Page, opts: DragOptions): Promise<DragRun> {
  // Start left of centre when moving right and vice versa, so chips stay on the grid.
  const chip = await pickChip(page, { fx: opts.direction === 1 ? 0.4 : 0.6, fy: 0.5 });
  await page.mouse.move(chip.x, chip.y);
  await sleep(200); // hover effects (cursor) settle before measuring
  await page.evaluate(() => {
    const b = (globalThis as unknown as PageWindow).__bench;
    b.clear();
    b.startFrames();
  });
  await sleep(100);
  const nodeDown = performance.now();
  await page.mouse.down();
  const dx = 220 / opts.moves;
  const start = performance.now();
  for (let i = 1; i <= opts.moves; i++) {
    // A gentle curve, as a hand makes: small steps, mostly sideways.
    await page.mouse.move(chip.x + opts.direction * dx * i, chip.y + 40 * Math.sin((i / opts.moves) * Math.PI));
    const wait = start + i * MOVE_EVERY_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await sleep(opts.holdMs);
  const nodeUp = performance.now();
  // A drop can block the page for minutes (the release is acknowledged only after it).
  if (opts.cancel) await within(page.keyboard.press('Escape'), opts.settleTimeoutMs, 'cancelling the drag');
  await within(page.mouse.up(), opts.settleTimeoutMs, 'releasing the chip');
  // The drop's commit and redraw (seconds on a big map), then the debounced save.
  await sleep(300);
  await waitForDrawQuiet(page, 500, opts.settleTimeoutMs);
  // The save debounce is 400 ms; its request leaves soon after.
  const sinceUp = performance.now() - nodeUp;
  if (sinceUp < 750) await sleep(750 - sinceUp);
  const nodeEnd = performance.now();
  const data = await page.evaluate(() => {
    const b = (globalThis as unknown as PageWindow).__bench;
    b.stopFrames();
    const w = globalThis as unknown as PageWindow;
    return { frames: b.frames, pointer: b.pointer, draws: b.draws, commits: b.commits, changes: w.__editorChanges ?? null } as Pick<BenchProbe, 'frames' | 'pointer' | 'draws' | 'commits'> & { changes: number[] | null };
  });
  const down = data.pointer.find((p) => p.type === 'pointerdown');
  // The gesture ends with the release, or with Escape when the drag is cancelled.
  const up = data.pointer.find((p) => p.type === (opts.cancel ? 'escape' : 'pointerup'));
  if (!down || !up) throw new Error(`the page saw no pointerdown or ${opts.cancel ? 'Escape' : 'pointerup'}`);
  const moves = data.pointer.filter((p) => p.type === 'pointermove' && p.t > down.t && p.t < up.t);
  const dragStart = moves.find((p) => Math.hypot(p.x - down.x, p.y - down.y) > 4);
  if (!dragStart) throw new Error('the pointer never travelled past the drag threshold');
  const lastMove = moves[moves.length - 1]!;

  // Frames while the chip follows the pointer: from the drag start to the last move.
  const frameIntervals: number[] = [];
  const hitchIntervals: number[] = [];
  for (let i = 1; i < data.frames.length; i++) {
    const end = data.frames[i]!;
    const interval = end - data.frames[i - 1]!;
    if (end > dragStart.t && end <= lastMove.at + 2 * MOVE_EVERY_MS) frameIntervals.push(interval);
    if (end > down.t && end <= dragStart.at + 250) hitchIntervals.push(interval);
  }
  // Pointer-to-draw: each move after the drag start to the end of the next layer draw.
  const latencies: number[] = [];
  for (const m of moves) {
    if (m.t < dragStart.t) continue;
    const draw = data.draws.find((d) => d.t0 >= m.at);
    if (draw) latencies.push(draw.t1 - m.t);
  }
  const domCommits = data.commits.filter((c) => c.renderer === 'react-dom');
  // The gesture ends when the dropped chip is drawn in its new place (or back in its old
  // one, cancelled): the first redraw of the chip layer after the release. Later commits
  // (the save indicator, after the 400 ms save debounce) belong to saving, not to the drag.
  const dropDraw = data.draws.find((d) => d.layer === 1 && d.t0 >= up.at);
  const gestureEnd = dropDraw ? dropDraw.t1 : up.at + 300;
  const third = moves.filter((m) => m.t >= dragStart.t)[2] ?? lastMove;
  const inWindow = (t: number, from: number, to: number) => t >= from && t <= to;
  const writesDuringMove = data.changes ? data.changes.filter((t) => t > down.at && t < up.at).length : await opts.countWrites(nodeDown, nodeUp);
  const writesAfterDrop = data.changes ? data.changes.filter((t) => t >= up.at).length : await opts.countWrites(nodeUp, nodeEnd);
  return {
    frameP95: p95(snapToVsync(frameIntervals)),
    frameP95Raw: p95(frameIntervals),
    latencyMedian: median(latencies),
    latencyP95: p95(latencies),
    startHitch: max(hitchIntervals),
    commits: domCommits.filter((c) => inWindow(c.t, down.at, gestureEnd)).length,
    commitsAtStart: domCommits.filter((c) => inWindow(c.t, down.at, third.at)).length,
    commitsWhileMoving: domCommits.filter((c) => c.t > third.at && c.t < up.at).length,
    commitsAtDrop: domCommits.filter((c) => inWindow(c.t, up.at, gestureEnd)).length,
    konvaCommits: data.commits.filter((c) => c.renderer !== 'react-dom' && inWindow(c.t, down.at, gestureEnd)).length,
    dropToRedrawn: dropDraw ? dropDraw.t1 - up.t : Number.NaN,
    writesDuringMove,
    writesAfterDrop,
    chipLayerDrawsWhileMoving: data.draws.filter((d) => d.layer === 1 && d.t0 > third.at && d.t0 < up.at).length,
  };
}

interface OpenEditor {
  page: Page;
  errors: string[];
  where: 'app' | 'harness';
  countWrites(fromMs: number, toMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Maps that fit the study schema, each its own study in one data folder, served by one preview. */
async function startAppPreview(sizes: number[]): Promise<{ preview: BenchPreview; ids: Map<number, { studyId: string; sessionId: string }>; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pimap-bench-drag-'));
  const repository = new StudyRepository(dataDir, { warn: () => undefined });
  const ids = new Map<number, { studyId: string; sessionId: string }>();
  for (const chips of sizes) {
    const { study, session } = chipsStudy(chips);
    const studyId = `drag-${chips}`;
    await repository.createStudy({ ...study, id: studyId, title: `Drag ${chips}` });
    await repository.saveSession({ ...session, studyId });
    ids.set(chips, { studyId, sessionId: session.id });
  }
  await repository.flush();
  try {
    const preview = await startBenchPreview(dataDir);
    return { preview, ids, stop: () => preview.stop().finally(() => rmSync(dataDir, { recursive: true, force: true })) };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Open the editor on a session with `chips` chips: in the app through the preview, or in the harness. */
async function openEditor(ctx: BenchContext, chips: number, app: Awaited<ReturnType<typeof startAppPreview>> | null): Promise<OpenEditor> {
  const { context, page, errors } = await benchPage(ctx.browser);
  const ids = app?.ids.get(chips);
  if (app && ids) {
    // Host saves, timed on the Node clock.
    const saves: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/saveSession')) saves.push(performance.now());
    });
    await page.goto(`${app.preview.url}#/study/${ids.studyId}/session/${ids.sessionId}`);
    return { page, errors, where: 'app', countWrites: async (from, to) => saves.filter((t) => t >= from && t < to).length, close: () => context.close() };
  }
  ctx.pages.setData(`editor-${chips}`, chipsStudy(chips));
  await page.goto(`${ctx.pages.origin}/editor.html?data=editor-${chips}`);
  return { page, errors, where: 'harness', countWrites: async () => Number.NaN, close: () => context.close() };
}

/** First draw of the chip layer with every chip, ms from navigation start (page clock). */
async function mapDrawnAt(page: Page, chips: number): Promise<number> {
  return page.evaluate((n) => {
    const d = (globalThis as unknown as PageWindow).__bench.draws.find((x) => x.layer === 1 && x.children >= n);
    return d ? d.t1 : Number.NaN;
  }, chips);
}

/** The figures of one map size, from its drags (`results`) and what was measured once. */
function dragFigures(chips: number, results: DragRun[], info: { where: 'app' | 'harness'; cancelled: boolean; openMs: number; dropMs: number; dropNote: string; failed?: string }): Figure[] {
  const scenario = `drag · ${chips.toLocaleString('en')} chips`;
  const pick = (k: keyof DragRun) => results.map((r) => r[k]);
  const big = chips > 300; // the 3,000-chip targets (25 ms)
  const where = info.where === 'app' ? 'in the app through the preview' : 'in the editor harness (the study schema allows ≤ 500 stakeholders)';
  const failed = info.failed ? `NOT MEASURED: ${info.failed}. ` : '';
  const cancelled = info.cancelled ? ' (drags cancelled with Escape: see “release to chip drawn in place”)' : '';
  return [
    figure({ scenario, figure: 'open to map drawn', unit: 'ms', runs: Number.isFinite(info.openMs) ? [info.openMs] : [], note: `${failed}navigation start → first draw of the chip layer with every chip; once per size, no target in issue 7; ${where}` }),
    figure({
      scenario,
      figure: 'p95 frame interval',
      unit: 'ms',
      runs: pick('frameP95'),
      target: { op: '<=', value: big ? 25 : 16.7 },
      note: `${failed}rAF timestamps from drag start to last move, in whole 60 Hz periods (unsnapped median ${median(pick('frameP95Raw')).toFixed(1)} ms)`,
    }),
    figure({ scenario, figure: 'pointer-to-draw latency, median', unit: 'ms', runs: pick('latencyMedian'), target: { op: '<=', value: big ? 25 : 20 }, note: `${failed}pointermove timeStamp → end of the next Konva layer drawScene` }),
    figure({ scenario, figure: 'pointer-to-draw latency, p95', unit: 'ms', runs: pick('latencyP95') }),
    figure({ scenario, figure: 'worst frame at drag start', unit: 'ms', runs: pick('startHitch'), target: { op: '<=', value: 100 }, note: `${failed}longest frame from the press to 250 ms after the drag starts` }),
    figure({ scenario, figure: 'React commits per drag', unit: 'count', runs: pick('commits'), target: { op: '==', value: 1 }, note: `${failed}react-dom commits (DevTools hook) from the press until the dropped chip is drawn${cancelled}; the save indicator updates later` }),
    figure({ scenario, figure: '… of which at drag start', unit: 'count', runs: pick('commitsAtStart'), note: 'press to the third drag move' }),
    figure({ scenario, figure: '… of which while moving', unit: 'count', runs: pick('commitsWhileMoving'), note: 'third drag move to release' }),
    figure({ scenario, figure: info.cancelled ? '… of which at the cancel' : '… of which at the drop', unit: 'count', runs: pick('commitsAtDrop'), note: 'release (or Escape) to the chip drawn' }),
    figure({ scenario, figure: 'react-konva commits per drag', unit: 'count', runs: pick('konvaCommits') }),
    figure({ scenario, figure: 'chip-layer redraws while moving', unit: 'count', runs: pick('chipLayerDrawsWhileMoving') }),
    figure({
      scenario,
      figure: 'store writes during the move',
      unit: 'count',
      runs: pick('writesDuringMove'),
      target: { op: '==', value: 0 },
      note: failed + (info.where === 'app' ? 'saveSession requests to the host between press and release (a 700 ms hold before release outlasts the 400 ms save debounce)' : 'MapEditor onChange calls between press and release'),
    }),
    ...(info.cancelled ? [] : [figure({ scenario, figure: 'store writes after the drop', unit: 'count', runs: pick('writesAfterDrop'), note: 'expected 1' })]),
    figure({ scenario, figure: 'release to chip drawn in place', unit: 'ms', runs: info.cancelled ? (Number.isFinite(info.dropMs) ? [info.dropMs] : []) : pick('dropToRedrawn'), note: info.dropNote }),
  ];
}

/**
 * Drag one chip across the grid with a real mouse (Playwright: press, small paced moves,
 * a short hold, release) on maps of 40, 300 and 3,000 chips, and read what the page saw.
 *
 * A drop re-lays out only the labels near the moved chip (relayoutChipLabels in
 * shared/ops/chipLayout: well under a second even at 3,000 chips), so every measured size
 * drops for real. Above CANCEL_DRAGS_ABOVE chips (none of the standard sizes; a map of
 * 10,000 would take long to open and drop) the measured drags are cancelled
 * with Escape before release (the gesture is the same up to there), and one real drop is
 * timed on its own, with a cap. A map that does not even open within the cap is reported
 * as not measured, with every target of that size missed.
 */
export const dragScenario: Scenario = {
  id: 'drag',
  title: 'drag one chip',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    const moves = ctx.quick ? 30 : 60;
    // Quick runs measure the two sizes that open in seconds.
    const sizes = ctx.dragSizes ?? (ctx.quick ? [40, 300] : [40, 300, 3000]);
    const capMs = ctx.quick ? 60_000 : 180_000;
    const app = await startAppPreview(sizes.filter((n) => n <= MAX_STAKEHOLDERS_IN_APP));
    try {
      for (const chips of sizes) {
        const scenario = `drag · ${chips.toLocaleString('en')} chips`;
        ctx.log(`${scenario}: opening the editor`);
        const editor = await openEditor(ctx, chips, app);
        const cancel = chips > CANCEL_DRAGS_ABOVE;
        const info = { where: editor.where, cancelled: cancel, openMs: Number.NaN, dropMs: Number.NaN, dropNote: 'pointerup timeStamp → end of the chip layer’s first redraw (no target in issue 7)' } as Parameters<typeof dragFigures>[2];
        const results: DragRun[] = [];
        let stuck = false;
        try {
          const { page } = editor;
          try {
            const opened = Date.now();
            await within(
              page.waitForFunction(
                (n) => {
                  const stage = (globalThis as unknown as PageWindow).Konva?.stages.at(-1);
                  return !!stage && stage.find('.chip').length >= n;
                },
                chips,
                { timeout: capMs },
              ),
              capMs,
              'opening the editor',
            );
            await waitForDrawQuiet(page, 800, Math.max(1, capMs - (Date.now() - opened)));
          } catch {
            info.failed = `the editor had not drawn ${chips.toLocaleString('en')} chips ${capMs / 1000} s after opening`;
            info.dropNote = info.failed;
            figures.push(...dragFigures(chips, [], info));
            stuck = true;
            continue;
          }
          info.openMs = await mapDrawnAt(page, chips);
          const base = { moves, holdMs: editor.where === 'app' ? HOLD_BEFORE_DROP_MS : 150, cancel, settleTimeoutMs: capMs, countWrites: editor.countWrites };
          // Warm-up drags (JIT, first-use costs) are not reported; quick runs rely on the median.
          for (let i = 0; i < ctx.warmups; i++) await oneDrag(page, { ...base, direction: 1 });
          for (let i = 0; i < ctx.runs; i++) results.push(await oneDrag(page, { ...base, direction: i % 2 ? 1 : -1 }));
          if (cancel) {
            ctx.log(`${scenario}: one real drop`);
            try {
              info.dropMs = (await oneDrag(page, { ...base, cancel: false, direction: 1 })).dropToRedrawn;
              info.dropNote = 'one real drop, timed on its own: pointerup timeStamp → end of the chip layer’s first redraw (no target in issue 7)';
            } catch {
              info.dropNote = `one real drop: the map had not settled ${capMs / 1000} s after the release`;
              stuck = true;
            }
          }
          if (editor.errors.length) throw new Error(`the editor reported errors: ${editor.errors.join(' | ')}`);
          figures.push(...dragFigures(chips, results, info));
        } finally {
          // A page stuck in a minutes-long layout cannot be closed until it returns.
          if (stuck) await ctx.restartBrowser();
          else await editor.close();
        }
      }
    } finally {
      await app.stop();
    }
    return figures;
  },
};
