import { z } from 'zod';
import { AxisValueSchema } from './common';

/**
 * A point on the power–interest grid in domain units (0–10 on each axis).
 * Positions are never stored in pixels; the canvas converts at its edge.
 */
export const PositionSchema = z.object({
  power: AxisValueSchema,
  interest: AxisValueSchema,
});
export type Position = z.infer<typeof PositionSchema>;

/** Lowest and highest value of either axis. */
export const AXIS_MIN = 0;
export const AXIS_MAX = 10;

/** Clamp a position to the grid and round to one decimal place, the precision we record. */
export function clampPosition(p: Position): Position {
  const clamp = (v: number) => Math.round(Math.min(AXIS_MAX, Math.max(AXIS_MIN, v)) * 10) / 10;
  return { power: clamp(p.power), interest: clamp(p.interest) };
}

/** Euclidean distance between two positions. */
export function distance(a: Position, b: Position): number {
  return Math.hypot(a.power - b.power, a.interest - b.interest);
}
