import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import type { Session } from '../../../shared/model/session';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { makeSession, makeStudy, seqOf } from '../../helpers/storageFixtures';
import { SimulatedDisk } from '../../helpers/storageShim';

/**
 * Two facilitators share one study folder through a folder-sync tool. Each works offline
 * on a copy; then the copies are synced the way Syncthing syncs: a file new on one side is
 * copied to the other; a file changed on both sides ends up, on both, as one side's
 * version under its own name plus a `<stem>.sync-conflict-<date>-<time>-<device>.json`
 * copy of the other side's. Opening the study must lose nothing.
 */
const S = 'study-a';
const DEVICE_A = 'AAAAAA2';
const DEVICE_B = 'BBBBBB3';
let root = '';
let dataA = '';
let dataB = '';

const repoOf = (dataDir: string, name: string, warnings: string[] = []) =>
  new StudyRepository(dataDir, { writer: { id: `dev-${name}`, name }, warn: (m) => warnings.push(m) });

const custom = (id: string, name: string): Stakeholder => ({ id, name, short: name.slice(0, 24), description: '', category: 'community', labels: {}, retired: false, custom: true });

/** A session placing `stakeholderId` (and the usual library stakeholders). */
function placing(id: string, code: string, stakeholderId: string): Session {
  const s = makeSession(S, id, code);
  s.placements[stakeholderId] = { status: 'placed', position: { power: 9, interest: 2 }, contested: false, alt: null, note: '' };
  return s;
}

/** The files a sync tool shares: study.json and sessions/ (the app's own hidden folders are per device). */
function sharedFiles(dataDir: string): string[] {
  const dir = join(dataDir, S);
  const sessions = existsSync(join(dir, 'sessions')) ? readdirSync(join(dir, 'sessions')).map((n) => `sessions/${n}`) : [];
  return [...readdirSync(dir).filter((n) => !n.startsWith('.') && n !== 'sessions'), ...sessions];
}

/**
 * Sync two copies of the study as Syncthing does. For a file changed on both sides, the
 * `winner` side's version is kept under the real name on both, and the other side's is
 * kept beside it as a conflict copy naming the device that made it.
 */
function syncthing(winner: 'A' | 'B' = 'A'): void {
  const [win, lose, loser] = winner === 'A' ? [dataA, dataB, DEVICE_B] : [dataB, dataA, DEVICE_A];
  const names = new Set([...sharedFiles(dataA), ...sharedFiles(dataB)]);
  for (const name of names) {
    const inA = join(dataA, S, name);
    const inB = join(dataB, S, name);
    if (!existsSync(inA)) cpSync(inB, inA);
    else if (!existsSync(inB)) cpSync(inA, inB);
    else if (!readFileSync(inA).equals(readFileSync(inB))) {
      const dot = name.lastIndexOf('.');
      const copyName = `${name.slice(0, dot)}.sync-conflict-20261202-101530-${loser}${name.slice(dot)}`;
      const losing = readFileSync(join(lose, S, name));
      for (const data of [dataA, dataB]) writeFileSync(join(data, S, copyName), losing);
      writeFileSync(join(lose, S, name), readFileSync(join(win, S, name)));
    }
  }
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'pimap-sync-'));
  dataA = join(root, 'device-a');
  dataB = join(root, 'device-b');
  mkdirSync(dataA);
  mkdirSync(dataB);
  const repo = repoOf(dataA, 'Asha');
  await repo.createStudy(makeStudy(S, 'Murshidabad baseline'));
  await repo.saveSession(makeSession(S, 's1', 'FGD 1'), 0);
  await repo.saveSession(makeSession(S, 's2', 'FGD 2'), 0);
  // Facilitator B starts from a copy of the shared folder.
  cpSync(join(dataA, S), join(dataB, S), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** On one device: add a custom stakeholder to the study (saved `saves` times) and a session placing it. */
async function addStakeholderAndSession(dataDir: string, who: string, stakeholder: Stakeholder, session: Session, saves = 1): Promise<Study> {
  const repo = repoOf(dataDir, who);
  let study = (await repo.openStudy(S)).study;
  study = { ...study, stakeholders: [...study.stakeholders, stakeholder], updatedAt: new Date(Date.parse(study.updatedAt) + 60_000).toISOString() };
  let { revision } = await repo.saveStudy(study);
  for (let i = 1; i < saves; i++) {
    study = { ...study, revision, description: `${study.description} (edit ${i})` };
    ({ revision } = await repo.saveStudy(study));
  }
  await repo.saveSession(session, 0);
  return { ...study, revision };
}

const stakeholderIds = (study: Study) => study.stakeholders.map((s) => s.id);

describe('a study synced between two devices the way Syncthing syncs', () => {
  it('opens with every session and both devices’ stakeholders; the study.json conflict copy is merged and archived', async () => {
    const boatmen = custom('sh-boatmen', 'Boatmen association');
    const brokers = custom('sh-brokers', 'Labour brokers');
    const atA = await addStakeholderAndSession(dataA, 'Asha', boatmen, placing('sa1', 'FGD A1', boatmen.id));
    // B saved its settings three times: its revision is ahead of A's.
    const atB = await addStakeholderAndSession(dataB, 'Bina', brokers, placing('sb1', 'FGD B1', brokers.id), 3);
    expect(atB.revision).toBeGreaterThan(atA.revision);

    syncthing('A');
    const copyName = `study.sync-conflict-20261202-101530-${DEVICE_B}.json`;
    for (const data of [dataA, dataB]) {
      expect(readdirSync(join(data, S)).sort()).toEqual(expect.arrayContaining([copyName, 'study.json', 'sessions']));
      expect(readdirSync(join(data, S, 'sessions')).sort()).toEqual(['s1.json', 's2.json', 'sa1.json', 'sb1.json']);
    }

    for (const [data, who] of [
      [dataA, 'Asha'],
      [dataB, 'Bina'],
    ] as const) {
      const warnings: string[] = [];
      const opened = await repoOf(data, who, warnings).openStudy(S);
      expect(opened.problems).toEqual([]);
      expect(warnings).toEqual([]);
      expect(opened.sessions.map((s) => s.id).sort()).toEqual(['s1', 's2', 'sa1', 'sb1']);
      expect(stakeholderIds(opened.study)).toEqual(expect.arrayContaining([boatmen.id, brokers.id]));
      // Every placement refers to a stakeholder of the study: nothing is orphaned.
      const known = new Set(stakeholderIds(opened.study));
      for (const s of opened.sessions) for (const id of Object.keys(s.placements)) expect(known.has(id), `${s.code} places ${id}`).toBe(true);
      // The merge is saved above both versions' revisions, by this device.
      expect(opened.study.revision).toBeGreaterThan(Math.max(atA.revision, atB.revision));
      expect(opened.study.writer).toEqual({ id: `dev-${who}`, name: who });
      const onDisk = JSON.parse(readFileSync(join(data, S, 'study.json'), 'utf8')) as Study;
      expect(stakeholderIds(onDisk)).toEqual(stakeholderIds(opened.study));
      expect(onDisk.revision).toBe(opened.study.revision);
      // The copy is gone from the study folder, and kept in .sync-archive with a note.
      expect(readdirSync(join(data, S)).filter((n) => n.includes('sync-conflict'))).toEqual([]);
      const archived = readdirSync(join(data, S, '.sync-archive'));
      const copy = archived.find((n) => n.endsWith(copyName));
      expect(copy).toBeDefined();
      expect(archived).toContain(`${copy}.why.txt`);
      expect(readFileSync(join(data, S, '.sync-archive', copy!), 'utf8')).toContain('"sh-brokers"');
      const why = readFileSync(join(data, S, '.sync-archive', `${copy}.why.txt`), 'utf8');
      expect(why).toContain(`It was: ${S}/${copyName}`);
      expect(why).toContain('merged into study.json');
      expect(why).toContain('Labour brokers');
      expect(existsSync(join(data, S, '.quarantine'))).toBe(false);
      // Opening again changes nothing more.
      const again = await repoOf(data, who).openStudy(S);
      expect(again.study.revision).toBe(opened.study.revision);
    }
  });

  it('refuses a save from a window that read the losing version, instead of dropping the merge', async () => {
    const brokers = custom('sh-brokers', 'Labour brokers');
    await addStakeholderAndSession(dataA, 'Asha', custom('sh-boatmen', 'Boatmen association'), placing('sa1', 'FGD A1', 'sh-boatmen'));
    // B saved twice: its revision is exactly one above A's (2 against 3).
    const atB = await addStakeholderAndSession(dataB, 'Bina', brokers, placing('sb1', 'FGD B1', brokers.id), 2);
    expect(atB.revision).toBe(3);
    syncthing('A');
    const repo = repoOf(dataB, 'Bina');
    await repo.openStudy(S);
    // A window on B still holds B's own version at B's revision, and saves a change.
    await expect(repo.saveStudy({ ...atB, title: 'Renamed on B' })).rejects.toMatchObject({ code: 'conflict' });
    expect(stakeholderIds((await repo.openStudy(S)).study)).toEqual(expect.arrayContaining(['sh-boatmen', 'sh-brokers']));
  });

  it('shows a session changed on both devices once, from its own file, and names the other version and its device', async () => {
    const repoA = repoOf(dataA, 'Asha');
    const repoB = repoOf(dataB, 'Bina');
    const s1 = (await repoA.openStudy(S)).sessions.find((s) => s.id === 's1')!;
    await repoA.saveSession({ ...makeSession(S, 's1', 'FGD 1', 1), revision: s1.revision });
    await repoB.saveSession({ ...makeSession(S, 's1', 'FGD 1', 2), revision: s1.revision });
    syncthing('A');
    const sessions = join(dataA, S, 'sessions');
    const copyName = `s1.sync-conflict-20261202-101530-${DEVICE_B}.json`;
    expect(readdirSync(sessions).sort()).toEqual(['s1.json', copyName, 's2.json']);
    const before = { main: readFileSync(join(sessions, 's1.json')), copy: readFileSync(join(sessions, copyName)) };

    const opened = await repoOf(dataA, 'Asha').openStudy(S);
    expect(opened.sessions.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(seqOf(opened.sessions[0]!)).toBe(1);
    expect(opened.problems).toEqual([
      {
        file: `${S}/sessions/${copyName}`,
        sessionId: 's1',
        sessionCode: 'FGD 1',
        // The copy's own writer names its device: Syncthing's name carries the device
        // whose version won (the main file's), which would credit the copy wrongly.
        problem: expect.stringContaining('saved by Bina'),
        quarantinedTo: null,
        recoverable: false,
        kind: 'sync_copy',
        source: 'sync',
        device: 'Bina',
      },
    ]);
    // Both versions are still there, byte for byte; nothing was quarantined.
    expect(readdirSync(sessions).sort()).toEqual(['s1.json', copyName, 's2.json']);
    expect(readFileSync(join(sessions, 's1.json')).equals(before.main)).toBe(true);
    expect(readFileSync(join(sessions, copyName)).equals(before.copy)).toBe(true);
    expect(existsSync(join(dataA, S, '.quarantine'))).toBe(false);
    // The copy is not counted as a session in the list of studies.
    expect((await repoOf(dataA, 'Asha').listStudies()).studies[0]!.sessionCount).toBe(2);
  });

  it('reports a copy of a session whose own file is not there, and opens nothing in its place', async () => {
    const sessions = join(dataA, S, 'sessions');
    const copyName = `s2.sync-conflict-20261202-101530-${DEVICE_B}.json`;
    writeFileSync(join(sessions, copyName), readFileSync(join(sessions, 's2.json')));
    rmSync(join(sessions, 's2.json'));
    const opened = await repoOf(dataA, 'Asha').openStudy(S);
    expect(opened.sessions.map((s) => s.id)).toEqual(['s1']);
    expect(opened.problems).toEqual([expect.objectContaining({ file: `${S}/sessions/${copyName}`, sessionCode: 'FGD 2', quarantinedTo: null })]);
    expect(opened.problems[0]!.problem).toContain('rename it to s2.json');
    expect(opened.problems[0]!.kind).toBeUndefined();
    expect(existsSync(join(sessions, copyName))).toBe(true);
  });

  it('ignores the temporary files a sync tool is writing, silently', async () => {
    const sessions = join(dataA, S, 'sessions');
    const half = readFileSync(join(sessions, 's2.json')).subarray(0, 100);
    writeFileSync(join(sessions, '.syncthing.s2.json.tmp'), half);
    writeFileSync(join(sessions, '~syncthing~s2.json.tmp'), half);
    writeFileSync(join(dataA, S, '.syncthing.study.json.tmp'), half);
    const repo = repoOf(dataA, 'Asha');
    const opened = await repo.openStudy(S);
    expect(opened.problems).toEqual([]);
    expect(opened.sessions.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(readdirSync(sessions).sort()).toEqual(['.syncthing.s2.json.tmp', 's1.json', 's2.json', '~syncthing~s2.json.tmp']);
    expect(existsSync(join(dataA, S, '.syncthing.study.json.tmp'))).toBe(true);
    expect(existsSync(join(dataA, S, '.quarantine'))).toBe(false);
    expect((await repo.listStudies()).studies[0]!.sessionCount).toBe(2);
  });

  it('quarantines and reports a study.json conflict copy that cannot be used, leaving study.json as it was', async () => {
    const dir = join(dataA, S);
    const broken = `study.sync-conflict-20261202-101530-${DEVICE_B}.json`;
    const otherStudy = 'study.sync-conflict-20261202-111111-CCCCCC4.json';
    writeFileSync(join(dir, broken), '{"format": "pimap/study", "version": 2, "title": "Murshidabad');
    writeFileSync(join(dir, otherStudy), JSON.stringify({ ...makeStudy('study-z', 'Another study'), revision: 3 }));
    const before = readFileSync(join(dir, 'study.json'));
    const opened = await repoOf(dataA, 'Asha').openStudy(S);
    expect(opened.study.revision).toBe(1);
    expect(readFileSync(join(dir, 'study.json')).equals(before)).toBe(true);
    expect(opened.problems.map((p) => p.file)).toEqual([`${S}/${broken}`, `${S}/${otherStudy}`]);
    for (const p of opened.problems) {
      expect(p.problem).toMatch(/^a sync tool's conflict copy of study.json that cannot be used: /);
      expect(p.quarantinedTo).toMatch(new RegExp(`^${S}/\\.quarantine/`));
      expect(p.kind).toBeUndefined();
    }
    expect(opened.problems[0]!.problem).toContain('not valid JSON');
    expect(opened.problems[1]!.problem).toContain('belongs to study "study-z"');
    expect(readdirSync(dir).filter((n) => n.includes('sync-conflict'))).toEqual([]);
    expect(readdirSync(join(dir, '.quarantine')).filter((n) => n.endsWith('.why.txt'))).toHaveLength(2);
    expect(existsSync(join(dir, '.sync-archive'))).toBe(false);
  });

  it('leaves a copy in place, and names it, while study.json itself is damaged or missing', async () => {
    const dir = join(dataA, S);
    const copyName = `study.sync-conflict-20261202-101530-${DEVICE_B}.json`;
    const good = readFileSync(join(dir, 'study.json'));
    writeFileSync(join(dir, copyName), good);
    writeFileSync(join(dir, 'study.json'), good.subarray(0, 50));
    await expect(repoOf(dataA, 'Asha').openStudy(S)).rejects.toMatchObject({ code: 'invalid_file', message: expect.stringContaining(copyName) });
    expect(readFileSync(join(dir, copyName)).equals(good)).toBe(true);
    expect(readFileSync(join(dir, 'study.json')).equals(good.subarray(0, 50))).toBe(true);
    rmSync(join(dir, 'study.json'));
    await expect(repoOf(dataA, 'Asha').openStudy(S)).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining(copyName) });
    expect(readFileSync(join(dir, copyName)).equals(good)).toBe(true);
  });

  it('does not write a merge that would not load (over 500 stakeholders), and says so', async () => {
    const dir = join(dataA, S);
    const study = JSON.parse(readFileSync(join(dir, 'study.json'), 'utf8')) as Study;
    // Each device added 250 stakeholders: each version is valid, the two together are not.
    const added = (device: string) => Array.from({ length: 250 }, (_, i) => custom(`sh-${device}-${i}`, `Extra ${device} ${i}`));
    const copyName = `study.sync-conflict-20261202-101530-${DEVICE_B}.json`;
    writeFileSync(join(dir, 'study.json'), JSON.stringify({ ...study, stakeholders: [...study.stakeholders, ...added('a')] }));
    writeFileSync(join(dir, copyName), JSON.stringify({ ...study, stakeholders: [...study.stakeholders, ...added('b')] }));
    const before = readFileSync(join(dir, 'study.json'));
    const opened = await repoOf(dataA, 'Asha').openStudy(S);
    expect(opened.problems).toEqual([expect.objectContaining({ file: `${S}/${copyName}`, quarantinedTo: null, problem: expect.stringContaining('cannot be merged') })]);
    expect(readFileSync(join(dir, 'study.json')).equals(before)).toBe(true);
    expect(existsSync(join(dir, copyName))).toBe(true);
  });

  it('still opens on a read-only disk, says the merge could not be saved yet, and merges next time', async () => {
    const disk = new SimulatedDisk();
    const warnings: string[] = [];
    const repo = new StudyRepository('/data', { fs: disk, writer: { id: 'dev-Asha', name: 'Asha' }, warn: (m) => warnings.push(m) });
    await repo.createStudy(makeStudy(S, 'Murshidabad baseline'));
    await repo.saveSession(makeSession(S, 's1', 'FGD 1'), 0);
    const study = JSON.parse(new TextDecoder().decode(disk.peek(`/data/${S}/study.json`)!)) as Study;
    const copyName = `study.sync-conflict-20261202-101530-${DEVICE_B}.json`;
    disk.put(`/data/${S}/${copyName}`, JSON.stringify({ ...study, stakeholders: [...study.stakeholders, custom('sh-brokers', 'Labour brokers')] }));
    disk.failWith('EROFS');
    const opened = await repo.openStudy(S);
    expect(opened.sessions.map((s) => s.id)).toEqual(['s1']);
    expect(opened.problems).toEqual([expect.objectContaining({ file: `${S}/${copyName}`, quarantinedTo: null, problem: expect.stringContaining('could not be merged yet') })]);
    expect(warnings.join('\n')).toContain(copyName);
    expect(disk.peek(`/data/${S}/${copyName}`)).not.toBeNull();
    disk.heal();
    const again = await repo.openStudy(S);
    expect(again.problems).toEqual([]);
    expect(stakeholderIds(again.study)).toContain('sh-brokers');
    expect(disk.peek(`/data/${S}/${copyName}`)).toBeNull();
  });
});
