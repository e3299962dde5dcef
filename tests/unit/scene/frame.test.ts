import { describe, expect, it } from 'vitest';
import { FULL_VIEW, pixelsToDomain, plotFrame, squareFrame, squarePlotFrame, toDomain, toPixels, viewToPixels, viewTransform, visibleZoneRects, zoneRects, zoomAt } from '../../../shared/scene/frame';

describe('the plot frame', () => {
  it('is square on the compare grids, whatever the stage width and text scale', () => {
    for (const [w, s] of [
      [600, 1],
      [900, 1.25],
      [320, 1.5],
    ] as const) {
      const { frame, stageHeight } = squarePlotFrame(w, s);
      expect(frame.width).toBe(frame.height);
      expect(frame.left + frame.width).toBeLessThanOrEqual(w);
      expect(frame.top + frame.height).toBeLessThan(stageHeight);
    }
    // The size issue 14 names: a 600 px stage gave a 522×488 plot.
    expect(squarePlotFrame(600, 1).frame).toMatchObject({ width: 522, height: 522 });
  });

  it('leaves the editor room for the zone names and axis wording, growing with their rows', () => {
    const one = plotFrame(800, 600, 1);
    const two = plotFrame(800, 600, 1, 2, { power: 2, interest: 1 });
    expect(two.top).toBeGreaterThan(one.top);
    expect(two.left).toBeGreaterThan(one.left);
    expect(two.height).toBeLessThan(one.height);
  });

  it('turns domain units into pixels and back', () => {
    const f = squareFrame(100, 50, 500);
    expect(toPixels({ power: 10, interest: 0 }, f)).toEqual({ x: 100, y: 50 });
    expect(toPixels({ power: 0, interest: 10 }, f)).toEqual({ x: 600, y: 550 });
    expect(toDomain(toPixels({ power: 3.3, interest: 7.1 }, f), f)).toEqual({ power: 3.3, interest: 7.1 });
  });

  it('splits the plot at the midline into four zones', () => {
    const r = zoneRects(squareFrame(0, 0, 100), { power: 6, interest: 3 });
    expect(r.hp_li).toEqual({ x: 0, y: 0, width: 30, height: 40 });
    expect(r.lp_hi).toEqual({ x: 30, y: 40, width: 70, height: 60 });
    expect(visibleZoneRects(squareFrame(0, 0, 100), { power: 6, interest: 3 }, { interest0: 5, power0: 0, span: 5 }).hp_li).toBeNull();
  });

  it('maps a zoomed window and moves a bitmap drawn for one window to where another shows it', () => {
    const f = squareFrame(10, 20, 400);
    const from = FULL_VIEW;
    const to = zoomAt(from, f, { x: 110, y: 120 }, 2);
    // The grid point under the pointer stays under it.
    const under = pixelsToDomain({ x: 110, y: 120 }, f, from);
    expect(pixelsToDomain({ x: 110, y: 120 }, f, to).interest).toBeCloseTo(under.interest, 9);
    expect(pixelsToDomain({ x: 110, y: 120 }, f, to).power).toBeCloseTo(under.power, 9);
    const t = viewTransform(f, from, to);
    for (const p of [
      { power: 7, interest: 2 },
      { power: 5, interest: 5 },
      { power: 9.5, interest: 0.5 },
    ]) {
      const a = viewToPixels(p, f, from);
      const b = viewToPixels(p, f, to);
      expect(t.a * a.x + t.e).toBeCloseTo(b.x, 6);
      expect(t.a * a.y + t.f).toBeCloseTo(b.y, 6);
    }
  });
});
