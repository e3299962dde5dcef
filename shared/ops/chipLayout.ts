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

import { DiscCover, GridIndex } from './spatialIndex';

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


/** A layout and what it was made from: what `relayoutChipLabels` starts from. */
export interface ChipLayoutResult {
  chips: readonly ChipToLay[];
  options: ChipLayoutOptions;
  labels: readonly ChipLabel[];
}

/** Above this share of chips changed, the whole map is laid out again (a new language, a resize). */
const INCREMENTAL_MAX_SHARE = 0.1;

const sameBox = (a: Box | undefined, b: Box | undefined) => a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

function sameOptions(a: ChipLayoutOptions, b: ChipLayoutOptions): boolean {
  const sa = a.softObstacles ?? [];
  const sb = b.softObstacles ?? [];
  return a.markerRadius === b.markerRadius && (a.gap ?? 2) === (b.gap ?? 2) && sameBox(a.bounds, b.bounds) && sa.length === sb.length && sa.every((s, i) => sameBox(s, sb[i]));
}

const sameChip = (a: ChipToLay, b: ChipToLay) => a.x === b.x && a.y === b.y && a.labelWidth === b.labelWidth && a.labelHeight === b.labelHeight && sameBox(a.region, b.region);

/**
 * The layout after an edit (a drop, an arrow-key nudge, a chip put on or taken off the
 * map), starting from the layout before it. Only the neighbourhood of what changed is
 * laid out again — the labels that the moved chip's new marker could cover or make
 * ambiguous, and those near the room it left — in the usual order and by the usual
 * rules, around the labels further away, which stay exactly where they were. A drop on
 * a 300-chip map then costs a few labels' search instead of 300.
 *
 * The result keeps every guarantee of `layoutChipLabels` (no label over a marker or
 * another label while there is room, in its zone, leader lines where needed), but on a
 * map above RETRY_LIMIT chips it can differ from a fresh `layoutChipLabels` of the same
 * chips: a fresh layout would let the change ripple through the greedy order to labels
 * far away. Maps up to RETRY_LIMIT chips, a changed layout frame (options) or many
 * changed chips are laid out afresh, so there the two are identical.
 */
export function relayoutChipLabels(previous: ChipLayoutResult | null, chips: readonly ChipToLay[], options: ChipLayoutOptions): ChipLabel[] {
  if (!previous || chips.length <= RETRY_LIMIT || !sameOptions(previous.options, options) || previous.labels.length !== previous.chips.length) return layoutChipLabels(chips, options);
  const before = new Map<string, { chip: ChipToLay; label: ChipLabel }>();
  previous.chips.forEach((chip, i) => before.set(chip.id, { chip, label: previous.labels[i]! }));
  if (before.size !== previous.chips.length) return layoutChipLabels(chips, options);
  const r = options.markerRadius;
  const g = options.gap ?? 2;
  const R = r + g;

  // What the edit disturbed: where markers arrived (labels there must make way, or may
  // now read as someone else's), and where markers and labels left (room for others).
  const arrived: Box[] = [];
  const left: Box[] = [];
  const seen = new Set<string>();
  let changed = 0;
  for (const c of chips) {
    if (seen.has(c.id)) return layoutChipLabels(chips, options);
    seen.add(c.id);
    const old = before.get(c.id);
    if (old && sameChip(old.chip, c)) continue;
    changed++;
    arrived.push({ x: c.x, y: c.y, width: 0, height: 0 });
    if (old) left.push({ x: old.chip.x, y: old.chip.y, width: 0, height: 0 }, old.label.box);
  }
  for (const [id, old] of before) {
    if (seen.has(id)) continue;
    changed++;
    left.push({ x: old.chip.x, y: old.chip.y, width: 0, height: 0 }, old.label.box);
  }
  if (changed === 0) {
    // Same chips, same places: the same labels (a new array, as from a layout).
    return chips.map((c) => before.get(c.id)!.label);
  }
  if (changed > Math.max(1, chips.length * INCREMENTAL_MAX_SHARE)) return layoutChipLabels(chips, options);

  // A label this close to an arrived marker is over it (R), or, if it has no leader line,
  // may now read as that chip's (unambiguous looks 2r beyond a label's own reading
  // distance, itself at most 2(R + 1) with vertical gaps counted double).
  const ambiguityReach = 2 * (R + 1 + 2 * r);
  // A chip whose marker is this close to freed room could take it (beside its marker or
  // on the nearest ring); further away, its label stays where it is.
  const leaveReach = (c: ChipToLay) => c.labelHeight + R;
  const within = (b: Box, d: Box, reach: number) => b.x < d.x + d.width + reach && d.x < b.x + b.width + reach && b.y < d.y + d.height + reach && d.y < b.y + b.height + reach;
  const cell = cellSize(chips, r);
  const arrivedIndex = new GridIndex(cell);
  for (const b of arrived) arrivedIndex.insert(b);
  // Freed room that the markers still there cover entirely is no room for any label (on a
  // very crowded map, nearly all of it): nobody needs to move for it.
  const cover = new DiscCover(chips, R, options.bounds);
  const leftIndex = new GridIndex(cell);
  for (const b of left) if (!cover.blocks(b.width > 0 ? b : { x: b.x - R, y: b.y - R, width: 2 * R, height: 2 * R })) leftIndex.insert(b);
  const near = (index: GridIndex, b: Box, reach: number) => index.some(b, reach, (k) => within(b, index.box(k), reach));

  const redo: number[] = [];
  /** Kept labels near a marker that left: their leader line may no longer be needed. */
  const recheck: number[] = [];
  const fixed: Box[] = [];
  const kept: (ChipLabel | null)[] = chips.map((c, i) => {
    const old = before.get(c.id);
    if (!old || !sameChip(old.chip, c)) {
      redo.push(i);
      return null;
    }
    const box = old.label.box;
    const marker = { x: c.x, y: c.y, width: 0, height: 0 };
    // A label that found no free room (`overlaps`) already lies over others where it covers
    // least; an arriving marker does not make it wrong, so on a crowded map it stays.
    if ((!old.label.overlaps && near(arrivedIndex, box, R)) || (!old.label.leader && near(arrivedIndex, box, ambiguityReach)) || near(leftIndex, marker, leaveReach(c))) {
      redo.push(i);
      return null;
    }
    if (old.label.leader && near(leftIndex, box, ambiguityReach)) recheck.push(i);
    fixed.push(box);
    return old.label;
  });
  if (recheck.length) {
    const markers = new GridIndex(cell);
    for (const c of chips) markers.insert({ x: c.x, y: c.y, width: 0, height: 0 });
    for (const i of recheck) {
      const label = kept[i]!;
      const leader = !isUnambiguous(label.box, chips[i]!, chips, markers, r, g);
      if (leader !== label.leader) kept[i] = { ...label, leader };
    }
  }
  const laid = layoutInOrder(
    redo.map((i) => chips[i]!),
    options,
    false,
    { markers: chips, fixed },
  );
  redo.forEach((i, k) => (kept[i] = laid[k]!));
  return kept as ChipLabel[];
}

/** What a layout of some of the chips starts from: every marker on the map, and labels already there. */
interface LayoutContext {
  /** Every chip on the map: labels keep clear of all their markers. Must contain the chips laid out. */
  markers: readonly ChipToLay[];
  /** Labels that stay where they are (an incremental layout's far-away labels). */
  fixed: readonly Box[];
}

/**
 * Whether a reader would pair this label with its own chip without a line: the label
 * must touch its own marker and be clearly nearer to it than to any other marker.
 * Vertical gaps count double: a marker level with the end of a label reads as that
 * label's chip even a little way off, one above or below it much less so.
 * `markers` indexes `all` (points, in the same order).
 */
function isUnambiguous(box: Box, c: ChipToLay, all: readonly ChipToLay[], markers: GridIndex, r: number, g: number): boolean {
  if (distanceToBox(box, c.x, c.y) > r + g + 1) return false;
  const own = readingDistance(box, c.x, c.y);
  const reach = own + 2 * r;
  // readingDistance < reach needs the marker within reach across and reach/2 up or down.
  return !markers.some(
    box,
    reach,
    (i) => {
      const o = all[i]!;
      return o !== c && readingDistance(box, o.x, o.y) < reach;
    },
    reach / 2,
  );
}

/** A cell of about one label: a query then touches a few cells holding a few items each. */
function cellSize(chips: readonly ChipToLay[], r: number): number {
  if (chips.length === 0) return 64;
  let sum = 0;
  for (const c of chips) sum += (c.labelWidth + c.labelHeight) / 2;
  const mean = sum / chips.length;
  return Number.isFinite(mean) ? Math.max(8, mean, 4 * r) : 64;
}

/**
 * The greedy pass: each chip in turn takes the best free spot left. Every test asks the
 * grid indexes (markers, labels placed so far) for what lies near the candidate, so a
 * test costs about the same on a map of 40 chips as on one of 3,000. The decisions are
 * the same as testing against every marker and label: the index only narrows, and sums
 * are added in the same order as a plain loop would.
 *
 * `spill`: a label with no free room mostly in its zone may take free room that only touches it.
 */
function layoutInOrder(chips: readonly ChipToLay[], options: ChipLayoutOptions, spill: boolean, context?: LayoutContext): ChipLabel[] {
  const r = options.markerRadius;
  const g = options.gap ?? 2;
  const soft = options.softObstacles ?? [];
  const bounds = options.bounds;
  const all = context?.markers ?? chips;
  const cell = cellSize(all, r);
  const markers = new GridIndex(cell);
  for (const c of all) markers.insert({ x: c.x, y: c.y, width: 0, height: 0 });
  const placed = new GridIndex(cell);
  for (const b of context?.fixed ?? []) placed.insert(b);

  const hitsMarker = (box: Box, radius: number): boolean =>
    markers.some(box, radius, (i) => {
      const m = all[i]!;
      return boxHitsCircle(box, m.x, m.y, radius);
    });

  // Markers never move during a layout: spots that surely cover one are known in advance.
  const cover = new DiscCover(all, r + g, bounds);

  const isFree = (box: Box, avoidSoft: boolean): boolean => {
    if (cover.blocks(box) || hitsMarker(box, r + g)) return false;
    if (placed.some(box, g, (i) => boxesOverlap(box, placed.box(i), g))) return false;
    if (avoidSoft) for (const s of soft) if (boxesOverlap(box, s, g)) return false;
    return true;
  };

  /**
   * What can block a spot in one row of a lattice: the markers and labels near the row,
   * asked of the indexes once per row rather than once per spot (a failing scan of a
   * crowded zone tests thousands of spots).
   */
  const rowBand = (area: Box, y: number, h: number, markerPad: number, labelPad: number) => {
    const row = { x: area.x, y, width: area.width, height: h };
    return { dots: markers.near(row, markerPad), labels: placed.near(row, labelPad) };
  };

  const freeInBand = (box: Box, band: { dots: number[]; labels: number[] }, avoidSoft: boolean): boolean => {
    const R = r + g;
    for (const i of band.dots) {
      const m = all[i]!;
      if (boxHitsCircle(box, m.x, m.y, R)) return false;
    }
    for (const i of band.labels) if (boxesOverlap(box, placed.box(i), g)) return false;
    if (avoidSoft) for (const s of soft) if (boxesOverlap(box, s, g)) return false;
    return true;
  };

  /**
   * The left edges x at which a w-wide label in the row [y, y + h] surely hits something,
   * as sorted, merged open intervals. Each is shrunk a hair so that "inside" always agrees
   * with the exact tests; a spot outside them all still gets the exact test.
   */
  const blockedRow = (band: { dots: number[]; labels: number[] }, y: number, w: number, h: number, avoidSoft: boolean): number[] => {
    const R = r + g;
    const eps = 1e-6;
    const spans: [number, number][] = [];
    for (const i of band.dots) {
      const m = all[i]!;
      const dy = Math.max(y, Math.min(m.y, y + h)) - m.y;
      const q = R * R - dy * dy;
      if (q <= 0) continue;
      const half = Math.sqrt(q);
      spans.push([m.x - half - w + eps, m.x + half - eps]);
    }
    const addBox = (p: Box) => {
      if (p.y < y + h + g && y < p.y + p.height + g) spans.push([p.x - w - g + eps, p.x + p.width + g - eps]);
    };
    for (const i of band.labels) addBox(placed.box(i));
    if (avoidSoft) for (const s of soft) addBox(s);
    spans.sort((p, q) => p[0] - q[0]);
    const merged: number[] = [];
    for (const [lo, hi] of spans) {
      if (!(hi > lo)) continue;
      const n = merged.length;
      if (n > 0 && lo <= merged[n - 1]!) merged[n - 1] = Math.max(merged[n - 1]!, hi);
      else merged.push(lo, hi);
    }
    return merged;
  };

  const scan = (c: ChipToLay, avoidSoft: boolean, area: Box, ok: (box: Box) => boolean): Box | null => {
    // Every spot of the plot on a fine lattice, keeping the one nearest the marker.
    const stepX = Math.max(2, Math.min(c.labelWidth / 4, 8));
    const stepY = Math.max(2, Math.min(c.labelHeight / 2, 8));
    let best: Box | null = null;
    let bestDistance = Infinity;
    for (let y = area.y; y + c.labelHeight <= area.y + area.height + 1e-9; y += stepY) {
      // A whole row further than the best so far cannot hold a nearer spot.
      const dy = Math.max(y - c.y, 0, c.y - (y + c.labelHeight));
      if (dy >= bestDistance) continue;
      // The spots of this row that could win (nearer than the best so far, allowed);
      // the markers and labels that could block them are fetched once for all of them.
      const xs: number[] = [];
      for (let x = area.x; x + c.labelWidth <= area.x + area.width + 1e-9; x += stepX) {
        const box = { x, y, width: c.labelWidth, height: c.labelHeight };
        if (distanceToBox(box, c.x, c.y) < bestDistance && ok(box) && !cover.blocks(box)) xs.push(x);
      }
      if (xs.length === 0) continue;
      const span = { x: xs[0]!, y, width: xs[xs.length - 1]! + c.labelWidth - xs[0]!, height: c.labelHeight };
      const band = rowBand(span, y, c.labelHeight, r + g, g);
      const blocked = blockedRow(band, y, c.labelWidth, c.labelHeight, avoidSoft);
      let j = 0;
      for (const x of xs) {
        while (j < blocked.length && blocked[j + 1]! <= x) j += 2;
        if (j < blocked.length && blocked[j]! < x) continue;
        const box = { x, y, width: c.labelWidth, height: c.labelHeight };
        const d = distanceToBox(box, c.x, c.y);
        if (d < bestDistance && freeInBand(box, band, avoidSoft)) {
          best = box;
          bestDistance = d;
        }
      }
    }
    return best;
  };

  const unambiguous = (box: Box, c: ChipToLay): boolean => isUnambiguous(box, c, all, markers, r, g);

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
      // With no soft obstacles the second pass would repeat the first exactly.
      if (soft.length === 0) break;
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
    const dotBox = (i: number): Box => {
      const o = all[i]!;
      return { x: o.x - r, y: o.y - r, width: 2 * r, height: 2 * r };
    };
    // Summed in the order the labels were placed and the markers listed, as a plain loop
    // over all of them would (an overlap of 0 adds nothing), so ties break alike.
    const cost = (box: Box, labels: readonly number[], dots: readonly number[]) => {
      let onLabels = 0;
      for (const i of labels) onLabels += overlapArea(box, placed.box(i));
      let onDots = 0;
      for (const i of dots) onDots += overlapArea(box, dotBox(i));
      return onLabels + 2 * onDots;
    };
    const area = fitRegion(c.region, bounds, c.labelWidth, c.labelHeight) ?? bounds;
    const region = c.region;
    // Mostly in its own zone when the zone can hold that much of it, else at least over it.
    const ok = (box: Box) => !region || (regionHoldsHalf(region, bounds, c) ? mostlyIn(box, region) : boxesOverlap(box, region));
    const first = keepInside(adjacent(c, r, g)[0]!, area);
    let best = first;
    let bestCost = cost(first, placed.near(first, 0), markers.near(first, r));
    let bestDistance = distanceToBox(best, c.x, c.y);
    const consider = (box: Box, k: () => number) => {
      if (!ok(box)) return;
      const cost = k();
      const d = distanceToBox(box, c.x, c.y);
      if (cost < bestCost - 1e-6 || (Math.abs(cost - bestCost) <= 1e-6 && d < bestDistance)) {
        best = box;
        bestCost = cost;
        bestDistance = d;
      }
    };
    for (const candidate of adjacent(c, r, g)) {
      const box = keepInside(candidate, area);
      consider(box, () => cost(box, placed.near(box, 0), markers.near(box, r)));
    }
    const w = c.labelWidth;
    const h = c.labelHeight;
    const stepX = Math.max(2, Math.min(w / 4, 8));
    const stepY = Math.max(2, Math.min(h / 2, 8));
    for (let y = area.y; y + h <= area.y + area.height + 1e-9; y += stepY) {
      // Along the row, only what overlaps the spot's columns counts: a window over the
      // row's labels and markers sorted by left edge, kept in placing order for the sum.
      const band = rowBand(area, y, h, r, 0);
      const labels = new SlidingSet(band.labels, (i) => placed.box(i), y, h);
      const dots = new SlidingSet(band.dots, dotBox, y, h);
      for (let x = area.x; x + w <= area.x + area.width + 1e-9; x += stepX) {
        const box = { x, y, width: w, height: h };
        consider(box, () => cost(box, labels.at(x, w), dots.at(x, w)));
      }
    }
    return best;
  };

  return chips.map((c) => {
    const found = find(c);
    const box = found ?? leastCovered(c);
    placed.insert(box);
    // A label without a line must be right beside its own chip and clearly nearer to it
    // than to any other; at a corner, further away or in a crowd, a line says whose it is.
    const leader = !unambiguous(box, c);
    return { id: c.id, box, leader, overlaps: found === null, strays: c.region !== undefined && !mostlyIn(box, c.region) };
  });
}

/**
 * The boxes of one lattice row that overlap a spot [x, x + w] as x steps rightwards:
 * boxes enter when the spot's right edge passes their left edge and leave once its left
 * edge reaches their right edge. `at` returns them in the order they were given (the
 * placing order), so sums over them come out as a plain loop's would.
 */
class SlidingSet {
  private readonly byLeft: { id: number; left: number; right: number }[];
  private next = 0;
  private readonly active: { id: number; right: number }[] = [];
  private readonly ids: number[] = [];

  constructor(ids: readonly number[], boxOf: (id: number) => Box, y: number, h: number) {
    this.byLeft = [];
    for (const id of ids) {
      const b = boxOf(id);
      // Only boxes that overlap the row at all can ever cover part of a spot in it.
      if (b.y < y + h && y < b.y + b.height) this.byLeft.push({ id, left: b.x, right: b.x + b.width });
    }
    this.byLeft.sort((a, b) => a.left - b.left || a.id - b.id);
  }

  /** Call with x increasing. */
  at(x: number, w: number): readonly number[] {
    let changed = false;
    while (this.next < this.byLeft.length && this.byLeft[this.next]!.left < x + w) {
      const e = this.byLeft[this.next++]!;
      // Keep `active` in id order (insertion: it holds a handful).
      let k = this.active.length;
      this.active.push(e);
      while (k > 0 && this.active[k - 1]!.id > e.id) {
        this.active[k] = this.active[k - 1]!;
        k--;
      }
      this.active[k] = e;
      changed = true;
    }
    let keep = 0;
    for (const e of this.active) if (x < e.right) this.active[keep++] = e;
    if (keep !== this.active.length) {
      this.active.length = keep;
      changed = true;
    }
    if (changed) {
      this.ids.length = 0;
      for (const e of this.active) this.ids.push(e.id);
    }
    return this.ids;
  }
}
