import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxesOverlap, layoutChipLabels, type Box, type ChipToLay } from '../../../shared/ops/chipLayout';

// Labels in their own zone: a label drawn in another zone tells the room something false.
const bounds = { x: 0, y: 0, width: 600, height: 400 };
const zones = {
  hp_li: { x: 0, y: 0, width: 300, height: 200 },
  hp_hi: { x: 300, y: 0, width: 300, height: 200 },
  lp_li: { x: 0, y: 200, width: 300, height: 200 },
  lp_hi: { x: 300, y: 200, width: 300, height: 200 },
};
const zoneAt = (x: number, y: number): Box => zones[`${y < 200 ? 'hp' : 'lp'}_${x < 300 ? 'li' : 'hi'}`];
const share = (label: Box, zone: Box) => {
  const w = Math.min(label.x + label.width, zone.x + zone.width) - Math.max(label.x, zone.x);
  const h = Math.min(label.y + label.height, zone.y + zone.height) - Math.max(label.y, zone.y);
  return w > 0 && h > 0 ? (w * h) / (label.width * label.height) : 0;
};

describe('layoutChipLabels with zones', () => {
  it('keeps a label beside a chip near the midline inside the chip’s zone, not across it', () => {
    // Police just left of the midline: "beside, to the right" would put its name in high interest.
    const chips: ChipToLay[] = [{ id: 'police', x: 292, y: 60, labelWidth: 90, labelHeight: 24, region: zones.hp_li }];
    const [label] = layoutChipLabels(chips, { markerRadius: 10, bounds, gap: 3 });
    expect(share(label!.box, zones.hp_li)).toBe(1);
    expect(label!.strays).toBe(false);
  });

  it('without a region, the label goes right beside the chip as before', () => {
    const [label] = layoutChipLabels([{ id: 'police', x: 292, y: 60, labelWidth: 90, labelHeight: 24 }], { markerRadius: 10, bounds, gap: 3 });
    expect(label!.box.x).toBeGreaterThan(292);
  });

  it('a dozen chips crowded in one zone: every label mostly in it and none over another', () => {
    const chips: ChipToLay[] = Array.from({ length: 12 }, (_, i) => {
      const x = 40 + (i % 4) * 60;
      const y = 40 + Math.floor(i / 4) * 50;
      return { id: `s${i}`, x, y, labelWidth: 70, labelHeight: 22, region: zoneAt(x, y) };
    });
    const labels = layoutChipLabels(chips, { markerRadius: 10, bounds, gap: 3 });
    for (const l of labels) expect(share(l.box, zones.hp_li)).toBeGreaterThanOrEqual(0.5);
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(boxesOverlap(labels[i]!.box, labels[j]!.box)).toBe(false);
  });

  it('property: on a roomy grid every label lies mostly in its own chip’s zone, and the layout is deterministic', () => {
    const chip = fc.record({ x: fc.integer({ min: 5, max: 595 }), y: fc.integer({ min: 5, max: 395 }), w: fc.integer({ min: 30, max: 110 }) });
    fc.assert(
      fc.property(fc.array(chip, { minLength: 1, maxLength: 10 }), (raw) => {
        const chips: ChipToLay[] = raw.map((c, i) => ({ id: `c${i}`, x: c.x, y: c.y, labelWidth: c.w, labelHeight: 22, region: zoneAt(c.x, c.y) }));
        const labels = layoutChipLabels(chips, { markerRadius: 9, bounds, gap: 2 });
        labels.forEach((l, i) => expect(l.strays || share(l.box, chips[i]!.region!) >= 0.5).toBe(true));
        labels.forEach((l, i) => expect(share(l.box, chips[i]!.region!)).toBeGreaterThan(0));
        expect(layoutChipLabels(chips, { markerRadius: 9, bounds, gap: 2 })).toEqual(labels);
      }),
      { numRuns: 200, seed: 1303 },
    );
  });
});
