import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeStorageFs, type StorageFs } from '../../../electron/services/storage/storageFs';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import { validateDataFolder } from '../../../electron/services/storage/validateData';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { runPimap } from '../cli/runCli';

/**
 * One odd entry in a study (a FIFO, a folder named *.json, a symbolic link or a link
 * loop, a file far too large, a file nobody may read) is named as a problem for that
 * entry alone: the other sessions open and analyse, the studies list opens, `validate`
 * finishes, and saves of other studies are never stalled (a FIFO is never opened).
 */
const A = 'study-a';
const B = 'study-b';
let dataDir = '';

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pimap-odd-'));
  const repo = new StudyRepository(dataDir, { warn: () => undefined });
  await repo.createStudy(makeStudy(A, 'Murshidabad baseline'));
  await repo.saveSession(makeSession(A, 's1', 'FGD 1'));
  await repo.saveSession(makeSession(A, 's2', 'FGD 2'));
  await repo.createStudy(makeStudy(B, 'Nadia endline'));
  await repo.saveSession(makeSession(B, 's3', 'DB-07'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const sessions = (study: string) => join(dataDir, study, 'sessions');

/** FIFO, folder, link loop, link to a good file, a 3 GiB sparse file: every kind the real disk can hold. */
function addOddEntries(study: string): void {
  const dir = sessions(study);
  execFileSync('mkfifo', [join(dir, 'pipe.json')]);
  mkdirSync(join(dir, 'folder.json'));
  symlinkSync('loop.json', join(dir, 'loop.json'));
  symlinkSync(join(dir, 's1.json'), join(dir, 'link.json'));
  writeFileSync(join(dir, 'huge.json'), '');
  truncateSync(join(dir, 'huge.json'), 3 * 1024 ** 3);
}

describe('a study with odd entries in sessions/', () => {
  it('opens with its good sessions and one problem per odd entry, each moved to quarantine', async () => {
    addOddEntries(A);
    const repo = new StudyRepository(dataDir, { warn: () => undefined });
    const opened = await repo.openStudy(A);
    expect(opened.sessions.map((s) => s.code)).toEqual(['FGD 1', 'FGD 2']);
    const byFile = Object.fromEntries(opened.problems.map((p) => [p.file, p.problem]));
    expect(byFile).toEqual({
      'study-a/sessions/folder.json': 'it is a folder, not a file',
      'study-a/sessions/huge.json': 'it is too large (3,072 MB) to be a map file; the limit is 64 MB',
      'study-a/sessions/link.json': expect.stringContaining('it is a symbolic link; the app does not follow links'),
      'study-a/sessions/loop.json': expect.stringContaining('it is a symbolic link; the app does not follow links'),
      'study-a/sessions/pipe.json': 'it is not a regular file (a named pipe, device or socket), so it was not opened',
    });
    expect(opened.problems.every((p) => p.quarantinedTo?.startsWith('study-a/.quarantine/'))).toBe(true);
    // Only the two real sessions remain; the odd entries were moved, not deleted.
    expect(readdirSync(sessions(A)).sort()).toEqual(['s1.json', 's2.json']);
    const quarantined = readdirSync(join(dataDir, A, '.quarantine'));
    expect(quarantined.filter((n) => !n.endsWith('.why.txt')).map((n) => n.replace(/^\d{8}T\d{9}Z-/, '')).sort()).toEqual([
      'folder.json',
      'huge.json',
      'link.json',
      'loop.json',
      'pipe.json',
    ]);
    const pipe = quarantined.find((n) => n.endsWith('pipe.json'))!;
    expect(lstatSync(join(dataDir, A, '.quarantine', pipe)).isFIFO()).toBe(true);
    // Opening again is clean.
    expect((await repo.openStudy(A)).problems).toEqual([]);
  });

  it('names a file nobody may read without failing the study', async () => {
    const secret = join(sessions(A), 's2.json');
    const refusing: StorageFs = {
      ...nodeStorageFs,
      readFile: (p) =>
        p === secret ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' })) : nodeStorageFs.readFile(p),
    };
    const repo = new StudyRepository(dataDir, { fs: refusing, warn: () => undefined });
    const opened = await repo.openStudy(A);
    expect(opened.sessions.map((s) => s.code)).toEqual(['FGD 1']);
    expect(opened.problems).toMatchObject([
      { file: 'study-a/sessions/s2.json', sessionId: 's2', problem: 'you have no permission to read it (check the file’s permissions)', recoverable: true },
    ]);
    // The code of the session is known from its history, so the user is told which map it is.
    expect(opened.problems[0]?.sessionCode).toBe('FGD 2');
  });

  it('never opens a FIFO: four of them do not stall saves of another study', async () => {
    const dir = sessions(A);
    for (let i = 0; i < 4; i++) execFileSync('mkfifo', [join(dir, `p${i}.json`)]);
    const repo = new StudyRepository(dataDir, { warn: () => undefined });
    // If any FIFO were opened, it would hold a libuv thread until a writer came, and these would never resolve.
    const [report, saved] = await Promise.all([validateDataFolder(dataDir), repo.saveSession(makeSession(B, 's4', 'DB-08', 5))]);
    expect(saved.savedAt).toBeTruthy();
    expect(report.problems.map((p) => p.file)).toEqual(['study-a/sessions/p0.json', 'study-a/sessions/p1.json', 'study-a/sessions/p2.json', 'study-a/sessions/p3.json']);
    expect((await repo.openStudy(A)).sessions).toHaveLength(2);
  });
});

describe('the studies list', () => {
  it('opens when a study.json is a folder and when a study folder is a link loop', async () => {
    rmSync(join(dataDir, B, 'study.json'));
    mkdirSync(join(dataDir, B, 'study.json'));
    symlinkSync('looped', join(dataDir, 'looped'));
    symlinkSync(join(dataDir, A), join(dataDir, 'linked'));
    const repo = new StudyRepository(dataDir, { warn: () => undefined });
    const list = await repo.listStudies();
    expect(list.studies.map((s) => s.title)).toEqual(['Murshidabad baseline']);
    expect(list.problems.map((p) => [p.folder, p.problem]).sort()).toEqual([
      ['linked', expect.stringContaining('it is a symbolic link')],
      ['looped', expect.stringContaining('it is a symbolic link')],
      ['study-b', 'study.json cannot be used: it is a folder, not a file'],
    ]);
    await expect(repo.openStudy(B)).rejects.toMatchObject({ code: 'invalid_file', message: expect.stringContaining('it is a folder, not a file') });
  });
});

describe('pimap with odd entries', () => {
  it('validate finishes, names each odd entry and moves nothing', async () => {
    addOddEntries(A);
    const r = await runPimap('--data', dataDir, 'validate');
    expect(r.exitCode).toBe(1);
    for (const name of ['folder.json', 'huge.json', 'link.json', 'loop.json', 'pipe.json'])
      expect(r.stdout).toContain(`✗ study-a/sessions/${name}: it is`);
    expect(r.stdout).toContain('study-a “Murshidabad baseline”: 2 of 7 session files valid');
    expect(existsSync(join(dataDir, A, '.quarantine'))).toBe(false);
  });

  it('analyze and export open the study and say which entries were set aside, instead of "No study"', async () => {
    addOddEntries(A);
    const out = join(dataDir, 'out.csv');
    const r = await runPimap('--data', dataDir, 'export', 'Murshidabad baseline', '--format', 'csv', '--out', out);
    expect(r.stderr).not.toContain('No study');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const a = await runPimap('--data', dataDir, 'analyze', A);
    expect(a.stderr).not.toContain('No study');
    expect(a.exitCode, a.stderr).toBe(0);
  });

  it('a study whose study.json is a folder is named with its problem, not "No study"', async () => {
    rmSync(join(dataDir, B, 'study.json'));
    mkdirSync(join(dataDir, B, 'study.json'));
    const r = await runPimap('--data', dataDir, 'analyze', B);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).not.toContain('No study');
    expect(r.stderr).toContain('it is a folder, not a file');
  });
});

describe('file names that are words of JavaScript objects', () => {
  it('constructor.json, __proto__.json, toString.json are named problems, not an internal error', async () => {
    const { hostServicesFor } = await import('../../../electron/services/hostServices');
    const { dispatchHostCall } = await import('../../../shared/contract/dispatch');
    const repo = new StudyRepository(dataDir, { warn: () => undefined });
    await repo.saveSession(makeSession(A, 'toString', 'FGD toString'));
    const copy = readFileSync(join(sessions(A), 's1.json'));
    writeFileSync(join(sessions(A), 'constructor.json'), copy);
    writeFileSync(join(sessions(A), '__proto__.json'), copy);
    writeFileSync(join(sessions(A), 'hasOwnProperty.json'), copy);
    const services = hostServicesFor({
      repository: repo,
      prefs: { get: () => ({ language: 'en', largeText: false, lastStudyId: null, recentStudyIds: [] }), set: () => ({ language: 'en', largeText: false, lastStudyId: null, recentStudyIds: [] }) },
      host: 'cli',
      version: 'test',
      libraryPath: '',
      warn: () => undefined,
    });
    const result = await dispatchHostCall(services, 'openStudy', { studyId: A });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const opened = result.value as { sessions: { code: string }[]; problems: { file: string; problem: string }[] };
    expect(opened.sessions.map((s) => s.code)).toEqual(['FGD 1', 'FGD 2', 'FGD toString']);
    expect(opened.problems.map((p) => [p.file, p.problem])).toEqual([
      ['study-a/sessions/__proto__.json', 'the file name is not a session id (a second copy of a session?)'],
      ['study-a/sessions/constructor.json', 'the file name is not a session id (a second copy of a session?)'],
      ['study-a/sessions/hasOwnProperty.json', expect.stringContaining('does not match the session id inside')],
    ]);
  });
});

describe('a session file named *.JSON', () => {
  it('is renamed to .json when the study opens, so a save does not leave two copies', async () => {
    const upper = join(sessions(A), 's2.JSON');
    writeFileSync(upper, readFileSync(join(sessions(A), 's2.json')));
    rmSync(join(sessions(A), 's2.json'));
    expect((await validateDataFolder(dataDir)).problems).toEqual([]);
    const repo = new StudyRepository(dataDir, { warn: () => undefined });
    const opened = await repo.openStudy(A);
    expect(opened.problems).toEqual([]);
    const s2 = opened.sessions.find((s) => s.id === 's2')!;
    await repo.saveSession({ ...s2, notes: 'edited after the rename' });
    expect(readdirSync(sessions(A)).sort()).toEqual(['s1.json', 's2.json']);
    const again = await repo.openStudy(A);
    expect(again.sessions.map((s) => [s.id, s.notes])).toEqual([
      ['s1', 'seq:0'],
      ['s2', 'edited after the rename'],
    ]);
  });

  it('next to the same .json is reported as a second copy, not loaded twice', async () => {
    writeFileSync(join(sessions(A), 's2.JSON'), readFileSync(join(sessions(A), 's2.json')));
    expect((await validateDataFolder(dataDir)).problems).toEqual([
      { file: 'study-a/sessions/s2.JSON', problem: 'session “FGD 2”: "s2.json" is also there, so this ".JSON" file looks like a second copy' },
    ]);
    const opened = await new StudyRepository(dataDir, { warn: () => undefined }).openStudy(A);
    expect(opened.sessions.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(opened.problems.map((p) => p.file)).toEqual(['study-a/sessions/s2.JSON']);
  });
});
