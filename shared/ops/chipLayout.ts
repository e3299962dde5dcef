/**
 * Label placement for crowded chips. Each chip is a marker (a circle at the exact
 * position) and a label box. When groups put several stakeholders close together —
 * police, Panchayat and BDO all at high power, low interest is the study's typical
 * picture — labels drawn beside their markers would cover each other's names. This
 * places every label where it overlaps no other label and no marker, as close to its
 * own marker as it can; a label that had to move away gets a leader line.
 *
 * Pure and deterministic: the same chips in the same order give the same layout, so
 * labels do not jump around between renders. Units are whatever the caller uses
 * (the editor passes canvas pixels).
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChipToLay {
  id: string;
  /** Centre of the marker. */
  x: number;
  y: number;
  labelWidth: number;
  labelHeight: number;
}

export interface ChipLayoutOptions {
  /** Radius of every marker; labels keep clear of all markers. */
  markerRadius: number;
  /** Labels stay inside this box (the plot area). */
  bounds: Box;
  /** Clear space between a label and anything else. Default 2. */
  gap?: number;
  /**
   * Things labels should avoid if they can (zone titles). Unlike markers and other
   * labels these yield when there is no other room.
   */
  softObstacles?: readonly Box[];
}

export interface ChipLabel {
  id: string;
  box: Box;
  /** The label sits away from its marker: draw a line from the marker to the label. */
  leader: boolean;
  /** No free room was found at all; the label overlaps something (only on absurdly small grids). */
  overlaps: boolean;
}

/** Whether two boxes overlap, treating boxes closer than `pad` as overlapping. Touching is fine. */
export function boxesOverlap(a: Box, b: Box, pad = 0): boolean {
  return a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;
}

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Whether a box comes closer than `r` to a point (a marker of radius r). */
export function boxHitsCircle(b: Box, cx: number, cy: number, r: number): boolean {
  const nx = Math.max(b.x, Math.min(cx, b.x + b.width));
  const ny = Math.max(b.y, Math.min(cy, b.y + b.height));
  return (nx - cx) ** 2 + (ny - cy) ** 2 < r * r;
}

/** Distance from a point to the nearest point of a box (0 inside). */
function distanceToBox(b: Box, px: number, py: number): number {
  const dx = Math.max(b.x - px, 0, px - (b.x + b.width));
  const dy = Math.max(b.y - py, 0, py - (b.y + b.height));
  return Math.hypot(dx, dy);
}

/** Distance from a point to a box with vertical gaps weighted double (see `unambiguous`). */
function readingDistance(b: Box, px: number, py: number): number {
  const dx = Math.max(b.x - px, 0, px - (b.x + b.width));
  const dy = Math.max(b.y - py, 0, py - (b.y + b.height));
  return Math.hypot(dx, 2 * dy);
}

function keepInside(box: Box, bounds: Box): Box {
  const x = Math.max(bounds.x, Math.min(box.x, bounds.x + bounds.width - box.width));
  const y = Math.max(bounds.y, Math.min(box.y, bounds.y + bounds.height - box.height));
  return { x, y, width: box.width, height: box.height };
}

/** Rings of candidate positions tried before a full scan of the plot. */
const RINGS = 10;
const RING_DIRECTIONS = 16;

/** Label boxes right beside the marker: right, left, above, below, then the corners. */
function adjacent(c: ChipToLay, r: number, g: number): Box[] {
  const w = c.labelWidth;
  const h = c.labelHeight;
  const at = (x: number, y: number): Box => ({ x, y, width: w, height: h });
  return [
    at(c.x + r + g, c.y - h / 2),
    at(c.x - r - g - w, c.y - h / 2),
    at(c.x - w / 2, c.y - r - g - h),
    at(c.x - w / 2, c.y + r + g),
    at(c.x + r + g, c.y - r - h),
    at(c.x + r + g, c.y + r),
    at(c.x - r - g - w, c.y - r - h),
    at(c.x - r - g - w, c.y + r),
  ];
}

/**
 * Label boxes on rings further out in 16 directions, nearest ring first; these need a
 * leader line, which is then long enough to see.
 */
function* rings(c: ChipToLay, r: number, g: number): Generator<Box> {
  const w = c.labelWidth;
  const h = c.labelHeight;
  for (let k = 1; k <= RINGS; k++) {
    const d = k * (h + g);
    for (let i = 0; i < RING_DIRECTIONS; i++) {
      // Start at 0 (right) and alternate above/below so nearby horizontal spots come first.
      const step = Math.ceil(i / 2) * (i % 2 === 0 ? 1 : -1);
      const theta = (step * 2 * Math.PI) / RING_DIRECTIONS;
      const cx = c.x + Math.cos(theta) * (r + g + w / 2 + d);
      const cy = c.y + Math.sin(theta) * (r + g + h / 2 + d);
      yield { x: cx - w / 2, y: cy - h / 2, width: w, height: h };
    }
  }
}

/** Lay out the labels of `chips`, in order: earlier chips get the better spots. */
export function layoutChipLabels(chips: readonly ChipToLay[], options: ChipLayoutOptions): ChipLabel[] {
  const r = options.markerRadius;
  const g = options.gap ?? 2;
  const soft = options.softObstacles ?? [];
  const bounds = options.bounds;
  const placed: Box[] = [];

  const isFree = (box: Box, avoidSoft: boolean): boolean => {
    for (const c of chips) if (boxHitsCircle(box, c.x, c.y, r + g)) return false;
    for (const p of placed) if (boxesOverlap(box, p, g)) return false;
    if (avoidSoft) for (const s of soft) if (boxesOverlap(box, s, g)) return false;
    return true;
  };

  const scan = (c: ChipToLay, avoidSoft: boolean): Box | null => {
    // Every spot of the plot on a fine lattice, keeping the one nearest the marker.
    const stepX = Math.max(2, Math.min(c.labelWidth / 4, 8));
    const stepY = Math.max(2, Math.min(c.labelHeight / 2, 8));
    let best: Box | null = null;
    let bestDistance = Infinity;
    for (let y = bounds.y; y + c.labelHeight <= bounds.y + bounds.height + 1e-9; y += stepY) {
      for (let x = bounds.x; x + c.labelWidth <= bounds.x + bounds.width + 1e-9; x += stepX) {
        const box = { x, y, width: c.labelWidth, height: c.labelHeight };
        const d = distanceToBox(box, c.x, c.y);
        if (d < bestDistance && isFree(box, avoidSoft)) {
          best = box;
          bestDistance = d;
        }
      }
    }
    return best;
  };

  /**
   * Whether a reader would pair this label with its own chip without a line: the label
   * must touch its own marker and be clearly nearer to it than to any other marker.
   * Vertical gaps count double: a marker level with the end of a label reads as that
   * label's chip even a little way off, one above or below it much less so.
   */
  const unambiguous = (box: Box, c: ChipToLay): boolean => {
    if (distanceToBox(box, c.x, c.y) > r + g + 1) return false;
    const own = readingDistance(box, c.x, c.y);
    for (const o of chips) if (o !== c && readingDistance(box, o.x, o.y) < own + 2 * r) return false;
    return true;
  };

  const find = (c: ChipToLay): Box | null => {
    for (const avoidSoft of [true, false]) {
      const free = (candidate: Box) => {
        const box = keepInside(candidate, bounds);
        return isFree(box, avoidSoft) ? box : null;
      };
      // First choice: right beside the chip, where no other chip could claim the label.
      for (const candidate of adjacent(c, r, g)) {
        const box = free(candidate);
        if (box && unambiguous(box, c)) return box;
      }
      // Then a little way off with a visible leader line saying whose label it is…
      for (const candidate of rings(c, r, g)) {
        const box = free(candidate);
        if (box) return box;
      }
      // …or, in a crowd with no room on the rings, beside it after all, or anywhere free.
      for (const candidate of adjacent(c, r, g)) {
        const box = free(candidate);
        if (box) return box;
      }
      const scanned = scan(c, avoidSoft);
      if (scanned) return scanned;
    }
    return null;
  };

  /**
   * With no free room at all (a crowded map on a small screen), the spot that covers the
   * least of the labels and markers already there, nearest the marker on a tie: a label
   * half over another leaves both names readable, one dropped beside its chip can hide
   * a whole name.
   */
  const leastCovered = (c: ChipToLay): Box => {
    const markers = chips.filter((o) => o !== c).map((o) => ({ x: o.x - r, y: o.y - r, width: 2 * r, height: 2 * r }));
    const cost = (box: Box) => placed.reduce((sum, p) => sum + overlapArea(box, p), 0) + 2 * markers.reduce((sum, m) => sum + overlapArea(box, m), 0);
    let best = keepInside(adjacent(c, r, g)[0]!, bounds);
    let bestCost = cost(best);
    let bestDistance = distanceToBox(best, c.x, c.y);
    const consider = (box: Box) => {
      const k = cost(box);
      const d = distanceToBox(box, c.x, c.y);
      if (k < bestCost - 1e-6 || (Math.abs(k - bestCost) <= 1e-6 && d < bestDistance)) {
        best = box;
        bestCost = k;
        bestDistance = d;
      }
    };
    for (const candidate of adjacent(c, r, g)) consider(keepInside(candidate, bounds));
    const stepX = Math.max(2, Math.min(c.labelWidth / 4, 8));
    const stepY = Math.max(2, Math.min(c.labelHeight / 2, 8));
    for (let y = bounds.y; y + c.labelHeight <= bounds.y + bounds.height + 1e-9; y += stepY) {
      for (let x = bounds.x; x + c.labelWidth <= bounds.x + bounds.width + 1e-9; x += stepX) consider({ x, y, width: c.labelWidth, height: c.labelHeight });
    }
    return best;
  };

  return chips.map((c) => {
    const found = find(c);
    const box = found ?? leastCovered(c);
    placed.push(box);
    // A label without a line must be right beside its own chip and clearly nearer to it
    // than to any other; at a corner, further away or in a crowd, a line says whose it is.
    const leader = !unambiguous(box, c);
    return { id: c.id, box, leader, overlaps: found === null };
  });
}
