// NOTE: page code is .tsx so tsconfig.node.json (which takes tests/bench/**/*.ts) does not
// type-check it without the DOM; tests/bench/pages/tsconfig.json does.
/**
 * Instrumentation injected into every benchmark page before the page's own scripts
 * (Playwright addInitScript). It only observes public behaviour:
 *  - frames: requestAnimationFrame timestamps, while recording;
 *  - pointer events as the page receives them (timeStamp, position);
 *  - every Konva layer draw (start and end), by wrapping Konva.Layer.prototype.drawScene
 *    when Konva registers itself as window.Konva;
 *  - React commits per renderer, through a minimal React DevTools global hook (React
 *    reports commits to it in production builds too);
 *  - long tasks (PerformanceObserver 'longtask');
 *  - when an h1 with a given text first becomes visible (cold load).
 * Everything lands in window.__bench, which the Node side reads with page.evaluate.
 */
import type { BenchProbe, BenchConfig, KonvaLike } from './probeTypes';

declare global {
  interface Window {
    __bench: BenchProbe;
    __benchConfig?: BenchConfig;
    Konva?: KonvaLike;
    __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown;
  }
}

(function installProbe() {
  if (window.__bench) return;
  const now = () => performance.now();
  const B: BenchProbe = {
    frames: [],
    recording: false,
    pointer: [],
    draws: [],
    commits: [],
    renderers: {},
    longtasks: [],
    headingAt: null,
    konvaReady: false,
    startFrames() {
      B.frames = [];
      B.recording = true;
      const tick = (t: number) => {
        if (!B.recording) return;
        B.frames.push(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    stopFrames() {
      B.recording = false;
      return B.frames;
    },
    clear() {
      B.pointer = [];
      B.draws = [];
      B.commits = [];
      B.longtasks = [];
    },
  };
  window.__bench = B;

  // ---- pointer events, as the page sees them (capture phase, before the app's handlers)
  for (const type of ['pointerdown', 'pointermove', 'pointerup'] as const) {
    window.addEventListener(
      type,
      (e) => {
        B.pointer.push({ type, t: e.timeStamp, x: e.clientX, y: e.clientY, at: now() });
      },
      { capture: true, passive: true },
    );
  }

  // Escape cancels a drag; its time ends a cancelled gesture as pointerup ends a drop.
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape') B.pointer.push({ type: 'escape', t: e.timeStamp, x: 0, y: 0, at: now() });
    },
    { capture: true, passive: true },
  );

  // ---- Konva draws: Konva assigns itself to window.Konva when its module runs.
  const hookKonva = (K: KonvaLike) => {
    const proto = K.Layer!.prototype;
    if (proto.__benchWrapped) return;
    // drawScene is what paints a layer's visible canvas, whether asked by layer.draw(),
    // batchDraw() or stage.draw(); with a canvas argument it is a cache or export, not
    // the screen, and is not recorded.
    const original = proto.drawScene;
    proto.drawScene = function (this: unknown, ...args: unknown[]) {
      if (args[0]) return original.apply(this, args);
      const t0 = now();
      const result = original.apply(this, args);
      const t1 = now();
      const layer = this as { index: number; getChildren(): { length: number } };
      B.draws.push({ t0, t1, layer: layer.index, children: layer.getChildren().length });
      return result;
    };
    proto.__benchWrapped = true;
    B.konvaReady = true;
  };
  let konva: KonvaLike | undefined;
  Object.defineProperty(window, 'Konva', {
    configurable: true,
    get: () => konva,
    set: (value: KonvaLike) => {
      konva = value;
      // Konva names itself before its node classes register; they are there once the
      // bundle's synchronous module code has run, well before React's first commit.
      const attempt = (triesLeft: number) => {
        if (value.Layer?.prototype) hookKonva(value);
        else if (triesLeft > 0) setTimeout(() => attempt(triesLeft - 1), 0);
        else console.warn('bench probe: Konva.Layer never appeared; draws are not recorded');
      };
      queueMicrotask(() => attempt(100));
    },
  });

  // ---- React commits: a DevTools hook that only counts.
  let nextRendererId = 1;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    isDisabled: false,
    supportsFiber: true,
    renderers: new Map(),
    inject(internals: { rendererPackageName?: string }) {
      const id = nextRendererId++;
      B.renderers[id] = internals.rendererPackageName ?? `renderer-${id}`;
      return id;
    },
    onCommitFiberRoot(id: number) {
      B.commits.push({ t: now(), renderer: B.renderers[id] ?? String(id) });
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onScheduleFiberRoot() {},
    setStrictMode() {},
    checkDCE() {},
  };

  // ---- long tasks on the main thread
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // not supported: B.longtasks stays empty and the Node side reports that
  }

  // ---- cold load: the first frame in which the wanted heading is laid out
  const wanted = window.__benchConfig?.headingText;
  if (wanted) {
    const check = () => {
      if (B.headingAt !== null) return true;
      for (const h of document.querySelectorAll('h1')) {
        if (h.textContent?.trim() === wanted && h.getBoundingClientRect().height > 0) {
          B.headingAt = now();
          return true;
        }
      }
      return false;
    };
    const onFrame = () => {
      if (!check()) requestAnimationFrame(onFrame);
    };
    requestAnimationFrame(onFrame);
  }
})();
