import { describe, expect, it } from 'vitest';
import { newSession } from '../../../shared/model/defaults';
import { toAudienceSession } from '../../../shared/present/audience';
import { buildCompareSteps, gapSentenceParts } from '../../../shared/present/compareSteps';

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
