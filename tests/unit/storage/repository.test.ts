import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastWriterWins } from '../../helpers/lastWriterWins';
import type { StorageFs } from '../../../electron/services/storage/storageFs';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { SimulatedDisk } from '../../helpers/storageShim';

/** Studies, sessions, locking, trash and the sweep of orphaned temporary files. */
const DATA = '/data';
const A = 'study-a';
const B = 'study-b';

async function world() {
  const disk = new SimulatedDisk();
  let t = Date.parse('2026-03-02T10:00:00.000Z');
  const repo = lastWriterWins(DATA, { fs: disk, now: () => new Date((t += 1000)), warn: () => undefined });
  await repo.createStudy(makeStudy(A, 'Murshidabad baseline'));
  await repo.createStudy(makeStudy(B, 'Nadia endline'));
  return { disk, repo };
}

const text = (disk: SimulatedDisk, path: string) => new TextDecoder().decode(disk.peek(path) ?? new Uint8Array());

describe('studies', () => {
  it('are created as a folder with study.json and listed with their session counts', async () => {
    const { disk, repo } = await world();
    await repo.saveSession(makeSession(A, 's1', 'FGD 1'));
    await repo.saveSession(makeSession(A, 's2', 'FGD 2'));
    const { studies, problems } = await repo.listStudies();
    expect(problems).toEqual([]);
    expect(studies.map((s) => [s.id, s.title, s.sessionCount, s.cohortCount])).toEqual(
      expect.arrayContaining([
        [A, 'Murshidabad baseline', 2, 4],
        [B, 'Nadia endline', 0, 4],
      ]),
    );
    // Pretty, UTF-8 JSON a person can read, ending in a newline.
    expect(text(disk, `${DATA}/${A}/study.json`)).toMatch(/^\{\n {2}"format": "pimap\/study",\n/);
    expect(text(disk, `${DATA}/${A}/sessions/s1.json`)).toMatch(/\n}\n$/);
  });

  it('cannot be created twice, and cannot be saved before they exist', async () => {
    const { repo } = await world();
    await expect(repo.createStudy(makeStudy(A, 'Again'))).rejects.toMatchObject({ code: 'conflict' });
    await expect(repo.saveStudy(makeStudy('study-x', 'Nowhere'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(repo.openStudy('study-x')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('are saved, and the change shows in the list and on open', async () => {
    const { repo } = await world();
    await repo.saveStudy({ ...makeStudy(A), title: 'Murshidabad baseline (six blocks)', updatedAt: '2026-03-05T10:00:00.000Z' });
    expect((await repo.openStudy(A)).study.title).toBe('Murshidabad baseline (six blocks)');
    expect((await repo.listStudies()).studies[0]?.title).toBe('Murshidabad baseline (six blocks)');
  });

  it('are listed even when another study folder is damaged, which is reported instead', async () => {
    const { disk, repo } = await world();
    disk.put(`${DATA}/${B}/study.json`, '{"format":"pimap/study","title":"Nadia endl');
    disk.put(`${DATA}/Copy of study-a/study.json`, '{}');
    disk.put(`${DATA}/empty-folder/readme.txt`, 'not a study');
    const { studies, problems } = await repo.listStudies();
    expect(studies.map((s) => s.id)).toEqual([A]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ folder: B, problem: expect.stringMatching(/not valid JSON/), recoverable: true }),
        expect.objectContaining({ folder: 'Copy of study-a', problem: expect.stringMatching(/not a study id/) }),
        expect.objectContaining({ folder: 'empty-folder', problem: expect.stringMatching(/no study\.json/) }),
      ]),
    );
    await expect(repo.openStudy(B)).rejects.toMatchObject({
      code: 'invalid_file',
      message: expect.stringMatching(/^The settings of study “Nadia endl.*An earlier valid version is kept/),
    });
  });

  it('finds studies by title for the command line', async () => {
    const { repo } = await world();
    expect((await repo.findStudiesByTitle('  nadia ENDLINE ')).map((s) => s.id)).toEqual([B]);
    expect(await repo.findStudiesByTitle('Unknown')).toEqual([]);
  });

  it('finds a title as names are matched (nameKey): inner spaces collapsed, a decomposed Bengali title found', async () => {
    const { repo } = await world();
    const title = 'নদিয়া বেসলাইন দলগত আলোচনা'.normalize('NFC');
    await repo.createStudy(makeStudy('study-bn', title));
    expect((await repo.findStudiesByTitle('nadia   endline')).map((s) => s.id)).toEqual([B]);
    const decomposed = title.normalize('NFD');
    expect(decomposed).not.toBe(title);
    expect((await repo.findStudiesByTitle(` ${decomposed} `)).map((s) => s.id)).toEqual(['study-bn']);
  });

  it('refuses ids that could escape the data folder, even when called directly', async () => {
    const { repo } = await world();
    await expect(repo.openStudy('../etc')).rejects.toMatchObject({ code: 'invalid_payload' });
    await expect(repo.deleteSession(A, '..')).rejects.toMatchObject({ code: 'invalid_payload' });
    await expect(repo.saveSession({ ...makeSession(A, 's1', 'FGD 1'), id: '../../x' })).rejects.toMatchObject({ code: 'invalid_payload' });
    await expect(repo.restoreFromTrash('../../data')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('sessions', () => {
  it('need an existing study', async () => {
    const { repo } = await world();
    await expect(repo.saveSession(makeSession('study-x', 's1', 'FGD 1'))).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('FGD 1') });
  });

  it('are validated before anything is written', async () => {
    const { disk, repo } = await world();
    const bad = { ...makeSession(A, 's1', 'FGD 1'), participants: -4 };
    await expect(repo.saveSession(bad)).rejects.toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/participants/) });
    expect(disk.peek(`${DATA}/${A}/sessions/s1.json`)).toBeNull();
  });

  it('once locked cannot change until unlocked', async () => {
    const { repo } = await world();
    const locked = { ...makeSession(A, 's1', 'FGD 1', 1), locked: true };
    await repo.saveSession(locked);
    // Saving the same locked map again (a new updatedAt, placements in another order) is fine.
    const reordered = { ...locked, updatedAt: '2026-03-09T10:00:00.000Z', placements: Object.fromEntries(Object.entries(locked.placements).reverse()) };
    await expect(repo.saveSession(reordered)).resolves.toBeDefined();
    await expect(repo.saveSession({ ...makeSession(A, 's1', 'FGD 1', 2), locked: true })).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringContaining('“FGD 1” is locked'),
    });
    // Unlocking is saving it unlocked; then it can change.
    await repo.saveSession({ ...locked, locked: false });
    await repo.saveSession(makeSession(A, 's1', 'FGD 1', 3));
    expect((await repo.openStudy(A)).sessions[0]?.notes).toBe('seq:3');
  });

  it('merge by copying files: a session file copied from another data folder simply appears', async () => {
    const other = await world();
    await other.repo.saveSession(makeSession(A, 'from-laptop-2', 'FGD 9', 4));
    const { disk, repo } = await world();
    await repo.saveSession(makeSession(A, 's1', 'FGD 1'));
    disk.put(`${DATA}/${A}/sessions/from-laptop-2.json`, other.disk.peek(`${DATA}/${A}/sessions/from-laptop-2.json`) ?? '');
    expect((await repo.openStudy(A)).sessions.map((s) => s.code).sort()).toEqual(['FGD 1', 'FGD 9']);
  });

  it('a second copy under another name, or a session of another study, is set aside with a reason', async () => {
    const { disk, repo } = await world();
    const s = makeSession(A, 's1', 'FGD 1');
    await repo.saveSession(s);
    disk.put(`${DATA}/${A}/sessions/s1 (1).json`, JSON.stringify(s));
    disk.put(`${DATA}/${A}/sessions/s7.json`, JSON.stringify({ ...makeSession(B, 's7', 'FGD 7') }));
    const opened = await repo.openStudy(A);
    expect(opened.sessions.map((x) => x.id)).toEqual(['s1']);
    expect(opened.problems).toEqual([
      expect.objectContaining({ file: `${A}/sessions/s1 (1).json`, sessionId: null, sessionCode: 'FGD 1', problem: expect.stringMatching(/second copy/) }),
      expect.objectContaining({ file: `${A}/sessions/s7.json`, sessionId: 's7', sessionCode: 'FGD 7', problem: expect.stringMatching(/another study/) }),
    ]);
    const note = disk.list(`${DATA}/${A}/.quarantine`).find((f) => f.endsWith('s7.json.why.txt')) ?? '';
    expect(text(disk, `${DATA}/${A}/.quarantine/${note}`)).toMatch(/Why: the session belongs to another study/);
  });

  it('ignores files that are not session files (.DS_Store, notes, temporary files)', async () => {
    const { disk, repo } = await world();
    await repo.saveSession(makeSession(A, 's1', 'FGD 1'));
    disk.put(`${DATA}/${A}/sessions/.DS_Store`, '\u0000\u0001');
    disk.put(`${DATA}/${A}/sessions/readme.txt`, 'hello');
    const opened = await repo.openStudy(A);
    expect(opened.problems).toEqual([]);
    expect(disk.peek(`${DATA}/${A}/sessions/readme.txt`)).not.toBeNull();
  });

  it('a damaged file is replaced by a new save only after it was moved to quarantine', async () => {
    const { disk, repo } = await world();
    disk.put(`${DATA}/${A}/sessions/s1.json`, '{"code": "FGD 1", "trunc');
    await repo.saveSession(makeSession(A, 's1', 'FGD 1', 5));
    const kept = disk.list(`${DATA}/${A}/.quarantine`).filter((f) => f.endsWith('s1.json'));
    expect(kept).toHaveLength(1);
    expect(text(disk, `${DATA}/${A}/.quarantine/${kept[0]}`)).toBe('{"code": "FGD 1", "trunc');
  });
});

describe('the trash', () => {
  it('takes a deleted session with its history, and gives both back', async () => {
    const { disk, repo } = await world();
    await repo.saveSession(makeSession(A, 's1', 'FGD 1', 1));
    await repo.saveSession(makeSession(A, 's1', 'FGD 1', 2));
    const { trashId } = await repo.deleteSession(A, 's1');
    expect((await repo.openStudy(A)).sessions).toEqual([]);
    expect(await repo.listTrash()).toEqual([expect.objectContaining({ trashId, kind: 'session', studyId: A, label: 'FGD 1' })]);
    expect(disk.list(`${DATA}/.trash/${trashId}`)).toEqual(expect.arrayContaining(['manifest.json', 'session.json']));

    await expect(repo.restoreFromTrash(trashId)).resolves.toEqual({ studyId: A });
    expect((await repo.openStudy(A)).sessions.map((s) => s.notes)).toEqual(['seq:2']);
    expect(await repo.listSessionVersions(A, 's1')).toHaveLength(1);
    expect(await repo.listTrash()).toEqual([]);
    await expect(repo.restoreFromTrash(trashId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('takes a whole study and refuses to restore it over a new study with the same id', async () => {
    const { repo } = await world();
    await repo.saveSession(makeSession(A, 's1', 'FGD 1'));
    const { trashId } = await repo.deleteStudy(A);
    expect((await repo.listStudies()).studies.map((s) => s.id)).toEqual([B]);
    expect((await repo.listTrash())[0]).toMatchObject({ kind: 'study', label: 'Murshidabad baseline' });

    await repo.createStudy(makeStudy(A, 'A new study reusing the id'));
    await expect(repo.restoreFromTrash(trashId)).rejects.toMatchObject({ code: 'conflict' });
    await repo.deleteStudy(A);
    await repo.restoreFromTrash(trashId);
    const opened = await repo.openStudy(A);
    expect(opened.study.title).toBe('Murshidabad baseline');
    expect(opened.sessions.map((s) => s.code)).toEqual(['FGD 1']);
  });

  it('will not restore a session into a study that is itself in the trash', async () => {
    const { repo } = await world();
    await repo.saveSession(makeSession(A, 's1', 'FGD 1'));
    const { trashId } = await repo.deleteSession(A, 's1');
    await repo.deleteStudy(A);
    await expect(repo.restoreFromTrash(trashId)).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/restore the study first/) });
  });

  it('refuses to restore a session over one saved under the same id since', async () => {
    const { repo } = await world();
    await repo.saveSession(makeSession(A, 's1', 'FGD 1', 1));
    const { trashId } = await repo.deleteSession(A, 's1');
    await repo.saveSession(makeSession(A, 's1', 'FGD 1', 7));
    await expect(repo.restoreFromTrash(trashId)).rejects.toMatchObject({ code: 'conflict' });
    expect((await repo.openStudy(A)).sessions[0]?.notes).toBe('seq:7');
  });
});

describe('orphaned temporary files', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('are swept on open when their writer is gone or they are old, but not while another instance is writing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pimap-sweep-'));
    dirs.push(dataDir);
    const repo = lastWriterWins(dataDir);
    await repo.createStudy(makeStudy(A));
    await repo.saveSession(makeSession(A, 's1', 'FGD 1'));
    const sessions = join(dataDir, A, 'sessions');

    // A process that is certainly gone: one we started and waited for.
    const dead = await new Promise<number>((resolve) => {
      const p = spawn(process.execPath, ['-e', '0']);
      p.on('exit', () => resolve(p.pid ?? 0));
    });
    const alive = process.ppid; // our parent is running
    writeFileSync(join(sessions, `s1.json.${dead}-aaaaaaaaaaaa.tmp`), '{"half');
    writeFileSync(join(sessions, `s1.json.${process.pid}-bbbbbbbbbbbb.tmp`), '{"ours, abandoned');
    writeFileSync(join(sessions, `s1.json.${alive}-cccccccccccc.tmp`), '{"another instance is writing');
    writeFileSync(join(sessions, `s1.json.${alive}-dddddddddddd.tmp`), '{"another instance, two hours ago');
    const twoHoursAgo = (Date.now() - 2 * 3600_000) / 1000;
    utimesSync(join(sessions, `s1.json.${alive}-dddddddddddd.tmp`), twoHoursAgo, twoHoursAgo);
    writeFileSync(join(sessions, 'notes.tmp'), 'not ours: never touched');

    const opened = await repo.openStudy(A);
    expect(opened.problems).toEqual([]);
    expect(readdirSync(sessions).sort()).toEqual(['notes.tmp', 's1.json', `s1.json.${alive}-cccccccccccc.tmp`]);
    expect(JSON.parse(readFileSync(join(sessions, 's1.json'), 'utf8'))).toMatchObject({ code: 'FGD 1' });
    expect(existsSync(join(sessions, 'notes.tmp'))).toBe(true);
  });

  it('a failed write removes its own temporary file', async () => {
    const disk = new SimulatedDisk();
    const repo = lastWriterWins(DATA, { fs: disk, warn: () => undefined });
    await repo.createStudy(makeStudy(A));
    disk.failWith('ENOSPC');
    await expect(repo.saveSession(makeSession(A, 's1', 'FGD 1'))).rejects.toMatchObject({ code: 'disk_full' });
    expect(disk.list(`${DATA}/${A}/sessions`)).toEqual([]);
  });
});

describe('a burst of autosaves', () => {
  it('is never merged on the host: of saves based on one revision one is written, the others are refused', async () => {
    const disk = new SimulatedDisk();
    const renames: string[] = [];
    const counting: StorageFs = {
      readFile: (p) => disk.readFile(p),
      createExclusive: (p) => disk.createExclusive(p),
      rename: async (from, to) => {
        renames.push(to);
        return disk.rename(from, to);
      },
      syncDir: (d) => disk.syncDir(d),
      mkdir: (d) => disk.mkdir(d),
      readdir: (d) => disk.readdir(d),
      stat: (p) => disk.stat(p),
      lstat: (p) => disk.lstat(p),
      unlink: (p) => disk.unlink(p),
    };
    const repo = lastWriterWins(DATA, { fs: counting, warn: () => undefined });
    await repo.createStudy(makeStudy(A));
    renames.length = 0;
    // Merging would tell ten writers "Saved" for one state on disk. The app's save queue
    // coalesces an autosave burst before it reaches the host, and chains its revisions.
    const burst = Array.from({ length: 10 }, (_, i) => repo.saveSession(makeSession(A, 's1', 'FGD 1', i + 1), 0));
    const outcomes = await Promise.allSettled(burst);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'saved' : (o.reason as { code: string }).code))).toEqual(['saved', ...Array(9).fill('conflict')]);
    expect(renames.filter((p) => p.endsWith('/sessions/s1.json'))).toHaveLength(1);
    expect((await repo.openStudy(A)).sessions[0]?.notes).toBe('seq:1');
  });

  it('an unchanged map is not written again', async () => {
    const { disk, repo } = await world();
    await repo.saveSession(makeSession(A, 's1', 'FGD 1', 1));
    const steps = disk.steps;
    await repo.saveSession(makeSession(A, 's1', 'FGD 1', 1));
    expect(disk.steps).toBe(steps);
  });
});
