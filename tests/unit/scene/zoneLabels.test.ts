import { describe, expect, it } from 'vitest';
import { squareFrame } from '../../../shared/scene/frame';
import { placeZoneTitlesInside } from '../../../shared/scene/zoneLabels';

const measure = (text: string, size: number, weight: '700' | '600') => text.length * size * (weight === '700' ? 0.55 : 0.5);
const titles = { hp_li: 'High power, low interest', hp_hi: 'High power, high interest', lp_li: 'Low power, low interest', lp_hi: 'Low power, high interest' };
const roles = { hp_li: 'Accountability gap', hp_hi: 'Key players', lp_li: 'Watch', lp_hi: 'Allies to strengthen' };
const midline = { power: 5, interest: 5 };
const opts = { titleSize: 13, roleSize: 12, inset: 8, measure };

describe('zone titles inside the plot', () => {
  it('puts each title and role in its zone’s outer corner, right-aligned on the right', () => {
    const f = squareFrame(0, 0, 600);
    const placed = placeZoneTitlesInside(f, midline, titles, roles, opts);
    expect(placed.map((z) => z.id).sort()).toEqual(['hp_hi', 'hp_li', 'lp_hi', 'lp_li']);
    const by = Object.fromEntries(placed.map((z) => [z.id, z]));
    expect(by.hp_li!.title).toMatchObject({ x: 8, y: 8 });
    expect(by.hp_hi!.title.x + by.hp_hi!.title.width).toBeCloseTo(592);
    expect(by.hp_hi!.role!.x + by.hp_hi!.role!.width).toBeCloseTo(592);
    // Lower zones: the role's bottom sits `inset` above the plot's bottom.
    expect(by.lp_li!.role!.y + by.lp_li!.role!.height).toBeCloseTo(592);
  });

  it('drops the roles, then shrinks the titles, all four at one size, on a small grid', () => {
    const small = placeZoneTitlesInside(squareFrame(0, 0, 300), midline, titles, roles, opts);
    expect(small.every((z) => z.role === null)).toBe(true);
    expect(new Set(small.map((z) => z.font.zoneTitle)).size).toBe(1);
    expect(small[0]!.font.zoneTitle).toBeLessThan(13);
  });

  it('leaves out a title that fits nowhere, unless told to shorten it (a printed picture names every zone)', () => {
    const tiny = squareFrame(0, 0, 120);
    expect(placeZoneTitlesInside(tiny, midline, titles, roles, opts)).toHaveLength(0);
    const cut = placeZoneTitlesInside(tiny, midline, titles, roles, { ...opts, shorten: (t) => `${t.slice(0, 3)}…` });
    expect(cut).toHaveLength(4);
    expect(cut[0]!.text.title).toMatch(/…$/);
  });

  it('places only what a zoomed window shows', () => {
    const placed = placeZoneTitlesInside(squareFrame(0, 0, 600), midline, titles, roles, { ...opts, view: { interest0: 6, power0: 6, span: 4 } });
    expect(placed.map((z) => z.id)).toEqual(['hp_hi']);
  });
});
