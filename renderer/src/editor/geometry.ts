import { AXIS_MAX, AXIS_MIN, clampPosition, type Position } from '../../../shared/model/position';
import type { Midline } from '../../../shared/model/zones';

/**
 * The one place where domain units (power and interest, 0–10) meet canvas pixels.
 * Pixels are branded so a pixel value cannot be stored as a position by mistake:
 * nothing outside this module makes a `Px` from a bare number except the canvas edge.
 */
export type Px = number & { readonly __unit: 'px' };
export const px = (n: number): Px => n as Px;

export interface PxPoint {
  x: Px;
  y: Px;
}

/** The plot area (the 0–10 × 0–10 square) inside the stage, in stage pixels. */
export interface PlotFrame {
  left: Px;
  top: Px;
  width: Px;
  height: Px;
}

/**
 * Room around the plot for the axis wording, tick numbers and zone names, scaled with
 * the text (large-text mode and zoom make the wording bigger, so the margins grow with
 * it). Zone names take one row, or more (name, then role, each wrapped if need be)
 * when one row does not fit (see zoneLabels.ts).
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

/** How many rows each axis's wording takes (see axisWording.ts): more when its title does not fit between "← Low" and "High →". */
export interface AxisRows {
  power: 1 | 2 | 3;
  interest: 1 | 2 | 3;
}
const ONE_ROW: AxisRows = { power: 1, interest: 1 };
/** The height of one row of axis wording at text scale 1 (14 px text, 1.4 line height). */
export const AXIS_ROW = 20;

/** The plot frame for a stage of the given size. Never negative, even in a tiny window. */
export function plotFrame(stageWidth: number, stageHeight: number, textScale: number, zoneRows = 1, axisRows: AxisRows = ONE_ROW): PlotFrame {
  const m = plotMargins(textScale, zoneRows, axisRows);
  return {
    left: px(m.left),
    top: px(m.top),
    width: px(Math.max(40, stageWidth - m.left - m.right)),
    height: px(Math.max(40, stageHeight - m.top - m.bottom)),
  };
}

const SPAN = AXIS_MAX - AXIS_MIN;

/** Interest runs left (low) to right (high); power runs bottom (low) to top (high). */
export function toPixels(p: Position, f: PlotFrame): PxPoint {
  return {
    x: px(f.left + ((p.interest - AXIS_MIN) / SPAN) * f.width),
    y: px(f.top + (1 - (p.power - AXIS_MIN) / SPAN) * f.height),
  };
}

/** The position under a stage point, clamped to the grid and rounded to one decimal. */
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
export function zoneRects(f: PlotFrame, midline: Midline): Record<'hp_hi' | 'hp_li' | 'lp_hi' | 'lp_li', { x: Px; y: Px; width: Px; height: Px }> {
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
