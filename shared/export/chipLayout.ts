/**
 * Spread overlapping chip boxes apart for a static picture. Each chip wants to sit
 * centred on its anchor (the placement); overlapping chips are pushed apart along the
 * axis where they overlap least, a few rounds, then kept inside the bounds. Pure and
 * deterministic: the same input gives the same picture.
 *
 * NOTE: the editor draws chips live and may settle overlaps differently; a picture only
 * needs every label readable and every chip linked to its true position (the caller
 * draws a leader line when a chip moved away from its anchor).
 */
export interface ChipBox {
  id: string;
  /** Anchor (the true position) in pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedChip extends ChipBox {
  /** Centre of the chip after spreading. */
  cx: number;
  cy: number;
}

export interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A fixed area chips must keep clear of (a zone label), as a rectangle in pixels. */
export interface Obstacle {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function layoutChips(chips: readonly ChipBox[], bounds: Bounds, obstacles: readonly Obstacle[] = [], gap = 3, rounds = 80): PlacedChip[] {
  const placed: PlacedChip[] = chips
    .map((c) => ({ ...c, cx: c.x, cy: c.y }))
    .sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const clamp = (c: PlacedChip) => {
    c.cx = Math.min(bounds.right - c.width / 2, Math.max(bounds.left + c.width / 2, c.cx));
    c.cy = Math.min(bounds.bottom - c.height / 2, Math.max(bounds.top + c.height / 2, c.cy));
  };
  placed.forEach(clamp);
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]!;
        const b = placed[j]!;
        const overlapX = (a.width + b.width) / 2 + gap - Math.abs(a.cx - b.cx);
        const overlapY = (a.height + b.height) / 2 + gap - Math.abs(a.cy - b.cy);
        if (overlapX <= 0 || overlapY <= 0) continue;
        moved = true;
        // Chips are wide and short, so separating vertically usually costs less.
        if (overlapY <= overlapX * 1.5) {
          const dir = a.cy < b.cy || (a.cy === b.cy && i < j) ? -1 : 1;
          a.cy += (dir * overlapY) / 2;
          b.cy -= (dir * overlapY) / 2;
        } else {
          const dir = a.cx < b.cx || (a.cx === b.cx && i < j) ? -1 : 1;
          a.cx += (dir * overlapX) / 2;
          b.cx -= (dir * overlapX) / 2;
        }
        clamp(a);
        clamp(b);
      }
      moved = avoidObstacles(placed[i]!, obstacles, bounds, gap) || moved;
      clamp(placed[i]!);
    }
    if (!moved) break;
  }
  return placed;
}

/** Move a chip out of any obstacle it overlaps, vertically when that stays in bounds. */
function avoidObstacles(c: PlacedChip, obstacles: readonly Obstacle[], bounds: Bounds, gap: number): boolean {
  let moved = false;
  for (const o of obstacles) {
    const left = c.cx - c.width / 2;
    const right = c.cx + c.width / 2;
    const top = c.cy - c.height / 2;
    const bottom = c.cy + c.height / 2;
    if (right <= o.left - gap || left >= o.right + gap || bottom <= o.top - gap || top >= o.bottom + gap) continue;
    moved = true;
    const below = o.bottom + gap + c.height / 2;
    const above = o.top - gap - c.height / 2;
    const candidates = [below, above].filter((y) => y - c.height / 2 >= bounds.top && y + c.height / 2 <= bounds.bottom);
    if (candidates.length) c.cy = candidates.reduce((best, y) => (Math.abs(y - c.cy) < Math.abs(best - c.cy) ? y : best));
    else c.cx = c.cx < (o.left + o.right) / 2 ? o.left - gap - c.width / 2 : o.right + gap + c.width / 2;
  }
  return moved;
}

/** Whether any two chips still overlap (for tests and for a warning in dense maps). */
export function chipsOverlap(chips: readonly PlacedChip[]): boolean {
  for (let i = 0; i < chips.length; i++)
    for (let j = i + 1; j < chips.length; j++) {
      const a = chips[i]!;
      const b = chips[j]!;
      if (Math.abs(a.cx - b.cx) < (a.width + b.width) / 2 - 0.5 && Math.abs(a.cy - b.cy) < (a.height + b.height) / 2 - 0.5) return true;
    }
  return false;
}
