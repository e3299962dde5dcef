/**
 * The window's size and place, remembered between runs. Checked against the screens
 * present now, so a window last shown on a monitor that has since been unplugged
 * opens on a visible one instead of off-screen.
 */
export type WindowBounds = {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
};

export type Rect = { x: number; y: number; width: number; height: number };

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

/** How much of the title bar area must be on a screen for a saved position to be kept. */
const MIN_VISIBLE = 80;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1_000_000;

/** Read saved bounds defensively: anything malformed means "use the defaults". */
export function parseWindowBounds(raw: unknown): WindowBounds | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isInt(r.width) || !isInt(r.height) || r.width <= 0 || r.height <= 0) return null;
  const bounds: WindowBounds = { width: r.width, height: r.height, maximized: r.maximized === true };
  if (isInt(r.x) && isInt(r.y)) {
    bounds.x = r.x;
    bounds.y = r.y;
  }
  return bounds;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Bounds to open the window with: the saved ones if their top edge is on a screen,
 * else the saved size (or the default) centred by the OS. Never larger than the
 * biggest work area, never smaller than the minimum size.
 */
export function initialWindowBounds(saved: WindowBounds | null, workAreas: readonly Rect[]): WindowBounds {
  const largest = workAreas.reduce<Rect | null>((best, a) => (!best || a.width * a.height > best.width * best.height ? a : best), null);
  const base = saved ?? { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const width = Math.max(MIN_WINDOW_SIZE.width, largest ? Math.min(base.width, largest.width) : base.width);
  const height = Math.max(MIN_WINDOW_SIZE.height, largest ? Math.min(base.height, largest.height) : base.height);
  const result: WindowBounds = { width, height, maximized: base.maximized };
  if (base.x !== undefined && base.y !== undefined) {
    const titleBar: Rect = { x: base.x, y: base.y, width, height: MIN_VISIBLE };
    const visible = workAreas.some((area) => {
      const o = overlap(titleBar, area);
      return o.width >= MIN_VISIBLE && o.height >= MIN_VISIBLE / 2;
    });
    if (visible) {
      result.x = base.x;
      result.y = base.y;
    }
  }
  return result;
}
