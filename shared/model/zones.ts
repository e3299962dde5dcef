import type { Position } from './position';

/**
 * The study's 2×2 scheme. `hp_hi` is the green zone: high power and high interest.
 * Order matters: it is the tie-break order for modal zones (docs/methods.md).
 */
export const ZONE_IDS = ['hp_hi', 'hp_li', 'lp_hi', 'lp_li'] as const;
export type ZoneId = (typeof ZONE_IDS)[number];

/** Where a zone boundary lies on each axis; power ≥ midline is "high". */
export interface Midline {
  power: number;
  interest: number;
}

export const DEFAULT_MIDLINE: Midline = { power: 5, interest: 5 };

/** Which zone a position falls in. Values exactly on the midline count as high. */
export function zoneOf(p: Position, midline: Midline = DEFAULT_MIDLINE): ZoneId {
  const highPower = p.power >= midline.power;
  const highInterest = p.interest >= midline.interest;
  if (highPower) return highInterest ? 'hp_hi' : 'hp_li';
  return highInterest ? 'lp_hi' : 'lp_li';
}

/** Whether a zone is on the high side of each axis (for drawing and wording). */
export function zoneSides(zone: ZoneId): { highPower: boolean; highInterest: boolean } {
  return { highPower: zone.startsWith('hp'), highInterest: zone.endsWith('_hi') };
}
