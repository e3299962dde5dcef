import { describe, expect, it } from 'vitest';
import { ENGLISH_EXPORT_TEXT } from '../../../electron/services/export/englishText';
import { buildCompareSvg } from '../../../shared/export/compareSvg';
import { gridMargins } from '../../../shared/export/gridSvg';
import { boxesOverlap } from '../../../shared/ops/chipLayout';
import { GENERATED_FIXTURE, generateStudy } from '../../helpers/studyGenerator';

// The exported compare picture with every stakeholder at once (no focus): readable, so
// one label per stakeholder (at a centroid, none on a session mark), no two labels on top
// of each other, no ellipses, and faint session marks.
describe('the compare picture of all stakeholders', () => {
  const { study, sessions } = generateStudy(GENERATED_FIXTURE);
  const svg = buildCompareSvg({ study, sessions, text: ENGLISH_EXPORT_TEXT, lang: 'en' });
  const labelled = study.stakeholders.filter((st) => sessions.some((s) => s.placements[st.id]?.status === 'placed'));

  it('labels each stakeholder once, and no label covers another', () => {
    const boxes = [...svg.matchAll(/<g class="stakeholder-label" data-box="([^"]+)"/g)].map((m) => {
      const [x, y, width, height] = m[1]!.split(',').map(Number) as [number, number, number, number];
      return { x, y, width, height };
    });
    expect(boxes).toHaveLength(labelled.length);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i]!, boxes[j]!), `labels ${i} and ${j}`).toBe(false);
    // Inside the plot.
    const frame = { left: 24 + gridMargins().left, top: 112, size: 620 };
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(frame.left);
      expect(b.x + b.width).toBeLessThanOrEqual(frame.left + frame.size);
      expect(b.y).toBeGreaterThanOrEqual(frame.top);
      expect(b.y + b.height).toBeLessThanOrEqual(frame.top + frame.size);
    }
  });

  it('leaves out the ellipses and draws session marks faint', () => {
    expect(svg).not.toContain('class="sd-ellipse"');
    expect(svg).not.toContain(ENGLISH_EXPORT_TEXT.compare.ellipse);
    const marks = svg.match(/<path class="mark"[^>]*>/g) ?? [];
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m).toContain('fill-opacity="0.3"');
  });

  it('still shows every cohort centroid', () => {
    expect((svg.match(/class="centroid"/g) ?? []).length).toBeGreaterThanOrEqual(labelled.length);
  });
});
