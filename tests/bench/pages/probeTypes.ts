/** The shape of window.__bench, shared by the probe (in the page) and the Node side. */
export interface PointerRecord {
  type: 'pointerdown' | 'pointermove' | 'pointerup' | 'escape';
  /** The event's timeStamp (ms since the page's time origin). */
  t: number;
  x: number;
  y: number;
  /** When the probe's listener ran. */
  at: number;
}

export interface DrawRecord {
  t0: number;
  t1: number;
  /** The layer's index in its stage (0 = bottom). */
  layer: number;
  /** Direct children of the layer (react-konva: one per node; bulk drawing: a few). */
  children: number;
}

export interface BenchProbe {
  frames: number[];
  recording: boolean;
  pointer: PointerRecord[];
  draws: DrawRecord[];
  commits: Array<{ t: number; renderer: string }>;
  renderers: Record<number, string>;
  longtasks: Array<{ start: number; duration: number }>;
  headingAt: number | null;
  konvaReady: boolean;
  startFrames(): void;
  stopFrames(): number[];
  clear(): void;
}

export interface BenchConfig {
  /** Record when an h1 with exactly this text is first laid out (cold load). */
  headingText?: string;
}

/** Only what the probe touches of Konva. */
export interface KonvaLike {
  Layer?: { prototype: { drawScene: (...args: unknown[]) => unknown; __benchWrapped?: boolean } };
}

/**
 * What Node-side page.evaluate callbacks may touch. tsconfig.node.json has no DOM lib,
 * so callbacks reach the page's globals as `(globalThis as unknown as PageWindow)`.
 */
export interface PageWindow {
  __bench: BenchProbe;
  __baseline: { load(): Promise<number>; mount(): void; unmount(): void };
  __analysis: { load(): Promise<void>; run(permutations: number): Promise<{ wallMs: number; sessions: number; stakeholders: number }> };
  __editorChanges: number[];
  Konva: {
    stages: Array<{
      container(): { getBoundingClientRect(): { left: number; top: number; width: number; height: number } };
      find(selector: string): Array<{ getAttr(name: string): unknown; getAbsolutePosition(): { x: number; y: number } }>;
      getIntersection(pos: { x: number; y: number }): { findAncestor(selector: string, includeSelf?: boolean): { getAttr(name: string): unknown } | null } | null;
      getLayers(): Array<{ getChildren(): { length: number } }>;
    }>;
  };
  location: { hash: string; href: string };
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
  innerWidth: number;
  innerHeight: number;
}
