import type Konva from 'konva';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { Layer, Rect, Shape, Stage, Text } from 'react-konva';
import type { RawPoint } from '../../../shared/analysis/compareCohorts';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { GridStudy } from '../../../shared/model/study';
import { layoutChipLabels } from '../../../shared/ops/chipLayout';
import { CANVAS_FONT_FAMILY, measureText } from '../editor/canvasText';
import { squarePlotFrame } from '../../../shared/scene/frame';
import { drawBase, drawFocus, drawPointer, markSizes, MarkBitmaps } from './compareDraw';
import { buildCompareScene, hitTestScene, projectScene, type SceneCentroid, type SceneHit, type SceneInput } from './compareScene';
import { GridBackground, zoneTitleBoxes, type GridText } from './GridBackground';
import { FULL_VIEW, isFullView, MIN_SPAN, panBy, zoomAt, type View } from './viewport';

/** One wheel notch or key press zooms by this factor. */
const ZOOM_STEP = 1.25;
/** A zoomed or panned view still this long gets its marks drawn sharp again. */
const SHARP_AFTER_MS = 140;

export interface CompareCanvasText extends GridText {
  mapLabel: string;
  /** Names the session behind a mark: "SUR-FGD-03 (Survivors) placed Police at …". */
  mark(stakeholderIndex: number, point: RawPoint): string;
  /** Names a cohort centroid of a stakeholder. */
  centroid(stakeholderIndex: number, cohortIndex: number): string;
  /** The label next to a focused stakeholder's cohort centroid: "Survivors · n 12". */
  cohortTag(stakeholderIndex: number, cohortIndex: number): string;
  zoomIn: string;
  zoomOut: string;
  zoomReset: string;
  /** "Zoom 200%" */
  zoomLevel(percent: number): string;
}

export interface CompareCanvasProps {
  study: GridStudy;
  /** The analysis result, or the provisional marks while it is computed. */
  comparison: SceneInput;
  language: Language;
  /** The focused stakeholder's id, or null for all. */
  focusId: string | null;
  /** A session of the focused stakeholder pointed at from outside (the twin table). */
  pointedSessionId: string | null;
  /** `arrows` (default true): the arrows between a focused stakeholder's cohort centroids. */
  show: { marks: boolean; ellipses: boolean; labels: boolean; arrows?: boolean };
  /**
   * False for a picture only (the audience window): no zoom, pan, pointer or keyboard, no
   * zoom buttons, not a tab stop. Default true.
   */
  interactive?: boolean;
  textScale: number;
  /**
   * Whether the faces the canvas writes with are loaded (default true). Until they are, the
   * grid and its marks are drawn without words; the words follow once they can be drawn.
   */
  fontsReady?: boolean;
  text: CompareCanvasText;
  describedBy: string;
  onFocus(stakeholderId: string | null): void;
  /** The keyboard or pointer now points at a session's mark of the focused stakeholder (or nothing). */
  onPoint(sessionId: string | null): void;
  /** Something to announce to screen readers (keyboard moves). */
  onAnnounce(message: string): void;
}

const INK = '#1f2328';

/**
 * The compare grid: the editor's background, every session's placement of every
 * stakeholder as a cohort mark, cohort centroids, lines between them, and for a focused
 * stakeholder its ellipses, arrows and labelled centroids. Drawn in bulk on non-listening
 * layers; pointer and keyboard are handled on the wrapper with a hit test over the scene.
 */
export function CompareCanvas(props: CompareCanvasProps) {
  const { study, comparison, focusId, text, textScale: s } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const surfaceRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<SceneHit | null>(null);
  const [cursor, setCursor] = useState<SceneHit | null>(null);
  // The words (zone titles, ticks, axis wording, centroid labels) join the grid a frame after
  // its marks: Konva measures every text node when it is created, and the first measures with
  // freshly loaded faces cost more than drawing 20,000 marks (profiled: ~170 ms of text
  // measuring in the commit that first drew the marks of the benchmark's 500 × 40 study).
  const fontsReady = props.fontsReady !== false;
  const [wordsShown, setWordsShown] = useState(false);
  const withText = fontsReady && wordsShown;

  // A layout effect: the stage is sized and drawn in the commit that mounts the grid, not
  // one round trip later when the resize observer first reports.
  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const update = () => setWidth(el.clientWidth);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (width === 0 || !fontsReady || wordsShown) return;
    // After the frame that shows the marks has been painted.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setWordsShown(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [width, fontsReady, wordsShown]);

  // A square plot: the same distance means the same on both axes.
  const stageW = Math.max(300, width);
  const { frame, stageHeight: stageH } = useMemo(() => squarePlotFrame(stageW, s), [stageW, s]);
  const [view, setView] = useState<View>(FULL_VIEW);
  const showArrows = props.show.arrows !== false;
  // The scene for the whole grid, built once per data, size and text scale; a zoomed or
  // panned window re-projects it (a multiply-add per mark), it is never built again.
  const fullScene = useMemo(() => {
    const built = buildCompareScene(study, comparison, frame, FULL_VIEW);
    return showArrows ? built : { ...built, arrows: [] };
  }, [study, comparison, frame, showArrows]);
  const scene = useMemo(() => projectScene(fullScene, view), [fullScene, view]);
  const interactive = props.interactive !== false;
  const focus = useMemo(() => {
    const i = focusId === null ? -1 : comparison.stakeholders.findIndex((st) => st.id === focusId);
    return i < 0 ? null : i;
  }, [focusId, comparison]);
  const sizes = markSizes(s);

  const { marks: showMarks, ellipses: showEllipses, labels: showLabels } = props.show;
  // The marks as cached bitmaps (compareDraw `MarkBitmaps`): drawn from the sessions as soon
  // as they load, moved as bitmaps while panning and zooming, drawn sharp once the view is still.
  const bitmaps = useMemo(() => new MarkBitmaps(), []);
  useEffect(() => () => bitmaps.dispose(), [bitmaps]);
  const baseLayerRef = useRef<Konva.Layer>(null);
  const sharpTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sceneRef = useRef(scene);
  useEffect(() => {
    sceneRef.current = scene;
  }, [scene]);
  useEffect(
    () => () => {
      if (sharpTimer.current) clearTimeout(sharpTimer.current);
    },
    [],
  );
  const baseFunc = useCallback(
    (ctx: Konva.Context) => {
      const sharp = drawBase(ctx._context, scene, fullScene, bitmaps, { s, focus, showMarks });
      // For tests and the benchmark: how many marks are on the grid, and since when.
      const el = surfaceRef.current;
      const drawn = String(showMarks ? bitmaps.drawn : 0);
      if (el && el.dataset.marksDrawn !== drawn) {
        el.dataset.marksDrawn = drawn;
        el.dataset.marksDrawnAt = String(performance.now());
      }
      if (sharpTimer.current) clearTimeout(sharpTimer.current);
      sharpTimer.current = null;
      if (!sharp) {
        sharpTimer.current = setTimeout(() => {
          sharpTimer.current = null;
          const now = sceneRef.current;
          if (now !== scene) return;
          bitmaps.renderSharp(now, markSizes(s).mark * 0.8);
          baseLayerRef.current?.batchDraw();
        }, SHARP_AFTER_MS);
      }
    },
    [scene, fullScene, bitmaps, s, focus, showMarks],
  );
  const focusFunc = useCallback(
    (ctx: Konva.Context) => {
      if (focus !== null) drawFocus(ctx._context, scene, { s, focus, showMarks, showEllipses });
    },
    [scene, s, focus, showMarks, showEllipses],
  );

  // The focused stakeholder's session being pointed at, from the twin table.
  const pointedMark = useMemo(() => {
    if (focus === null || props.pointedSessionId === null) return null;
    const { stakeholderOf, points } = scene.marks;
    for (let i = 0; i < points.length; i++) if (stakeholderOf[i] === focus && points[i]!.sessionId === props.pointedSessionId) return i;
    return null;
  }, [scene, focus, props.pointedSessionId]);

  const shown: SceneHit | null = useMemo(() => hover ?? cursor ?? (pointedMark !== null ? { kind: 'mark', index: pointedMark } : null), [hover, cursor, pointedMark]);
  const pointerAt = useMemo(() => {
    if (!shown) return null;
    if (shown.kind === 'centroid') {
      const own = focus === null || shown.centroid.stakeholder === focus;
      return { x: shown.centroid.x, y: shown.centroid.y, r: own && focus !== null ? sizes.focusCentroid : sizes.centroid };
    }
    const own = focus !== null && scene.marks.stakeholderOf[shown.index] === focus;
    return { x: scene.marks.xs[shown.index]!, y: scene.marks.ys[shown.index]!, r: own ? sizes.focusMark : sizes.mark };
  }, [shown, scene, focus, sizes.centroid, sizes.focusCentroid, sizes.focusMark, sizes.mark]);
  const pointerFunc = useCallback(
    (ctx: Konva.Context) => {
      if (pointerAt) drawPointer(ctx._context, pointerAt, s);
    },
    [pointerAt, s],
  );

  const markText = (index: number) => text.mark(scene.marks.stakeholderOf[index]!, scene.marks.points[index]!);
  const tip = shown ? (shown.kind === 'mark' ? markText(shown.index) : text.centroid(shown.centroid.stakeholder, shown.centroid.cohort)) : null;

  // Labels: every stakeholder's name at its first cohort's centroid (where its lines
  // start), never at a session mark, or, with a focus, each cohort's name and n beside its
  // centroid. Laid out so none covers another nor a labelled centroid; the other centroids
  // and the zone titles are avoided where there is room.
  const labels = useMemo(() => {
    if (!showLabels || !withText) return [];
    const font = 12.5 * s;
    const h = Math.round(font * 1.55);
    const pad = 5 * s;
    const items: Array<{ id: string; x: number; y: number; text: string; bold: boolean }> = [];
    if (focus === null) {
      const seen = new Set<number>();
      for (const c of scene.centroids) {
        if (seen.has(c.stakeholder)) continue;
        seen.add(c.stakeholder);
        const st = comparison.stakeholders[c.stakeholder]!;
        const full = study.stakeholders.find((x) => x.id === st.id);
        items.push({ id: `s${c.stakeholder}`, x: c.x, y: c.y, text: full ? stakeholderLabel(full, props.language).short : st.short, bold: true });
      }
    } else {
      for (const c of scene.centroids) if (c.stakeholder === focus) items.push({ id: `c${c.cohort}`, x: c.x, y: c.y, text: text.cohortTag(focus, c.cohort), bold: true });
    }
    // Zoomed: only centroids inside the window get a label.
    const visible = items.filter((it) => it.x >= frame.left && it.x <= frame.left + frame.width && it.y >= frame.top && it.y <= frame.top + frame.height);
    items.length = 0;
    items.push(...visible);
    const laid = layoutChipLabels(
      items.map((it) => ({ id: it.id, x: it.x, y: it.y, labelWidth: Math.ceil(measureText(it.text, font, '600') + 2 * pad), labelHeight: h })),
      {
        markerRadius: (focus === null ? sizes.centroid : sizes.focusCentroid) + 2 * s,
        bounds: { x: frame.left + 2, y: frame.top + 2, width: frame.width - 4, height: frame.height - 4 },
        gap: 2 * s,
        softObstacles: [
          ...zoneTitleBoxes(frame, study.midline, text, s, false, view).flatMap((z) => (z.role ? [z.title, z.role] : [z.title])),
          ...(focus === null ? unlabelledCentroids(scene.centroids, sizes.centroid + 2 * s) : []),
        ],
      },
    );
    return items.map((it, i) => ({ ...it, box: laid[i]!.box, leader: laid[i]!.leader, font, pad }));
  }, [showLabels, withText, focus, scene, comparison, study, props.language, text, s, sizes.centroid, sizes.focusCentroid, frame, view]);

  const stagePoint = (e: { clientX: number; clientY: number }) => {
    const rect = stageRef.current?.container().getBoundingClientRect();
    return rect ? { x: e.clientX - rect.left, y: e.clientY - rect.top } : null;
  };
  const reach = { centroid: sizes.focusCentroid + 4 * s, mark: sizes.focusMark + 4 * s };
  const hitAt = (e: { clientX: number; clientY: number }) => {
    const pt = stagePoint(e);
    return pt ? hitTestScene(scene, pt.x, pt.y, reach, focus) : null;
  };

  // Zoom and pan: the wheel zooms around the pointer, a drag moves a zoomed grid. Both only
  // change the window onto the grid; a click that did not move still focuses.
  const viewRef = useRef(view);
  const frameRef = useRef(frame);
  useEffect(() => {
    viewRef.current = view;
    frameRef.current = frame;
  }, [view, frame]);
  const changeView = useCallback((next: View) => {
    const v = viewRef.current;
    if (next.span === v.span && next.interest0 === v.interest0 && next.power0 === v.power0) return;
    viewRef.current = next;
    setView(next);
  }, []);
  useEffect(() => {
    const el = surfaceRef.current;
    if (!el || !interactive) return;
    // A native listener: React's wheel handler is passive and cannot stop the page scrolling.
    const onWheel = (e: WheelEvent) => {
      const rect = stageRef.current?.container().getBoundingClientRect();
      if (!rect) return;
      const pt = { x: e.clientX - rect.left, y: e.clientY - rect.top };
      const next = zoomAt(viewRef.current, frameRef.current, pt, e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
      // Nothing left to zoom (out of the whole grid, or in past 8×): let the page scroll.
      if (next.span === viewRef.current.span) return;
      e.preventDefault();
      changeView(next);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [changeView, interactive]);
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);
  const [panning, setPanning] = useState(false);
  const dragged = useRef(false);
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, view: viewRef.current, moved: false };
    dragged.current = false;
  };
  const onPointerUp = () => {
    if (drag.current?.moved) dragged.current = true;
    drag.current = null;
    setPanning(false);
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d && e.buttons & 1) {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (!d.moved && Math.hypot(dx, dy) < 4) return;
      if (!d.moved) {
        d.moved = true;
        setPanning(true);
        setHover(null);
        e.currentTarget.setPointerCapture?.(e.pointerId);
      }
      changeView(panBy(d.view, frameRef.current, dx, dy));
      return;
    }
    const hit = hitAt(e);
    setHover((prev) => (sameHit(prev, hit) ? prev : hit));
  };
  const onClick = (e: React.MouseEvent<HTMLDivElement>) => {
    if (dragged.current) {
      dragged.current = false;
      return;
    }
    const hit = hitAt(e);
    if (!hit) return;
    const si = hit.kind === 'centroid' ? hit.centroid.stakeholder : scene.marks.stakeholderOf[hit.index]!;
    const id = comparison.stakeholders[si]!.id;
    if (id !== focusId) {
      setCursor(null);
      props.onFocus(id);
    }
  };

  // Keyboard: Up/Down focus the previous or next stakeholder; Left/Right step through the
  // focused stakeholder's session marks; Escape lets go of the mark, then of the focus.
  const ownMarks = useMemo(() => {
    if (focus === null) return [];
    const out: number[] = [];
    for (let i = 0; i < scene.marks.xs.length; i++) if (scene.marks.stakeholderOf[i] === focus) out.push(i);
    // Cohort by cohort, in the order of the DOM twin's table, so the arrow keys read the
    // marks in the order a screen-reader user finds them there (sort is stable).
    return out.sort((a, b) => scene.marks.styleOf[a]! - scene.marks.styleOf[b]!);
  }, [scene, focus]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const count = comparison.stakeholders.length;
    if (count === 0) return;
    const focusAt = (i: number) => {
      const st = comparison.stakeholders[(i + count) % count]!;
      setCursor(null);
      props.onPoint(null);
      props.onFocus(st.id);
    };
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      focusAt(focus === null ? (step > 0 ? 0 : count - 1) : focus + step);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      if (focus === null) {
        focusAt(0);
        return;
      }
      if (ownMarks.length === 0) return;
      const current = cursor?.kind === 'mark' ? ownMarks.indexOf(cursor.index) : -1;
      let next: number;
      if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = ownMarks.length - 1;
      else if (current < 0) next = e.key === 'ArrowRight' ? 0 : ownMarks.length - 1;
      else next = (current + (e.key === 'ArrowRight' ? 1 : -1) + ownMarks.length) % ownMarks.length;
      const index = ownMarks[next]!;
      setCursor({ kind: 'mark', index });
      props.onPoint(scene.marks.points[index]!.sessionId);
      props.onAnnounce(markText(index));
    } else if (e.key === '+' || e.key === '=' || e.key === '-' || e.key === '0') {
      e.preventDefault();
      const centre = { x: frame.left + frame.width / 2, y: frame.top + frame.height / 2 };
      changeView(e.key === '0' ? FULL_VIEW : zoomAt(view, frame, centre, e.key === '-' ? 1 / ZOOM_STEP : ZOOM_STEP));
    } else if (e.key === 'Escape') {
      if (cursor) {
        e.preventDefault();
        setCursor(null);
        props.onPoint(null);
      } else if (focusId !== null) {
        e.preventDefault();
        props.onFocus(null);
      }
    }
  };

  // A new focus or new data makes an old keyboard position meaningless; a new view moves
  // what the pointer was over.
  const [seen, setSeen] = useState({ comparison, focus, view });
  if (seen.comparison !== comparison || seen.focus !== focus || seen.view !== view) {
    setSeen({ comparison, focus, view });
    setHover(null);
    if (seen.comparison !== comparison || seen.focus !== focus) setCursor(null);
  }

  const tipPos = pointerAt ? tooltipPosition(pointerAt, stageW) : null;
  // Marks and labels stay inside the plot when zoomed (the pointer ring may reach a little past it).
  const clip = { clipX: frame.left, clipY: frame.top, clipWidth: frame.width, clipHeight: frame.height };
  const zoomPercent = Math.round((100 * FULL_VIEW.span) / view.span);
  const centre = { x: frame.left + frame.width / 2, y: frame.top + frame.height / 2 };

  return (
    <div className="compare-canvas" ref={wrapRef}>
      <div
        ref={surfaceRef}
        className="compare-canvas__surface"
        tabIndex={interactive ? 0 : undefined}
        role={interactive ? 'group' : 'img'}
        aria-roledescription={interactive ? text.mapLabel : undefined}
        aria-label={text.mapLabel}
        aria-describedby={props.describedBy}
        data-cursor={panning ? 'grabbing' : hover ? 'pointer' : isFullView(view) ? 'default' : 'grab'}
        data-zoom={Math.round((100 * FULL_VIEW.span) / view.span)}
        data-view={`${view.interest0},${view.power0},${view.span}`}
        data-focus={focusId ?? ''}
        data-plot={`${frame.left},${frame.top},${frame.width},${frame.height}`}
        data-labels={labels.map((l) => `${Math.round(l.box.x)},${Math.round(l.box.y)},${Math.round(l.box.width)},${Math.round(l.box.height)}`).join(' ')}
        data-label-anchors={labels.map((l) => `${Math.round(l.x)},${Math.round(l.y)}`).join(' ')}
        data-testid="compare-grid"
        {...(interactive
          ? {
              onPointerMove,
              onPointerLeave: () => setHover(null),
              onPointerDown,
              onPointerUp,
              onPointerCancel: onPointerUp,
              onClick,
              onKeyDown,
              onBlur: () => setCursor(null),
            }
          : {})}
      >
        {width > 0 ? (
          <Stage ref={stageRef} width={stageW} height={stageH} listening={false}>
            <GridBackground frame={frame} study={study} text={text} width={stageW} height={stageH} s={s} view={view} withText={withText} />
            <Layer ref={baseLayerRef} listening={false} {...clip}>
              <Shape sceneFunc={baseFunc} perfectDrawEnabled={false} />
            </Layer>
            <Layer listening={false} {...clip}>
              <Shape sceneFunc={focusFunc} perfectDrawEnabled={false} />
            </Layer>
            <Layer listening={false} {...clip}>
              {labels.map((l) => (
                <LabelChip key={l.id} label={l} anchor={{ x: l.x, y: l.y }} s={s} />
              ))}
            </Layer>
            <Layer listening={false}>
              <Shape sceneFunc={pointerFunc} perfectDrawEnabled={false} />
            </Layer>
          </Stage>
        ) : null}
        {tip && tipPos ? (
          <div className="compare-tooltip" aria-hidden="true" style={{ left: tipPos.left, top: tipPos.top, transform: tipPos.transform }} data-testid="compare-tooltip">
            {tip}
          </div>
        ) : null}
      </div>
      {interactive ? (
      <div className="zoom-controls" role="group" aria-label={text.zoomLevel(zoomPercent)}>
        <button type="button" className="button button-small button-icon" aria-label={text.zoomOut} title={text.zoomOut} disabled={isFullView(view)} onClick={() => changeView(zoomAt(view, frame, centre, 1 / ZOOM_STEP))}>
          <span aria-hidden="true">−</span>
        </button>
        <span className="zoom-level" aria-hidden="true">
          {zoomPercent}%
        </span>
        <button type="button" className="button button-small button-icon" aria-label={text.zoomIn} title={text.zoomIn} disabled={view.span <= MIN_SPAN + 1e-9} onClick={() => changeView(zoomAt(view, frame, centre, ZOOM_STEP))}>
          <span aria-hidden="true">+</span>
        </button>
        <button type="button" className="button button-small" disabled={isFullView(view)} onClick={() => changeView(FULL_VIEW)}>
          {text.zoomReset}
        </button>
      </div>
      ) : null}
    </div>
  );
}

/** Boxes around every centroid but each stakeholder's first (the labelled one). */
function unlabelledCentroids(centroids: readonly SceneCentroid[], r: number) {
  const seen = new Set<number>();
  const out: Array<{ x: number; y: number; width: number; height: number }> = [];
  for (const c of centroids) {
    if (!seen.has(c.stakeholder)) {
      seen.add(c.stakeholder);
      continue;
    }
    out.push({ x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r });
  }
  return out;
}

function sameHit(a: SceneHit | null, b: SceneHit | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === 'mark' && b.kind === 'mark') return a.index === b.index;
  if (a.kind === 'centroid' && b.kind === 'centroid') return a.centroid === b.centroid;
  return false;
}

/** Above the point, flipped below near the top edge and kept inside near the sides. */
function tooltipPosition(at: { x: number; y: number; r: number }, stageW: number): { left: number; top: number; transform: string } {
  const above = at.y > 70;
  const alignX = at.x < stageW * 0.25 ? '0%' : at.x > stageW * 0.75 ? '-100%' : '-50%';
  return { left: at.x, top: above ? at.y - at.r - 10 : at.y + at.r + 10, transform: `translate(${alignX}, ${above ? '-100%' : '0'})` };
}

function LabelChip({
  label,
  anchor,
  s,
}: {
  label: { text: string; box: { x: number; y: number; width: number; height: number }; leader: boolean; font: number; pad: number };
  anchor: { x: number; y: number };
  s: number;
}) {
  const b = label.box;
  const end = { x: Math.max(b.x, Math.min(anchor.x, b.x + b.width)), y: Math.max(b.y, Math.min(anchor.y, b.y + b.height)) };
  return (
    <>
      {label.leader ? <Shape sceneFunc={(ctx) => leader(ctx._context, anchor, end, s)} perfectDrawEnabled={false} /> : null}
      <Rect x={b.x} y={b.y} width={b.width} height={b.height} fill="#ffffff" opacity={0.92} stroke="#8c959f" strokeWidth={0.8 * s} cornerRadius={3 * s} perfectDrawEnabled={false} />
      <Text x={b.x + label.pad} y={b.y} height={b.height} verticalAlign="middle" text={label.text} fontSize={label.font} fontStyle="600" fontFamily={CANVAS_FONT_FAMILY} fill={INK} />
    </>
  );
}

function leader(ctx: CanvasRenderingContext2D, from: { x: number; y: number }, to: { x: number; y: number }, s: number): void {
  ctx.beginPath();
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(to.x, to.y);
  ctx.strokeStyle = '#6e7781';
  ctx.lineWidth = 1 * s;
  ctx.stroke();
}
