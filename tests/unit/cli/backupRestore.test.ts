import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import type { StudyBundle } from '../../../shared/export/studyFile';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { runPimap } from './runCli';

/**
 * `pimap backup` and `pimap restore` end to end: a backup file of a whole study (with
 * history if asked), restored into an empty data folder, and into a copy that diverged —
 * the restore says what it added and what became a conflict.
 */
const S = 'study-a';
let root = '';
let dataA = '';

const repoOf = (dataDir: string, name: string) => new StudyRepository(dataDir, { writer: { id: `dev-${name}`, name }, warn: () => undefined });
const custom = (id: string, name: string): Stakeholder => ({ id, name, short: name.slice(0, 24), description: '', category: 'community', labels: {}, retired: false, custom: true });

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'pimap-cli-backup-'));
  dataA = join(root, 'a');
  const a = repoOf(dataA, 'Asha');
  await a.createStudy(makeStudy(S, 'Murshidabad baseline'));
  await a.saveSession(makeSession(S, 's1', 'FGD 1', 0), 0);
  await a.saveSession({ ...makeSession(S, 's1', 'FGD 1', 1), revision: 1 }, 1);
  await a.saveSession(makeSession(S, 's2', 'FGD 2', 0), 0);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sessionFiles = (dataDir: string) => readdirSync(join(dataDir, S, 'sessions')).sort();

describe('pimap backup', () => {
  it('writes a whole study by title, id or folder path; --with-history adds the earlier versions', async () => {
    const out = join(root, 'study.pimap.json');
    const r = await runPimap('backup', 'Murshidabad baseline', '--out', out, '--data', dataA);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Backed up study “Murshidabad baseline” \(id study-a\): 2 sessions, to .*study\.pimap\.json \([\d,]+ bytes\)\.\n$/);
    const plain = JSON.parse(readFileSync(out, 'utf8')) as StudyBundle;
    expect(plain).toMatchObject({ format: 'pimap/study-bundle', version: 1, redacted: false });
    expect(plain.sessions.find((s) => s.id === 's1')!.notes).toBe('seq:1');

    const byPath = await runPimap('backup', join(dataA, S), '--out', out, '--with-history');
    expect(byPath.exitCode, byPath.stderr).toBe(0);
    expect(byPath.stdout).toContain('2 sessions, 3 earlier versions, to');
    const withHistory = JSON.parse(readFileSync(out, 'utf8')) as StudyBundle;
    expect(withHistory.version).toBe(2);
    expect(withHistory.history?.map((h) => h.sessionId)).toEqual(['s1', 's1', 's2']);
    expect(existsSync(`${out}.${process.pid}.tmp`)).toBe(false);
  });

  it('names what it leaves out (a sync conflict copy) with exit code 1, and refuses an unknown study', async () => {
    const copy = JSON.parse(readFileSync(join(dataA, S, 'sessions', 's1.json'), 'utf8')) as { notes: string };
    writeFileSync(join(dataA, S, 'sessions', 's1.sync-conflict-20261202-101530-BBBBBB3.json'), JSON.stringify({ ...copy, notes: 'seq:9' }, null, 2));
    const out = join(root, 'b.json');
    const r = await runPimap('backup', S, '--out', out, '--data', dataA);
    expect(r.exitCode).toBe(1);
    expect(existsSync(out)).toBe(true);
    expect(r.stderr).toContain('Not in the backup: 1 file');
    expect(r.stderr).toContain(`${S}/sessions/s1.sync-conflict-20261202-101530-BBBBBB3.json: a second version of session “FGD 1”`);

    const none = await runPimap('backup', 'No such study', '--out', out, '--data', dataA);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('No study with id or title "No such study"');
  });
});

describe('pimap restore', () => {
  it('restores into an empty data folder as it was', async () => {
    const out = join(root, 'study.pimap.json');
    expect((await runPimap('backup', S, '--out', out, '--with-history', '--data', dataA)).exitCode).toBe(0);
    const target = join(root, 'empty');
    const r = await runPimap('restore', out, '--data', target);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Restored study “Murshidabad baseline” (id ${S}) into ${target}: 2 sessions.\nAdded 3 earlier versions to history.\n`);
    for (const name of sessionFiles(dataA)) expect(readFileSync(join(target, S, 'sessions', name)).equals(readFileSync(join(dataA, S, 'sessions', name))), name).toBe(true);
    expect(readFileSync(join(target, S, 'study.json')).equals(readFileSync(join(dataA, S, 'study.json')))).toBe(true);
    const check = await runPimap('validate', '--data', target);
    expect(check.exitCode, check.stdout).toBe(0);
  });

  it('merges into a copy that diverged and says what it added and what became a conflict', async () => {
    const dataB = join(root, 'b');
    cpSync(dataA, dataB, { recursive: true });
    const a = repoOf(dataA, 'Asha');
    const b = repoOf(dataB, 'Bikash');
    const studyA = (await a.openStudy(S)).study;
    await a.saveStudy({ ...studyA, stakeholders: [...studyA.stakeholders, custom('sh-brokers', 'Labour brokers')], updatedAt: '2026-12-02T10:00:00.000Z' });
    await a.saveSession({ ...makeSession(S, 's1', 'FGD 1', 5), revision: 2 }, 2);
    await a.saveSession(makeSession(S, 's3', 'FGD 3', 3), 0);
    await b.saveSession({ ...makeSession(S, 's1', 'FGD 1', 7), revision: 2 }, 2);
    const out = join(root, 'from-a.json');
    expect((await runPimap('backup', S, '--out', out, '--data', dataA)).exitCode).toBe(0);

    const r = await runPimap('restore', out, '--data', dataB);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`Merged the backup into study “Murshidabad baseline” (id ${S}) in ${dataB}.`);
    expect(lines).toContain('Added to the study: stakeholders “Labour brokers”.');
    expect(lines).toContain('Added 1 session: “FGD 3”.');
    expect(lines).toContain('Already the same: 1 session.');
    expect(lines).toContain("1 conflict: changed both here and in the backup. The map here is unchanged; the backup's version is kept beside it:");
    const copy = sessionFiles(dataB).find((n) => n.startsWith('s1.sync-conflict-'))!;
    expect(copy).toMatch(/^s1\.sync-conflict-\d{8}-\d{6}-RESTORE\.json$/);
    expect(lines).toContain(`  “FGD 1”: sessions/${copy}`);
    expect(sessionFiles(dataB)).toEqual(['s1.json', copy, 's2.json', 's3.json']);
    expect(readFileSync(join(dataB, S, 'sessions', copy)).equals(readFileSync(join(dataA, S, 'sessions', 's1.json')))).toBe(true);

    // pimap validate names the conflict to resolve, like any sync conflict copy.
    const check = await runPimap('validate', '--data', dataB);
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain(`✗ ${S}/sessions/${copy}: a second version of session “FGD 1” saved by Asha`);

    // Restoring the same file again changes nothing and says the version is already kept.
    const again = await runPimap('restore', out, '--data', dataB);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('The study settings already had everything in the backup.');
    expect(again.stdout).toContain(`Session “FGD 1”: the backup's version is already kept beside it as ${copy}.`);
    expect(again.stdout).not.toContain('conflict:');
    expect(sessionFiles(dataB)).toEqual(['s1.json', copy, 's2.json', 's3.json']);
  });

  it('refuses a file that is not a backup, with exit code 1 and nothing written', async () => {
    const target = join(root, 'empty');
    const bad = join(root, 'bad.json');
    writeFileSync(bad, '{"format": "something-else"}');
    const r = await runPimap('restore', bad, '--data', target);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`${bad}: the file is not a pimap/study-bundle file. Nothing was restored.\n`);

    const shared = join(root, 'shared.json');
    expect((await runPimap('export', S, '--format', 'json', '--out', shared, '--data', dataA)).exitCode).toBe(0);
    const redacted = await runPimap('restore', shared, '--data', target);
    expect(redacted.exitCode).toBe(1);
    expect(redacted.stderr).toContain('an export for sharing, not a backup');
    expect(existsSync(target)).toBe(false);
  });

  it('is listed in the help', async () => {
    const r = await runPimap('--help');
    expect(r.stdout).toMatch(/back\s+up\s+and\s+restore\s+studies/);
    expect(r.stdout).toMatch(/backup \[options\] <study>/);
    expect(r.stdout).toMatch(/restore <file>/);
  });
});
