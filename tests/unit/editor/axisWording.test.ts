import { describe, expect, it } from 'vitest';
import { fitAxisWording, MIN_TITLE_SCALE } from '../../../renderer/src/editor/axisWording';

// A fixed-width measure: 0.5 em per character, so the rules can be checked by hand.
const measure = (text: string, size: number) => text.length * size * 0.5;
const TITLE = 'Power and influence to prevent trafficking'; // 42 characters

describe('fitAxisWording', () => {
  it('keeps a short title on the row of the ends, at full size', () => {
    const fit = fitAxisWording('Power', 'Low', 'High', 600, 14, measure);
    expect(fit).toMatchObject({ rows: 1, lines: ['Power'], titleSize: 14, cut: false });
  });

  it('gives a title too long for the row between the ends a row of its own, whole', () => {
    // Ends: "← Low" 5 + "High →" 6 characters = 77 px, + 28 px of gap; the title at 14 px is
    // 294 px, and between the ends (195 px) it would have to shrink below 0.7 of its size.
    const fit = fitAxisWording(TITLE, 'Low', 'High', 300, 14, measure);
    expect(fit.rows).toBe(2);
    expect(fit.lines).toEqual([TITLE]);
    expect(fit.cut).toBe(false);
    expect(measure(TITLE, fit.titleSize)).toBeLessThanOrEqual(300 - 14);
  });

  it('breaks a title between words on two rows when one row cannot hold it at the smallest size', () => {
    const fit = fitAxisWording(TITLE, 'Low', 'High', 200, 14, measure);
    expect(fit.rows).toBe(3);
    expect(fit.lines.join(' ')).toBe(TITLE);
    expect(fit.cut).toBe(false);
    for (const line of fit.lines) expect(measure(line, fit.titleSize)).toBeLessThanOrEqual(200 - 14);
    expect(fit.titleSize).toBeGreaterThanOrEqual(14 * MIN_TITLE_SCALE);
  });

  it('says so when even two rows cannot hold the wording', () => {
    expect(fitAxisWording(TITLE, 'Low', 'High', 80, 14, measure).cut).toBe(true);
  });
});
