import type { CompareScene } from './compareScene';
import { addMarkPath, drawMarks } from './markShapes';
import { viewToPixels } from './viewport';

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
 * here is dimmed and the focus layer draws that stakeholder on top.
 */
export function drawBase(ctx: CanvasRenderingContext2D, scene: CompareScene, opts: { s: number; focus: number | null; showMarks: boolean }): void {
  const z = markSizes(opts.s);
  const dim = opts.focus !== null;
  if (opts.showMarks) {
    drawMarks(ctx, scene.marks, scene.styles, {
      radius: z.mark * 0.8,
      alpha: dim ? 0.1 : ALL_MARK_ALPHA,
      outline: INK,
      // Outlines double the drawing work and, with every stakeholder, only add noise.
      outlineWidth: 0,
    });
  }
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
