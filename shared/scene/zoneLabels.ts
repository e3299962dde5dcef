import { ZONE_IDS, type Midline, type ZoneId } from '../model/zones';
import { FULL_VIEW, visibleZoneRects, type PlotFrame, type PxRect, type View } from './frame';

/**
 * Where the four zone titles ("High power, low interest" and its role, "Accountability
 * gap") go, for every picture of a map. Two placements, one module:
 *  - outside the plot (the editor, which needs the plot clear for chips): `fitZoneLabels`
 *    chooses size and rows, `placeZoneLabels` puts them above and below the plot;
 *  - inside the plot, in each zone's outer corner (the compare and over-time grids, and
 *    the exported pictures): `placeZoneTitlesInside`.
 * Text is measured by the caller (canvas measurement on screen, the exports' estimate in
 * shared/export/svgText), so this stays pure.
 */

/** Measures a run of text: its advance width in pixels at `size` and `weight`. */
export type MeasureText = (text: string, size: number, weight: '700' | '600') => number;

/** A box in picture pixels. */
export type Box = PxRect;

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

type Measure = MeasureText;

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

/** A zone title placed inside its zone: the title's box and, when it has room, the role's. */
export interface InsideZoneTitle {
  id: ZoneId;
  /** Font sizes used (the role's is 0 when it is left out). */
  font: { zoneTitle: number; zoneRole: number };
  /** The text drawn, which is the title unless `shorten` had to cut it. */
  text: { title: string; role: string };
  title: Box;
  role: Box | null;
}

export interface InsideZoneTitleOptions {
  /** Full sizes of the title and the role, in pixels. */
  titleSize: number;
  roleSize: number;
  /** Distance from the zone's edges. */
  inset: number;
  /** Leave out the roles (small grids). */
  compact?: boolean;
  /** The window onto the grid (compare zoom); the whole grid by default. */
  view?: View;
  /** Row height as a share of the font size. */
  lineHeight?: number;
  measure: MeasureText;
  /**
   * When given, a zone whose title fits at no size still gets it, cut to the zone's width
   * at the smallest size (a printed picture names every zone); without it such a title is
   * left out (a zoomed-in sliver of a zone on screen).
   */
  shorten?: (text: string, room: number, size: number, weight: '700' | '600') => string;
}

/**
 * Zone titles inside the plot, in each zone's outer corner (away from the midline
 * crossing), rows right-aligned in the right-hand zones. In order of preference, all four
 * at one size: title and role; the title alone; the title a little smaller (0.85, then
 * 0.72 of full size). Zoomed in, a zone may show only a sliver: each then takes what fits it.
 */
export function placeZoneTitlesInside(frame: PlotFrame, midline: Midline, titles: Record<ZoneId, string>, roles: Record<ZoneId, string>, opts: InsideZoneTitleOptions): InsideZoneTitle[] {
  const rects = visibleZoneRects(frame, midline, opts.view ?? FULL_VIEW);
  const lh = opts.lineHeight ?? 1.3;
  const { inset, measure } = opts;
  const tries = [
    { title: opts.titleSize, role: opts.compact ? 0 : opts.roleSize },
    { title: opts.titleSize, role: 0 },
    { title: opts.titleSize * 0.85, role: 0 },
    { title: opts.titleSize * 0.72, role: 0 },
  ];
  const place = (id: ZoneId, sizes: (typeof tries)[number], force = false): InsideZoneTitle | null => {
    const r = rects[id];
    if (!r) return null;
    const left = id.endsWith('_li');
    const top = id.startsWith('hp');
    const room = r.width - 2 * inset;
    const title = force && opts.shorten ? opts.shorten(titles[id], Math.max(0, room), sizes.title, '700') : titles[id];
    const role = sizes.role && force && opts.shorten ? opts.shorten(roles[id], Math.max(0, room), sizes.role, '600') : roles[id];
    const titleH = sizes.title * lh;
    const roleH = sizes.role * lh;
    const titleW = measure(title, sizes.title, '700');
    const roleW = sizes.role ? measure(role, sizes.role, '600') : 0;
    if (!force && (room < Math.max(titleW, roleW) || r.height < titleH + roleH + 2 * inset)) return null;
    const y = top ? r.y + inset : r.y + r.height - inset - titleH - roleH;
    const x = (w: number) => (left ? r.x + inset : r.x + r.width - inset - w);
    return {
      id,
      font: { zoneTitle: sizes.title, zoneRole: sizes.role },
      text: { title, role: sizes.role ? role : '' },
      title: { x: x(titleW), y, width: titleW, height: titleH },
      role: sizes.role ? { x: x(roleW), y: y + titleH, width: roleW, height: roleH } : null,
    };
  };
  const shown = ZONE_IDS.filter((id) => rects[id]);
  const fitsAll = tries.find((sizes) => shown.every((id) => place(id, sizes) !== null));
  const out: InsideZoneTitle[] = [];
  for (const id of shown) {
    const box = fitsAll
      ? place(id, fitsAll)
      : (tries.reduce<InsideZoneTitle | null>((found, sizes) => found ?? place(id, sizes), null) ?? (opts.shorten ? place(id, { title: tries[tries.length - 1]!.title, role: 0 }, true) : null));
    if (box) out.push(box);
  }
  return out;
}
