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
  /**
   * The chip's own zone. Its label lies inside it whenever it fits there (and there is
   * free room), and otherwise at least overlaps it: a label in another zone would tell
   * the room something false.
   */
  region?: Box;
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
  /**
   * The chip has a zone (`region`) but its label lies less than half in it: only when the
   * zone is too crowded to hold it (a leader line then says whose it is).
   */
  strays: boolean;
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

/** The part of `region` inside `bounds`, or null when a label of w×h cannot fit in it. */
function fitRegion(region: Box | undefined, bounds: Box, w: number, h: number): Box | null {
  if (!region) return null;
  const x = Math.max(region.x, bounds.x);
  const y = Math.max(region.y, bounds.y);
  const width = Math.min(region.x + region.width, bounds.x + bounds.width) - x;
  const height = Math.min(region.y + region.height, bounds.y + bounds.height) - y;
  return width + 1e-9 >= w && height + 1e-9 >= h ? { x, y, width, height } : null;
}

/** At least half of the box lies in the region. */
function mostlyIn(box: Box, region: Box): boolean {
  return overlapArea(box, region) * 2 >= box.width * box.height - 1e-6;
}

/** Whether half of the chip's label fits in the region at all (false only for a sliver of a zone). */
function regionHoldsHalf(region: Box, bounds: Box, c: ChipToLay): boolean {
  const w = Math.min(region.x + region.width, bounds.x + bounds.width) - Math.max(region.x, bounds.x);
  const h = Math.min(region.y + region.height, bounds.y + bounds.height) - Math.max(region.y, bounds.y);
  return Math.max(0, w) * Math.max(0, h) * 1 >= (c.labelWidth * c.labelHeight) / 2 && w >= c.labelWidth / 2 && h >= c.labelHeight / 2;
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

/**
 * Maps up to this many chips get a second and third try in other orders when the first
 * leaves labels over each other; beyond it the greedy pass alone (a 3,000-chip map would
 * pay three full layouts for labels nobody reads one by one).
 */
const RETRY_LIMIT = 80;
/** How many times the chips left without room are moved to the front and laid out again. */
const RETRY_ROUNDS = 4;

/**
 * Lay out the labels of `chips`, in order: earlier chips get the better spots. When that
 * leaves a label over another (a crowded zone: the greedy order gave the room away to
 * chips that had other choices), other orders are tried — the chips left without room
 * first, a few rounds, then the most crowded first — and the layout with the fewest labels
 * covered or outside their zone wins (then the fewest outside; then the least covered
 * area; then the first tried, so it stays stable).
 */
export function layoutChipLabels(chips: readonly ChipToLay[], options: ChipLayoutOptions): ChipLabel[] {
  const first = layoutInOrder(chips, options, false);
  const stuck = first.filter((l) => l.overlaps || l.strays).length;
  if (stuck === 0 || chips.length > RETRY_LIMIT) return first;
  const index = new Map(chips.map((c, i) => [c, i]));
  const byInput = (labels: ChipLabel[], order: readonly ChipToLay[]) => {
    const out: ChipLabel[] = new Array<ChipLabel>(chips.length);
    order.forEach((c, k) => (out[index.get(c)!] = labels[k]!));
    return out;
  };
  const reach = (c: ChipToLay) => 2 * (c.labelWidth + options.markerRadius);
  const crowd = (c: ChipToLay) => chips.reduce((n, o) => n + (o !== c && Math.abs(o.x - c.x) < reach(c) && Math.abs(o.y - c.y) < reach(c) ? 1 : 0), 0);
  const crowdOf = new Map(chips.map((c) => [c, crowd(c)]));
  // Fewest labels that mislead or cannot be read (over another label, or mostly outside
  // their zone); then fewest outside their zone; then the least covered area.
  const score = (labels: ChipLabel[]) => {
    let covered = 0;
    let area = 0;
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const o = overlapArea(labels[i]!.box, labels[j]!.box);
        if (o > 0) [covered, area] = [covered + 1, area + o];
      }
    }
    const strays = labels.filter((l) => l.strays).length;
    return { bad: covered + strays, strays, area };
  };
  const better = (a: ReturnType<typeof score>, b: ReturnType<typeof score>) =>
    a.bad !== b.bad ? a.bad < b.bad : a.strays !== b.strays ? a.strays < b.strays : a.area < b.area - 1e-6;
  let best = first;
  let bestScore = score(first);
  const consider = (order: readonly ChipToLay[], spill: boolean) => {
    const labels = byInput(layoutInOrder(order, options, spill), order);
    const k = score(labels);
    if (better(k, bestScore)) [best, bestScore] = [labels, k];
    return labels;
  };
  // Keeping every label mostly in its zone first; only if that cannot be done without a
  // label over another, letting labels spill over the zone's edge (`spill`).
  for (const spill of [false, true]) {
    if (bestScore.bad === 0) break;
    // Those left without room go first, again and again (each round may strand others).
    let order: readonly ChipToLay[] = chips;
    let last = spill ? consider(chips, true) : first;
    for (let round = 0; round < RETRY_ROUNDS && bestScore.bad > 0; round++) {
      const failed = new Set(order.filter((c) => last[index.get(c)!]!.overlaps || last[index.get(c)!]!.strays));
      if (failed.size === 0) break;
      order = [...order.filter((c) => failed.has(c)), ...order.filter((c) => !failed.has(c))];
      last = consider(order, spill);
    }
    if (bestScore.bad > 0) consider([...chips].sort((a, b) => crowdOf.get(b)! - crowdOf.get(a)! || index.get(a)! - index.get(b)!), spill);
  }
  return best;
}

/** `spill`: a label with no free room mostly in its zone may take free room that only touches it. */
function layoutInOrder(chips: readonly ChipToLay[], options: ChipLayoutOptions, spill: boolean): ChipLabel[] {
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

  const scan = (c: ChipToLay, avoidSoft: boolean, area: Box, ok: (box: Box) => boolean): Box | null => {
    // Every spot of the plot on a fine lattice, keeping the one nearest the marker.
    const stepX = Math.max(2, Math.min(c.labelWidth / 4, 8));
    const stepY = Math.max(2, Math.min(c.labelHeight / 2, 8));
    let best: Box | null = null;
    let bestDistance = Infinity;
    for (let y = area.y; y + c.labelHeight <= area.y + area.height + 1e-9; y += stepY) {
      for (let x = area.x; x + c.labelWidth <= area.x + area.width + 1e-9; x += stepX) {
        const box = { x, y, width: c.labelWidth, height: c.labelHeight };
        const d = distanceToBox(box, c.x, c.y);
        if (d < bestDistance && ok(box) && isFree(box, avoidSoft)) {
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

  const findIn = (c: ChipToLay, area: Box, ok: (box: Box) => boolean): Box | null => {
    for (const avoidSoft of [true, false]) {
      const free = (candidate: Box) => {
        const box = keepInside(candidate, area);
        return ok(box) && isFree(box, avoidSoft) ? box : null;
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
      const scanned = scan(c, avoidSoft, area, ok);
      if (scanned) return scanned;
    }
    return null;
  };

  const always = () => true;
  /** Inside the chip's own zone when it fits there; else mostly in it. */
  const find = (c: ChipToLay): Box | null => {
    const inside = fitRegion(c.region, bounds, c.labelWidth, c.labelHeight);
    if (inside) {
      const box = findIn(c, inside, always);
      if (box) return box;
    }
    const region = c.region;
    if (!region) return findIn(c, bounds, always);
    // Out of room inside: mostly in its zone, so it still reads as being there. Never
    // free room elsewhere: a label over another is hard to read, one in the wrong zone
    // is read wrongly (leastCovered below keeps to the zone too).
    // Only then, when spilling, free room anywhere that still touches its zone (a crowded
    // zone's labels spill over its edge, each on a leader line) rather than over another label.
    return findIn(c, bounds, (box) => mostlyIn(box, region)) ?? (spill ? findIn(c, bounds, (box) => boxesOverlap(box, region)) : null);
  };

  /**
   * With no free room at all (a crowded map on a small screen), the spot that covers the
   * least of the labels and markers already there, nearest the marker on a tie: a label
   * half over another leaves both names readable, one dropped beside its chip can hide
   * a whole name.
   */
  const leastCovered = (c: ChipToLay): Box => {
    // Its own marker too: a label over its own dot hides where the group put it.
    const markers = chips.map((o) => ({ x: o.x - r, y: o.y - r, width: 2 * r, height: 2 * r }));
    const cost = (box: Box) => placed.reduce((sum, p) => sum + overlapArea(box, p), 0) + 2 * markers.reduce((sum, m) => sum + overlapArea(box, m), 0);
    const area = fitRegion(c.region, bounds, c.labelWidth, c.labelHeight) ?? bounds;
    const region = c.region;
    // Mostly in its own zone when the zone can hold that much of it, else at least over it.
    const ok = (box: Box) => !region || (regionHoldsHalf(region, bounds, c) ? mostlyIn(box, region) : boxesOverlap(box, region));
    let best = keepInside(adjacent(c, r, g)[0]!, area);
    let bestCost = cost(best);
    let bestDistance = distanceToBox(best, c.x, c.y);
    const consider = (box: Box) => {
      if (!ok(box)) return;
      const k = cost(box);
      const d = distanceToBox(box, c.x, c.y);
      if (k < bestCost - 1e-6 || (Math.abs(k - bestCost) <= 1e-6 && d < bestDistance)) {
        best = box;
        bestCost = k;
        bestDistance = d;
      }
    };
    for (const candidate of adjacent(c, r, g)) consider(keepInside(candidate, area));
    const stepX = Math.max(2, Math.min(c.labelWidth / 4, 8));
    const stepY = Math.max(2, Math.min(c.labelHeight / 2, 8));
    for (let y = area.y; y + c.labelHeight <= area.y + area.height + 1e-9; y += stepY) {
      for (let x = area.x; x + c.labelWidth <= area.x + area.width + 1e-9; x += stepX) consider({ x, y, width: c.labelWidth, height: c.labelHeight });
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
    return { id: c.id, box, leader, overlaps: found === null, strays: c.region !== undefined && !mostlyIn(box, c.region) };
  });
}
