import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLongFormat, serializeLongFormat } from '../../../shared/csv/longFormat';
import { planImport } from '../../../shared/csv/planImport';
import { newSession, newStudy } from '../../../shared/model/defaults';
import type { Placement, Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { generateStudy, loadLibrary } from '../../helpers/studyGenerator';

const NOW = '2026-03-01T10:00:00.000Z';

function studyWithScripts(): Study {
  const study = newStudy({ id: 'rt', title: 'Round trip, "quoted" — দুই জেলা', now: NOW, stakeholders: loadLibrary() });
  const custom = (id: string, name: string, short: string) => ({ id, name, short, description: '', category: 'other' as const, labels: {}, retired: false, custom: true });
  study.stakeholders.push(custom('cp', 'শিশু সুরক্ষা কমিটি', 'শিশু সুরক্ষা'), custom('kp', 'क्षेत्र पंचायत (त्र)', 'क्षेत्र'), custom('st', 'স্ত্রী শক্তি, ক্ষমতা', 'স্ত্রী'));
  study.cohorts.push({ id: 'mothers', name: 'মায়েদের দল', colour: '#009e73', shape: 'star' });
  return study;
}

function sessionWith(id: string, code: string, cohortId: string, roundId: string | null, placements: Record<string, Placement>): Session {
  const s = newSession({ id, studyId: 'rt', code, kind: 'fgd', cohortId, roundId, now: NOW, consent: true });
  s.placements = placements;
  return s;
}

const placed = (power: number, interest: number, note = '', alt: [number, number] | null = null): Placement => ({
  status: 'placed',
  position: { power, interest },
  contested: alt !== null,
  alt: alt && { power: alt[0], interest: alt[1] },
  note,
});

/** Serialize, parse, and import into an empty copy of the study; return the text and the sessions read back. */
function roundTrip(study: Study, sessions: Session[], bom = false) {
  const text = serializeLongFormat(study, sessions, { redact: false, bom });
  const parsed = parseLongFormat(text);
  expect(parsed.errors).toEqual([]);
  let i = 0;
  const plan = planImport(structuredClone(study), [], parsed.rows, { newId: () => `new-${++i}`, now: NOW });
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  return { text, plan, back: plan.sessions.map((p) => p.session) };
}

function expectSameData(original: Session[], back: Session[]) {
  const key = (s: Session) => `${s.code}|${s.roundId}`;
  const map = new Map(back.map((s) => [key(s), s]));
  expect(back).toHaveLength(original.filter((s) => Object.keys(s.placements).length > 0).length);
  for (const s of original) {
    if (Object.keys(s.placements).length === 0) continue;
    const b = map.get(key(s))!;
    expect(b.cohortId).toBe(s.cohortId);
    expect(b.placements).toEqual(s.placements);
  }
}

describe('long CSV round trip: parse(serialize(x)) gives back exactly x', () => {
  const study = studyWithScripts();
  const sessions = [
    sessionWith('s1', 'FGD 1', 'survivors', 'baseline', {
      police: placed(9.5, 1, 'They said: "the thana knows, and takes money".\nSecond line, with a comma.'),
      cp: placed(2.5, 7.5, 'শিশু সুরক্ষা কমিটি কাগজে আছে, কাজে নেই। ক্ষ স্ত্র'),
      kp: placed(6, 3.1, 'क्ष त्र — "पंचायत"\r\nदूसरी पंक्ति', [3, 8]),
      vlcpc: { status: 'unknown', position: null, contested: false, alt: null, note: 'Never met them' },
      dlsa: { status: 'not_discussed', position: null, contested: false, alt: null, note: '' },
      // A position kept after moving to the unknown bin (the model keeps it to restore later).
      bdo: { status: 'unknown', position: { power: 7, interest: 2 }, contested: false, alt: null, note: '' },
    }),
    sessionWith('s2', 'FGD 1', 'survivors', 'endline', {
      police: placed(8, 4.5, '=HYPERLINK("http://x") is not a formula here'),
      st: placed(0, 10, "- a note starting with a dash, and '=apostrophes"),
      asha: placed(3, 8, '  leading and trailing spaces  '),
    }),
    sessionWith('s3', 'মা-১', 'mothers', null, { cp: placed(5, 5, '@mention, +91 number, \ttab') }),
    sessionWith('s4', 'DB, 07 "north"', 'duty-bearers', null, { 'community-leaders': placed(8.5, 7.5) }),
    sessionWith('s5', 'EMPTY', 'survivors', null, {}),
  ];

  it('keeps every placement: positions, statuses, contested and alternates, notes in Bengali and Hindi, quotes, commas and line breaks', () => {
    const { back, plan } = roundTrip(study, sessions);
    expectSameData(sessions, back);
    expect(plan.newStakeholders).toEqual([]);
    expect(plan.newCohorts).toEqual([]);
    expect(plan.newRounds).toEqual([]);
  });

  it('writes the same text again from what it read', () => {
    const { text, back } = roundTrip(study, sessions, true);
    expect(serializeLongFormat(study, back, { redact: false, bom: true })).toBe(text);
  });

  it('writes the header, CRLF line ends, one row per session and stakeholder with an entry, and a BOM when asked', () => {
    const text = serializeLongFormat(study, sessions, { redact: false, bom: true });
    expect(text.startsWith('\uFEFFstudy,session,cohort,round,stakeholder,status,power,interest,contested,alt_power,alt_interest,note\r\n')).toBe(true);
    const parsed = parseLongFormat(text);
    expect(parsed.rows).toHaveLength(6 + 3 + 1 + 1);
    expect(text).toContain('\r\n"Round trip, ""quoted"" — দুই জেলা",FGD 1,Survivors,Baseline,Local police station,placed,9.5,1,,,,');
    expect(text).toContain(',क्षेत्र पंचायत (त्र),placed,6,3.1,true,3,8,');
    expect(text).toContain(`"'=HYPERLINK(""http://x"") is not a formula here"`);
    expect(serializeLongFormat(study, sessions, { redact: false, bom: false }).startsWith('study,')).toBe(true);
  });

  it('leaves out every note when redacting', () => {
    const text = serializeLongFormat(study, sessions, { redact: true, bom: false });
    expect(text).not.toContain('thana');
    expect(text).not.toContain('কাগজে');
    expect(parseLongFormat(text).rows.every((r) => r.note === '')).toBe(true);
  });

  it('round-trips a generated 40-session study', () => {
    const generated = generateStudy({ sessions: 40, stakeholders: 20, seed: 5, endlinePairs: 8 });
    const { back } = roundTrip(generated.study, generated.sessions);
    expectSameData(generated.sessions, back);
  });

  it('round-trips arbitrary notes and codes (property)', () => {
    const pieces = ['a', 'Z', ' ', ',', '"', "'", '=', '-', '+', '@', '\t', '\n', '\r\n', '\r', 'ক্ষ', 'স্ত্র', 'শিশু সুরক্ষা', 'क्ष', 'त्र', '।', '🙂'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((xs) => xs.join(''));
    const code = text.map((t) => t.replace(/[\r\n\t]/g, ' ').trim().slice(0, 50)).filter((t) => t !== '');
    const value = fc.integer({ min: 0, max: 100 }).map((v) => v / 10);
    fc.assert(
      fc.property(code, text, value, value, (c, note, power, interest) => {
        const s = sessionWith('p1', c, 'survivors', null, { police: placed(power, interest, note) });
        const { back } = roundTrip(study, [s]);
        expect(back[0]!.code).toBe(c);
        expect(back[0]!.placements).toEqual(s.placements);
      }),
      { numRuns: 200 },
    );
  });
});
