import { describe, expect, it } from 'vitest';
import { compareCohorts } from '../../../shared/analysis/compareCohorts';
import { summarize } from '../../../shared/analysis/summarize';
import { generateStudy } from '../../helpers/studyGenerator';

describe('summary items for the plain-language summary', () => {
  // 40 sessions × 20 stakeholders with the research's cohort differences built in.
  const { study, sessions } = generateStudy({ sessions: 40, stakeholders: 20, seed: 3 });
  const result = compareCohorts(study, sessions, { permutations: 999, seed: 1 });
  const items = summarize(result);

  it('names the stakeholders cohorts disagree about most: police and Panchayat among them', () => {
    const disagree = items.find((i) => i.kind === 'disagree_most');
    expect(disagree).toBeDefined();
    if (disagree?.kind !== 'disagree_most') throw new Error('unreachable');
    const ids = disagree.stakeholders.map((b) => b.stakeholderId);
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(ids).toEqual(expect.arrayContaining(['gram-panchayat', 'police']));
    // every named stakeholder is divergent, most divergent (largest R²) first, with the n it rests on
    const r2 = ids.map((id) => result.stakeholders.find((s) => s.id === id)!);
    expect(disagree.stakeholders.map((b) => [b.n, b.cohorts])).toEqual(r2.map((s) => [s.n, s.cohorts.filter((c) => c.n > 0).length]));
    expect(r2.every((s) => s.divergent)).toBe(true);
    expect(r2.map((s) => s.rSquared)).toEqual([...r2.map((s) => s.rSquared)].sort((a, b) => b! - a!));
  });

  it('reports zone consensus on ASHA (low power, high interest)', () => {
    expect(items).toContainEqual(expect.objectContaining({ kind: 'zone_consensus', stakeholderId: 'asha', zone: 'lp_hi' }));
  });

  it('reports what survivors did not know: VLCPC', () => {
    const survivors = items.find((i) => i.kind === 'did_not_know' && i.cohortId === 'survivors');
    expect(survivors).toMatchObject({ kind: 'did_not_know', cohortId: 'survivors', sessions: 12 });
    if (survivors?.kind !== 'did_not_know') throw new Error('unreachable');
    expect(survivors.stakeholderIds).toContain('vlcpc');
  });

  it('always carries the honest-reporting caveats', () => {
    expect(items).toContainEqual({ kind: 'sessions_not_individuals', sessions: 40, cohorts: result.cohorts.map((c) => ({ cohortId: c.id, sessions: c.sessions })) });
    expect(items).toContainEqual({ kind: 'exploratory_p_values', permutations: 999, seed: 1 });
  });

  it('says when nothing could be tested', () => {
    const few = compareCohorts(study, sessions.slice(0, 4), { permutations: 99 });
    const kinds = summarize(few).map((i) => i.kind);
    expect(kinds[0]).toBe('nothing_testable');
    expect(summarize(few)[0]).toEqual({ kind: 'nothing_testable', reason: 'too_few_sessions' });
    expect(kinds).not.toContain('exploratory_p_values');
  });
});
