/**
 * The baseline of the compare-view scenario: the same marks drawn the straightforward
 * react-konva way, one <Circle> per mark, on a stage that pans (drag) and zooms (wheel)
 * natively. It draws what the compare view draws — every session's placement of every
 * stakeholder, coloured by cohort — and nothing else, so the ratio isolates the cost of
 * one node per mark.
 *
 * Driven from Node through window.__baseline: load() the marks, then mount() and
 * unmount() (first draw, open/close cycles).
 */
import type Konva from 'konva';
import { useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { Circle, Layer, Stage } from 'react-konva';
import type { CompareMarks } from './compareData';

const root = createRoot(document.getElementById('root')!);
let data: CompareMarks | null = null;

function BaselineMap({ marks, colours }: CompareMarks) {
  const width = window.innerWidth;
  const height = window.innerHeight;
  const pad = 40;
  const size = Math.min(width, height) - 2 * pad;
  const points = useMemo(
    () => marks.map(([power, interest, cohort], i) => ({ key: i, x: pad + (interest / 10) * size, y: pad + (1 - power / 10) * size, fill: colours[cohort] ?? '#000' })),
    [marks, colours, size],
  );
  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const stage = e.target.getStage();
    const pointer = stage?.getPointerPosition();
    if (!stage || !pointer) return;
    const old = stage.scaleX();
    const next = e.evt.deltaY < 0 ? old * 1.1 : old / 1.1;
    const anchor = { x: (pointer.x - stage.x()) / old, y: (pointer.y - stage.y()) / old };
    stage.scale({ x: next, y: next });
    stage.position({ x: pointer.x - anchor.x * next, y: pointer.y - anchor.y * next });
  };
  return (
    <Stage width={width} height={height} draggable onWheel={onWheel}>
      <Layer listening={false}>
        {points.map((p) => (
          // The compare view's mark: r 3.6 px, cohort colour at half opacity, a thin ink outline.
          <Circle key={p.key} x={p.x} y={p.y} radius={3.6} fill={p.fill} opacity={0.5} stroke="#1f2328" strokeWidth={0.48} perfectDrawEnabled={false} />
        ))}
      </Layer>
    </Stage>
  );
}

declare global {
  interface Window {
    __baseline: { load(): Promise<number>; mount(): void; unmount(): void };
  }
}

window.__baseline = {
  async load() {
    data ??= (await (await fetch('/data/compare-marks.json')).json()) as CompareMarks;
    return data.marks.length;
  },
  mount() {
    if (!data) throw new Error('load() first');
    root.render(<BaselineMap marks={data.marks} colours={data.colours} />);
  },
  unmount() {
    root.render(null);
  },
};
