import type { Session } from '../model/session';
import { zoneOf, type Midline } from '../model/zones';

/** What a new midline would do to the study's maps: placements and sessions whose zone changes. */
export interface MidlineChange {
  /** Placed positions (main positions; contested minority positions are not counted) that land in another zone. */
  placements: number;
  /** Sessions with at least one such placement. */
  sessions: number;
}

/**
 * Count the placements a new midline moves to another zone. Zones are derived from
 * positions and the study's midline, never stored, so changing the midline silently
 * reclassifies every session ever mapped; the settings page shows this count and asks
 * before saving.
 */
export function midlineChange(sessions: readonly Session[], from: Midline, to: Midline): MidlineChange {
  let placements = 0;
  let touched = 0;
  for (const s of sessions) {
    let here = 0;
    for (const p of Object.values(s.placements)) {
      if (p.status === 'placed' && p.position && zoneOf(p.position, from) !== zoneOf(p.position, to)) here++;
    }
    placements += here;
    if (here > 0) touched++;
  }
  return { placements, sessions: touched };
}
