import type { CohortShape } from '../../../shared/model/study';

/**
 * Cohort markers drawn straight onto a 2D canvas context as sub-paths, so thousands of
 * marks of one cohort become one path, one fill and one stroke. The shapes match the
 * cohort markers elsewhere in the app (studies/CohortMarker) and in exports
 * (shared/export/compareSvg `shapePath`): a cohort differs by shape as well as colour.
 */

/** Unit outlines (radius 1) of the polygonal shapes, computed once. */
const POLYGONS: Partial<Record<CohortShape, ReadonlyArray<readonly [number, number]>>> = {
  square: [
    [-0.9, -0.9],
    [0.9, -0.9],
    [0.9, 0.9],
    [-0.9, 0.9],
  ],
  triangle: [
    [0, -1.15],
    [1.05, 0.75],
    [-1.05, 0.75],
  ],
  diamond: [
    [0, -1.2],
    [1.2, 0],
    [0, 1.2],
    [-1.2, 0],
  ],
  star: Array.from({ length: 10 }, (_, i) => {
    const rr = i % 2 === 0 ? 1.25 : 0.55;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return [Math.cos(a) * rr, Math.sin(a) * rr] as const;
  }),
  cross: (() => {
    const a = 1.1;
    const b = 0.38;
    return [
      [-b, -a],
      [b, -a],
      [b, -b],
      [a, -b],
      [a, b],
      [b, b],
      [b, a],
      [-b, a],
      [-b, b],
      [-a, b],
      [-a, -b],
      [-b, -b],
    ] as const;
  })(),
};

/** Add one marker, centred on (x, y) with radius r, to the current path. */
export function addMarkPath(ctx: CanvasRenderingContext2D, shape: CohortShape, x: number, y: number, r: number): void {
  if (shape === 'circle') {
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
    return;
  }
  const pts = POLYGONS[shape]!;
  ctx.moveTo(x + pts[0]![0] * r, y + pts[0]![1] * r);
  for (let i = 1; i < pts.length; i++) ctx.lineTo(x + pts[i]![0] * r, y + pts[i]![1] * r);
  // NOTE: back to the first vertex by lineTo, not closePath(): in Chromium, closePath on a
  // path with thousands of sub-paths costs time in proportion to the whole path, which made
  // 20,000 marks take seconds to draw. With round joins the outline looks the same.
  ctx.lineTo(x + pts[0]![0] * r, y + pts[0]![1] * r);
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
