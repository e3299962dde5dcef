import type Konva from 'konva';
import { forwardRef, memo, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { Arrow, Circle, Group, Layer, Line, Rect, Stage, Text } from 'react-konva';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import type { Position } from '../../../shared/model/position';
import type { Language } from '../../../shared/model/stakeholder';
import type { GridStudy } from '../../../shared/model/study';
import type { ZoneId } from '../../../shared/model/zones';
import { axisWordingRows, buildMapScene, chipFontStyle, MAP_INK, nearestOnBox, type ChipLook, type ChipPart, type MapPlacement, type MapScene, type SceneChip } from '../../../shared/scene/mapScene';
import { mapTextWidth } from '../../../shared/scene/textMeasure';
import { CANVAS_FONT_FAMILY } from './canvasText';
import { interestToX, powerToY, toDomain, toPixels } from './geometry';

export type { ChipPart, MapPlacement } from '../../../shared/scene/mapScene';

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

const CHIP_INK = MAP_INK.ink;
const SELECT_BLUE = '#0b5cad';
const MUTED = MAP_INK.muted;

type Scene = MapScene;
type LaidChip = SceneChip;

/**
 * The scene last put on screen, which the next one starts from (see buildScene). Only a
 * committed scene counts: one rendered and thrown away (StrictMode renders twice) is never
 * a starting point, so rendering the same input twice gives the same scene.
 */
class DrawnScene {
  private last: Scene | null = null;

  next(props: Pick<MapCanvasProps, 'study' | 'session' | 'language' | 'text'>, width: number, height: number, s: number): Scene {
    // The one text measure of every picture of a map (shared/scene/textMeasure): the
    // export lays out the same scene with it, so screen and file agree on any machine.
    return buildMapScene({ ...props, width, height, scale: s, measure: mapTextWidth }, this.last);
  }

  committed(scene: Scene | null): void {
    if (scene) this.last = scene;
  }
}

const boxAttr = (...values: number[]) => values.map((v) => Math.round(v * 100) / 100).join(',');

const Background = memo(function Background({ scene, study, text, width, height }: { scene: Scene; study: GridStudy; text: MapCanvasText; width: number; height: number }) {
  const { frame: f, s, font } = scene;
  const ticks = Array.from({ length: 11 }, (_, i) => i);
  const mx = interestToX(study.midline.interest, f);
  const my = powerToY(study.midline.power, f);
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
      <Rect x={f.left} y={f.top} width={f.width} height={f.height} stroke={MAP_INK.border} strokeWidth={1} />
      {scene.zones.map((z) => (
        <Group key={`title-${z.id}`}>
          <Rect {...z.swatch} fill={ZONE_COLOURS[z.id].fill} stroke={ZONE_COLOURS[z.id].stroke} strokeWidth={2 * s} cornerRadius={2 * s} />
          {z.runs.map((run) => (
            <Text key={run.key} name="zone-title-run" zoneId={z.id} x={run.x} y={run.y} height={scene.zoneRowH} verticalAlign="middle" text={run.text} fontSize={scene.zoneFont} fontStyle={run.weight} fontFamily={CANVAS_FONT_FAMILY} wrap="none" fill={ZONE_COLOURS[z.id].text} />
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
      <AxisWording scene={scene} axis="interest" text={text} />
      {/* Power: up the left side, low at the bottom, high at the top. */}
      <AxisWording scene={scene} axis="power" text={text} />
    </Layer>
  );
});

/** One axis's wording as the scene placed it (shared/scene/mapScene `axisWordingRows`). */
function AxisWording({ scene, axis, text }: { scene: Scene; axis: 'power' | 'interest'; text: MapCanvasText }) {
  const { at, rotation, rows, arrows } = axisWordingRows(scene, axis, text, mapTextWidth);
  return (
    <Group x={at.x} y={at.y} rotation={rotation}>
      {rows.map((row, i) => (
        <Text key={i} x={row.x} y={row.y} width={row.width} fontSize={row.size} align={row.align} text={row.text} fontStyle={row.weight} fontFamily={CANVAS_FONT_FAMILY} wrap="none" ellipsis={row.ellipsis} fill={CHIP_INK} />
      ))}
      {arrows.map((a, i) => (
        <Arrow key={`arrow-${i}`} points={[a.x1, a.y, a.x2, a.y]} pointerLength={a.head} pointerWidth={a.head * 1.4} strokeWidth={a.stroke} stroke={CHIP_INK} fill={CHIP_INK} />
      ))}
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
        fontStyle={chipFontStyle(chip.part)}
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
      // The stage's size and text scale, "width,height,scale": the map export laid out at
      // this size draws this very picture (tests/e2e/mapParity.test.ts compares them).
      data-stage={scene ? `${stageW},${stageH},${s}` : undefined}
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

