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
  opts: {
    radius: number;
    alpha: number;
    outline: string;
    outlineWidth: number;
    include?: (i: number) => boolean;
    /** Skip marks wholly outside this rectangle (a zoomed window shows a few of them). */
    cull?: { x: number; y: number; width: number; height: number };
  },
): void {
  const c = opts.cull;
  const r = opts.radius * 1.3;
  const x0 = c ? c.x - r : -Infinity;
  const x1 = c ? c.x + c.width + r : Infinity;
  const y0 = c ? c.y - r : -Infinity;
  const y1 = c ? c.y + c.height + r : Infinity;
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
      const x = marks.xs[i]!;
      const y = marks.ys[i]!;
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      addMarkPath(ctx, style.shape, x, y, opts.radius);
      any = true;
    }
    if (!any) continue;
    ctx.fillStyle = style.colour;
    ctx.fill();
    if (opts.outlineWidth > 0) ctx.stroke();
  }
  ctx.restore();
}

/** One cohort's marker as an alpha mask at device resolution, and its colour. */
function maskOf(style: MarkStyle, radiusPx: number): { size: number; half: number; mask: Uint8Array; rgb: [number, number, number] } {
  const half = Math.ceil(radiusPx * 1.3) + 1;
  const size = 2 * half + 1;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = style.colour;
  ctx.beginPath();
  addMarkPath(ctx, style.shape, half + 0.5, half + 0.5, radiusPx);
  ctx.fill();
  const data = ctx.getImageData(0, 0, size, size).data;
  const mask = new Uint8Array(size * size);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i * 4 + 3]!;
  const c = (half * size + half) * 4;
  canvas.width = canvas.height = 0;
  return { size, half, mask, rgb: [data[c]!, data[c + 1]!, data[c + 2]!] };
}

/**
 * One marker's mask into the coverage buffer `cov` (`w` × `h`) at (sx, sy), keeping the
 * larger coverage; pixels newly covered are listed in `touched` from `t`. Returns the new `t`.
 * NOTE: a function of its own, called once per mark, so V8 optimises it after a few
 * hundred marks; the same loop inline in `rasterMarks` (one call, one long loop) ran
 * unoptimised for much of a first draw.
 */
function stampMask(cov: Uint8Array, w: number, h: number, touched: Int32Array, t: number, size: number, mask: Uint8Array, sx: number, sy: number): number {
  if (sx >= w || sy >= h || sx + size <= 0 || sy + size <= 0) return t;
  const ja = sy < 0 ? -sy : 0;
  const jb = Math.min(size, h - sy);
  const ia = sx < 0 ? -sx : 0;
  const ib = Math.min(size, w - sx);
  for (let j = ja; j < jb; j++) {
    const row = (sy + j) * w + sx;
    const mrow = j * size;
    for (let ii = ia; ii < ib; ii++) {
      const a = mask[mrow + ii]!;
      if (a === 0) continue;
      const p = row + ii;
      const c = cov[p]!;
      if (c === 0) touched[t++] = p;
      if (a > c) cov[p] = a;
    }
  }
  return t;
}

/**
 * The same picture as `drawMarks` without outlines, rasterised in script: each cohort's markers are stamped as an alpha
 * mask into a coverage buffer (the union of its marks, as one filled path would be; only
 * touched pixels are visited), then laid over the cohorts before at `alpha` (source-over).
 * Marks snap to whole device pixels. Why: tracing 20,000 sub-paths costs ~150,000 canvas
 * calls and Skia then fills a path of that size, several hundred milliseconds here; this
 * costs in proportion to the pixels the marks cover, with no canvas call per mark.
 */
export function rasterMarks(
  marks: { xs: Float32Array | number[]; ys: Float32Array | number[]; styleOf: Uint16Array | number[] },
  styles: readonly MarkStyle[],
  opts: { left: number; top: number; width: number; height: number; scale: number; radius: number; alpha: number },
): ImageData {
  const { scale } = opts;
  const w = Math.max(1, Math.ceil(opts.width * scale));
  const h = Math.max(1, Math.ceil(opts.height * scale));
  const out = new ImageData(w, h);
  const d = out.data;
  const n = marks.xs.length;
  const cov = new Uint8Array(w * h);
  // Every pixel at most once per cohort.
  const touched = new Int32Array(w * h);
  for (let k = 0; k < styles.length; k++) {
    const m = maskOf(styles[k]!, opts.radius * scale);
    let t = 0;
    for (let i = 0; i < n; i++) {
      if (marks.styleOf[i] !== k) continue;
      t = stampMask(cov, w, h, touched, t, m.size, m.mask, Math.round((marks.xs[i]! - opts.left) * scale - 0.5) - m.half, Math.round((marks.ys[i]! - opts.top) * scale - 0.5) - m.half);
    }
    composite(d, cov, touched, t, m.rgb, opts.alpha);
  }
  return out;
}

/** Lay one cohort's coverage over the picture so far (source-over, unpremultiplied), clearing it. */
function composite(d: Uint8ClampedArray, cov: Uint8Array, touched: Int32Array, t: number, rgb: [number, number, number], alpha: number): void {
  const [r, g, b] = rgb;
  const a255 = alpha / 255;
  for (let q = 0; q < t; q++) {
    const p = touched[q]!;
    const sa = cov[p]! * a255;
    cov[p] = 0;
    const o = p * 4;
    const da = d[o + 3]! / 255;
    const oa = sa + da * (1 - sa);
    const keep = (da * (1 - sa)) / oa;
    const take = sa / oa;
    d[o] = r * take + d[o]! * keep;
    d[o + 1] = g * take + d[o + 1]! * keep;
    d[o + 2] = b * take + d[o + 2]! * keep;
    d[o + 3] = oa * 255;
  }
}
