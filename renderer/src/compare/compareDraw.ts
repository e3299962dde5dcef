import { FULL_VIEW, isFullView, viewToPixels, viewTransform, type PlotFrame, type View } from '../../../shared/scene/frame';
import type { CompareScene, SceneMarks } from './compareScene';
import { addMarkPath, drawMarks, rasterMarks, type MarkStyle } from './markShapes';

/**
 * Bulk drawing of the compare grid onto a 2D context, called from Konva `sceneFunc`s.
 * Nothing here creates a node per mark: the base layer is one shape however many
 * sessions a study has (a benchmark compares this with one Konva node per mark).
 */

const INK = '#1f2328';
const HALO = '#ffffff';

/** Sizes in stage pixels for a text scale `s`. */
export function markSizes(s: number) {
  return { mark: 3.6 * s, focusMark: 4.6 * s, centroid: 5.5 * s, focusCentroid: 8.5 * s, outline: 0.8 * s };
}

function arrow(ctx: CanvasRenderingContext2D, from: { x: number; y: number }, to: { x: number; y: number }, shortenBy: number, head: number): void {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy);
  if (len < shortenBy * 2 + 2) return;
  const ux = dx / len;
  const uy = dy / len;
  const sx = from.x + ux * shortenBy;
  const sy = from.y + uy * shortenBy;
  const ex = to.x - ux * shortenBy;
  const ey = to.y - uy * shortenBy;
  ctx.moveTo(sx, sy);
  ctx.lineTo(ex, ey);
  if (head > 0) {
    const bx = ex - ux * head;
    const by = ey - uy * head;
    ctx.moveTo(ex, ey);
    ctx.lineTo(bx - uy * head * 0.55, by + ux * head * 0.55);
    ctx.moveTo(ex, ey);
    ctx.lineTo(bx + uy * head * 0.55, by - ux * head * 0.55);
  }
}

/** How faint the session marks are with every stakeholder shown: context, not the message. */
export const ALL_MARK_ALPHA = 0.28;

/**
 * Every stakeholder: session marks, thin lines between cohort centroids, and the
 * centroids. With every stakeholder shown the session marks are small and faint, without
 * outlines, so the centroids and their labels read; with a focused stakeholder everything
 * here is dimmed and the focus layer draws that stakeholder on top. The marks come from
 * `bitmaps` (drawn once, then moved as bitmaps while panning and zooming); returns whether
 * they are sharp for the scene's window (false: a sharp redraw is due once the view is still).
 */
export function drawBase(ctx: CanvasRenderingContext2D, scene: CompareScene, full: CompareScene, bitmaps: MarkBitmaps, opts: { s: number; focus: number | null; showMarks: boolean }): boolean {
  const z = markSizes(opts.s);
  const dim = opts.focus !== null;
  const sharp = opts.showMarks ? bitmaps.draw(ctx, scene, full, { radius: z.mark * 0.8, alpha: dim ? 0.1 : ALL_MARK_ALPHA }) : true;
  drawStatistics(ctx, scene, opts);
  return sharp;
}

/** The lines between cohort centroids and the centroids (few: stakeholders × cohorts), drawn straight. */
function drawStatistics(ctx: CanvasRenderingContext2D, scene: CompareScene, opts: { s: number; focus: number | null }): void {
  const z = markSizes(opts.s);
  const dim = opts.focus !== null;
  ctx.save();
  ctx.globalAlpha = dim ? 0.1 : 0.4;
  ctx.strokeStyle = INK;
  ctx.lineWidth = 1.1 * opts.s;
  ctx.beginPath();
  for (const a of scene.arrows) arrow(ctx, a.from, a.to, z.centroid, 0);
  ctx.stroke();
  ctx.restore();

  ctx.save();
  ctx.globalAlpha = dim ? 0.18 : 1;
  ctx.lineWidth = 1.2 * opts.s;
  scene.styles.forEach((style, k) => {
    ctx.beginPath();
    for (const c of scene.centroids) if (c.cohort === k) addMarkPath(ctx, style.shape, c.x, c.y, z.centroid);
    ctx.fillStyle = style.colour;
    ctx.strokeStyle = INK;
    ctx.fill();
    ctx.stroke();
  });
  ctx.restore();
}

/** The session marks drawn for one window onto the grid, at `scale` device pixels per stage pixel. */
interface MarkBitmap {
  canvas: HTMLCanvasElement;
  view: View;
  frame: PlotFrame;
  scale: number;
  radius: number;
  marks: SceneMarks;
  styles: readonly MarkStyle[];
}

function sameMarks(a: SceneMarks, b: SceneMarks): boolean {
  if (a === b) return true;
  const n = a.xs.length;
  if (b.xs.length !== n) return false;
  for (let i = 0; i < n; i++) if (a.xs[i] !== b.xs[i] || a.ys[i] !== b.ys[i] || a.styleOf[i] !== b.styleOf[i]) return false;
  return true;
}

function sameStyles(a: readonly MarkStyle[], b: readonly MarkStyle[]): boolean {
  return a.length === b.length && a.every((s, i) => s.shape === b[i]!.shape && s.colour === b[i]!.colour);
}

function sameFrame(a: PlotFrame, b: PlotFrame): boolean {
  return a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;
}

/**
 * The base layer's session marks as cached bitmaps (offscreen canvases): the cohorts'
 * batches (one path, one fill per cohort) drawn once for the whole grid, and once more,
 * sharp, for the window the user has stopped at. A pan or zoom frame only draws a bitmap
 * through the window's transform — one drawImage however many marks — so 100,000 marks
 * pan as smoothly as 1,000; the marks are drawn again only when the data, the size or the
 * text scale change, or when the view has been still (`renderSharp`). The analysis
 * arriving does not redraw them: its marks are the same as the sessions' (compared).
 */
export class MarkBitmaps {
  private full: MarkBitmap | null = null;
  private sharp: MarkBitmap | null = null;
  /** How many marks the last draw showed (for tests and the benchmark). */
  drawn = 0;

  private render(into: MarkBitmap | null, scene: CompareScene, radius: number): MarkBitmap {
    const scale = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
    const f = scene.frame;
    const canvas = into?.canvas ?? document.createElement('canvas');
    const w = Math.max(1, Math.ceil(f.width * scale));
    const h = Math.max(1, Math.ceil(f.height * scale));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d')!;
    // The bitmap covers the plot exactly, in device pixels (marks outside it are skipped).
    ctx.putImageData(rasterMarks(scene.marks, scene.styles, { left: f.left, top: f.top, width: f.width, height: f.height, scale, radius, alpha: ALL_MARK_ALPHA }), 0, 0);
    return { canvas, view: scene.view, frame: f, scale, radius, marks: scene.marks, styles: scene.styles };
  }

  private valid(b: MarkBitmap | null, scene: CompareScene, radius: number): b is MarkBitmap {
    return b !== null && b.radius === radius && sameFrame(b.frame, scene.frame) && sameStyles(b.styles, scene.styles) && sameMarks(b.marks, scene.marks);
  }

  /** Draw the marks of `scene` (`full`: the same scene for the whole grid). Returns whether they are sharp. */
  draw(ctx: CanvasRenderingContext2D, scene: CompareScene, full: CompareScene, opts: { radius: number; alpha: number }): boolean {
    if (!this.valid(this.full, full, opts.radius)) {
      this.full = this.render(this.full, full, opts.radius);
      this.sharp = null;
    }
    const v = scene.view;
    const sameView = (b: MarkBitmap) => b.view.span === v.span && b.view.interest0 === v.interest0 && b.view.power0 === v.power0;
    let bitmap: MarkBitmap = this.full;
    let sharp = isFullView(v);
    if (!sharp && this.sharp && sameView(this.sharp) && this.valid(this.sharp, scene, opts.radius)) {
      bitmap = this.sharp;
      sharp = true;
    }
    const f = scene.frame;
    ctx.save();
    // The bitmap holds the marks at the all-stakeholders alpha; a focus dims it as a whole.
    ctx.globalAlpha = opts.alpha / ALL_MARK_ALPHA;
    if (bitmap === this.full && !isFullView(v)) {
      const t = viewTransform(f, FULL_VIEW, v);
      ctx.transform(t.a, 0, 0, t.a, t.e, t.f);
    }
    ctx.drawImage(bitmap.canvas, f.left, f.top, f.width, f.height);
    ctx.restore();
    this.drawn = full.marks.xs.length;
    return sharp;
  }

  /** Draw the marks sharp for the window `scene` shows (call when the view has been still). */
  renderSharp(scene: CompareScene, radius: number): void {
    if (isFullView(scene.view)) return;
    this.sharp = this.render(this.sharp, scene, radius);
  }

  /** Let go of the bitmaps' memory (the view is closing). */
  dispose(): void {
    for (const b of [this.full, this.sharp]) if (b) b.canvas.width = b.canvas.height = 0;
    this.full = this.sharp = null;
  }
}

/**
 * The focused stakeholder: one-SD ellipses (cohorts with n ≥ 3), arrows between the
 * cohort centroids, every session's mark and the centroids, large, on top of the rest.
 */
export function drawFocus(ctx: CanvasRenderingContext2D, scene: CompareScene, opts: { s: number; focus: number; showMarks: boolean; showEllipses: boolean }): void {
  const z = markSizes(opts.s);
  const f = scene.frame;
  const sx = f.width / scene.view.span;
  const sy = f.height / scene.view.span;
  if (opts.showEllipses) {
    for (const e of scene.ellipses) {
      if (e.stakeholder !== opts.focus) continue;
      const style = scene.styles[e.cohort]!;
      ctx.save();
      // Build the path in grid units (power upwards), then stroke in pixels so the line
      // width stays even when the plot is not square.
      ctx.beginPath();
      ctx.save();
      const centre = viewToPixels(e.centre, f, scene.view);
      ctx.translate(centre.x, centre.y);
      ctx.scale(sx, -sy);
      ctx.rotate((e.angleDeg * Math.PI) / 180);
      ctx.ellipse(0, 0, Math.max(e.major, 0.02), Math.max(e.minor, 0.02), 0, 0, Math.PI * 2);
      ctx.restore();
      ctx.globalAlpha = 0.1;
      ctx.fillStyle = style.colour;
      ctx.fill();
      ctx.globalAlpha = 0.95;
      ctx.strokeStyle = style.colour;
      ctx.lineWidth = 2 * opts.s;
      ctx.setLineDash([6 * opts.s, 4 * opts.s]);
      ctx.stroke();
      ctx.restore();
    }
  }
  if (opts.showMarks) {
    drawMarks(ctx, scene.marks, scene.styles, {
      radius: z.focusMark,
      alpha: 0.9,
      outline: INK,
      outlineWidth: z.outline,
      include: (i) => scene.marks.stakeholderOf[i] === opts.focus,
    });
  }
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const pass of [
    { colour: HALO, width: 5 * opts.s },
    { colour: INK, width: 2.2 * opts.s },
  ]) {
    ctx.beginPath();
    for (const a of scene.arrows) if (a.stakeholder === opts.focus) arrow(ctx, a.from, a.to, z.focusCentroid + 2 * opts.s, 9 * opts.s);
    ctx.strokeStyle = pass.colour;
    ctx.lineWidth = pass.width;
    ctx.stroke();
  }
  ctx.restore();
  ctx.save();
  scene.styles.forEach((style, k) => {
    const own = scene.centroids.filter((c) => c.stakeholder === opts.focus && c.cohort === k);
    if (own.length === 0) return;
    ctx.beginPath();
    for (const c of own) addMarkPath(ctx, style.shape, c.x, c.y, z.focusCentroid);
    ctx.strokeStyle = HALO;
    ctx.lineWidth = 5 * opts.s;
    ctx.lineJoin = 'round';
    ctx.stroke();
    ctx.fillStyle = style.colour;
    ctx.fill();
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1.8 * opts.s;
    ctx.stroke();
  });
  ctx.restore();
}

/** A ring around the mark or centroid being pointed at (hover, keyboard, the twin table). */
export function drawPointer(ctx: CanvasRenderingContext2D, at: { x: number; y: number; r: number }, s: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.arc(at.x, at.y, at.r + 4 * s, 0, Math.PI * 2);
  ctx.strokeStyle = HALO;
  ctx.lineWidth = 5 * s;
  ctx.stroke();
  ctx.strokeStyle = '#0b5cad';
  ctx.lineWidth = 2.5 * s;
  ctx.stroke();
  ctx.restore();
}
