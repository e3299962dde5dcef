import type { Box } from '../../../shared/ops/chipLayout';
import { ZONE_IDS, type ZoneId } from '../../../shared/model/zones';

/**
 * How the four zone names ("High power, low interest · Accountability gap") fit above and
 * below the plot. Each name must stay within its own zone's width, or the two names of a
 * band run into each other at the midline (large text on a laptop screen did exactly
 * that). In order of preference, the first that fits:
 *  1. name and role on one row, full size;
 *  2. name, then role on a second row, full size;
 *  3. two rows, the text a little smaller (never below LEGIBLE_FLOOR of full size, nor 12 px);
 *  4. at that floor, the name and the role each wrapped onto as many rows as they need.
 */

/** One run of text on a row: the zone's name is bold, its role semibold. */
export interface ZoneLabelSegment {
  text: string;
  weight: '700' | '600';
}

export interface ZoneLabelFit {
  /** Font size of every zone label, in stage pixels. */
  size: number;
  /** Rows each band (above and below the plot) needs: the most any zone uses. */
  rows: number;
  lines: Record<ZoneId, ZoneLabelSegment[][]>;
}

/** Smaller than this share of the full size and the labels stop reading as headings. */
export const LEGIBLE_FLOOR = 0.8;
const MIN_PX = 12;

type Measure = (text: string, size: number, weight: '700' | '600') => number;

const lineWidth = (line: ZoneLabelSegment[], size: number, measure: Measure) => line.reduce((w, seg) => w + measure(seg.text, size, seg.weight), 0);

/** Greedy word wrap; a single word wider than the room keeps its own row. */
function wrap(text: string, weight: '700' | '600', size: number, room: number, measure: Measure): ZoneLabelSegment[][] {
  const rows: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = rows.length ? rows[rows.length - 1] : undefined;
    if (last !== undefined && measure(`${last} ${word}`, size, weight) <= room) rows[rows.length - 1] = `${last} ${word}`;
    else rows.push(word);
  }
  return rows.map((t) => [{ text: t, weight }]);
}

/**
 * Choose size and rows for the zone labels.
 * @param room the width a label's text may take (the narrowest zone less the swatch and a gap)
 * @param fullSize the size labels have when they fit (14 px times the text scale)
 */
export function fitZoneLabels(titles: Record<ZoneId, string>, roles: Record<ZoneId, string>, room: number, fullSize: number, measure: Measure): ZoneLabelFit {
  const oneRow = (id: ZoneId): ZoneLabelSegment[][] => [[{ text: titles[id], weight: '700' }, { text: ` · ${roles[id]}`, weight: '600' }]];
  const twoRows = (id: ZoneId): ZoneLabelSegment[][] => [[{ text: titles[id], weight: '700' }], [{ text: roles[id], weight: '600' }]];
  const fits = (make: (id: ZoneId) => ZoneLabelSegment[][], size: number) => ZONE_IDS.every((id) => make(id).every((line) => lineWidth(line, size, measure) <= room));
  const build = (make: (id: ZoneId) => ZoneLabelSegment[][], size: number): ZoneLabelFit => {
    const lines = Object.fromEntries(ZONE_IDS.map((id) => [id, make(id)])) as Record<ZoneId, ZoneLabelSegment[][]>;
    return { size, rows: Math.max(...ZONE_IDS.map((id) => lines[id].length)), lines };
  };

  if (fits(oneRow, fullSize)) return build(oneRow, fullSize);
  const floor = Math.min(fullSize, Math.max(MIN_PX, fullSize * LEGIBLE_FLOOR));
  // Half-pixel steps: the largest size at which every name and role fits on its own row.
  for (let size = fullSize; size >= floor - 1e-9; size -= 0.5) {
    if (fits(twoRows, size)) return build(twoRows, size);
  }
  return build((id) => [...wrap(titles[id], '700', floor, room, measure), ...wrap(roles[id], '600', floor, room, measure)], floor);
}

/** A placed zone label: the swatch, each row's runs with their positions, and the box around it all. */
export interface PlacedZoneLabel {
  id: ZoneId;
  swatch: Box;
  runs: { key: string; text: string; weight: '700' | '600'; x: number; y: number }[];
  box: Box;
}

/**
 * Put each zone's label in its band: the left zones' labels start at the zone's left
 * edge, the right zones' end at its right edge (so the two meet the midline from either
 * side with a gap between), rows right-aligned for the right zones. Upper labels sit
 * on the plot's top edge, lower ones hang from under the tick numbers.
 */
export function placeZoneLabels(
  fit: ZoneLabelFit,
  rects: Record<ZoneId, Box>,
  /** The upper labels end just above `upperBottom`; the lower ones start at `lowerTop`. */
  band: { upperBottom: number; lowerTop: number },
  swatchSize: number,
  gapX: number,
  measure: Measure,
): { labels: PlacedZoneLabel[]; rowH: number } {
  const rowH = fit.size * 1.35;
  const labels = ZONE_IDS.map((id) => {
    const rect = rects[id];
    const left = id.endsWith('_li');
    const y = id.startsWith('hp') ? band.upperBottom - fit.lines[id].length * rowH : band.lowerTop;
    const widths = fit.lines[id].map((line) => lineWidth(line, fit.size, measure));
    const blockW = Math.max(...widths);
    const x = left ? rect.x : rect.x + rect.width - (swatchSize + gapX + blockW);
    const textX = x + swatchSize + gapX;
    const runs = fit.lines[id].flatMap((line, row) => {
      let runX = left ? textX : textX + blockW - widths[row]!;
      return line.map((seg, i) => {
        const run = { key: `${row}-${i}`, text: seg.text, weight: seg.weight, x: runX, y: y + row * rowH };
        runX += measure(seg.text, fit.size, seg.weight);
        return run;
      });
    });
    return {
      id,
      swatch: { x, y: y + (rowH - swatchSize) / 2, width: swatchSize, height: swatchSize },
      runs,
      box: { x, y, width: swatchSize + gapX + blockW, height: fit.lines[id].length * rowH },
    };
  });
  return { labels, rowH };
}
