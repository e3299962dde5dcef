import { memo } from 'react';
import { Group, Layer, Line, Rect, Text } from 'react-konva';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import type { Study } from '../../../shared/model/study';
import { ZONE_IDS, type ZoneId } from '../../../shared/model/zones';
import { CANVAS_FONT_FAMILY, measureText } from '../editor/canvasText';
import { interestToX, powerToY, zoneRects, type PlotFrame } from '../editor/geometry';

/** Words drawn on the grid, translated by the caller. */
export interface GridText {
  zoneTitle: Record<ZoneId, string>;
  zoneRole: Record<ZoneId, string>;
  low: string;
  high: string;
}

const INK = '#1f2328';
const MUTED = '#57606a';

/** Where each zone's title and role are drawn, so labels can keep clear of them. */
export function zoneTitleBoxes(f: PlotFrame, midline: Study['midline'], text: GridText, s: number, compact = false) {
  const font = { zoneTitle: 13 * s, zoneRole: 12 * s };
  const rects = zoneRects(f, midline);
  const inset = 8 * s;
  return ZONE_IDS.map((id) => {
    const r = rects[id];
    const left = id.endsWith('_li');
    const top = id.startsWith('hp');
    const titleH = font.zoneTitle * 1.3;
    const roleH = compact ? 0 : font.zoneRole * 1.3;
    const y = top ? r.y + inset : r.y + r.height - inset - titleH - roleH;
    const place = (label: string, size: number, weight: string) => {
      const w = measureText(label, size, weight);
      return { x: left ? r.x + inset : r.x + r.width - inset - w, width: w };
    };
    const title = place(text.zoneTitle[id], font.zoneTitle, '700');
    const role = place(text.zoneRole[id], font.zoneRole, '600');
    return {
      id,
      font,
      title: { x: title.x, y, width: title.width, height: titleH },
      role: compact ? null : { x: role.x, y: y + titleH, width: role.width, height: roleH },
    };
  });
}

/**
 * The power–interest grid as the map editor draws it: zone tints with their titles and
 * roles, grid lines, the study's midline, tick numbers and the axes' wording. Static and
 * not listening: it is redrawn only when the size, the study's axes or the language change.
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
}) {
  const { frame: f, study, text, s, compact } = props;
  const font = { tick: 11 * s, axis: 13 * s };
  const rects = zoneRects(f, study.midline);
  const ticks = Array.from({ length: 11 }, (_, i) => i);
  const mx = interestToX(study.midline.interest, f);
  const my = powerToY(study.midline.power, f);
  const axisTitleH = font.axis * 1.4;
  return (
    <Layer listening={false}>
      <Rect x={0} y={0} width={props.width} height={props.height} fill="#ffffff" />
      {ZONE_IDS.map((id) => (
        <Rect key={`fill-${id}`} {...rects[id]} fill={ZONE_COLOURS[id].fill} />
      ))}
      {ticks.slice(1, 10).map((i) => (
        <Group key={`grid-${i}`}>
          <Line points={[interestToX(i, f), f.top, interestToX(i, f), f.top + f.height]} stroke="#000000" opacity={0.07} strokeWidth={1} />
          <Line points={[f.left, powerToY(i, f), f.left + f.width, powerToY(i, f)]} stroke="#000000" opacity={0.07} strokeWidth={1} />
        </Group>
      ))}
      {ZONE_IDS.map((id) => {
        const r = rects[id];
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
      <Line points={[mx, f.top - 4 * s, mx, f.top + f.height + 4 * s]} stroke={INK} strokeWidth={2 * s} opacity={0.7} />
      <Line points={[f.left - 4 * s, my, f.left + f.width + 4 * s, my]} stroke={INK} strokeWidth={2 * s} opacity={0.7} />
      <Rect x={f.left} y={f.top} width={f.width} height={f.height} stroke="#6e7781" strokeWidth={1} />
      {zoneTitleBoxes(f, study.midline, text, s, compact).map((z) => (
        <Group key={`title-${z.id}`} opacity={0.9}>
          <Text x={z.title.x} y={z.title.y} text={text.zoneTitle[z.id]} fontSize={z.font.zoneTitle} fontStyle="700" fontFamily={CANVAS_FONT_FAMILY} fill={ZONE_COLOURS[z.id].text} />
          {z.role ? (
            <Text x={z.role.x} y={z.role.y} text={text.zoneRole[z.id]} fontSize={z.font.zoneRole} fontStyle="600" fontFamily={CANVAS_FONT_FAMILY} fill={ZONE_COLOURS[z.id].text} />
          ) : null}
        </Group>
      ))}
      {ticks.map((i) => (
        <Group key={`tick-${i}`}>
          <Text x={interestToX(i, f) - 20 * s} y={f.top + f.height + 5 * s} width={40 * s} align="center" text={String(i)} fontSize={font.tick} fontFamily={CANVAS_FONT_FAMILY} fill={MUTED} />
          <Text x={f.left - 40 * s} y={powerToY(i, f) - font.tick / 2} width={34 * s} align="right" text={String(i)} fontSize={font.tick} fontFamily={CANVAS_FONT_FAMILY} fill={MUTED} />
        </Group>
      ))}
      <AxisWording x={f.left} y={f.top + f.height + font.tick * 1.9} length={f.width} rotation={0} title={study.axes.interest} low={text.low} high={text.high} size={font.axis} />
      <AxisWording x={f.left - font.tick * 2.6 - axisTitleH} y={f.top + f.height} length={f.height} rotation={-90} title={study.axes.power} low={text.low} high={text.high} size={font.axis} />
    </Layer>
  );
});

/** An axis title with "← Low" and "High →" at its ends, as in the editor. */
function AxisWording(props: { x: number; y: number; length: number; rotation: number; title: string; low: string; high: string; size: number }) {
  const common = { width: props.length, fontSize: props.size, fontFamily: CANVAS_FONT_FAMILY, wrap: 'none' as const, fill: INK };
  const endW = measureText(`← ${props.low}`, props.size, '700') + measureText(`${props.high} →`, props.size, '700') + 4 * props.size;
  return (
    <Group x={props.x} y={props.y} rotation={props.rotation}>
      <Text {...common} align="left" text={`← ${props.low}`} fontStyle="700" />
      <Text {...common} x={endW / 2} width={Math.max(10, props.length - endW)} align="center" text={props.title} fontStyle="600" ellipsis />
      <Text {...common} align="right" text={`${props.high} →`} fontStyle="700" />
    </Group>
  );
}
