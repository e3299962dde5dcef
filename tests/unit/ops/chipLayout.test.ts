import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boxesOverlap, boxHitsCircle, layoutChipLabels, type Box, type ChipLabel, type ChipToLay } from '../../../shared/ops/chipLayout';

const bounds = { x: 0, y: 0, width: 1000, height: 700 };

/** Distance from a chip's centre to the nearest point of a label box. */
function distance(b: Box, c: { x: number; y: number }): number {
  return Math.hypot(Math.max(b.x - c.x, 0, c.x - (b.x + b.width)), Math.max(b.y - c.y, 0, c.y - (b.y + b.height)));
}
const R = 9;

/** Every problem a reader of the map would see: names covered by names, names covering chips, names off the grid. */
function problems(chips: readonly ChipToLay[], labels: readonly ChipLabel[]): string[] {
  const found: string[] = [];
  labels.forEach((a, i) => {
    labels.slice(i + 1).forEach((b) => {
      if (boxesOverlap(a.box, b.box)) found.push(`label ${a.id} overlaps label ${b.id}`);
    });
    for (const c of chips) if (boxHitsCircle(a.box, c.x, c.y, R)) found.push(`label ${a.id} covers chip ${c.id}`);
    const b = a.box;
    if (b.x < bounds.x - 1e-9 || b.y < bounds.y - 1e-9 || b.x + b.width > bounds.width + 1e-9 || b.y + b.height > bounds.height + 1e-9)
      found.push(`label ${a.id} leaves the grid`);
  });
  return found;
}

describe('layoutChipLabels', () => {
  it('puts a lone label right beside its chip, with no leader line', () => {
    const [label] = layoutChipLabels([{ id: 'police', x: 200, y: 100, labelWidth: 60, labelHeight: 22 }], { markerRadius: R, bounds });
    expect(label).toMatchObject({ id: 'police', leader: false, overlaps: false });
    expect(label!.box.x).toBeGreaterThan(200 + R);
    expect(label!.box.x).toBeLessThan(200 + R + 6);
    expect(label!.box.y + 11).toBeCloseTo(100);
  });

  it('flips a label inside the grid at the right edge', () => {
    const [label] = layoutChipLabels([{ id: 'asha', x: 995, y: 300, labelWidth: 80, labelHeight: 22 }], { markerRadius: R, bounds });
    expect(label!.box.x + label!.box.width).toBeLessThanOrEqual(1000);
    expect(label!.box.x + label!.box.width).toBeLessThan(995);
  });

  it('separates the labels of chips placed on exactly the same spot and draws leader lines', () => {
    const chips = ['police', 'gram-panchayat', 'bdo', 'wdo', 'social-welfare', 'vlcpc'].map((id) => ({ id, x: 150, y: 90, labelWidth: 110, labelHeight: 24 }));
    const labels = layoutChipLabels(chips, { markerRadius: R, bounds });
    expect(problems(chips, labels)).toEqual([]);
    expect(labels.filter((l) => l.leader).length).toBeGreaterThan(0);
  });

  it('keeps labels off soft obstacles (zone titles) when there is room', () => {
    const title = { x: 100, y: 80, width: 200, height: 40 };
    const [label] = layoutChipLabels([{ id: 'bdo', x: 90, y: 100, labelWidth: 60, labelHeight: 22 }], { markerRadius: R, bounds, softObstacles: [title] });
    expect(boxesOverlap(label!.box, title)).toBe(false);
  });

  it('is deterministic', () => {
    const chips = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, x: 300 + (i % 3) * 5, y: 200 + i * 3, labelWidth: 70, labelHeight: 22 }));
    expect(layoutChipLabels(chips, { markerRadius: R, bounds })).toEqual(layoutChipLabels(chips, { markerRadius: R, bounds }));
  });

  it('with no free room anywhere, a label covers as little as it can instead of landing on a neighbour', () => {
    // Room for about four of these names in a strip this small; the last two must overlap something.
    const strip = { x: 0, y: 0, width: 300, height: 70 };
    const chips = [30, 80, 130, 180, 230, 280].map((x, i) => ({ id: `s${i}`, x, y: 35, labelWidth: 120, labelHeight: 22 }));
    const labels = layoutChipLabels(chips, { markerRadius: R, bounds: strip, gap: 2 });
    expect(labels.some((l) => l.overlaps)).toBe(true);
    const area = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
    for (const [i, a] of labels.entries()) {
      for (const b of labels.slice(i + 1)) {
        // every name keeps most of itself visible
        expect(area(a.box, b.box) / (a.box.width * a.box.height), `${a.id} under ${b.id}`).toBeLessThan(0.5);
      }
    }
  });

  it('never lets a name hide another name or a chip, however crowded (property)', () => {
    const chip = fc.record({
      // crowd the chips into one corner of the grid, as groups do with the accountability gap
      x: fc.integer({ min: 0, max: 260 }),
      y: fc.integer({ min: 0, max: 200 }),
      labelWidth: fc.integer({ min: 30, max: 170 }),
      labelHeight: fc.integer({ min: 18, max: 30 }),
    });
    fc.assert(
      fc.property(fc.array(chip, { minLength: 1, maxLength: 40 }), (raw) => {
        const chips = raw.map((c, i) => ({ ...c, id: `s${i}` }));
        const labels = layoutChipLabels(chips, { markerRadius: R, bounds, gap: 2 });
        expect(labels.map((l) => l.id)).toEqual(chips.map((c) => c.id));
        expect(labels.every((l) => !l.overlaps)).toBe(true);
        expect(problems(chips, labels)).toEqual([]);
        // a label with no leader line is nearer its own chip than any other chip
        for (const [i, l] of labels.entries()) {
          if (l.leader) continue;
          const own = distance(l.box, chips[i]!);
          for (const other of chips) if (other !== chips[i]) expect(distance(l.box, other), `${l.id} vs ${other.id}`).toBeGreaterThan(own);
        }
      }),
      { numRuns: 60 },
    );
  });
});
