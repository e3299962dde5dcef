import { AXIS_MAX, AXIS_MIN, clampPosition, type Position } from '../model/position';
import { ZONE_IDS, type Midline, type ZoneId } from '../model/zones';

/**
 * The one place where domain units (power and interest, 0–10) meet picture pixels, for
 * every picture of a map: the editor's canvas, the compare and over-time grids, and the
 * SVG exports. Pixels are branded so a pixel value cannot be stored as a position by
 * mistake: nothing outside this module makes a `Px` from a bare number except the canvas edge.
 */
export type Px = number & { readonly __unit: 'px' };
export const px = (n: number): Px => n as Px;

export interface PxPoint {
  x: Px;
  y: Px;
}

/** The plot area (the 0–10 × 0–10 square of the domain) inside the picture, in pixels. */
export interface PlotFrame {
  left: Px;
  top: Px;
  width: Px;
  height: Px;
}

/** A rectangle in picture pixels. */
export interface PxRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How many rows each axis's wording takes: more when its title does not fit between "← Low" and "High →". */
export interface AxisRows {
  power: 1 | 2 | 3;
  interest: 1 | 2 | 3;
}
const ONE_ROW: AxisRows = { power: 1, interest: 1 };
/** The height of one row of axis wording at text scale 1 (14 px text, 1.4 line height). */
export const AXIS_ROW = 20;

/**
 * The editor's room around the plot for the axis wording, tick numbers and zone names,
 * scaled with the text (large-text mode and zoom make the wording bigger, so the margins
 * grow with it). Zone names take one row, or more when one row does not fit (zoneLabels.ts).
 */
export function plotMargins(textScale: number, zoneRows = 1, axisRows: AxisRows = ONE_ROW): { left: number; right: number; top: number; bottom: number } {
  const extra = 19 * Math.max(0, zoneRows - 1);
  return {
    // rotated axis wording and the tick numbers (and a row for a title that needs its own)
    left: Math.round((62 + AXIS_ROW * (axisRows.power - 1)) * textScale),
    // tick numbers, the two lower zones' names, the axis wording
    bottom: Math.round((74 + extra + AXIS_ROW * (axisRows.interest - 1)) * textScale),
    // the two upper zones' names
    top: Math.round((32 + extra) * textScale),
    right: Math.round(16 * textScale),
  };
}

/** The editor's plot frame for a stage of the given size. Never negative, even in a tiny window. */
export function plotFrame(stageWidth: number, stageHeight: number, textScale: number, zoneRows = 1, axisRows: AxisRows = ONE_ROW): PlotFrame {
  const m = plotMargins(textScale, zoneRows, axisRows);
  return {
    left: px(m.left),
    top: px(m.top),
    width: px(Math.max(40, stageWidth - m.left - m.right)),
    height: px(Math.max(40, stageHeight - m.top - m.bottom)),
  };
}

/**
 * The margins of the compare and over-time grids: zone titles sit inside the plot there,
 * so only the tick numbers and the axis wording need room.
 */
export function squarePlotMargins(textScale: number): { left: number; right: number; top: number; bottom: number } {
  return { left: Math.round(60 * textScale), right: Math.round(18 * textScale), top: Math.round(14 * textScale), bottom: Math.round(58 * textScale) };
}

/**
 * A square plot as wide as the stage allows, and the stage height that holds it: on the
 * compare grids the same distance must mean the same on both axes (a zoomed window is
 * square in domain units too). Before this was shared, the compare view sized its stage
 * with these margins and its plot with the editor's, and a 600 px stage gave 522×488.
 */
export function squarePlotFrame(stageWidth: number, textScale: number): { frame: PlotFrame; stageHeight: number } {
  const m = squarePlotMargins(textScale);
  const size = Math.max(40, stageWidth - m.left - m.right);
  return { frame: { left: px(m.left), top: px(m.top), width: px(size), height: px(size) }, stageHeight: size + m.top + m.bottom };
}

/** A square frame of `size` pixels at (left, top): the exported pictures' grid. */
export function squareFrame(left: number, top: number, size: number): PlotFrame {
  return { left: px(left), top: px(top), width: px(size), height: px(size) };
}

const SPAN = AXIS_MAX - AXIS_MIN;

/** Interest runs left (low) to right (high); power runs bottom (low) to top (high). */
export function toPixels(p: Position, f: PlotFrame): PxPoint {
  return {
    x: px(f.left + ((p.interest - AXIS_MIN) / SPAN) * f.width),
    y: px(f.top + (1 - (p.power - AXIS_MIN) / SPAN) * f.height),
  };
}

/** The position under a picture point, clamped to the grid and rounded to one decimal. */
export function toDomain(pt: { x: number; y: number }, f: PlotFrame): Position {
  return clampPosition({
    interest: AXIS_MIN + ((pt.x - f.left) / f.width) * SPAN,
    power: AXIS_MIN + (1 - (pt.y - f.top) / f.height) * SPAN,
  });
}

/** Pixel x of an interest value and y of a power value (for grid lines and the midline). */
export function interestToX(v: number, f: PlotFrame): Px {
  return px(f.left + ((v - AXIS_MIN) / SPAN) * f.width);
}
export function powerToY(v: number, f: PlotFrame): Px {
  return px(f.top + (1 - (v - AXIS_MIN) / SPAN) * f.height);
}

/** The four zone rectangles in pixels, split at the study's midline. */
export function zoneRects(f: PlotFrame, midline: Midline): Record<ZoneId, { x: Px; y: Px; width: Px; height: Px }> {
  const mx = interestToX(midline.interest, f);
  const my = powerToY(midline.power, f);
  const right = f.left + f.width;
  const bottom = f.top + f.height;
  return {
    hp_li: { x: f.left, y: f.top, width: px(mx - f.left), height: px(my - f.top) },
    hp_hi: { x: mx, y: f.top, width: px(right - mx), height: px(my - f.top) },
    lp_li: { x: f.left, y: my, width: px(mx - f.left), height: px(bottom - my) },
    lp_hi: { x: mx, y: my, width: px(right - mx), height: px(bottom - my) },
  };
}

/**
 * The part of the grid a compare picture shows: a square window in domain units, so
 * zooming into a crowded corner keeps distances comparable on both axes. The whole grid
 * is `FULL_VIEW`; zooming never goes outside 0–10.
 */
export interface View {
  /** Interest at the left edge. */
  interest0: number;
  /** Power at the bottom edge. */
  power0: number;
  /** Width (and height) of the window in grid units. */
  span: number;
}

export const FULL_VIEW: View = { interest0: AXIS_MIN, power0: AXIS_MIN, span: SPAN };
/** At most 8× (a window 1.25 units wide). */
export const MIN_SPAN = SPAN / 8;

export function isFullView(v: View): boolean {
  return v.span >= SPAN;
}

/** Keep the window inside the grid and its size within limits. */
export function clampView(v: View): View {
  const span = Math.min(SPAN, Math.max(MIN_SPAN, v.span));
  const clamp = (x: number) => Math.min(AXIS_MAX - span, Math.max(AXIS_MIN, x));
  return { interest0: clamp(v.interest0), power0: clamp(v.power0), span };
}

/** Picture pixels of a position seen through a window (interest to the right, power upwards). */
export function viewToPixels(p: Position, f: PlotFrame, v: View): { x: number; y: number } {
  return {
    x: f.left + ((p.interest - v.interest0) / v.span) * f.width,
    y: f.top + (1 - (p.power - v.power0) / v.span) * f.height,
  };
}

/** The position under a picture point (not clamped). */
export function pixelsToDomain(pt: { x: number; y: number }, f: PlotFrame, v: View): Position {
  return {
    interest: v.interest0 + ((pt.x - f.left) / f.width) * v.span,
    power: v.power0 + (1 - (pt.y - f.top) / f.height) * v.span,
  };
}

/**
 * The affine map that takes pixels drawn for window `from` to where window `to` shows
 * them: x' = a·x + e, y' = a·y + f (the same scale on both axes, since windows are square).
 * A cached bitmap of the marks is drawn through it while panning and zooming.
 */
export function viewTransform(f: PlotFrame, from: View, to: View): { a: number; e: number; f: number } {
  const a = from.span / to.span;
  const origin = viewToPixels({ interest: from.interest0, power: from.power0 + from.span }, f, to);
  return { a, e: origin.x - a * f.left, f: origin.y - a * f.top };
}

/** Zoom by `factor` (> 1 zooms in), keeping the grid point under `pt` where it is. */
export function zoomAt(v: View, f: PlotFrame, pt: { x: number; y: number }, factor: number): View {
  const at = pixelsToDomain(pt, f, v);
  const span = Math.min(SPAN, Math.max(MIN_SPAN, v.span / factor));
  const fx = (pt.x - f.left) / f.width;
  const fy = 1 - (pt.y - f.top) / f.height;
  return clampView({ interest0: at.interest - fx * span, power0: at.power - fy * span, span });
}

/** Move the window by a drag of (dx, dy) pixels: the grid follows the pointer. */
export function panBy(v: View, f: PlotFrame, dx: number, dy: number): View {
  return clampView({ ...v, interest0: v.interest0 - (dx / f.width) * v.span, power0: v.power0 + (dy / f.height) * v.span });
}

/** Tick values from `start` over `span`: whole units, then halves, then fifths as the window narrows. */
export function ticksFor(start: number, span: number): { values: number[]; step: number } {
  const step = span > 5 ? 1 : span > 2.5 ? 0.5 : 0.2;
  const values: number[] = [];
  for (let i = Math.ceil(start / step - 1e-9); i * step <= start + span + 1e-9; i++) values.push(Math.round(i * step * 10) / 10);
  return { values, step };
}

/** The visible part of each zone, in pixels (null when the window does not show it). */
export function visibleZoneRects(f: PlotFrame, midline: Midline, view: View = FULL_VIEW): Record<ZoneId, PxRect | null> {
  const domain: Record<ZoneId, { i: [number, number]; p: [number, number] }> = {
    hp_hi: { i: [midline.interest, AXIS_MAX], p: [midline.power, AXIS_MAX] },
    hp_li: { i: [AXIS_MIN, midline.interest], p: [midline.power, AXIS_MAX] },
    lp_hi: { i: [midline.interest, AXIS_MAX], p: [AXIS_MIN, midline.power] },
    lp_li: { i: [AXIS_MIN, midline.interest], p: [AXIS_MIN, midline.power] },
  };
  const out = {} as Record<ZoneId, PxRect | null>;
  for (const id of ZONE_IDS) {
    const i0 = Math.max(domain[id].i[0], view.interest0);
    const i1 = Math.min(domain[id].i[1], view.interest0 + view.span);
    const p0 = Math.max(domain[id].p[0], view.power0);
    const p1 = Math.min(domain[id].p[1], view.power0 + view.span);
    if (i1 <= i0 || p1 <= p0) {
      out[id] = null;
      continue;
    }
    const a = viewToPixels({ interest: i0, power: p1 }, f, view);
    const b = viewToPixels({ interest: i1, power: p0 }, f, view);
    out[id] = { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
  }
  return out;
}
