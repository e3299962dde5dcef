import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxesOverlap, boxHitsCircle, layoutChipLabels, relayoutChipLabels, type Box, type ChipLabel, type ChipLayoutOptions, type ChipToLay } from '../../../shared/ops/chipLayout';
import { DiscCover, GridIndex } from '../../../shared/ops/spatialIndex';

// The spatial index and the incremental layout after a drop, checked against plain loops
// over every marker and label: whatever the index skips, the guarantees must still hold.

const bounds = { x: 0, y: 0, width: 600, height: 400 };
const zones = {
  hp_li: { x: 0, y: 0, width: 300, height: 200 },
  hp_hi: { x: 300, y: 0, width: 300, height: 200 },
  lp_li: { x: 0, y: 200, width: 300, height: 200 },
  lp_hi: { x: 300, y: 200, width: 300, height: 200 },
};
const zoneAt = (x: number, y: number): Box => zones[`${y < 200 ? 'hp' : 'lp'}_${x < 300 ? 'li' : 'hi'}`];
const R = 9;
const GAP = 2;
const options: ChipLayoutOptions = { markerRadius: R, bounds, gap: GAP };

const area = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
const distance = (b: Box, x: number, y: number) => Math.hypot(Math.max(b.x - x, 0, x - (b.x + b.width)), Math.max(b.y - y, 0, y - (b.y + b.height)));
const reading = (b: Box, x: number, y: number) => Math.hypot(Math.max(b.x - x, 0, x - (b.x + b.width)), 2 * Math.max(b.y - y, 0, y - (b.y + b.height)));

/** The rule for a label without a leader line, by a loop over every marker. */
function unambiguous(box: Box, c: ChipToLay, chips: readonly ChipToLay[]): boolean {
  if (distance(box, c.x, c.y) > R + GAP + 1) return false;
  const own = reading(box, c.x, c.y);
  return chips.every((o) => o === c || reading(box, o.x, o.y) >= own + 2 * R);
}

/** Every broken guarantee, found by brute force over all pairs. */
function problems(chips: readonly ChipToLay[], labels: readonly ChipLabel[]): string[] {
  const found: string[] = [];
  expect(labels.map((l) => l.id)).toEqual(chips.map((c) => c.id));
  labels.forEach((l, i) => {
    const c = chips[i]!;
    const b = l.box;
    if (b.x < bounds.x - 1e-9 || b.y < bounds.y - 1e-9 || b.x + b.width > bounds.x + bounds.width + 1e-9 || b.y + b.height > bounds.y + bounds.height + 1e-9) found.push(`${l.id} leaves the grid`);
    if (b.width !== c.labelWidth || b.height !== c.labelHeight) found.push(`${l.id} has the wrong size`);
    if (area(b, c.region!) <= 0) found.push(`${l.id} does not touch its zone`);
    if (l.strays !== area(b, c.region!) * 2 < b.width * b.height - 1e-6) found.push(`${l.id} strays flag is wrong`);
    if (l.leader !== !unambiguous(b, c, chips)) found.push(`${l.id} leader flag is wrong`);
    if (l.overlaps) return;
    // A label that found free room covers no marker and no other label that did.
    for (const o of chips) if (boxHitsCircle(b, o.x, o.y, R + GAP)) found.push(`${l.id} covers chip ${o.id}`);
    labels.forEach((m, j) => {
      if (j > i && !m.overlaps && boxesOverlap(b, m.box, GAP)) found.push(`${l.id} overlaps ${m.id}`);
    });
  });
  return found;
}

const chipArb = fc.record({ x: fc.integer({ min: 4, max: 596 }), y: fc.integer({ min: 4, max: 396 }), w: fc.integer({ min: 30, max: 110 }) });
const toChips = (raw: { x: number; y: number; w: number }[]): ChipToLay[] => raw.map((c, i) => ({ id: `c${i}`, x: c.x, y: c.y, labelWidth: c.w, labelHeight: 20, region: zoneAt(c.x, c.y) }));
const moved = (chips: ChipToLay[], i: number, x: number, y: number): ChipToLay[] => chips.map((c, k) => (k === i ? { ...c, x, y, region: zoneAt(x, y) } : c));

describe('GridIndex', () => {
  it('finds every box a plain loop finds, each once and in insertion order (property)', () => {
    const box = fc.record({ x: fc.integer({ min: -50, max: 500 }), y: fc.integer({ min: -50, max: 500 }), width: fc.integer({ min: 0, max: 120 }), height: fc.integer({ min: 0, max: 40 }) });
    fc.assert(
      fc.property(fc.array(box, { maxLength: 120 }), box, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 5, max: 90 }), (boxes, query, pad, cell) => {
        const index = new GridIndex(cell);
        boxes.forEach((b) => index.insert(b));
        const near = index.near(query, pad);
        expect(new Set(near).size).toBe(near.length);
        expect([...near].sort((a, b) => a - b)).toEqual(near);
        // A box closer than `pad` (as boxesOverlap counts it) must be among them.
        boxes.forEach((b, i) => {
          if (boxesOverlap(b, query, pad)) expect(near).toContain(i);
        });
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});

describe('DiscCover', () => {
  it('says a box surely hits a marker only when the exact test agrees (property)', () => {
    const point = fc.record({ x: fc.double({ min: 0, max: 300, noNaN: true }), y: fc.double({ min: 0, max: 200, noNaN: true }) });
    const box = fc.record({ x: fc.double({ min: -20, max: 300, noNaN: true }), y: fc.double({ min: -20, max: 200, noNaN: true }), width: fc.double({ min: 0, max: 120, noNaN: true }), height: fc.double({ min: 0, max: 40, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), fc.array(box, { minLength: 1, maxLength: 40 }), fc.double({ min: 1, max: 20, noNaN: true }), (points, boxes, radius) => {
        const cover = new DiscCover(points, radius, { x: 0, y: 0, width: 300, height: 200 });
        for (const b of boxes) if (cover.blocks(b)) expect(points.some((p) => boxHitsCircle(b, p.x, p.y, radius))).toBe(true);
      }),
      { numRuns: 300, seed: 1404 },
    );
  });
});

describe('layoutChipLabels on large maps (spatial index)', () => {
  it('keeps every guarantee on crowded maps of 100–160 chips, deterministically (property)', () => {
    fc.assert(
      fc.property(fc.array(chipArb, { minLength: 100, maxLength: 160 }), (raw) => {
        const chips = toChips(raw);
        const labels = layoutChipLabels(chips, options);
        expect(problems(chips, labels)).toEqual([]);
        expect(layoutChipLabels(chips, options)).toEqual(labels);
      }),
      { numRuns: 6, seed: 1401 },
    );
  });
});

describe('relayoutChipLabels (after a drop or a nudge)', () => {
  it('on a map of up to 80 chips gives exactly the full layout', () => {
    fc.assert(
      fc.property(fc.array(chipArb, { minLength: 2, maxLength: 60 }), fc.nat(), chipArb, (raw, pick, to) => {
        const chips = toChips(raw);
        const before = { chips, options, labels: layoutChipLabels(chips, options) };
        const next = moved(chips, pick % chips.length, to.x, to.y);
        expect(relayoutChipLabels(before, next, options)).toEqual(layoutChipLabels(next, options));
      }),
      { numRuns: 30, seed: 1402 },
    );
  });

  it('without a change returns the same labels; with a new frame lays out afresh', () => {
    const chips = toChips(Array.from({ length: 120 }, (_, i) => ({ x: 10 + ((i * 37) % 580), y: 10 + ((i * 53) % 380), w: 40 + (i % 5) * 15 })));
    const labels = layoutChipLabels(chips, options);
    expect(relayoutChipLabels({ chips, options, labels }, chips.map((c) => ({ ...c })), options)).toEqual(labels);
    const wider = { ...options, bounds: { ...bounds, width: 590 } };
    expect(relayoutChipLabels({ chips, options, labels }, chips, wider)).toEqual(layoutChipLabels(chips, wider));
  });

  it('after a chain of moves on a crowded map, keeps every guarantee and leaves far labels where they were (property)', () => {
    fc.assert(
      fc.property(fc.array(chipArb, { minLength: 90, maxLength: 140 }), fc.array(fc.tuple(fc.nat(), chipArb), { minLength: 1, maxLength: 4 }), (raw, moves) => {
        let chips = toChips(raw);
        let labels = layoutChipLabels(chips, options);
        for (const [pick, to] of moves) {
          const i = pick % chips.length;
          const from = chips[i]!;
          const oldBox = labels[i]!.box;
          const next = moved(chips, i, to.x, to.y);
          const after = relayoutChipLabels({ chips, options, labels }, next, options);
          expect(problems(next, after)).toEqual([]);
          // Far from where the chip was and where it went, nothing moves.
          const far = (b: Box, c: ChipToLay) =>
            [
              { x: from.x, y: from.y, width: 0, height: 0 },
              { x: to.x, y: to.y, width: 0, height: 0 },
              oldBox,
            ].every((d) => !boxesOverlap(b, d, 120) && !boxesOverlap({ x: c.x, y: c.y, width: 0, height: 0 }, d, 120));
          next.forEach((c, k) => {
            if (k !== i && far(labels[k]!.box, c)) expect(after[k]!.box, c.id).toEqual(labels[k]!.box);
          });
          chips = next;
          labels = after;
        }
      }),
      { numRuns: 6, seed: 1403 },
    );
  });

  it('takes a chip off the map and puts one on', () => {
    const chips = toChips(Array.from({ length: 100 }, (_, i) => ({ x: 10 + ((i * 41) % 580), y: 10 + ((i * 59) % 380), w: 40 + (i % 4) * 20 })));
    const labels = layoutChipLabels(chips, options);
    const fewer = chips.filter((_, i) => i !== 7);
    const afterRemove = relayoutChipLabels({ chips, options, labels }, fewer, options);
    expect(problems(fewer, afterRemove)).toEqual([]);
    const more = [...fewer, { id: 'new', x: 300, y: 200, labelWidth: 70, labelHeight: 20, region: zoneAt(300, 200) }];
    const afterAdd = relayoutChipLabels({ chips: fewer, options, labels: afterRemove }, more, options);
    expect(problems(more, afterAdd)).toEqual([]);
  });
});
