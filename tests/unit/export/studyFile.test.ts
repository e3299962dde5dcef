import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { applyMerge, buildBundle, MergeError, parseBundle, planMerge, serializeBundle } from '../../../shared/export/studyFile';
import { exportSessions, exportStudy, NOTES } from './exportFixture';

const NOW = '2026-12-01T08:00:00.000Z';
const OPTS = { now: NOW, importedSuffix: '(imported)' };

/** A trainer's copy of the study: a different study id, some different ids and names, the same people. */
function trainerTarget(): { study: Study; sessions: Session[] } {
  const study = exportStudy();
  const sessions = exportSessions(study);
  const target: Study = {
    ...study,
    id: 'trainer-study',
    title: 'Trainer collection',
    // Police carries another id but the same name; the Bengali custom stakeholder is unknown here.
    stakeholders: study.stakeholders
      .filter((s) => s.id !== 'shishu-suraksha')
      .map((s) => (s.id === 'police' ? { ...s, id: 'police-station', short: 'POLICE' } : s)),
    cohorts: study.cohorts.map((c) => (c.id === 'survivors' ? { ...c, id: 'survivor-groups', name: 'SURVIVORS' } : c)),
  };
  // The trainer already has FGD 1 (identical) and FGD 2 (edited), but not the rest.
  const translate = (s: Session): Session => {
    const placements: Session['placements'] = {};
    for (const [id, p] of Object.entries(s.placements)) if (id !== 'shishu-suraksha') placements[id === 'police' ? 'police-station' : id] = p;
    return { ...s, id: `t-${s.id}`, studyId: target.id, cohortId: s.cohortId === 'survivors' ? 'survivor-groups' : s.cohortId, placements };
  };
  const fgd1 = translate(sessions[0]!);
  const fgd2 = translate(sessions[1]!);
  fgd2.placements.bdo = { ...fgd2.placements.bdo!, position: { power: 1, interest: 1 } };
  return { study: target, sessions: [fgd1, fgd2] };
}

function sourceBundle(redact = false) {
  const study = exportStudy();
  const sessions = exportSessions(study);
  // Only placements of stakeholders the trainer knows, so FGD 1 can be identical.
  return buildBundle(study, sessions, { exportedAt: NOW, redact });
}

describe('study files', () => {
  it('round-trips through text, and rejects a newer version or a broken session with a reason', () => {
    const bundle = sourceBundle();
    const text = serializeBundle(bundle);
    const back = parseBundle(text);
    expect(back).toEqual({ ok: true, bundle });
    expect(parseBundle(text.replace('"version": 1,', '"version": 3,'))).toMatchObject({ ok: false, problem: expect.stringContaining('newer than this app') });
    const broken = JSON.parse(text);
    broken.sessions[0].placements.bdo.position.power = 12;
    expect(parseBundle(JSON.stringify(broken))).toMatchObject({ ok: false, problem: expect.stringContaining('sessions.0') });
    expect(parseBundle('not json')).toEqual({ ok: false, problem: 'the file is not valid JSON' });
  });

  it('exports chosen sessions only, and a redacted file carries no note text', () => {
    const study = exportStudy();
    const sessions = exportSessions(study);
    const chosen = buildBundle(study, sessions, { exportedAt: NOW, redact: false, sessionIds: [sessions[0]!.id, sessions[4]!.id] });
    expect(chosen.sessions.map((s) => s.code)).toEqual(['FGD 1', 'FGD 5']);
    expect(serializeBundle(chosen)).toContain('SECRET-NOTE-POLICE');
    const redacted = serializeBundle(buildBundle(study, sessions, { exportedAt: NOW, redact: true }));
    for (const note of Object.values(NOTES)) expect(redacted).not.toContain(note);
    expect(redacted).not.toContain('SECRET-NOTE');
    expect(JSON.parse(redacted).redacted).toBe(true);
    // Positions survive redaction: only words are left out.
    expect(JSON.parse(redacted).sessions[0].placements.police.position).toEqual(sessions[0]!.placements.police!.position);
  });
});

describe('merging a study file', () => {
  it('matches stakeholders by id then name, cohorts by name, and sorts sessions into new, identical and conflicts', () => {
    const target = trainerTarget();
    const plan = planMerge(target.study, target.sessions, sourceBundle());
    expect(plan.stakeholderMap.police).toBe('police-station'); // by name, case-insensitively
    expect(plan.stakeholderMap.bdo).toBe('bdo'); // by id
    expect(plan.newStakeholders.map((s) => [s.id, s.name, s.custom])).toEqual([['shishu-suraksha', 'গ্রাম শিশু সুরক্ষা কমিটি', true]]);
    expect(plan.cohortMap.survivors).toBe('survivor-groups');
    expect(plan.newCohorts).toEqual([]);
    expect(plan.newSessions.map((s) => s.code)).toEqual(['FGD 3', 'FGD 4', 'FGD 5', 'FGD 6', 'DB-01', 'DB-02', 'DB-03']);
    expect(plan.newSessions[0]!.placements['police-station']).toBeDefined();
    expect(plan.newSessions[0]!.cohortId).toBe('survivor-groups');
    // FGD 1 differs only by the Bengali stakeholder the trainer lacked, so it is a conflict too.
    expect(plan.conflicts.map((c) => [c.code, c.changedStakeholders])).toEqual([
      ['FGD 1', ['shishu-suraksha']],
      ['FGD 2', ['bdo', 'shishu-suraksha']],
    ]);
  });

  it('matches names as nameKey does: a decomposed Bengali name, extra spaces and another case find ours', () => {
    const target = trainerTarget();
    const bundle = sourceBundle();
    const ours = exportStudy().stakeholders.find((s) => s.id === 'shishu-suraksha')!;
    // বো is one code point composed (U+09CB), two decomposed (U+09C7 U+09BE).
    const composed = 'শিশু সুরক্ষা বোর্ড'.normalize('NFC');
    // Typed on another keyboard: the same name in NFD (its vowel signs as separate marks).
    const decomposed = `  ${composed.normalize('NFD').replace(/ /g, '   ')} `;
    expect(decomposed.trim()).not.toBe(composed);
    target.study.stakeholders.push({ ...ours, id: 'shishu-committee', name: composed, short: 'GSSC-OURS' });
    const theirs = { ...bundle, study: { ...bundle.study, stakeholders: bundle.study.stakeholders.map((s) => (s.id === 'shishu-suraksha' ? { ...s, name: decomposed, short: 'X' } : s)) } };
    // A cohort whose name differs by case and inner spaces.
    theirs.study.cohorts = theirs.study.cohorts.map((c) => (c.id === 'survivors' ? { ...c, name: ' survivors ' } : c));
    theirs.sessions = theirs.sessions.map((s) => (s.code === 'FGD 2' ? { ...s, code: ' fgd  2 ' } : s));
    const plan = planMerge(target.study, target.sessions, theirs);
    expect(plan.stakeholderMap['shishu-suraksha']).toBe('shishu-committee');
    expect(plan.newStakeholders).toEqual([]);
    expect(plan.cohortMap.survivors).toBe('survivor-groups');
    // " fgd  2 " is our FGD 2: a conflict, not a new session.
    expect(plan.conflicts.map((c) => c.code)).toContain('FGD 2');
    expect(plan.newSessions.map((s) => s.code)).not.toContain(' fgd  2 ');
  });

  it('skips a session with the same code, round and content', () => {
    const study = exportStudy();
    const sessions = exportSessions(study);
    const plan = planMerge(study, sessions.slice(0, 2), buildBundle(study, sessions, { exportedAt: NOW, redact: false }));
    expect(plan.identical.map((i) => i.code)).toEqual(['FGD 1', 'FGD 2']);
    expect(plan.conflicts).toEqual([]);
    expect(plan.newSessions).toHaveLength(7);
  });

  it('lists a conflict and never overwrites without a resolution', () => {
    const target = trainerTarget();
    const plan = planMerge(target.study, target.sessions, sourceBundle());
    expect(() => applyMerge(plan, {}, OPTS)).toThrow(MergeError);
    expect(() => applyMerge(plan, { [plan.conflicts[0]!.key]: 'keep_ours' }, OPTS)).toThrow(/FGD 2/);
  });

  it('keep_ours leaves our session, take_theirs replaces its content, keep_both adds theirs as "(imported)"', () => {
    const target = trainerTarget();
    const plan = planMerge(target.study, target.sessions, sourceBundle());
    const [c1, c2] = plan.conflicts;
    const ours2Bdo = target.sessions[1]!.placements.bdo!.position;

    const kept = applyMerge(plan, { [c1!.key]: 'keep_ours', [c2!.key]: 'keep_ours' }, OPTS);
    expect(kept.sessions.find((s) => s.id === c2!.key)!.placements.bdo!.position).toEqual(ours2Bdo);
    expect(kept.sessions).toHaveLength(2 + 7);
    expect(kept.written.map((s) => s.code)).not.toContain('FGD 2');
    expect(kept.study.stakeholders.some((s) => s.id === 'shishu-suraksha')).toBe(true);

    const taken = applyMerge(plan, { [c1!.key]: 'keep_ours', [c2!.key]: 'take_theirs' }, OPTS);
    const replaced = taken.sessions.find((s) => s.id === c2!.key)!;
    expect(replaced.placements.bdo!.position).toEqual(c2!.theirs.placements.bdo!.position);
    expect(replaced.placements.bdo!.position).not.toEqual(ours2Bdo);
    expect(replaced.createdAt).toBe(target.sessions[1]!.createdAt);
    expect(replaced.updatedAt).toBe(NOW);
    expect(taken.sessions.filter((s) => s.code === 'FGD 2')).toHaveLength(1);

    const both = applyMerge(plan, { [c1!.key]: 'keep_both', [c2!.key]: 'keep_both' }, OPTS);
    expect(both.sessions.map((s) => s.code)).toEqual(expect.arrayContaining(['FGD 1', 'FGD 1 (imported)', 'FGD 2', 'FGD 2 (imported)']));
    expect(both.sessions.find((s) => s.id === c2!.key)!.placements.bdo!.position).toEqual(ours2Bdo);
    expect(new Set(both.sessions.map((s) => s.id)).size).toBe(both.sessions.length);
    // Keeping both again picks the next free code.
    const plan2 = planMerge(both.study, both.sessions, sourceBundle());
    const again = applyMerge(plan2, Object.fromEntries(plan2.conflicts.map((c) => [c.key, 'keep_both' as const])), OPTS);
    expect(again.sessions.map((s) => s.code)).toContain('FGD 2 (imported) 2');
  });

  it('a redacted file compares without notes and taking theirs keeps our notes', () => {
    const study = exportStudy();
    const sessions = exportSessions(study);
    const ours = sessions.slice(0, 1);
    const redacted = buildBundle(study, sessions.slice(0, 1), { exportedAt: NOW, redact: true });
    expect(planMerge(study, ours, redacted).identical).toHaveLength(1);
    redacted.sessions[0]!.placements.police!.position = { power: 2, interest: 2 };
    const plan = planMerge(study, ours, redacted);
    expect(plan.conflicts[0]!.changedStakeholders).toEqual(['police']);
    const merged = applyMerge(plan, { [plan.conflicts[0]!.key]: 'take_theirs' }, OPTS);
    expect(merged.sessions[0]!.placements.police).toMatchObject({ position: { power: 2, interest: 2 }, note: NOTES.police });
    expect(merged.sessions[0]!.notes).toBe(NOTES.session);
  });
});
