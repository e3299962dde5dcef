import { memo } from 'react';
import { Group, Layer, Line, Rect, Text } from 'react-konva';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import { AXIS_MAX, AXIS_MIN } from '../../../shared/model/position';
import type { Study } from '../../../shared/model/study';
import { ZONE_IDS, type ZoneId } from '../../../shared/model/zones';
import { CANVAS_FONT_FAMILY, measureText } from '../editor/canvasText';
import type { PlotFrame } from '../editor/geometry';
import { FULL_VIEW, ticksFor, viewToPixels, type View } from './viewport';

/** Words drawn on the grid, translated by the caller. */
export interface GridText {
  zoneTitle: Record<ZoneId, string>;
  zoneRole: Record<ZoneId, string>;
  low: string;
  high: string;
}

const INK = '#1f2328';
const MUTED = '#57606a';

type PxRect = { x: number; y: number; width: number; height: number };

/** The visible part of each zone, in stage pixels (null when the window does not show it). */
export function visibleZoneRects(f: PlotFrame, midline: Study['midline'], view: View): Record<ZoneId, PxRect | null> {
  const domain: Record<ZoneId, { i: [number, number]; p: [number, number] }> = {
    hp_hi: { i: [midline.interest, AXIS_MAX], p: [midline.power, AXIS_MAX] },
    hp_li: { i: [AXIS_MIN, midline.interest], p: [midline.power, AXIS_MAX] },
    lp_hi: { i: [midline.interest, AXIS_MAX], p: [AXIS_MIN, midline.power] },
    lp_li: { i: [AXIS_MIN, midline.interest], p: [AXIS_MIN, midline.power] },
  };
  const out = {} as Record<ZoneId, PxRect | null>;
  for (const id of ZONE_IDS) {
    const i0 = Math.max(domain[id].i[0], view.interest0);
    const i1 = Math.min(domain[id].i[1], view.interest0 + view.span);
    const p0 = Math.max(domain[id].p[0], view.power0);
    const p1 = Math.min(domain[id].p[1], view.power0 + view.span);
    if (i1 <= i0 || p1 <= p0) {
      out[id] = null;
      continue;
    }
    const a = viewToPixels({ interest: i0, power: p1 }, f, view);
    const b = viewToPixels({ interest: i1, power: p0 }, f, view);
    out[id] = { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
  }
  return out;
}

/**
 * Where each zone's title and role are drawn (in the visible part of the zone, when it has
 * room for them), so labels can keep clear of them.
 */
export function zoneTitleBoxes(f: PlotFrame, midline: Study['midline'], text: GridText, s: number, compact = false, view: View = FULL_VIEW) {
  const font = { zoneTitle: 13 * s, zoneRole: 12 * s };
  const rects = visibleZoneRects(f, midline, view);
  const inset = 8 * s;
  const out: Array<{ id: ZoneId; font: typeof font; title: PxRect; role: PxRect | null }> = [];
  // The titles and their roles when they fit; else the titles alone; else the titles a
  // little smaller (large text on a small grid): the zones keep their names wherever there
  // is room, all four at one size.
  const tries = [
    { title: font.zoneTitle, role: compact ? 0 : font.zoneRole },
    { title: font.zoneTitle, role: 0 },
    { title: font.zoneTitle * 0.85, role: 0 },
    { title: font.zoneTitle * 0.72, role: 0 },
  ];
  const place = (id: ZoneId, sizes: (typeof tries)[number]) => {
    const r = rects[id];
    if (!r) return null;
    const left = id.endsWith('_li');
    const top = id.startsWith('hp');
    const titleH = sizes.title * 1.3;
    const roleH = sizes.role * 1.3;
    const titleW = measureText(text.zoneTitle[id], sizes.title, '700');
    const roleW = sizes.role ? measureText(text.zoneRole[id], sizes.role, '600') : 0;
    if (r.width < Math.max(titleW, roleW) + 2 * inset || r.height < titleH + roleH + 2 * inset) return null;
    const y = top ? r.y + inset : r.y + r.height - inset - titleH - roleH;
    const x = (w: number) => (left ? r.x + inset : r.x + r.width - inset - w);
    return {
      id,
      font: { zoneTitle: sizes.title, zoneRole: sizes.role },
      title: { x: x(titleW), y, width: titleW, height: titleH },
      role: sizes.role ? { x: x(roleW), y: y + titleH, width: roleW, height: roleH } : null,
    };
  };
  const shown = ZONE_IDS.filter((id) => rects[id]);
  const fitsAll = tries.find((sizes) => shown.every((id) => place(id, sizes) !== null));
  for (const id of shown) {
    // Zoomed in, a zone may have only a sliver in the window: each then takes what fits it.
    const box = fitsAll ? place(id, fitsAll) : tries.reduce<ReturnType<typeof place>>((found, sizes) => found ?? place(id, sizes), null);
    if (box) out.push(box);
  }
  return out;
}

/**
 * The power–interest grid as the map editor draws it: zone tints with their titles and
 * roles, grid lines, the study's midline, tick numbers and the axes' wording; for a zoomed
 * `view`, the part of it in the window. Not listening; redrawn only when the size, the
 * view, the study's axes or the language change.
 */
export const GridBackground = memo(function GridBackground(props: {
  frame: PlotFrame;
  study: Pick<Study, 'axes' | 'midline'>;
  text: GridText;
  width: number;
  height: number;
  /** Text scale (large-text mode). */
  s: number;
  /** Leave out the zone roles (small grids). */
  compact?: boolean;
  view?: View;
}) {
  const { frame: f, study, text, s, compact } = props;
  const view = props.view ?? FULL_VIEW;
  const font = { tick: 11 * s, axis: 13 * s };
  const rects = visibleZoneRects(f, study.midline, view);
  const xTicks = ticksFor(view.interest0, view.span);
  const yTicks = ticksFor(view.power0, view.span);
  const xOf = (interest: number) => viewToPixels({ interest, power: view.power0 }, f, view).x;
  const yOf = (power: number) => viewToPixels({ interest: view.interest0, power }, f, view).y;
  const inside = (v: number, start: number) => v > start + 1e-9 && v < start + view.span - 1e-9;
  const label = (v: number, step: number) => (step < 1 ? v.toFixed(1) : String(v));
  const axisTitleH = font.axis * 1.4;
  const right = f.left + f.width;
  const bottom = f.top + f.height;
  return (
    <Layer listening={false}>
      <Rect x={0} y={0} width={props.width} height={props.height} fill="#ffffff" />
      {ZONE_IDS.map((id) => (rects[id] ? <Rect key={`fill-${id}`} {...rects[id]} fill={ZONE_COLOURS[id].fill} /> : null))}
      {xTicks.values.filter((v) => inside(v, view.interest0)).map((v) => (
        <Line key={`gx-${v}`} points={[xOf(v), f.top, xOf(v), bottom]} stroke="#000000" opacity={0.07} strokeWidth={1} />
      ))}
      {yTicks.values.filter((v) => inside(v, view.power0)).map((v) => (
        <Line key={`gy-${v}`} points={[f.left, yOf(v), right, yOf(v)]} stroke="#000000" opacity={0.07} strokeWidth={1} />
      ))}
      {/* Zone borders only on the whole grid: zoomed, the window's edge is not a zone's edge. */}
      {ZONE_IDS.map((id) => {
        const r = rects[id];
        if (!r || view.span < AXIS_MAX - AXIS_MIN) return null;
        const w = 2.5 * s;
        return (
          <Rect
            key={`edge-${id}`}
            x={r.x + w / 2 + 1}
            y={r.y + w / 2 + 1}
            width={Math.max(0, r.width - w - 2)}
            height={Math.max(0, r.height - w - 2)}
            stroke={ZONE_COLOURS[id].stroke}
            strokeWidth={w}
            opacity={0.55}
            cornerRadius={3 * s}
            perfectDrawEnabled={false}
          />
        );
      })}
      {inside(study.midline.interest, view.interest0) ? (
        <Line points={[xOf(study.midline.interest), f.top - 4 * s, xOf(study.midline.interest), bottom + 4 * s]} stroke={INK} strokeWidth={2 * s} opacity={0.7} />
      ) : null}
      {inside(study.midline.power, view.power0) ? (
        <Line points={[f.left - 4 * s, yOf(study.midline.power), right + 4 * s, yOf(study.midline.power)]} stroke={INK} strokeWidth={2 * s} opacity={0.7} />
      ) : null}
      <Rect x={f.left} y={f.top} width={f.width} height={f.height} stroke="#6e7781" strokeWidth={1} />
      {zoneTitleBoxes(f, study.midline, text, s, compact, view).map((z) => (
        <Group key={`title-${z.id}`} opacity={0.9}>
          <Text x={z.title.x} y={z.title.y} text={text.zoneTitle[z.id]} fontSize={z.font.zoneTitle} fontStyle="700" fontFamily={CANVAS_FONT_FAMILY} fill={ZONE_COLOURS[z.id].text} />
          {z.role ? (
            <Text x={z.role.x} y={z.role.y} text={text.zoneRole[z.id]} fontSize={z.font.zoneRole} fontStyle="600" fontFamily={CANVAS_FONT_FAMILY} fill={ZONE_COLOURS[z.id].text} />
          ) : null}
        </Group>
      ))}
      {xTicks.values.map((v) => (
        <Text key={`tx-${v}`} x={xOf(v) - 20 * s} y={bottom + 5 * s} width={40 * s} align="center" text={label(v, xTicks.step)} fontSize={font.tick} fontFamily={CANVAS_FONT_FAMILY} fill={MUTED} />
      ))}
      {yTicks.values.map((v) => (
        <Text key={`ty-${v}`} x={f.left - 40 * s} y={yOf(v) - font.tick / 2} width={34 * s} align="right" text={label(v, yTicks.step)} fontSize={font.tick} fontFamily={CANVAS_FONT_FAMILY} fill={MUTED} />
      ))}
      <AxisWording x={f.left} y={bottom + font.tick * 1.9} length={f.width} rotation={0} title={study.axes.interest} low={text.low} high={text.high} size={font.axis} />
      <AxisWording x={f.left - font.tick * 2.6 - axisTitleH} y={bottom} length={f.height} rotation={-90} title={study.axes.power} low={text.low} high={text.high} size={font.axis} />
    </Layer>
  );
});

/**
 * An axis title with "← Low" and "High →" at its ends, as in the editor. When the title does
 * not fit between them it is drawn a little smaller, then the ends keep only their arrows
 * (the tick numbers still say which end is high), and only then is it cut.
 */
function AxisWording(props: { x: number; y: number; length: number; rotation: number; title: string; low: string; high: string; size: number }) {
  const { size, length } = props;
  const common = { width: length, fontFamily: CANVAS_FONT_FAMILY, wrap: 'none' as const, fill: INK };
  const titleW = measureText(props.title, size, '600');
  const ends = (low: string, high: string) => measureText(low, size, '700') + measureText(high, size, '700') + 4 * size;
  // Text does not scale exactly with its size (hinting): leave a little slack.
  const fits = (room: number, titleSize: number) => measureText(props.title, titleSize, '600') <= room * 0.98;
  const scaled = (room: number, min: number) => size * Math.max(min, Math.min(1, (room * 0.97) / titleW));
  let low = `← ${props.low}`;
  let high = `${props.high} →`;
  let endW = ends(low, high);
  let titleSize = scaled(length - endW, 0.8);
  if (!fits(length - endW, titleSize)) {
    low = '←';
    high = '→';
    endW = ends(low, high);
    titleSize = scaled(length - endW, 0.7);
  }
  return (
    <Group x={props.x} y={props.y} rotation={props.rotation}>
      <Text {...common} fontSize={size} align="left" text={low} fontStyle="700" />
      <Text {...common} fontSize={titleSize} y={(size - titleSize) / 2} x={endW / 2} width={Math.max(10, length - endW)} align="center" text={props.title} fontStyle="600" ellipsis />
      <Text {...common} fontSize={size} align="right" text={high} fontStyle="700" />
    </Group>
  );
}
