import type { Placement } from '../model/session';
import { stakeholderLabel, type Language } from '../model/stakeholder';
import type { GridStudy } from '../model/study';
import { zoneOf, type ZoneId } from '../model/zones';
import { relayoutChipLabels, type Box, type ChipLayoutResult, type ChipToLay } from '../ops/chipLayout';
import { fitAxisWording, type AxisWordingFit } from './axisWording';
import { AXIS_ROW, interestToX, plotFrame, toPixels, zoneRects, type AxisRows, type PlotFrame } from './frame';
import { fitZoneLabels, placeZoneLabels, type PlacedZoneLabel } from './zoneLabels';

/**
 * One session's map as drawing primitives, for every picture of it: the editor's and the
 * audience's Konva canvas and the exported SVG (and so the PNG and PDF made from it) draw
 * these and nothing else of their own, so a chip, its label and a zone title sit at the
 * same coordinates on screen and in a file. Pure: the text measure is passed in (the one
 * measure both use is `mapTextWidth`, textMeasure.ts).
 */

/** Which part of a stakeholder's chip: the agreed position or the minority (alternate) one. */
export type ChipPart = 'main' | 'alt';

/** What the map draws of a placement. */
export type MapPlacement = Pick<Placement, 'status' | 'position' | 'contested' | 'alt'>;

/** The map's wording in the picture's language. */
export interface MapSceneText {
  zoneTitle: Record<ZoneId, string>;
  zoneRole: Record<ZoneId, string>;
  low: string;
  high: string;
  minority: (label: string) => string;
}

/** Width in pixels of a run of text at a size and a Konva-style `fontStyle` ("600", "italic 600", "700"). */
export type SceneMeasure = (text: string, fontSize: number, fontStyle?: string) => number;

export interface MapSceneInput {
  study: GridStudy;
  session: { placements: Readonly<Record<string, MapPlacement>> };
  /** Language of the stakeholders' short labels. */
  language: Language;
  text: MapSceneText;
  /** The picture's size in pixels (the stage on screen). */
  width: number;
  height: number;
  /** Text scale times zoom: 1 is normal text at 100 %. */
  scale: number;
  measure: SceneMeasure;
}

export interface SceneChip {
  /** The stakeholder id, `<id>::alt` for the minority chip. */
  key: string;
  id: string;
  part: ChipPart;
  label: string;
  /** Where the marker's centre is. */
  x: number;
  y: number;
  contested: boolean;
  /** The zone the chip's position lies in: its label is drawn in (or at least over) it. */
  zone: ZoneId;
  /** The label's box; its text starts `look.padX` inside the box, centred on its height. */
  box: Box;
  /** A leader line runs from the marker to the nearest point of the box. */
  leader: boolean;
}

/** What every chip is drawn with; one object per scale, so unchanged chips skip rendering on screen. */
export interface ChipLook {
  /** Marker radius. */
  r: number;
  s: number;
  chipFont: number;
  padX: number;
}

export interface MapScene {
  width: number;
  height: number;
  frame: PlotFrame;
  look: ChipLook;
  /** The label layout and its input, which the next scene's incremental layout starts from. */
  layout: ChipLayoutResult;
  s: number;
  font: { chip: number; zoneTitle: number; tick: number; axis: number };
  r: number;
  labelH: number;
  padX: number;
  /** Zone rectangles and their titles outside the plot (swatch, runs of text, box). */
  zones: (PlacedZoneLabel & { rect: Box })[];
  /** Zone title size (at most font.zoneTitle: it shrinks a little when names do not fit) and row height. */
  zoneFont: number;
  zoneRowH: number;
  /** Top of the interest axis wording, under the lower zones' names. */
  axisY: number;
  /** Left of the (rotated) power axis wording. */
  axisX: number;
  /** Height of one row of axis wording. */
  axisRowH: number;
  /** How each axis's wording fits (one row or two, the title's size, cut or whole). */
  axes: { power: AxisWordingFit; interest: AxisWordingFit };
  chips: SceneChip[];
  links: { key: string; from: { x: number; y: number }; to: { x: number; y: number } }[];
}

/**
 * Build the map's scene. `previous`: the scene drawn before, on screen. After an edit of a
 * placement (a drop, an arrow key) only the labels near the change are laid out again
 * (relayoutChipLabels), and chips whose drawing did not change keep their objects, so
 * React and Konva skip them. Without it (a map as opened, every export) the layout is a
 * fresh full one; up to 80 chips the two are identical, above that an incrementally
 * re-laid-out screen may differ from a fresh export until the map is opened again.
 */
export function buildMapScene(input: MapSceneInput, previous: MapScene | null = null): MapScene {
  const { study, session, language, text, width, height, measure } = input;
  const s = input.scale;
  const font = { chip: 15 * s, zoneTitle: 14 * s, tick: 12 * s, axis: 14 * s };
  const r = 8 * s;
  const padX = 6 * s;
  const labelH = Math.round(font.chip * 1.4);

  // Zone names sit just outside the plot, above the upper zones and below the lower
  // ones: inside, they would lie under exactly the chips that matter most (the police
  // in the far corner of high power and no interest). zoneLabels.ts decides whether a
  // name and its role share a row, take two, shrink a little or wrap.
  const swatch = Math.round(font.zoneTitle * 0.8);
  const gapX = 6 * s;
  // The zone names' rows and the axis wordings' rows each take room from the plot, and
  // the room left decides whether they fit: settle both (two passes suffice in practice;
  // a third would only repeat the second).
  let axisRows: AxisRows = { power: 1, interest: 1 };
  let fit = fitZoneLabels(text.zoneTitle, text.zoneRole, 0, font.zoneTitle, measure);
  let frame = plotFrame(width, height, s, 1, axisRows);
  let powerFit = fitAxisWording(study.axes.power, text.low, text.high, frame.height, font.axis, measure);
  let interestFit = fitAxisWording(study.axes.interest, text.low, text.high, frame.width, font.axis, measure);
  for (let pass = 0; pass < 3; pass++) {
    const wide = plotFrame(width, height, s, 1, axisRows);
    const narrowest = Math.min(interestToX(study.midline.interest, wide) - wide.left, wide.left + wide.width - interestToX(study.midline.interest, wide));
    fit = fitZoneLabels(text.zoneTitle, text.zoneRole, narrowest - 8 * s - swatch - gapX, font.zoneTitle, measure);
    frame = fit.rows === 1 ? wide : plotFrame(width, height, s, fit.rows, axisRows);
    powerFit = fitAxisWording(study.axes.power, text.low, text.high, frame.height, font.axis, measure);
    interestFit = fitAxisWording(study.axes.interest, text.low, text.high, frame.width, font.axis, measure);
    if (powerFit.rows === axisRows.power && interestFit.rows === axisRows.interest) break;
    axisRows = { power: powerFit.rows, interest: interestFit.rows };
  }
  const lowerTop = frame.top + frame.height + 5 * s + font.tick * 1.35 + 3 * s;
  const rects = zoneRects(frame, study.midline);
  const { labels: zoneLabels, rowH } = placeZoneLabels(fit, rects, { upperBottom: frame.top - 6 * s, lowerTop }, swatch, gapX, measure);
  const lowerRows = Math.max(...zoneLabels.filter((z) => z.id.startsWith('lp')).map((z) => z.box.height / rowH));
  const zones = zoneLabels.map((label) => ({ ...label, rect: rects[label.id] }));

  type Model = Omit<SceneChip, 'box' | 'leader'>;
  const models: Model[] = [];
  const alts: Model[] = [];
  const links: MapScene['links'] = [];
  for (const st of study.stakeholders) {
    const p = session.placements[st.id];
    if (!p || p.status !== 'placed' || !p.position) continue;
    const label = stakeholderLabel(st, language).short;
    const at = toPixels(p.position, frame);
    models.push({ key: st.id, id: st.id, part: 'main', label, x: at.x, y: at.y, contested: p.contested, zone: zoneOf(p.position, study.midline) });
    if (p.contested && p.alt) {
      const alt = toPixels(p.alt, frame);
      alts.push({ key: `${st.id}::alt`, id: st.id, part: 'alt', label: text.minority(label), x: alt.x, y: alt.y, contested: true, zone: zoneOf(p.alt, study.midline) });
      links.push({ key: st.id, from: at, to: alt });
    }
  }
  const all = [...models, ...alts];
  // Measuring thousands of labels again after every drop is wasted: the same words in the
  // same font are as wide as last time.
  const widths = new Map<string, number>();
  if (previous && previous.font.chip === font.chip && previous.padX === padX) {
    previous.chips.forEach((c, i) => widths.set(`${c.part}\u0000${c.label}`, previous.layout.chips[i]!.labelWidth));
  }
  const widthOf = (m: Model) => widths.get(`${m.part}\u0000${m.label}`) ?? Math.ceil(measure(m.label, font.chip, chipFontStyle(m.part)) + 2 * padX);
  const lay: ChipToLay[] = all.map((m) => ({
    id: m.key,
    x: m.x,
    y: m.y,
    labelWidth: widthOf(m),
    labelHeight: labelH,
    // A label in another zone would tell the room something false ("Politicians" drawn in
    // low power, low interest): the layout keeps each label in, or at least over, its zone.
    region: rects[m.zone],
  }));
  const options = {
    markerRadius: r + 2 * s,
    bounds: { x: frame.left + 2, y: frame.top + 2, width: frame.width - 4, height: frame.height - 4 },
    gap: 3 * s,
  };
  const labels = relayoutChipLabels(previous?.layout ?? null, lay, options);
  const before = new Map(previous?.chips.map((c) => [c.key, c]));
  const chips = all.map((m, i): SceneChip => {
    const next = { ...m, box: labels[i]!.box, leader: labels[i]!.leader };
    const old = before.get(m.key);
    return old && sameChip(old, next) ? old : next;
  });
  const look = previous && previous.look.s === s && previous.look.r === r && previous.look.chipFont === font.chip && previous.look.padX === padX ? previous.look : { r, s, chipFont: font.chip, padX };
  const axisTitleH = font.axis * 1.4;
  return {
    width,
    height,
    frame,
    look,
    layout: { chips: lay, options, labels },
    s,
    font,
    r,
    labelH,
    padX,
    zones,
    zoneFont: fit.size,
    zoneRowH: rowH,
    chips,
    links,
    axisY: lowerTop + lowerRows * rowH + 4 * s,
    axisX: frame.left - font.tick * 2.6 - axisTitleH - (powerFit.rows - 1) * AXIS_ROW * s,
    axisRowH: AXIS_ROW * s,
    axes: { power: powerFit, interest: interestFit },
  };
}

/** A chip label's weight and slant: semibold, the minority chip's also italic. */
export function chipFontStyle(part: ChipPart): string {
  return part === 'alt' ? 'italic 600' : '600';
}

function sameChip(a: SceneChip, b: SceneChip): boolean {
  return (
    a.id === b.id &&
    a.part === b.part &&
    a.label === b.label &&
    a.x === b.x &&
    a.y === b.y &&
    a.contested === b.contested &&
    a.zone === b.zone &&
    a.leader === b.leader &&
    a.box.x === b.box.x &&
    a.box.y === b.box.y &&
    a.box.width === b.box.width &&
    a.box.height === b.box.height
  );
}

/** The nearest point of a box to a point: where a leader line meets its label. */
export function nearestOnBox(b: Box, x: number, y: number): { x: number; y: number } {
  return { x: Math.max(b.x, Math.min(x, b.x + b.width)), y: Math.max(b.y, Math.min(y, b.y + b.height)) };
}

/** The map's ink, shared by the screen and the export: chips and midlines, tick numbers, the plot's border. */
export const MAP_INK = { ink: '#1f2328', muted: '#57606a', border: '#6e7781' } as const;

/** A row of axis wording in its axis's own coordinates (before the axis's rotation). */
export interface AxisRow {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  weight: '700' | '600';
  align: 'left' | 'center' | 'right';
  /** Cut with an ellipsis if wider than `width` (the title; the ends always fit). */
  ellipsis: boolean;
}

/**
 * The arrow beside "low" or "high", from `x1` to `x2` (the head at `x2`) on the line `y`,
 * in the axis's coordinates. A drawn shape rather than the characters ← and →: the
 * bundled faces have no left or right arrow, so as text it would come from whatever font
 * a machine has (and a printed file would embed it).
 */
export interface AxisArrow {
  x1: number;
  x2: number;
  y: number;
  head: number;
  stroke: number;
}

/**
 * One axis's wording, placed. On one row: "← Low", the title, "High →". On two (a title
 * too long to share the row): the ends on the row next to the plot, the title whole on the
 * row beyond it. Rows are in the axis's coordinates: origin `at`, then rotated by
 * `rotation` degrees (the power axis runs up the left side, so its local y grows towards
 * the plot and the title rows come first). Each row's text is `size` high from its `y`.
 */
export function axisWordingRows(scene: MapScene, axis: 'power' | 'interest', text: Pick<MapSceneText, 'low' | 'high'>, measure: SceneMeasure): { at: { x: number; y: number }; rotation: number; rows: AxisRow[]; arrows: AxisArrow[] } {
  const f = scene.frame;
  const fit = scene.axes[axis];
  const size = scene.font.axis;
  const rowH = scene.axisRowH;
  const outerFirst = axis === 'power';
  const length = axis === 'power' ? f.height : f.width;
  const titleRows = fit.rows - 1;
  // Rows from the plot outwards: the ends first, then the title's lines.
  const endsY = outerFirst ? titleRows * rowH : 0;
  const lineY = (i: number) => (fit.rows === 1 ? 0 : outerFirst ? i * rowH : (i + 1) * rowH);
  const titleX = fit.rows === 1 ? fit.endsWidth / 2 : size / 2;
  const titleW = fit.rows === 1 ? Math.max(10, length - fit.endsWidth) : length - size;
  // The arrow takes the room fitAxisWording measured for "← " and " →".
  const arrowW = measure('←', size, '700');
  const gap = measure(' ', size, '700');
  const mid = endsY + size / 2;
  const arrow = (x1: number, x2: number): AxisArrow => ({ x1, x2, y: mid, head: size * 0.3, stroke: Math.max(1, size * 0.11) });
  const rows: AxisRow[] = [
    { text: text.low, x: arrowW + gap, y: endsY, width: length - arrowW - gap, size, weight: '700', align: 'left', ellipsis: false },
    ...fit.lines.map((line, i): AxisRow => ({ text: line, x: titleX, y: lineY(i) + (size - fit.titleSize) / 2, width: titleW, size: fit.titleSize, weight: '600', align: 'center', ellipsis: true })),
    { text: text.high, x: 0, y: endsY, width: length - arrowW - gap, size, weight: '700', align: 'right', ellipsis: false },
  ];
  const arrows = [arrow(arrowW, size * 0.08), arrow(length - arrowW, length - size * 0.08)];
  return axis === 'power' ? { at: { x: scene.axisX, y: f.top + f.height }, rotation: -90, rows, arrows } : { at: { x: f.left, y: scene.axisY }, rotation: 0, rows, arrows };
}
