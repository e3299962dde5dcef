import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastWriterWins } from '../../helpers/lastWriterWins';
import { validateDataFolder } from '../../../electron/services/storage/validateData';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';

/** `pimap validate`: problems listed per file, exit code 0 only when all valid, and read-only. */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const pimap = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron', 'cli', 'main.ts'), ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let dataDir = '';
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pimap-validate-'));
  const repo = lastWriterWins(dataDir);
  await repo.createStudy(makeStudy('study-a', 'Murshidabad baseline'));
  await repo.saveSession(makeSession('study-a', 's1', 'FGD 1'));
  await repo.saveSession(makeSession('study-a', 's2', 'FGD 2'));
  await repo.createStudy(makeStudy('study-b', 'Nadia endline'));
  await repo.saveSession(makeSession('study-b', 's3', 'DB-07'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('pimap validate', () => {
  it('exits 0 and says so when every file is valid', () => {
    const r = pimap('validate', '--data', dataDir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('study-a “Murshidabad baseline”: 2 of 2 session files valid');
    expect(r.out).toMatch(/2 studies, 5 files checked: all valid\./);
  });

  it('lists each damaged file with its reason, exits 1, and moves nothing', () => {
    const s2 = join(dataDir, 'study-a', 'sessions', 's2.json');
    const original = readFileSync(s2);
    writeFileSync(s2, original.subarray(0, 200));
    writeFileSync(join(dataDir, 'study-b', 'study.json'), '{"format":"pimap/study","version":7}');
    try {
      const r = pimap('validate', '--data', dataDir);
      expect(r.code).toBe(1);
      expect(r.out).toContain('✗ study-a/sessions/s2.json: session “FGD 2”: the file is not valid JSON');
      expect(r.out).toContain('✗ study-b/study.json: the file uses format version 7, newer than this app understands');
      expect(r.out).toMatch(/2 problems\./);
      // Read-only: the damaged file is still where it was, byte for byte.
      expect(readFileSync(s2)).toEqual(original.subarray(0, 200));
      expect(existsSync(join(dataDir, 'study-a', '.quarantine'))).toBe(false);

      const json = JSON.parse(pimap('validate', '--data', dataDir, '--json').out) as { problems: { file: string }[] };
      expect(json.problems.map((p) => p.file)).toEqual(['study-a/sessions/s2.json', 'study-b/study.json']);
    } finally {
      writeFileSync(s2, original);
    }
  });

  it('exits 2 with a sentence when the data folder does not exist', () => {
    const r = pimap('validate', '--data', join(dataDir, 'missing'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/There is no data folder at .*missing/);
  });

  it('reports folders that are not studies and copies of sessions under other names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pimap-validate-2-'));
    try {
      const repo = lastWriterWins(dir);
      await repo.createStudy(makeStudy('study-c'));
      await repo.saveSession(makeSession('study-c', 's1', 'FGD 1'));
      writeFileSync(join(dir, 'study-c', 'sessions', 's1 (1).json'), readFileSync(join(dir, 'study-c', 'sessions', 's1.json')));
      rmSync(join(dir, 'study-c', 'study.json'));
      const report = await validateDataFolder(dir);
      expect(report.problems).toEqual([
        { file: 'study-c/study.json', problem: 'there is no study.json in the folder' },
        { file: 'study-c/sessions/s1 (1).json', problem: expect.stringMatching(/session “FGD 1”: the file name is not a session id/) },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
