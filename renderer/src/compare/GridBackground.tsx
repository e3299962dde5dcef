import { memo } from 'react';
import { Group, Layer, Line, Rect, Text } from 'react-konva';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import { AXIS_MAX, AXIS_MIN } from '../../../shared/model/position';
import type { Study } from '../../../shared/model/study';
import { ZONE_IDS, type ZoneId } from '../../../shared/model/zones';
import { CANVAS_FONT_FAMILY, measureText } from '../editor/canvasText';
import { FULL_VIEW, ticksFor, viewToPixels, visibleZoneRects, type PlotFrame, type View } from '../../../shared/scene/frame';
import { placeZoneTitlesInside } from '../../../shared/scene/zoneLabels';

/** Words drawn on the grid, translated by the caller. */
export interface GridText {
  zoneTitle: Record<ZoneId, string>;
  zoneRole: Record<ZoneId, string>;
  low: string;
  high: string;
}

const INK = '#1f2328';
const MUTED = '#57606a';

/** The visible part of each zone, in stage pixels (null when the window does not show it). */
export { visibleZoneRects };

/**
 * Where each zone's title and role are drawn (in the visible part of the zone, when it has
 * room for them), so labels can keep clear of them. The placement is the scene layer's
 * (shared/scene/zoneLabels `placeZoneTitlesInside`), the exports' too.
 */
export function zoneTitleBoxes(f: PlotFrame, midline: Study['midline'], text: GridText, s: number, compact = false, view: View = FULL_VIEW) {
  return placeZoneTitlesInside(f, midline, text.zoneTitle, text.zoneRole, { titleSize: 13 * s, roleSize: 12 * s, inset: 8 * s, compact, view, measure: measureText });
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
  /**
   * False: the grid without its words (zone titles, ticks, axis wording), as the compare grid
   * is first drawn, so its marks show before the faces' first text measures (default true).
   */
  withText?: boolean;
}) {
  const { frame: f, study, text, s, compact } = props;
  const withText = props.withText !== false;
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
      {withText ? (
        <>
      {zoneTitleBoxes(f, study.midline, text, s, compact, view).map((z) => (
        <Group key={`title-${z.id}`} opacity={0.9}>
          <Text x={z.title.x} y={z.title.y} text={z.text.title} fontSize={z.font.zoneTitle} fontStyle="700" fontFamily={CANVAS_FONT_FAMILY} fill={ZONE_COLOURS[z.id].text} />
          {z.role ? (
            <Text x={z.role.x} y={z.role.y} text={z.text.role} fontSize={z.font.zoneRole} fontStyle="600" fontFamily={CANVAS_FONT_FAMILY} fill={ZONE_COLOURS[z.id].text} />
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
        </>
      ) : null}
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
