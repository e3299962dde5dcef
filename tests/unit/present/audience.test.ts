import { describe, expect, it } from 'vitest';
import { newSession } from '../../../shared/model/defaults';
import { readPresentMessage, toAudienceSession, toAudienceStudy } from '../../../shared/present/audience';
import { buildCompareSteps, gapSentenceParts, toAudienceStep } from '../../../shared/present/compareSteps';

const NOW = '2026-11-28T10:00:00.000Z';

describe('toAudienceSession', () => {
  it('keeps positions and statuses and drops every private field', () => {
    const base = newSession({ id: 's1', studyId: 'st', code: 'FGD 9', kind: 'fgd', cohortId: 'survivors', roundId: null, now: NOW, consent: true });
    const session = {
      ...base,
      place: 'SECRET-PLACE',
      facilitator: 'SECRET-FAC',
      participants: 12,
      notes: 'SECRET-SESSION-NOTE',
      placements: { police: { status: 'placed' as const, position: { power: 9, interest: 1.5 }, contested: true, alt: { power: 7, interest: 3 }, note: 'SECRET-NOTE', extra: 'x' } },
    };
    const out = toAudienceSession(session);
    expect(out).toEqual({ studyId: 'st', sessionId: 's1', placements: { police: { status: 'placed', position: { power: 9, interest: 1.5 }, contested: true, alt: { power: 7, interest: 3 } } } });
    const text = JSON.stringify(out);
    for (const secret of ['SECRET', 'FGD 9', 'consent', 'participants', 'note']) expect(text).not.toContain(secret);
  });
});

describe('buildCompareSteps', () => {
  const a = { id: 'police', cohorts: [{ id: 'sv', name: 'Survivors', n: 3, centroid: { power: 9, interest: 1 } }, { id: 'db', name: 'Duty bearers', n: 2, centroid: { power: 8, interest: 8 } }, { id: 'fd', name: 'Funders', n: 0, centroid: null }] };
  const b = { id: 'bdo', cohorts: [{ id: 'sv', name: 'Survivors', n: 1, centroid: { power: 2, interest: 2 } }] };
  it('reveals each placing cohort in turn, then the gap', () => {
    expect(buildCompareSteps([a])).toEqual([
      { stakeholderId: 'police', revealed: [], gap: false },
      { stakeholderId: 'police', revealed: ['sv'], gap: false },
      { stakeholderId: 'police', revealed: ['sv', 'db'], gap: false },
      { stakeholderId: 'police', revealed: ['sv', 'db'], gap: true },
    ]);
  });
  it('starts at the focused stakeholder; one cohort has no gap step', () => {
    const steps = buildCompareSteps([a, b], 'bdo');
    expect(steps.slice(0, 2)).toEqual([{ stakeholderId: 'bdo', revealed: [], gap: false }, { stakeholderId: 'bdo', revealed: ['sv'], gap: false }]);
    expect(steps).toHaveLength(6);
  });
  it('words the sentence by centroid zones', () => {
    expect(gapSentenceParts(a, { power: 5, interest: 5 })).toEqual([{ cohortId: 'sv', cohort: 'Survivors', zone: 'hp_li' }, { cohortId: 'db', cohort: 'Duty bearers', zone: 'hp_hi' }]);
  });
});

describe('toAudienceStudy', () => {
  it('keeps what a grid needs and nothing else: no title, description, rounds, dates or stakeholder descriptions', () => {
    const study = {
      title: 'SECRET-TITLE',
      description: 'SECRET-DESCRIPTION',
      axes: { power: 'Power', interest: 'Interest' },
      midline: { power: 5, interest: 4 },
      cohorts: [{ id: 'sv', name: 'Survivors', colour: '#d55e00', shape: 'circle' as const, extra: 'x' }],
      rounds: [{ id: 'r1', name: 'SECRET-ROUND' }],
      stakeholders: [
        {
          id: 'police',
          name: 'Police',
          short: 'Police',
          description: 'SECRET-DESC',
          category: 'police_justice' as const,
          labels: { bn: { name: 'পুলিশ', short: 'পুলিশ', description: 'SECRET-BN' } },
          retired: false,
          custom: true,
        },
      ],
    };
    const out = toAudienceStudy(study);
    expect(out).toEqual({
      axes: { power: 'Power', interest: 'Interest' },
      midline: { power: 5, interest: 4 },
      cohorts: [{ id: 'sv', name: 'Survivors', colour: '#d55e00', shape: 'circle' }],
      stakeholders: [{ id: 'police', name: 'Police', short: 'Police', description: '', category: 'police_justice', labels: { bn: { name: 'পুলিশ', short: 'পুলিশ' } }, retired: false, custom: true }],
    });
    expect(JSON.stringify(out)).not.toContain('SECRET');
  });
});

describe('toAudienceStep', () => {
  it('carries only the revealed cohorts, their centroids and the positions of their marks (no session ids or codes)', () => {
    const source = {
      id: 'police',
      points: [
        { sessionId: 's1', sessionCode: 'SECRET-1', cohortId: 'sv', position: { power: 9, interest: 1 }, contested: false },
        { sessionId: 's2', sessionCode: 'SECRET-2', cohortId: 'db', position: { power: 8, interest: 8 }, contested: false },
        { sessionId: 's3', sessionCode: 'SECRET-3', cohortId: 'sv', position: { power: 8.5, interest: 2 }, contested: true },
      ],
      cohorts: [
        { id: 'sv', name: 'Survivors', n: 2, centroid: { power: 8.75, interest: 1.5 } },
        { id: 'db', name: 'Duty bearers', n: 1, centroid: { power: 8, interest: 8 } },
      ],
    };
    const cohorts = [
      { id: 'sv', name: 'Survivors' },
      { id: 'db', name: 'Duty bearers' },
    ];
    const step = toAudienceStep(source, cohorts, { stakeholderId: 'police', revealed: ['sv'], gap: false }, 2, 4);
    expect(step).toEqual({
      stakeholderId: 'police',
      cohorts,
      revealed: [{ cohortId: 'sv', n: 2, centroid: { power: 8.75, interest: 1.5 }, marks: [{ power: 9, interest: 1 }, { power: 8.5, interest: 2 }] }],
      gap: false,
      index: 2,
      total: 4,
    });
    expect(JSON.stringify(step)).not.toMatch(/SECRET|s1|s2|s3/);
    const gap = toAudienceStep(source, cohorts, { stakeholderId: 'police', revealed: ['sv', 'db'], gap: true }, 4, 4);
    expect(gap.revealed.map((r) => r.cohortId)).toEqual(['sv', 'db']);
    expect(gap.gap).toBe(true);
  });
});

describe('readPresentMessage', () => {
  it('accepts the known kinds and nothing else', () => {
    expect(readPresentMessage({ kind: 'hello' })).toEqual({ kind: 'hello' });
    expect(readPresentMessage({ kind: 'blank', blank: true })).toEqual({ kind: 'blank', blank: true });
    for (const junk of [null, undefined, 'hello', 42, {}, { kind: 'eval' }, { kind: 7 }]) expect(readPresentMessage(junk)).toBeNull();
  });
});
