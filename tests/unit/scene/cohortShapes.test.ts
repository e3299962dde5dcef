import { describe, expect, it } from 'vitest';
import { COHORT_SHAPES } from '../../../shared/model/study';
import { shapePathData, shapeVertices, traceShape, type PathSink } from '../../../shared/scene/cohortShapes';

/** Records the calls a canvas would get. */
function recorder(): PathSink & { calls: string[] } {
  const calls: string[] = [];
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    calls,
    moveTo: (x, y) => calls.push(`M${r2(x)} ${r2(y)}`),
    lineTo: (x, y) => calls.push(`L${r2(x)} ${r2(y)}`),
    arc: (x, y, r) => calls.push(`A${r2(x)} ${r2(y)} ${r2(r)}`),
  };
}

describe('one definition of the cohort markers', () => {
  it('traces on a canvas the same vertices the SVG path data names', () => {
    for (const shape of COHORT_SHAPES) {
      const sink = recorder();
      traceShape(sink, shape, 40, 30, 6);
      const d = shapePathData(shape, 40, 30, 6);
      if (shape === 'circle') {
        expect(sink.calls).toEqual(['M46 30', 'A40 30 6']);
        expect(d).toBe('M34 30 a6 6 0 1 0 12 0 a6 6 0 1 0 -12 0 Z');
        continue;
      }
      const n = shapeVertices(shape)!.length;
      // Canvas: the outline and back to the first vertex; SVG: the outline and Z.
      expect(sink.calls).toHaveLength(n + 1);
      const svgVertices = d.replace(/ Z$/, '').slice(1).split(' L');
      expect(sink.calls.slice(0, n).map((c) => c.slice(1))).toEqual(svgVertices);
      expect(sink.calls[n]!.slice(1)).toBe(svgVertices[0]);
    }
  });

  it('scales with the radius around the centre', () => {
    expect(shapePathData('square', 0, 0, 10)).toBe('M-9 -9 L9 -9 L9 9 L-9 9 Z');
    expect(shapePathData('diamond', 5, 5, 1)).toBe('M5 3.8 L6.2 5 L5 6.2 L3.8 5 Z');
  });
});
