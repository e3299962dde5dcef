import { describe, expect, it } from 'vitest';
import { ENGLISH_EXPORT_TEXT } from '../../../electron/services/export/englishText';
import { buildMapSvg, mapSceneFor } from '../../../shared/export/mapSvg';
import { toPixels } from '../../../shared/scene/frame';
import { buildMapScene, type MapSceneInput } from '../../../shared/scene/mapScene';
import { mapTextWidth } from '../../../shared/scene/textMeasure';
import { libraryStudy, realisticSession } from '../../component/editor/fixtures';

// The map scene is the one picture the editor and the export draw. These tests inject a
// plain measure (every character 0.55 em, 0.6 em bold) so they do not depend on any font.
const measure = (text: string, size: number, style?: string) => [...text].length * size * (style?.includes('700') ? 0.6 : 0.55);
const study = libraryStudy();
const session = realisticSession(study);
const text = {
  zoneTitle: ENGLISH_EXPORT_TEXT.zones,
  zoneRole: ENGLISH_EXPORT_TEXT.zoneRoles,
  low: 'low',
  high: 'high',
  minority: (label: string) => `${label} (minority)`,
};
const input: MapSceneInput = { study, session, language: 'en', text, width: 900, height: 700, scale: 1, measure };

describe('buildMapScene', () => {
  it('is deterministic: the same input gives the same scene', () => {
    expect(buildMapScene(input)).toEqual(buildMapScene(input));
  });

  it('puts each placed stakeholder’s marker at its position and the minority chip at the alternate', () => {
    const scene = buildMapScene(input);
    const placed = Object.entries(session.placements).filter(([, p]) => p.status === 'placed');
    expect(scene.chips.filter((c) => c.part === 'main')).toHaveLength(placed.length);
    for (const [id, p] of placed) {
      const chip = scene.chips.find((c) => c.key === id)!;
      expect({ x: chip.x, y: chip.y }).toEqual(toPixels(p.position!, scene.frame));
    }
    const alt = scene.chips.find((c) => c.key === 'bdo::alt')!;
    expect({ x: alt.x, y: alt.y }).toEqual(toPixels(session.placements.bdo!.alt!, scene.frame));
    expect(alt.label).toBe(`${study.stakeholders.find((s) => s.id === 'bdo')!.short} (minority)`);
    expect(scene.links).toEqual([{ key: 'bdo', from: toPixels(session.placements.bdo!.position!, scene.frame), to: toPixels(session.placements.bdo!.alt!, scene.frame) }]);
  });

  it('sizes every label box with the injected measure and keeps it inside the plot', () => {
    const scene = buildMapScene(input);
    const f = scene.frame;
    for (const c of scene.chips) {
      expect(c.box.width).toBe(Math.ceil(measure(c.label, scene.font.chip, c.part === 'alt' ? 'italic 600' : '600') + 2 * scene.padX));
      expect(c.box.height).toBe(scene.labelH);
      expect(c.box.x).toBeGreaterThanOrEqual(f.left);
      expect(c.box.y).toBeGreaterThanOrEqual(f.top);
      expect(c.box.x + c.box.width).toBeLessThanOrEqual(f.left + f.width);
      expect(c.box.y + c.box.height).toBeLessThanOrEqual(f.top + f.height);
    }
  });

  it('places the zone titles with the scene layer’s outside placement: above the plot for high power, below for low', () => {
    const scene = buildMapScene(input);
    expect(scene.zones.map((z) => z.id).sort()).toEqual(['hp_hi', 'hp_li', 'lp_hi', 'lp_li']);
    for (const z of scene.zones) {
      if (z.id.startsWith('hp')) expect(z.box.y + z.box.height).toBeLessThanOrEqual(scene.frame.top);
      else expect(z.box.y).toBeGreaterThanOrEqual(scene.frame.top + scene.frame.height);
      expect(z.runs[0]!.text).toBe(text.zoneTitle[z.id]);
    }
    // Left zones' titles start at the zone's left edge, right zones' end at its right edge.
    for (const z of scene.zones) {
      if (z.id.endsWith('_li')) expect(z.box.x).toBeCloseTo(z.rect.x);
      else expect(z.box.x + z.box.width).toBeCloseTo(z.rect.x + z.rect.width);
    }
  });

  it('follows the measure: wider text gives wider boxes, so the measure really is the one injected', () => {
    const wide = buildMapScene({ ...input, measure: (t, s, st) => 1.5 * measure(t, s, st) });
    const police = (sc: ReturnType<typeof buildMapScene>) => sc.chips.find((c) => c.key === 'police')!.box.width;
    expect(police(wide)).toBeGreaterThan(police(buildMapScene(input)));
  });

  it('scales with the text: large text gives bigger markers, fonts and boxes', () => {
    const large = buildMapScene({ ...input, scale: 1.25 });
    expect(large.r).toBe(10);
    expect(large.font.chip).toBeCloseTo(18.75);
    expect(large.labelH).toBe(Math.round(18.75 * 1.4));
  });

  it('after a drop, keeps the objects of chips whose drawing did not change (the screen skips them)', () => {
    const first = buildMapScene(input);
    const moved = { ...session, placements: { ...session.placements, police: { ...session.placements.police!, position: { power: 2, interest: 9 } } } };
    const next = buildMapScene({ ...input, session: moved }, first);
    expect(next.chips.find((c) => c.key === 'police')).not.toBe(first.chips.find((c) => c.key === 'police'));
    const kept = next.chips.filter((c) => first.chips.includes(c));
    expect(kept.length).toBeGreaterThan(10);
  });
});

describe('the one text measure', () => {
  it('gives fixed widths, by weight (pinned: a change moves every label on screen and in files)', () => {
    // Noto Sans: "Police" at 15 px semibold, bold and regular.
    expect(mapTextWidth('Police', 15, '600')).toBeCloseTo(43.275, 6);
    expect(mapTextWidth('Police', 15, 'italic 600')).toBeCloseTo(43.275, 6);
    expect(mapTextWidth('Police', 15)).toBeCloseTo(41.55, 6);
    expect(mapTextWidth('Police', 15, '700')).toBeGreaterThan(mapTextWidth('Police', 15, '600'));
    expect(mapTextWidth('Police', 15, '600')).toBeGreaterThan(mapTextWidth('Police', 15));
    expect(mapTextWidth('শিশু সুরক্ষা', 15, '600')).toBeGreaterThan(0);
    expect(mapTextWidth('क्षेत्र मित्र', 15, '600')).toBeGreaterThan(0);
  });
});

describe('the export draws the scene', () => {
  it('writes each chip’s marker, label box and text at the scene’s coordinates inside the map group', () => {
    const svg = buildMapSvg({ study, session, text: ENGLISH_EXPORT_TEXT, lang: 'en' });
    const scene = mapSceneFor({ study, session, text: ENGLISH_EXPORT_TEXT, lang: 'en' });
    const r2 = (v: number) => String(Math.round(v * 100) / 100);
    for (const c of scene.chips) {
      const g = new RegExp(`<g class="chip[^"]*" data-stakeholder="[^"]*" data-key="${c.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">(.*?)</g>`).exec(svg)?.[1];
      expect(g, c.key).toBeTruthy();
      expect(g).toContain(`cx="${r2(c.x)}" cy="${r2(c.y)}"`);
      expect(g).toContain(`x="${r2(c.box.x)}" y="${r2(c.box.y)}" width="${r2(c.box.width)}" height="${r2(c.box.height)}"`);
      expect(g).toContain(`x="${r2(c.box.x + scene.padX)}" y="${r2(c.box.y + c.box.height / 2)}"`);
    }
  });
});
