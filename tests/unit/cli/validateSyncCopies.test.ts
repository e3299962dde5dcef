import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import type { ValidationReport } from '../../../electron/services/storage/validateData';
import type { Study } from '../../../shared/model/study';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { runPimap } from './runCli';

/**
 * `pimap validate` on a study folder where a sync tool left conflict copies: each copy is
 * named. A session's copy (another device's version of that map) is a problem to resolve;
 * a valid copy of study.json is merged by the app when the study is opened, which
 * validate says — what it adds — without changing anything itself.
 */
const S = 'study-a';
const STUDY_COPY = 'study.sync-conflict-20261202-101530-BBBBBB3.json';
const SESSION_COPY = 's1.sync-conflict-20261202-101530-BBBBBB3.json';
let dataDir = '';

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pimap-validate-sync-'));
  const repo = new StudyRepository(dataDir, { warn: () => undefined });
  await repo.createStudy(makeStudy(S, 'Murshidabad baseline'));
  await repo.saveSession(makeSession(S, 's1', 'FGD 1'), 0);
  await repo.saveSession(makeSession(S, 's2', 'FGD 2'), 0);
  // Device B's versions: study.json with one more stakeholder, s1 with other positions.
  const study = JSON.parse(readFileSync(join(dataDir, S, 'study.json'), 'utf8')) as Study;
  const brokers = { id: 'sh-brokers', name: 'Labour brokers', short: 'Brokers', description: '', category: 'community', labels: {}, retired: false, custom: true };
  writeFileSync(join(dataDir, S, STUDY_COPY), JSON.stringify({ ...study, stakeholders: [...study.stakeholders, brokers] }, null, 2));
  const s1 = JSON.parse(readFileSync(join(dataDir, S, 'sessions', 's1.json'), 'utf8')) as { notes: string };
  writeFileSync(join(dataDir, S, 'sessions', SESSION_COPY), JSON.stringify({ ...s1, notes: 'seq:2' }, null, 2));
  // A transfer under way: never a problem.
  writeFileSync(join(dataDir, S, 'sessions', '.syncthing.s2.json.tmp'), '{"format":');
  writeFileSync(join(dataDir, S, 'sessions', '~syncthing~s2.json.tmp'), '{"format":');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      if (n.name === '.locks') continue;
      if (n.isDirectory()) walk(join(d, n.name), `${prefix}${n.name}/`);
      else out[`${prefix}${n.name}`] = readFileSync(join(d, n.name), 'base64');
    }
  };
  walk(dir, '');
  return out;
};

describe('pimap validate with sync conflict copies', () => {
  it('names each copy: the session copy as a problem with its code and device, the study copy as merged on opening', async () => {
    const before = snapshot(dataDir);
    const r = await runPimap('validate', '--data', dataDir);
    expect(r.exitCode, r.stderr).toBe(1);
    // The copy is not counted as a session file; the temporary files are not mentioned.
    expect(r.stdout).toContain(`${S} “Murshidabad baseline”: 2 of 2 session files valid`);
    expect(r.stdout).toContain(`✗ ${S}/sessions/${SESSION_COPY}: a second version of session “FGD 1”, left by a sync tool`);
    expect(r.stdout).toContain(`⇄ ${S}/${STUDY_COPY}: a sync tool's conflict copy of study.json, not a problem: the app merges it into study.json`);
    expect(r.stdout).toContain('it adds stakeholder “Labour brokers”');
    expect(r.stdout).not.toContain('syncthing~');
    expect(r.stdout).not.toContain('.syncthing.');
    expect(r.stdout).toMatch(/1 study, 5 files checked: 1 problem\./);
    // Read-only: nothing moved, merged or written.
    expect(snapshot(dataDir)).toEqual(before);

    const json = JSON.parse((await runPimap('validate', '--data', dataDir, '--json')).stdout) as ValidationReport;
    expect(json.problems.map((p) => p.file)).toEqual([`${S}/sessions/${SESSION_COPY}`]);
    expect(json.syncCopies).toEqual([
      { file: `${S}/${STUDY_COPY}`, of: `${S}/study.json`, kind: 'study', device: null, note: expect.stringContaining('merges it into study.json') },
      { file: `${S}/sessions/${SESSION_COPY}`, of: `${S}/sessions/s1.json`, kind: 'session', device: null, note: expect.stringContaining('“FGD 1”') },
    ]);
  });

  it('after the app opened the study, says the study copy was merged; the session copy is still reported', async () => {
    await new StudyRepository(dataDir, { warn: () => undefined }).openStudy(S);
    expect(existsSync(join(dataDir, S, STUDY_COPY))).toBe(false);
    const r = await runPimap('validate', '--data', dataDir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(`${S} “Murshidabad baseline”: 2 of 2 session files valid; a sync conflict copy of study.json was merged (kept in .sync-archive)`);
    expect(r.stdout).not.toContain('⇄');
    expect(r.stdout).toContain(`✗ ${S}/sessions/${SESSION_COPY}: a second version of session “FGD 1”, left by a sync tool`);
  });

  it('exits 0 when the only copy is a valid study.json copy, and 1 when that copy cannot be used', async () => {
    rmSync(join(dataDir, S, 'sessions', SESSION_COPY));
    const ok = await runPimap('validate', '--data', dataDir);
    expect(ok.exitCode, ok.stdout).toBe(0);
    expect(ok.stdout).toContain(`⇄ ${S}/${STUDY_COPY}`);
    expect(ok.stdout).toMatch(/all valid\./);

    writeFileSync(join(dataDir, S, STUDY_COPY), '{"format": "pimap/study", "ver');
    const bad = await runPimap('validate', '--data', dataDir);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain(`✗ ${S}/${STUDY_COPY}: a sync tool's conflict copy of study.json that cannot be used: the file is not valid JSON`);
  });
});
