import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSessionBytes, loadStudyBytes, placementCounts } from '../../../electron/services/storage/fileFormat';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import { SESSION_VERSION } from '../../../shared/model/session';
import { STUDY_VERSION } from '../../../shared/model/study';

/**
 * A real file of every released format version loads and migrates to the current one.
 * When a format changes, its old version stays here as `<kind>-v<N>.json` and the
 * first test fails until the new version's fixture is added too.
 */
const FORMATS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'formats');
const fixture = (kind: 'study' | 'session', v: number) => join(FORMATS, `${kind}-v${v}.json`);
const versions = (current: number) => Array.from({ length: current }, (_, i) => i + 1);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('released file formats', () => {
  it('have a fixture file for every version up to the current one', () => {
    for (const v of versions(STUDY_VERSION)) expect(existsSync(fixture('study', v)), `study-v${v}.json`).toBe(true);
    for (const v of versions(SESSION_VERSION)) expect(existsSync(fixture('session', v)), `session-v${v}.json`).toBe(true);
  });

  it.each(versions(STUDY_VERSION))('study format v%i loads as the current version', (v) => {
    const loaded = loadStudyBytes(readFileSync(fixture('study', v)));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.version).toBe(STUDY_VERSION);
    expect(loaded.migratedFrom).toBe(v === STUDY_VERSION ? null : v);
    expect(loaded.value.title).toMatch(/Murshidabad/);
    expect(loaded.value.cohorts.map((c) => c.name)).toContain('Survivors');
    const custom = loaded.value.stakeholders.find((s) => s.custom);
    expect(custom?.labels.bn?.short).toBe('স্বেচ্ছাসেবক');
  });

  it.each(versions(SESSION_VERSION))('session format v%i loads as the current version', (v) => {
    const loaded = loadSessionBytes(readFileSync(fixture('session', v)));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.version).toBe(SESSION_VERSION);
    expect(loaded.migratedFrom).toBe(v === SESSION_VERSION ? null : v);
    expect(loaded.value.code).toBe('FGD 3');
    expect(placementCounts(loaded.value)).toEqual({ placed: 9, unknown: 2, notDiscussed: 1 });
    expect(loaded.value.placements.police).toMatchObject({ contested: true, alt: { power: 8.8, interest: 6.5 } });
  });

  it('opens as a study with its session when copied into a data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pimap-formats-'));
    dirs.push(dataDir);
    const study = JSON.parse(readFileSync(fixture('study', 1), 'utf8')) as { id: string };
    const session = JSON.parse(readFileSync(fixture('session', 1), 'utf8')) as { id: string };
    mkdirSync(join(dataDir, study.id, 'sessions'), { recursive: true });
    writeFileSync(join(dataDir, study.id, 'study.json'), readFileSync(fixture('study', 1)));
    writeFileSync(join(dataDir, study.id, 'sessions', `${session.id}.json`), readFileSync(fixture('session', 1)));
    const repo = new StudyRepository(dataDir);
    const opened = await repo.openStudy(study.id);
    expect(opened.problems).toEqual([]);
    expect(opened.sessions.map((s) => s.code)).toEqual(['FGD 3']);
    expect((await repo.listStudies()).studies).toMatchObject([{ id: study.id, sessionCount: 1, cohortCount: 4 }]);
  });
});
