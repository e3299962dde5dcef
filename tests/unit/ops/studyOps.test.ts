import { describe, expect, it } from 'vitest';
import { COHORT_COLOURS } from '../../../shared/model/palette';
import { StudySchema } from '../../../shared/model/study';
import {
  activeStakeholders,
  addCohort,
  addCustomStakeholder,
  addLibraryStakeholders,
  addRound,
  cohortInUse,
  libraryStakeholdersNotInStudy,
  moveStakeholder,
  nextCohortLook,
  removeCohort,
  removeRound,
  renameRound,
  reorderStakeholder,
  retireStakeholder,
  StudyOpError,
  updateCohort,
  updateStakeholder,
  updateStudySettings,
} from '../../../shared/ops/studyOps';
import { library, sessionIn, studyWith } from './fixtures';

const ids = (list: { id: string }[]) => list.map((x) => x.id);
const custom = { name: 'Brick kiln owners', short: 'Kiln owners', description: 'Employers known to recruit', category: 'other' as const, labels: {} };

describe('study settings', () => {
  it('trims the title and axis wording and keeps the input unchanged', () => {
    const study = studyWith();
    const next = updateStudySettings(study, { title: '  Endline 2027 ', axes: { power: ' Power ', interest: 'Interest' } });
    expect(next.title).toBe('Endline 2027');
    expect(next.axes).toEqual({ power: 'Power', interest: 'Interest' });
    expect(study.title).toBe('Nadia and Murshidabad');
  });

  it('refuses an empty title, empty axis wording and a midline on the edge', () => {
    const study = studyWith();
    expect(() => updateStudySettings(study, { title: '   ' })).toThrow(StudyOpError);
    expect(() => updateStudySettings(study, { axes: { power: '', interest: 'x' } })).toThrow(/axes/);
    expect(() => updateStudySettings(study, { midline: { power: 0, interest: 5 } })).toThrow(/midline/);
    expect(() => updateStudySettings(study, { midline: { power: 5, interest: 10 } })).toThrow(/midline/);
    expect(updateStudySettings(study, { midline: { power: 6.5, interest: 4 } }).midline).toEqual({ power: 6.5, interest: 4 });
  });
});

describe('cohorts', () => {
  it('gives a new cohort the first colour and shape not yet used', () => {
    const study = studyWith();
    expect(nextCohortLook(study.cohorts)).toEqual({ colour: COHORT_COLOURS[4], shape: 'star' });
    const next = addCohort(study, { id: 'teachers', name: ' Teachers ' });
    expect(next.cohorts.at(-1)).toEqual({ id: 'teachers', name: 'Teachers', colour: COHORT_COLOURS[4], shape: 'star' });
    expect(StudySchema.safeParse(next).success).toBe(true);
  });

  it('renames and recolours a cohort', () => {
    const next = updateCohort(studyWith(), 'survivors', { name: 'Survivor collectives', colour: '#56b4e9', shape: 'square' });
    expect(next.cohorts[0]).toEqual({ id: 'survivors', name: 'Survivor collectives', colour: '#56b4e9', shape: 'square' });
    expect(() => updateCohort(studyWith(), 'survivors', { name: ' ' })).toThrow(/name/);
  });

  it('removes a cohort only when no session belongs to it', () => {
    const study = studyWith();
    const sessions = [sessionIn(study, { id: 's1', code: 'FGD 1', cohortId: 'survivors' })];
    expect(cohortInUse(sessions, 'survivors')).toBe(true);
    expect(() => removeCohort(study, 'survivors', sessions)).toThrow(expect.objectContaining({ problem: 'in_use' }));
    expect(ids(removeCohort(study, 'financiers', sessions).cohorts)).toEqual(['survivors', 'social-workers', 'duty-bearers']);
    expect(() => addCohort(study, { id: 'survivors', name: 'Again' })).toThrow(expect.objectContaining({ problem: 'duplicate_id' }));
  });
});

describe('rounds', () => {
  it('adds, renames and removes unused rounds', () => {
    const study = studyWith();
    const sessions = [sessionIn(study, { id: 's1', code: 'FGD 1', roundId: 'baseline' })];
    let next = addRound(study, { id: 'midline', name: 'Midline' });
    next = renameRound(next, 'midline', ' Mid-term ');
    expect(next.rounds).toEqual([
      { id: 'baseline', name: 'Baseline' },
      { id: 'endline', name: 'Endline' },
      { id: 'midline', name: 'Mid-term' },
    ]);
    expect(() => removeRound(next, 'baseline', sessions)).toThrow(expect.objectContaining({ problem: 'in_use' }));
    expect(ids(removeRound(next, 'endline', sessions).rounds)).toEqual(['baseline', 'midline']);
  });
});

describe('stakeholders', () => {
  it('adds library stakeholders the study lacks, once', () => {
    const lib = library();
    const study = studyWith(lib.slice(0, 2));
    const missing = libraryStakeholdersNotInStudy(study, lib);
    expect(missing).toHaveLength(lib.length - 2);
    const next = addLibraryStakeholders(study, [lib[0]!, lib[5]!, lib[6]!]);
    expect(ids(next.stakeholders)).toEqual([lib[0]!.id, lib[1]!.id, lib[5]!.id, lib[6]!.id]);
  });

  it('adds a custom stakeholder flagged as custom and keeps only complete translations', () => {
    const study = studyWith();
    const next = addCustomStakeholder(study, 'c0ffee00-0000-4000-8000-000000000001', {
      ...custom,
      labels: { bn: { name: 'ইটভাটার মালিক', short: 'ইটভাটা' }, hi: { name: 'ईंट भट्ठा मालिक', short: '' } },
    });
    const added = next.stakeholders.at(-1)!;
    expect(added).toMatchObject({ name: 'Brick kiln owners', short: 'Kiln owners', custom: true, retired: false });
    expect(added.labels).toEqual({ bn: { name: 'ইটভাটার মালিক', short: 'ইটভাটা' } });
    expect(StudySchema.safeParse(next).success).toBe(true);
  });

  it('refuses a short label longer than a chip can show', () => {
    expect(() => addCustomStakeholder(studyWith(), 'x1', { ...custom, short: 'A label far too long for a chip' })).toThrow(/24/);
    expect(() => updateStakeholder(studyWith(), 'bdo', { ...custom, name: '' })).toThrow(/name/);
  });

  it('edits a stakeholder without touching its id, retired or custom flags', () => {
    const next = updateStakeholder(studyWith(), 'bdo', { ...custom, name: 'BDO office', short: 'BDO' });
    expect(next.stakeholders[0]).toMatchObject({ id: 'bdo', name: 'BDO office', short: 'BDO', custom: false, retired: false });
  });

  it('reorders with up and down moves, clamped at the ends', () => {
    const study = studyWith();
    expect(ids(study.stakeholders)).toEqual(['bdo', 'gram-panchayat', 'panchayat-samiti', 'police']);
    expect(ids(moveStakeholder(study, 'police', -1).stakeholders)).toEqual(['bdo', 'gram-panchayat', 'police', 'panchayat-samiti']);
    expect(ids(moveStakeholder(study, 'bdo', 1).stakeholders)).toEqual(['gram-panchayat', 'bdo', 'panchayat-samiti', 'police']);
    expect(moveStakeholder(study, 'bdo', -1)).toBe(study);
    expect(ids(reorderStakeholder(study, 'bdo', 99).stakeholders)).toEqual(['gram-panchayat', 'panchayat-samiti', 'police', 'bdo']);
  });

  it('retires without removing, and brings back', () => {
    const study = studyWith();
    const retired = retireStakeholder(study, 'police', true);
    expect(retired.stakeholders).toHaveLength(4);
    expect(ids(activeStakeholders(retired))).toEqual(['bdo', 'gram-panchayat', 'panchayat-samiti']);
    expect(ids(activeStakeholders(retireStakeholder(retired, 'police', false)))).toContain('police');
    expect(() => retireStakeholder(study, 'nobody', true)).toThrow(expect.objectContaining({ problem: 'not_found' }));
  });
});
