import type { CohortShape } from '../../../shared/model/study';
import { traceShape } from '../../../shared/scene/cohortShapes';

/**
 * Cohort markers drawn straight onto a 2D canvas context as sub-paths, so thousands of
 * marks of one cohort become one path, one fill and one stroke. The shapes are defined
 * once, in shared/scene/cohortShapes, which the exports and the mini-maps use too.
 */

/** Add one marker, centred on (x, y) with radius r, to the current path (see shared/scene/cohortShapes). */
export function addMarkPath(ctx: CanvasRenderingContext2D, shape: CohortShape, x: number, y: number, r: number): void {
  traceShape(ctx, shape, x, y, r);
}

/** One cohort's look on the canvas. */
export interface MarkStyle {
  shape: CohortShape;
  colour: string;
}

/**
 * Draw many marks in one pass per style: `xs`, `ys` are pixel centres, `styleOf[i]` the
 * index into `styles`. Marks where `include(i)` is false are skipped.
 */
export function drawMarks(
  ctx: CanvasRenderingContext2D,
  marks: { xs: Float32Array | number[]; ys: Float32Array | number[]; styleOf: Uint16Array | number[] },
  styles: readonly MarkStyle[],
  opts: { radius: number; alpha: number; outline: string; outlineWidth: number; include?: (i: number) => boolean },
): void {
  ctx.save();
  ctx.globalAlpha = opts.alpha;
  ctx.lineWidth = opts.outlineWidth;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = opts.outline;
  const n = marks.xs.length;
  for (let k = 0; k < styles.length; k++) {
    const style = styles[k]!;
    ctx.beginPath();
    let any = false;
    for (let i = 0; i < n; i++) {
      if (marks.styleOf[i] !== k || (opts.include && !opts.include(i))) continue;
      addMarkPath(ctx, style.shape, marks.xs[i]!, marks.ys[i]!, opts.radius);
      any = true;
    }
    if (!any) continue;
    ctx.fillStyle = style.colour;
    ctx.fill();
    if (opts.outlineWidth > 0) ctx.stroke();
  }
  ctx.restore();
}
