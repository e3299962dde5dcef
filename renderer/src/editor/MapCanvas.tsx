import type Konva from 'konva';
import { forwardRef, memo, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { Circle, Group, Layer, Line, Rect, Stage, Text } from 'react-konva';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import type { Position } from '../../../shared/model/position';
import type { Placement } from '../../../shared/model/session';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { GridStudy } from '../../../shared/model/study';
import { zoneOf, type ZoneId } from '../../../shared/model/zones';
import { relayoutChipLabels, type Box, type ChipLayoutResult, type ChipToLay } from '../../../shared/ops/chipLayout';
import { CANVAS_FONT_FAMILY, measureText } from './canvasText';
import { fitAxisWording, type AxisWordingFit } from './axisWording';
import { AXIS_ROW, interestToX, plotFrame, powerToY, toDomain, toPixels, zoneRects, type AxisRows, type PlotFrame } from './geometry';
import { fitZoneLabels, placeZoneLabels, type PlacedZoneLabel } from './zoneLabels';

/** Which part of a stakeholder's chip: the agreed position or the minority (alternate) one. */
export type ChipPart = 'main' | 'alt';

/** What is under a point of the canvas. */
export type CanvasHit = { kind: 'chip'; id: string; part: ChipPart } | { kind: 'grid'; position: Position };

/** The drag preview drawn on the canvas: where the chip would land. */
export interface CanvasGhost {
  label: string;
  part: ChipPart;
  position: Position;
  /** "9.0, 1.5 · high power, low interest" */
  readout: string;
}

export interface MapCanvasHandle {
  /** What is under a viewport point (client coordinates), or null outside the stage. */
  hitTest(clientX: number, clientY: number): CanvasHit | null;
  /** The grid position under a viewport point, clamped to the grid; null outside the stage. */
  positionAt(clientX: number, clientY: number): Position | null;
  /** Show (or hide, with null) the landing preview during a drag or while placing. */
  showGhost(ghost: CanvasGhost | null): void;
  /**
   * Draw this chip faded where it came from while it is dragged (null: none). Set on the
   * Konva node directly: a drag changes no React state until the drop.
   */
  setDragged(chip: { id: string; part: ChipPart } | null): void;
  focus(): void;
}

export interface MapCanvasText {
  zoneTitle: Record<ZoneId, string>;
  zoneRole: Record<ZoneId, string>;
  low: string;
  high: string;
  minority: (label: string) => string;
  mapLabel: string;
}

/** What the map draws of a placement. */
export type MapPlacement = Pick<Placement, 'status' | 'position' | 'contested' | 'alt'>;

export interface MapCanvasProps {
  study: GridStudy;
  /** Only where each stakeholder sits and how: the audience window passes a copy without notes. */
  session: { placements: Readonly<Record<string, MapPlacement>> };
  language: Language;
  selected: { id: string; part: ChipPart } | null;
  /** The chip being dragged is drawn faded where it came from (the editor uses `setDragged` instead). */
  dragging?: { id: string; part: ChipPart } | null;
  zoom: number;
  textScale: number;
  placing: boolean;
  text: MapCanvasText;
  describedBy: string;
  onPointerDown(e: ReactPointerEvent<HTMLDivElement>, hit: CanvasHit): void;
  /** The pointer moved over the map without a button pressed (or left it: inside = false). */
  onHover(clientX: number, clientY: number, inside: boolean): void;
  onKeyDown(e: KeyboardEvent<HTMLDivElement>): void;
  /**
   * Where each chip's label was drawn, "x,y,w,h" in CSS pixels of the page, keyed by
   * stakeholder id (the minority chip by `<id>::alt`): the DOM twin carries them so a
   * test (or a screen-reader user's helper) can check that no label lies.
   */
  onLabelBoxes?(boxes: Record<string, string>): void;
}

const CHIP_INK = '#1f2328';
const SELECT_BLUE = '#0b5cad';
const MUTED = '#57606a';

interface ChipModel {
  key: string;
  id: string;
  part: ChipPart;
  label: string;
  x: number;
  y: number;
  contested: boolean;
  /** The zone the chip's position lies in: its label is drawn in (or at least over) it. */
  zone: ZoneId;
}

interface LaidChip extends ChipModel {
  box: Box;
  leader: boolean;
}

/** What every chip is drawn with; one object per text scale, so unchanged chips skip rendering. */
interface ChipLook {
  r: number;
  s: number;
  chipFont: number;
  padX: number;
}

interface Scene {
  frame: PlotFrame;
  look: ChipLook;
  /** The label layout and its input, which the next scene's layout starts from. */
  layout: ChipLayoutResult;
  s: number;
  font: { chip: number; zoneTitle: number; tick: number; axis: number };
  r: number;
  labelH: number;
  padX: number;
  zones: (PlacedZoneLabel & { rect: Box })[];
  /** Zone label size (at most font.zoneTitle: it shrinks a little when names do not fit) and row height. */
  zoneFont: number;
  zoneRowH: number;
  /** Top of the interest axis wording, under the lower zones' names. */
  axisY: number;
  /** How each axis's wording fits (one row or two, the title's size, cut or whole). */
  axes: { power: AxisWordingFit; interest: AxisWordingFit };
  chips: LaidChip[];
  links: { key: string; from: { x: number; y: number }; to: { x: number; y: number } }[];
}

/**
 * `previous`: the scene drawn before. After an edit of a placement (a drop, an arrow key)
 * only the labels near the change are laid out again (relayoutChipLabels), and chips whose
 * drawing did not change keep their objects, so React and Konva skip them.
 */
function buildScene(props: Pick<MapCanvasProps, 'study' | 'session' | 'language' | 'text'>, width: number, height: number, s: number, previous: Scene | null): Scene {
  const { study, session, language, text } = props;
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
  let fit = fitZoneLabels(text.zoneTitle, text.zoneRole, 0, font.zoneTitle, measureText);
  let frame = plotFrame(width, height, s, 1, axisRows);
  let powerFit = fitAxisWording(study.axes.power, text.low, text.high, frame.height, font.axis, measureText);
  let interestFit = fitAxisWording(study.axes.interest, text.low, text.high, frame.width, font.axis, measureText);
  for (let pass = 0; pass < 3; pass++) {
    const wide = plotFrame(width, height, s, 1, axisRows);
    const narrowest = Math.min(interestToX(study.midline.interest, wide) - wide.left, wide.left + wide.width - interestToX(study.midline.interest, wide));
    fit = fitZoneLabels(text.zoneTitle, text.zoneRole, narrowest - 8 * s - swatch - gapX, font.zoneTitle, measureText);
    frame = fit.rows === 1 ? wide : plotFrame(width, height, s, fit.rows, axisRows);
    powerFit = fitAxisWording(study.axes.power, text.low, text.high, frame.height, font.axis, measureText);
    interestFit = fitAxisWording(study.axes.interest, text.low, text.high, frame.width, font.axis, measureText);
    if (powerFit.rows === axisRows.power && interestFit.rows === axisRows.interest) break;
    axisRows = { power: powerFit.rows, interest: interestFit.rows };
  }
  const lowerTop = frame.top + frame.height + 5 * s + font.tick * 1.35 + 3 * s;
  const rects = zoneRects(frame, study.midline);
  const { labels: zoneLabels, rowH } = placeZoneLabels(fit, rects, { upperBottom: frame.top - 6 * s, lowerTop }, swatch, gapX, measureText);
  const lowerRows = Math.max(...zoneLabels.filter((z) => z.id.startsWith('lp')).map((z) => z.box.height / rowH));
  const zones = zoneLabels.map((label) => ({ ...label, rect: rects[label.id] }));

  const models: ChipModel[] = [];
  const alts: ChipModel[] = [];
  const links: Scene['links'] = [];
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
  const widthOf = (m: ChipModel) => widths.get(`${m.part}\u0000${m.label}`) ?? Math.ceil(measureText(m.label, font.chip, m.part === 'alt' ? 'italic 600' : '600') + 2 * padX);
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
  const chips = all.map((m, i): LaidChip => {
    const next = { ...m, box: labels[i]!.box, leader: labels[i]!.leader };
    const old = before.get(m.key);
    return old && sameChip(old, next) ? old : next;
  });
  const look = previous && previous.look.s === s && previous.look.r === r && previous.look.chipFont === font.chip && previous.look.padX === padX ? previous.look : { r, s, chipFont: font.chip, padX };
  return { frame, look, layout: { chips: lay, options, labels }, s, font, r, labelH, padX, zones, zoneFont: fit.size, zoneRowH: rowH, chips, links, axisY: lowerTop + lowerRows * rowH + 4 * s, axes: { power: powerFit, interest: interestFit } };
}

function sameChip(a: LaidChip, b: LaidChip): boolean {
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

/**
 * The scene last put on screen, which the next one starts from (see buildScene). Only a
 * committed scene counts: one rendered and thrown away (StrictMode renders twice) is never
 * a starting point, so rendering the same input twice gives the same scene.
 */
class DrawnScene {
  private last: Scene | null = null;

  next(props: Pick<MapCanvasProps, 'study' | 'session' | 'language' | 'text'>, width: number, height: number, s: number): Scene {
    return buildScene(props, width, height, s, this.last);
  }

  committed(scene: Scene | null): void {
    if (scene) this.last = scene;
  }
}

const boxAttr = (...values: number[]) => values.map((v) => Math.round(v * 100) / 100).join(',');

/** The nearest point of a box to a point: where a leader line meets its label. */
function nearestOnBox(b: Box, x: number, y: number): { x: number; y: number } {
  return { x: Math.max(b.x, Math.min(x, b.x + b.width)), y: Math.max(b.y, Math.min(y, b.y + b.height)) };
}

const Background = memo(function Background({ scene, study, text, width, height }: { scene: Scene; study: GridStudy; text: MapCanvasText; width: number; height: number }) {
  const { frame: f, s, font } = scene;
  const ticks = Array.from({ length: 11 }, (_, i) => i);
  const mx = interestToX(study.midline.interest, f);
  const my = powerToY(study.midline.power, f);
  const axisTitleH = font.axis * 1.4;
  const bottomAxisY = scene.axisY;
  const leftAxisX = f.left - font.tick * 2.6 - axisTitleH - (scene.axes.power.rows - 1) * AXIS_ROW * s;
  return (
    <Layer listening={false}>
      <Rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      {scene.zones.map((z) => (
        <Rect key={`fill-${z.id}`} {...z.rect} fill={ZONE_COLOURS[z.id].fill} />
      ))}
      {ticks.slice(1, 10).map((i) => (
        <Group key={`grid-${i}`}>
          <Line points={[interestToX(i, f), f.top, interestToX(i, f), f.top + f.height]} stroke="#000000" opacity={0.07} strokeWidth={1} />
          <Line points={[f.left, powerToY(i, f), f.left + f.width, powerToY(i, f)]} stroke="#000000" opacity={0.07} strokeWidth={1} />
        </Group>
      ))}
      {scene.zones.map((z) => {
        const w = 3 * s;
        return (
          <Rect
            key={`edge-${z.id}`}
            x={z.rect.x + w / 2 + 1}
            y={z.rect.y + w / 2 + 1}
            width={Math.max(0, z.rect.width - w - 2)}
            height={Math.max(0, z.rect.height - w - 2)}
            stroke={ZONE_COLOURS[z.id].stroke}
            strokeWidth={w}
            cornerRadius={3 * s}
            perfectDrawEnabled={false}
          />
        );
      })}
      <Line points={[mx, f.top - 4 * s, mx, f.top + f.height + 4 * s]} stroke={CHIP_INK} strokeWidth={2 * s} opacity={0.75} />
      <Line points={[f.left - 4 * s, my, f.left + f.width + 4 * s, my]} stroke={CHIP_INK} strokeWidth={2 * s} opacity={0.75} />
      <Rect x={f.left} y={f.top} width={f.width} height={f.height} stroke="#6e7781" strokeWidth={1} />
      {scene.zones.map((z) => (
        <Group key={`title-${z.id}`}>
          <Rect {...z.swatch} fill={ZONE_COLOURS[z.id].fill} stroke={ZONE_COLOURS[z.id].stroke} strokeWidth={2 * s} cornerRadius={2 * s} />
          {z.runs.map((run) => (
            <Text key={run.key} x={run.x} y={run.y} height={scene.zoneRowH} verticalAlign="middle" text={run.text} fontSize={scene.zoneFont} fontStyle={run.weight} fontFamily={CANVAS_FONT_FAMILY} wrap="none" fill={ZONE_COLOURS[z.id].text} />
          ))}
        </Group>
      ))}
      {ticks.map((i) => (
        <Group key={`tick-${i}`}>
          <Text
            x={interestToX(i, f) - 20 * s}
            y={f.top + f.height + 5 * s}
            width={40 * s}
            align="center"
            text={String(i)}
            fontSize={font.tick}
            fontFamily={CANVAS_FONT_FAMILY}
            fill={MUTED}
          />
          <Text
            x={f.left - 44 * s}
            y={powerToY(i, f) - font.tick / 2}
            width={38 * s}
            align="right"
            text={String(i)}
            fontSize={font.tick}
            fontFamily={CANVAS_FONT_FAMILY}
            fill={MUTED}
          />
        </Group>
      ))}
      {/* Interest: along the bottom, low on the left, high on the right. */}
      <AxisWording x={f.left} y={bottomAxisY} length={f.width} rotation={0} low={text.low} high={text.high} size={font.axis} fit={scene.axes.interest} rowH={AXIS_ROW * s} outerFirst={false} />
      {/* Power: up the left side, low at the bottom, high at the top. */}
      <AxisWording x={leftAxisX} y={f.top + f.height} length={f.height} rotation={-90} low={text.low} high={text.high} size={font.axis} fit={scene.axes.power} rowH={AXIS_ROW * s} outerFirst />
    </Layer>
  );
});

/**
 * One axis's wording. On one row: "← Low", the title, "High →". On two (a title too long
 * to share the row): the ends on the row next to the plot, the title whole on the row
 * beyond it. `outerFirst`: the group's local y grows towards the plot (the rotated power
 * axis), so the title row comes first.
 */
function AxisWording(props: { x: number; y: number; length: number; rotation: number; low: string; high: string; size: number; fit: AxisWordingFit; rowH: number; outerFirst: boolean }) {
  const { fit, size, rowH } = props;
  const common = { width: props.length, fontFamily: CANVAS_FONT_FAMILY, wrap: 'none' as const, fill: CHIP_INK };
  const titleRows = fit.rows - 1;
  // Rows from the plot outwards: the ends first, then the title's lines.
  const endsY = props.outerFirst ? titleRows * rowH : 0;
  const lineY = (i: number) => (fit.rows === 1 ? 0 : props.outerFirst ? i * rowH : (i + 1) * rowH);
  const titleX = fit.rows === 1 ? fit.endsWidth / 2 : size / 2;
  const titleW = fit.rows === 1 ? Math.max(10, props.length - fit.endsWidth) : props.length - size;
  return (
    <Group x={props.x} y={props.y} rotation={props.rotation}>
      <Text {...common} y={endsY} fontSize={size} align="left" text={`← ${props.low}`} fontStyle="700" />
      {fit.lines.map((line, i) => (
        <Text key={i} {...common} x={titleX} y={lineY(i) + (size - fit.titleSize) / 2} width={titleW} fontSize={fit.titleSize} align="center" text={line} fontStyle="600" ellipsis />
      ))}
      <Text {...common} y={endsY} fontSize={size} align="right" text={`${props.high} →`} fontStyle="700" />
    </Group>
  );
}

/** Memoised: a drop on a 3,000-chip map re-renders the few chips it moved, not all of them. */
const Chip = memo(function Chip({ chip, look, selected, faded }: { chip: LaidChip; look: ChipLook; selected: boolean; faded: boolean }) {
  const { r, s, chipFont, padX } = look;
  const alt = chip.part === 'alt';
  const lx = chip.box.x - chip.x;
  const ly = chip.box.y - chip.y;
  const end = nearestOnBox(chip.box, chip.x, chip.y);
  return (
    <Group x={chip.x} y={chip.y} name={alt ? 'alt-chip' : 'chip'} stakeholderId={chip.id} opacity={faded ? 0.3 : 1}>
      {chip.leader && <Line points={[0, 0, end.x - chip.x, end.y - chip.y]} stroke={MUTED} strokeWidth={1.25 * s} dash={alt ? [4 * s, 3 * s] : undefined} />}
      {/* A generous invisible target: 2.5.8 asks for 24 px; this is 28 px and more with large text. */}
      <Circle radius={Math.max(14, r + 6 * s)} fill="rgba(0,0,0,0.001)" />
      {selected && <Circle radius={r + 5 * s} stroke={SELECT_BLUE} strokeWidth={3 * s} perfectDrawEnabled={false} />}
      <Circle
        radius={r}
        fill={alt ? '#ffffff' : CHIP_INK}
        stroke={alt ? CHIP_INK : '#ffffff'}
        strokeWidth={2 * s}
        dash={alt ? [3 * s, 2.5 * s] : undefined}
        perfectDrawEnabled={false}
      />
      {chip.contested && !alt && <Circle radius={r * 0.38} fill="#ffffff" />}
      <Rect
        x={lx}
        y={ly}
        width={chip.box.width}
        height={chip.box.height}
        fill="#ffffff"
        opacity={0.96}
        stroke={selected ? SELECT_BLUE : alt ? CHIP_INK : '#6e7781'}
        strokeWidth={selected ? 2.5 * s : 1 * s}
        dash={alt && !selected ? [4 * s, 3 * s] : undefined}
        cornerRadius={4 * s}
        perfectDrawEnabled={false}
      />
      <Text
        x={lx + padX}
        y={ly}
        height={chip.box.height}
        verticalAlign="middle"
        text={chip.label}
        fontSize={chipFont}
        fontStyle={alt ? 'italic 600' : '600'}
        fontFamily={CANVAS_FONT_FAMILY}
        fill={CHIP_INK}
      />
    </Group>
  );
});

/**
 * The power–interest grid on a Konva stage: a static background layer (zones, axes,
 * wording; not listening), the chips layer, and a drag layer for the landing preview.
 * It draws what it is given and reports pointer-downs with what is under them; it
 * changes nothing itself. Positions arrive in domain units and become pixels here.
 */
export const MapCanvas = forwardRef<MapCanvasHandle, MapCanvasProps>(function MapCanvas(props, ref) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const ghostRef = useRef<Konva.Group>(null);
  const ghostLabelRef = useRef<Konva.Text>(null);
  const ghostLabelBoxRef = useRef<Konva.Rect>(null);
  const readoutRef = useRef<Konva.Text>(null);
  const readoutBoxRef = useRef<Konva.Rect>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const veilRef = useRef<Konva.Group>(null);
  const veilDotRef = useRef<Konva.Circle>(null);
  const veilBoxRef = useRef<Konva.Rect>(null);

  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const update = () => {
      const width = el.clientWidth;
      const height = el.clientHeight;
      setSize((prev) => (prev && prev.width === width && prev.height === height ? prev : { width, height }));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const stageW = size ? Math.max(320, Math.floor(size.width * props.zoom)) : 0;
  const stageH = size ? Math.max(260, Math.floor(size.height * props.zoom)) : 0;
  const s = props.textScale * props.zoom;
  const { study, session, language, text } = props;
  const [drawn] = useState(() => new DrawnScene());
  const scene = useMemo(() => (stageW ? drawn.next({ study, session, language, text }, stageW, stageH, s) : null), [drawn, study, session, language, text, stageW, stageH, s]);
  const sceneRef = useRef(scene);
  useLayoutEffect(() => {
    sceneRef.current = scene;
    drawn.committed(scene);
  }, [drawn, scene]);

  // Where the stage's top-left corner lies on the page, so the twin's boxes are in page
  // pixels: measured after every layout, and again when the window or the map scrolls or
  // anything around the map changes size.
  const [origin, setOrigin] = useState<{ x: number; y: number } | null>(null);
  // Compared before setting: even a state update that changes nothing can cost a commit,
  // and a drop must cost exactly one.
  const originRef = useRef(origin);
  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const measure = () => {
      const el = stageRef.current?.container();
      if (!el) return;
      const r = el.getBoundingClientRect();
      const next = { x: r.left + window.scrollX, y: r.top + window.scrollY };
      const prev = originRef.current;
      if (prev && Math.abs(prev.x - next.x) < 0.5 && Math.abs(prev.y - next.y) < 0.5) return;
      originRef.current = next;
      setOrigin(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    window.addEventListener('resize', measure);
    viewport.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      viewport.removeEventListener('scroll', measure);
    };
  }, [scene]);
  const onLabelBoxes = props.onLabelBoxes;
  useLayoutEffect(() => {
    if (!scene || !origin || !onLabelBoxes) return;
    const boxes: Record<string, string> = {};
    for (const chip of scene.chips) boxes[chip.key] = boxAttr(origin.x + chip.box.x, origin.y + chip.box.y, chip.box.width, chip.box.height);
    onLabelBoxes(boxes);
  }, [scene, origin, onLabelBoxes]);

  const handle = useMemo<MapCanvasHandle>(
    () => ({
      hitTest(clientX, clientY) {
        const stage = stageRef.current;
        const sc = sceneRef.current;
        if (!stage || !sc) return null;
        const rect = stage.container().getBoundingClientRect();
        const pt = { x: clientX - rect.left, y: clientY - rect.top };
        if (pt.x < 0 || pt.y < 0 || pt.x > rect.width || pt.y > rect.height) return null;
        const shape = stage.getIntersection(pt);
        const group = shape?.findAncestor('.chip, .alt-chip', true);
        const id = group?.getAttr('stakeholderId') as string | undefined;
        if (group && id) return { kind: 'chip', id, part: group.hasName('alt-chip') ? 'alt' : 'main' };
        return { kind: 'grid', position: toDomain(pt, sc.frame) };
      },
      positionAt(clientX, clientY) {
        const stage = stageRef.current;
        const sc = sceneRef.current;
        if (!stage || !sc) return null;
        const rect = stage.container().getBoundingClientRect();
        const pt = { x: clientX - rect.left, y: clientY - rect.top };
        if (pt.x < 0 || pt.y < 0 || pt.x > rect.width || pt.y > rect.height) return null;
        return toDomain(pt, sc.frame);
      },
      showGhost(ghost) {
        const g = ghostRef.current;
        const sc = sceneRef.current;
        if (!g || !sc) return;
        if (!ghost) {
          g.visible(false);
          g.getLayer()?.batchDraw();
          return;
        }
        const at = toPixels(ghost.position, sc.frame);
        ghostLabelRef.current?.text(ghost.label);
        const labelW = (ghostLabelRef.current?.width() ?? 0) + 2 * sc.padX;
        ghostLabelBoxRef.current?.width(labelW);
        readoutRef.current?.text(ghost.readout);
        const readoutW = (readoutRef.current?.width() ?? 0) + 2 * sc.padX;
        readoutBoxRef.current?.width(readoutW);
        // Keep the readout inside the stage near the right and bottom edges.
        const flipX = at.x + sc.r + 6 * sc.s + Math.max(labelW, readoutW) > (stageRef.current?.width() ?? Infinity);
        const flipY = at.y + sc.labelH * 2 > sc.frame.top + sc.frame.height;
        const dx = flipX ? -(sc.r + 6 * sc.s) - Math.max(labelW, readoutW) : sc.r + 6 * sc.s;
        const dy = flipY ? -sc.labelH * 2 - 4 * sc.s : -sc.labelH / 2;
        ghostLabelBoxRef.current?.position({ x: dx, y: dy });
        ghostLabelRef.current?.position({ x: dx + sc.padX, y: dy });
        readoutBoxRef.current?.position({ x: dx, y: dy + sc.labelH + 2 * sc.s });
        readoutRef.current?.position({ x: dx + sc.padX, y: dy + sc.labelH + 2 * sc.s });
        g.position(at).visible(true);
        g.getLayer()?.batchDraw();
      },
      setDragged(chip) {
        // A veil over the chip on the drag layer rather than the chip's own opacity: a change
        // on the chips layer redraws every chip (tens of milliseconds at 3,000 chips), the
        // drag layer holds a handful of shapes. The label box is white, so a 70 % white veil
        // shows it as a 30 % chip would look.
        const veil = veilRef.current;
        const sc = sceneRef.current;
        if (!veil || !sc) return;
        const key = chip ? (chip.part === 'alt' ? `${chip.id}::alt` : chip.id) : null;
        const laid = key ? sc.chips.find((c) => c.key === key) : undefined;
        if (!laid) {
          if (!veil.visible()) return;
          veil.visible(false);
        } else {
          veilDotRef.current?.position({ x: laid.x, y: laid.y }).radius(sc.r + 2 * sc.s);
          veilBoxRef.current?.position({ x: laid.box.x - sc.s, y: laid.box.y - sc.s }).size({ width: laid.box.width + 2 * sc.s, height: laid.box.height + 2 * sc.s });
          veil.visible(true);
        }
        veil.getLayer()?.batchDraw();
      },
      focus() {
        viewportRef.current?.focus({ preventScroll: true });
      },
    }),
    [],
  );
  useImperativeHandle(ref, () => handle, [handle]);

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    const hit = handle.hitTest(e.clientX, e.clientY);
    if (hit) props.onPointerDown(e, hit);
  };

  const [hover, setHover] = useState<'chip' | 'grid' | null>(null);
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.buttons) return;
    const stage = stageRef.current;
    if (!stage) return;
    const rect = stage.container().getBoundingClientRect();
    const shape = stage.getIntersection({ x: e.clientX - rect.left, y: e.clientY - rect.top });
    const next = shape?.findAncestor('.chip, .alt-chip', true) ? 'chip' : 'grid';
    if (next !== hover) setHover(next);
    props.onHover(e.clientX, e.clientY, true);
  };

  const selectedKey = props.selected ? (props.selected.part === 'alt' ? `${props.selected.id}::alt` : props.selected.id) : null;
  const draggingKey = props.dragging ? (props.dragging.part === 'alt' ? `${props.dragging.id}::alt` : props.dragging.id) : null;
  // The selected chip is drawn last so nothing covers it; keys stay the stakeholder ids.
  const ordered = scene ? [...scene.chips].sort((a, b) => Number(a.key === selectedKey) - Number(b.key === selectedKey)) : [];
  const cursor = props.placing ? 'crosshair' : hover === 'chip' ? 'grab' : 'default';

  return (
    <div
      ref={viewportRef}
      className={`map-canvas${props.zoom < 1 ? ' map-canvas--small' : ''}`}
      data-drop="grid"
      data-cursor={cursor}
      // Where the 0–10 square lies on the stage (left, top, width, height in CSS pixels):
      // lets automation turn a position into a point without knowing the layout rules.
      data-plot={scene ? boxAttr(scene.frame.left, scene.frame.top, scene.frame.width, scene.frame.height) : undefined}
      // The same square in CSS pixels of the page, the frame of the twin's label boxes.
      data-grid-box={scene && origin ? boxAttr(origin.x + scene.frame.left, origin.y + scene.frame.top, scene.frame.width, scene.frame.height) : undefined}
      // Each zone label's box (swatch and text) in the same pixels, "hp_li:x,y,w,h;…": lets
      // tests check that no two labels run into each other at any size.
      // The axes whose wording had to be cut ("power", "interest"; empty when both are whole).
      data-axis-cut={scene ? (['power', 'interest'] as const).filter((a) => scene.axes[a].cut).join(',') : undefined}
      data-zone-labels={scene ? scene.zones.map((z) => `${z.id}:${boxAttr(z.box.x, z.box.y, z.box.width, z.box.height)}`).join(';') : undefined}
      tabIndex={0}
      role="application"
      aria-label={props.text.mapLabel}
      aria-describedby={props.describedBy}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerLeave={(e) => {
        setHover(null);
        props.onHover(e.clientX, e.clientY, false);
      }}
      onKeyDown={props.onKeyDown}
    >
      {scene && (
        <Stage ref={stageRef} width={stageW} height={stageH} className="map-canvas__stage">
          <Background scene={scene} study={study} text={text} width={stageW} height={stageH} />
          <Layer>
            {scene.links.map((l) => (
              <Line key={`link-${l.key}`} points={[l.from.x, l.from.y, l.to.x, l.to.y]} stroke={CHIP_INK} strokeWidth={1.5 * s} dash={[6 * s, 4 * s]} opacity={0.7} listening={false} />
            ))}
            {ordered.map((chip) => (
              <Chip key={chip.key} chip={chip} look={scene.look} selected={chip.key === selectedKey} faded={chip.key === draggingKey} />
            ))}
          </Layer>
          <Layer listening={false}>
            <Group ref={veilRef} visible={false} opacity={0.7}>
              <Circle ref={veilDotRef} fill="#ffffff" />
              <Rect ref={veilBoxRef} fill="#ffffff" cornerRadius={4 * s} />
            </Group>
            <Group ref={ghostRef} visible={false}>
              <Circle radius={scene.r + 5 * s} stroke={SELECT_BLUE} strokeWidth={3 * s} />
              <Circle radius={scene.r} fill={SELECT_BLUE} stroke="#ffffff" strokeWidth={2 * s} />
              <Rect ref={ghostLabelBoxRef} height={scene.labelH} fill="#ffffff" stroke={SELECT_BLUE} strokeWidth={2 * s} cornerRadius={4 * s} />
              <Text ref={ghostLabelRef} height={scene.labelH} verticalAlign="middle" fontSize={scene.font.chip} fontStyle="600" fontFamily={CANVAS_FONT_FAMILY} fill={CHIP_INK} />
              <Rect ref={readoutBoxRef} height={scene.labelH} fill={SELECT_BLUE} cornerRadius={4 * s} />
              <Text ref={readoutRef} height={scene.labelH} verticalAlign="middle" fontSize={scene.font.tick * 1.1} fontStyle="600" fontFamily={CANVAS_FONT_FAMILY} fill="#ffffff" />
            </Group>
          </Layer>
        </Stage>
      )}
    </div>
  );
});

