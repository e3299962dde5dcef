import { canonicalSessionOrder, type RawPoint } from '../../../shared/analysis/compareCohorts';
import type { Ellipse } from '../../../shared/analysis/descriptive';
import type { Position } from '../../../shared/model/position';
import type { Session } from '../../../shared/model/session';
import type { GridStudy, Study } from '../../../shared/model/study';
import type { MarkStyle } from './markShapes';
import { FULL_VIEW, isFullView, viewToPixels, viewTransform, type PlotFrame, type View } from '../../../shared/scene/frame';

/**
 * What the compare grid draws, in stage pixels, built from an analysis result. Marks are
 * kept in flat typed arrays: a study of 1,000 sessions and 20 stakeholders has 20,000 of
 * them, drawn in one pass and hit-tested by a plain scan.
 */
export interface SceneMarks {
  xs: Float32Array;
  ys: Float32Array;
  /** Index into `styles` (the cohort). */
  styleOf: Uint16Array;
  /** Index into the comparison's stakeholders. */
  stakeholderOf: Uint16Array;
  /** The raw point each mark shows. */
  points: RawPoint[];
}

export interface SceneCentroid {
  stakeholder: number;
  cohort: number;
  x: number;
  y: number;
  n: number;
  position: Position;
}

export interface SceneEllipse {
  stakeholder: number;
  cohort: number;
  centre: Position;
  major: number;
  minor: number;
  angleDeg: number;
}

export interface SceneArrow {
  stakeholder: number;
  /** The cohort at the arrow's head. */
  cohort: number;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

export interface CompareScene {
  frame: PlotFrame;
  /** The part of the grid shown (the whole grid unless zoomed). */
  view: View;
  /** One style per cohort of the comparison, in its order. */
  styles: MarkStyle[];
  marks: SceneMarks;
  centroids: SceneCentroid[];
  ellipses: SceneEllipse[];
  arrows: SceneArrow[];
}

/**
 * What the grid needs: the analysis result satisfies it, and so does `provisionalInput`,
 * built straight from the selected sessions, so the marks appear at once while the
 * statistics (centroids, ellipses) are still being computed in the worker.
 */
export interface SceneInput {
  cohorts: ReadonlyArray<{ id: string; name: string; sessions: number }>;
  stakeholders: ReadonlyArray<{
    id: string;
    short: string;
    points: readonly RawPoint[];
    cohorts: ReadonlyArray<{ id: string; name: string; n: number; centroid: Position | null; ellipse: Ellipse | null }>;
  }>;
}

/**
 * The marks of the selected sessions without any statistics, in the same order as the
 * analysis lists them (stakeholders in study order, sessions in canonical order), so the
 * keyboard order does not change when the result arrives.
 */
export function provisionalInput(study: Study, selected: readonly Session[], cohortIds: readonly string[]): SceneInput {
  const sessions = canonicalSessionOrder(study, selected);
  const cohorts = cohortIds.map((id) => ({ id, name: study.cohorts.find((c) => c.id === id)?.name ?? id, sessions: sessions.filter((s) => s.cohortId === id).length }));
  const stakeholders = study.stakeholders
    .filter((st) => sessions.some((s) => s.placements[st.id] !== undefined))
    .map((st) => {
      const points: RawPoint[] = [];
      for (const s of sessions) {
        const p = s.placements[st.id];
        if (p?.status === 'placed' && p.position) points.push({ sessionId: s.id, sessionCode: s.code, cohortId: s.cohortId, position: p.position, contested: p.contested });
      }
      return {
        id: st.id,
        short: st.short,
        points,
        cohorts: cohorts.map((c) => ({ id: c.id, name: c.name, n: points.filter((p) => p.cohortId === c.id).length, centroid: null, ellipse: null })),
      };
    });
  return { cohorts, stakeholders };
}

const FALLBACK_STYLE: MarkStyle = { shape: 'circle', colour: '#6e7781' };

/** Cohort looks in the comparison's cohort order (unknown cohorts get a grey circle). */
export function cohortStyles(study: Pick<GridStudy, 'cohorts'>, comparison: Pick<SceneInput, 'cohorts'>): MarkStyle[] {
  return comparison.cohorts.map((c) => {
    const cohort = study.cohorts.find((x) => x.id === c.id);
    return cohort ? { shape: cohort.shape, colour: cohort.colour } : FALLBACK_STYLE;
  });
}

export function buildCompareScene(study: GridStudy, comparison: SceneInput, frame: PlotFrame, view: View = FULL_VIEW): CompareScene {
  const toPixels = (p: Position, f: PlotFrame) => viewToPixels(p, f, view);
  const cohortIndex = new Map(comparison.cohorts.map((c, i) => [c.id, i]));
  const total = comparison.stakeholders.reduce((n, s) => n + s.points.length, 0);
  const marks: SceneMarks = {
    xs: new Float32Array(total),
    ys: new Float32Array(total),
    styleOf: new Uint16Array(total),
    stakeholderOf: new Uint16Array(total),
    points: new Array<RawPoint>(total),
  };
  const centroids: SceneCentroid[] = [];
  const ellipses: SceneEllipse[] = [];
  const arrows: SceneArrow[] = [];
  let m = 0;
  comparison.stakeholders.forEach((st, si) => {
    for (const p of st.points) {
      const at = toPixels(p.position, frame);
      marks.xs[m] = at.x;
      marks.ys[m] = at.y;
      marks.styleOf[m] = cohortIndex.get(p.cohortId) ?? 0;
      marks.stakeholderOf[m] = si;
      marks.points[m] = p;
      m++;
    }
    const present: SceneCentroid[] = [];
    st.cohorts.forEach((c) => {
      const k = cohortIndex.get(c.id)!;
      if (c.centroid) {
        const at = toPixels(c.centroid, frame);
        const centroid = { stakeholder: si, cohort: k, x: at.x, y: at.y, n: c.n, position: c.centroid };
        centroids.push(centroid);
        present.push(centroid);
      }
      if (c.ellipse) ellipses.push({ stakeholder: si, cohort: k, centre: c.ellipse.centre, major: c.ellipse.radii.major, minor: c.ellipse.radii.minor, angleDeg: c.ellipse.angleDeg });
    });
    // Arrows from the first cohort's centroid to each other cohort's: "where this cohort
    // sees it, compared with where the first one does" (as in the exported picture).
    const [first, ...rest] = present;
    if (first) for (const c of rest) arrows.push({ stakeholder: si, cohort: c.cohort, from: { x: first.x, y: first.y }, to: { x: c.x, y: c.y } });
  });
  return { frame, view, styles: cohortStyles(study, comparison), marks, centroids, ellipses, arrows };
}

/**
 * The same scene seen through another window: every pixel position moved by the window's
 * transform (one multiply-add per coordinate), nothing rebuilt. Panning and zooming a
 * 100,000-mark grid re-projects the full-view scene instead of building a new one.
 */
export function projectScene(full: CompareScene, view: View): CompareScene {
  if (isFullView(view) && isFullView(full.view)) return full;
  const t = viewTransform(full.frame, full.view, view);
  const n = full.marks.xs.length;
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  const fx = full.marks.xs;
  const fy = full.marks.ys;
  for (let i = 0; i < n; i++) {
    xs[i] = t.a * fx[i]! + t.e;
    ys[i] = t.a * fy[i]! + t.f;
  }
  const at = (p: { x: number; y: number }) => ({ x: t.a * p.x + t.e, y: t.a * p.y + t.f });
  return {
    ...full,
    view,
    marks: { ...full.marks, xs, ys },
    centroids: full.centroids.map((c) => ({ ...c, ...at(c) })),
    arrows: full.arrows.map((a) => ({ ...a, from: at(a.from), to: at(a.to) })),
  };
}

/** What lies under a stage point. */
export type SceneHit = { kind: 'centroid'; centroid: SceneCentroid } | { kind: 'mark'; index: number };

/**
 * The centroid or mark nearest to (x, y) within reach. A focused stakeholder's items win
 * over the dimmed ones; centroids win over marks (they are drawn on top).
 */
export function hitTestScene(scene: CompareScene, x: number, y: number, reach: { centroid: number; mark: number }, focus: number | null): SceneHit | null {
  const better = (d: number, best: number, own: boolean, bestOwn: boolean) => (own !== bestOwn ? own : d < best);
  let hit: SceneHit | null = null;
  let bestD = Infinity;
  let bestOwn = false;
  for (const c of scene.centroids) {
    const d = Math.hypot(c.x - x, c.y - y);
    if (d > reach.centroid) continue;
    const own = focus === null || c.stakeholder === focus;
    if (hit === null || better(d, bestD, own, bestOwn)) {
      hit = { kind: 'centroid', centroid: c };
      bestD = d;
      bestOwn = own;
    }
  }
  if (hit && bestOwn) return hit;
  const { xs, ys, stakeholderOf } = scene.marks;
  const r2 = reach.mark * reach.mark;
  let markHit = -1;
  let markD = Infinity;
  let markOwn = false;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - x;
    const dy = ys[i]! - y;
    const d2 = dx * dx + dy * dy;
    if (d2 > r2) continue;
    const own = focus === null || stakeholderOf[i] === focus;
    if (markHit < 0 || better(d2, markD, own, markOwn)) {
      markHit = i;
      markD = d2;
      markOwn = own;
    }
  }
  if (markHit >= 0 && (hit === null || (markOwn && !bestOwn))) return { kind: 'mark', index: markHit };
  return hit;
}
