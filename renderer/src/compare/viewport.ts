import { AXIS_MAX, AXIS_MIN, type Position } from '../../../shared/model/position';
import type { PlotFrame } from '../editor/geometry';

/**
 * The part of the grid the compare view shows: a square window in domain units (power and
 * interest), so zooming into a crowded corner keeps distances comparable on both axes.
 * The whole grid is `FULL_VIEW`; zooming never goes outside 0–10.
 */
export interface View {
  /** Interest at the left edge. */
  interest0: number;
  /** Power at the bottom edge. */
  power0: number;
  /** Width (and height) of the window in grid units. */
  span: number;
}

const SPAN = AXIS_MAX - AXIS_MIN;
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

/** Stage pixels of a position (interest to the right, power upwards). */
export function viewToPixels(p: Position, f: PlotFrame, v: View): { x: number; y: number } {
  return {
    x: f.left + ((p.interest - v.interest0) / v.span) * f.width,
    y: f.top + (1 - (p.power - v.power0) / v.span) * f.height,
  };
}

/** The position under a stage point (not clamped). */
export function pixelsToDomain(pt: { x: number; y: number }, f: PlotFrame, v: View): Position {
  return {
    interest: v.interest0 + ((pt.x - f.left) / f.width) * v.span,
    power: v.power0 + (1 - (pt.y - f.top) / f.height) * v.span,
  };
}

/** Zoom by `factor` (> 1 zooms in), keeping the grid point under `pt` where it is. */
export function zoomAt(v: View, f: PlotFrame, pt: { x: number; y: number }, factor: number): View {
  const at = pixelsToDomain(pt, f, v);
  const span = Math.min(SPAN, Math.max(MIN_SPAN, v.span / factor));
  const fx = (pt.x - f.left) / f.width;
  const fy = 1 - (pt.y - f.top) / f.height;
  return clampView({ interest0: at.interest - fx * span, power0: at.power - fy * span, span });
}

/** Move the window by a drag of (dx, dy) stage pixels: the grid follows the pointer. */
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
