import { describe, expect, it } from 'vitest';
import { fitZoneLabels, placeZoneLabels } from '../../../shared/scene/zoneLabels';

// A stand-in for canvas measurement: every character is half the font size wide (bold a little wider).
const measure = (text: string, size: number, weight: '700' | '600') => text.length * size * (weight === '700' ? 0.55 : 0.5);
const titles = { hp_li: 'High power, low interest', hp_hi: 'High power, high interest', lp_li: 'Low power, low interest', lp_hi: 'Low power, high interest' };
const roles = { hp_li: 'Accountability gap', hp_hi: 'Key players: act together', lp_li: 'Watch', lp_hi: 'Allies to strengthen' };
const text = (lines: { text: string }[][]) => lines.map((l) => l.map((s) => s.text).join(''));

describe('fitting the zone names beside each other', () => {
  it('keeps name and role on one row at full size when the zones are wide', () => {
    const fit = fitZoneLabels(titles, roles, 1000, 14, measure);
    expect(fit).toMatchObject({ size: 14, rows: 1 });
    expect(text(fit.lines.hp_hi)).toEqual(['High power, high interest · Key players: act together']);
  });

  it('puts the role on a second row before making anything smaller', () => {
    const fit = fitZoneLabels(titles, roles, 200, 14, measure);
    expect(fit).toMatchObject({ size: 14, rows: 2 });
    expect(text(fit.lines.hp_li)).toEqual(['High power, low interest', 'Accountability gap']);
  });

  it('shrinks a little when two rows are still too wide, but not below the legibility floor', () => {
    // "High power, high interest" is 25 bold characters: 25 × 0.55 × 18 ≈ 248 px at 18 px.
    const fit = fitZoneLabels(titles, roles, 215, 18, measure);
    expect(fit.rows).toBe(2);
    expect(fit.size).toBeLessThan(18);
    expect(fit.size).toBeGreaterThanOrEqual(18 * 0.8);
    for (const lines of Object.values(fit.lines)) for (const line of lines) expect(line.reduce((w, s) => w + measure(s.text, fit.size, s.weight), 0)).toBeLessThanOrEqual(215);
  });

  it('wraps at the floor size when even that is too wide', () => {
    const fit = fitZoneLabels(titles, roles, 120, 18, measure);
    expect(fit.size).toBeCloseTo(14.4);
    expect(text(fit.lines.hp_hi)).toEqual(['High power,', 'high interest', 'Key players: act', 'together']);
    expect(fit.rows).toBe(4);
  });

  it('places the left zones from their left edge and the right zones up to their right edge, apart at the midline', () => {
    const fit = fitZoneLabels(titles, roles, 200, 14, measure);
    const rects = {
      hp_li: { x: 50, y: 40, width: 250, height: 100 },
      hp_hi: { x: 300, y: 40, width: 250, height: 100 },
      lp_li: { x: 50, y: 140, width: 250, height: 100 },
      lp_hi: { x: 300, y: 140, width: 250, height: 100 },
    };
    const { labels, rowH } = placeZoneLabels(fit, rects, { upperBottom: 34, lowerTop: 260 }, 11, 6, measure);
    const box = (id: string) => labels.find((l) => l.id === id)!.box;
    expect(box('hp_li').x).toBe(50);
    expect(box('hp_hi').x + box('hp_hi').width).toBeCloseTo(550);
    expect(box('hp_li').x + box('hp_li').width).toBeLessThan(box('hp_hi').x);
    expect(box('hp_li').y + box('hp_li').height).toBeCloseTo(34);
    expect(box('lp_hi').y).toBe(260);
    expect(box('lp_hi').height).toBeCloseTo(2 * rowH);
  });
});
