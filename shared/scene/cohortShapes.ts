import type { CohortShape } from '../model/study';

/**
 * The one definition of the cohort markers (a cohort differs by shape as well as colour):
 * unit outlines of radius 1, traced onto a canvas path (a 2D context or a Path2D) by the
 * screen and written as SVG path data by the exports and the mini-maps.
 */

type Vertex = readonly [number, number];

/** Unit outlines (radius 1) of the polygonal shapes, computed once. */
const POLYGONS: Record<Exclude<CohortShape, 'circle'>, readonly Vertex[]> = {
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
  star: Array.from({ length: 10 }, (_, i): Vertex => {
    const rr = i % 2 === 0 ? 1.25 : 0.55;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return [Math.cos(a) * rr, Math.sin(a) * rr];
  }),
  cross: (() => {
    const a = 1.1;
    const b = 0.38;
    const list: Vertex[] = [
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
    ];
    return list;
  })(),
};

/** The unit outline of a polygonal shape, or null for the circle. */
export function shapeVertices(shape: CohortShape): readonly Vertex[] | null {
  return shape === 'circle' ? null : POLYGONS[shape];
}

/**
 * What a path is traced onto: `CanvasRenderingContext2D` and `Path2D` both satisfy it
 * (declared here because shared/ is type-checked without the DOM).
 */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
}

/** Add one marker, centred on (x, y) with radius r, to the current path as a sub-path. */
export function traceShape(sink: PathSink, shape: CohortShape, x: number, y: number, r: number): void {
  if (shape === 'circle') {
    sink.moveTo(x + r, y);
    sink.arc(x, y, r, 0, Math.PI * 2);
    return;
  }
  const pts = POLYGONS[shape];
  sink.moveTo(x + pts[0]![0] * r, y + pts[0]![1] * r);
  for (let i = 1; i < pts.length; i++) sink.lineTo(x + pts[i]![0] * r, y + pts[i]![1] * r);
  // NOTE: back to the first vertex by lineTo, not closePath(): in Chromium, closePath on a
  // path with thousands of sub-paths costs time in proportion to the whole path, which made
  // 20,000 marks take seconds to draw. With round joins the outline looks the same.
  sink.lineTo(x + pts[0]![0] * r, y + pts[0]![1] * r);
}

/** A number for path data: at most two decimals, no trailing zeros (as the exports write numbers). */
function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** The marker centred on (x, y) with radius r as SVG path data. */
export function shapePathData(shape: CohortShape, x: number, y: number, r: number): string {
  if (shape === 'circle') return `M${num(x - r)} ${num(y)} a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0 a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0 Z`;
  return 'M' + POLYGONS[shape].map(([a, b]) => `${num(x + a * r)} ${num(y + b * r)}`).join(' L') + ' Z';
}
