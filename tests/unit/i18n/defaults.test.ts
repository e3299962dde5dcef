import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newStudy } from '../../../shared/model/defaults';
import { StakeholderLibrarySchema, stakeholderDescription, stakeholderLabel } from '../../../shared/model/stakeholder';
import { StudySchema } from '../../../shared/model/study';

/** The share of letters in a text that belong to a script (spaces, digits and Latin abbreviations like BDO aside). */
function shareOf(script: RegExp, text: string): number {
  const letters = [...text].filter((c) => /\p{L}|\p{M}/u.test(c));
  return letters.filter((c) => script.test(c)).length / Math.max(1, letters.length);
}
const BENGALI = /\p{Script=Bengali}/u;
const DEVANAGARI = /\p{Script=Devanagari}/u;

const library = StakeholderLibrarySchema.parse(JSON.parse(readFileSync(join(__dirname, '../../../resources/stakeholders.json'), 'utf8'))).stakeholders;
const NOW = '2026-12-02T10:00:00.000Z';

describe('a new study in the UI language', () => {
  it.each([
    ['bn', BENGALI],
    ['hi', DEVANAGARI],
  ] as const)('in %s has its axes, cohorts and rounds in that script, with the English ids', (language, script) => {
    const study = StudySchema.parse(newStudy({ id: 's', title: 'T', now: NOW, stakeholders: library, language }));
    const english = newStudy({ id: 's', title: 'T', now: NOW, stakeholders: library });
    const words = [study.axes.power, study.axes.interest, ...study.cohorts.map((c) => c.name), ...study.rounds.map((r) => r.name)];
    for (const w of words) expect(shareOf(script, w), w).toBe(1);
    expect(study.cohorts.map((c) => [c.id, c.colour, c.shape])).toEqual(english.cohorts.map((c) => [c.id, c.colour, c.shape]));
    expect(study.rounds.map((r) => r.id)).toEqual(english.rounds.map((r) => r.id));
  });

  it('in English (or no language given) keeps the English wording', () => {
    const study = newStudy({ id: 's', title: 'T', now: NOW, stakeholders: [] });
    expect(study.cohorts.map((c) => c.name)).toEqual(['Survivors', 'Frontline social workers', 'Duty bearers', 'Financiers']);
    expect(study.rounds.map((r) => r.name)).toEqual(['Baseline', 'Endline']);
    expect(newStudy({ id: 's', title: 'T', now: NOW, stakeholders: [], language: 'en' }).axes).toEqual(study.axes);
  });
});

describe('the default stakeholder library', () => {
  it('has 24 entries', () => expect(library).toHaveLength(24));

  it.each([
    ['bn', BENGALI],
    ['hi', DEVANAGARI],
  ] as const)('names every entry in %s, with a short label and a description in that script', (lang, script) => {
    for (const s of library) {
      const label = stakeholderLabel(s, lang);
      expect(s.labels[lang], s.id).toBeDefined();
      expect(label.short.length, `${s.id} short label`).toBeLessThanOrEqual(24);
      // Acronyms used as such in India (BDO, CWC, AHTU…) may stay in Latin letters on the
      // chip; the full name and the description must be in the language.
      expect(shareOf(script, label.name), `${s.id}: ${label.name}`).toBeGreaterThan(0.5);
      expect(shareOf(script, stakeholderDescription(s, lang)), `${s.id} description`).toBeGreaterThan(0.8);
    }
  });

  it('falls back to English where a language has no label', () => {
    const s = { ...library[0]!, labels: {} };
    expect(stakeholderLabel(s, 'bn')).toEqual({ name: s.name, short: s.short });
    expect(stakeholderDescription(s, 'hi')).toBe(s.description);
  });
});
