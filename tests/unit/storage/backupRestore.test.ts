import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupStudy, restoreBackup } from '../../../electron/services/storage/restore';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import { parseBundle } from '../../../shared/export/studyFile';
import type { Session } from '../../../shared/model/session';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { makeSession, makeStudy, seqOf } from '../../helpers/storageFixtures';

/**
 * Backup and restore on real data folders with the real repository: a backup restored
 * into an empty folder gives the same study, byte for byte; restored into a copy that went
 * its own way, it merges by the sync's rules — both sides' stakeholders, every session,
 * and a session changed on both sides kept twice, shown as a sync conflict.
 */
const S = 'study-a';
let root = '';
let dataA = '';
let dataB = '';

const repoOf = (dataDir: string, name: string) => new StudyRepository(dataDir, { writer: { id: `dev-${name}`, name }, warn: () => undefined });
const custom = (id: string, name: string): Stakeholder => ({ id, name, short: name.slice(0, 24), description: '', category: 'community', labels: {}, retired: false, custom: true });

/** Every file under `dir` (relative name → bytes as base64), without the lock folders and, if asked, without some prefixes. */
function snapshot(dir: string, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const rel = `${prefix}${n.name}`;
      if (n.name === '.locks' || skip.some((s) => rel.startsWith(s))) continue;
      if (n.isDirectory()) walk(join(d, n.name), `${rel}/`);
      else out[rel] = readFileSync(join(d, n.name), 'base64');
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

const file = (dataDir: string, rel: string) => readFileSync(join(dataDir, S, rel));

async function addStakeholder(repo: StudyRepository, s: Stakeholder): Promise<void> {
  const { study } = await repo.openStudy(S);
  await repo.saveStudy({ ...study, stakeholders: [...study.stakeholders, s], updatedAt: new Date().toISOString() });
}

/** Save a new version of session `id` with edit number `seq`, placing `extra` if given. */
async function edit(repo: StudyRepository, id: string, seq: number, extra?: string): Promise<void> {
  const current = (await repo.openStudy(S)).sessions.find((s) => s.id === id)!;
  const next: Session = { ...makeSession(S, id, current.code, seq), revision: current.revision };
  if (extra) next.placements[extra] = { status: 'placed', position: { power: 9, interest: 2 }, contested: false, alt: null, note: 'only here' };
  await repo.saveSession(next, current.revision);
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'pimap-backup-'));
  dataA = join(root, 'a');
  dataB = join(root, 'b');
  const a = repoOf(dataA, 'Asha');
  await a.createStudy(makeStudy(S, 'Murshidabad baseline'));
  await a.saveSession(makeSession(S, 's1', 'FGD 1', 0), 0);
  await edit(a, 's1', 1);
  await edit(a, 's1', 2);
  await a.saveSession(makeSession(S, 's2', 'FGD 2', 0), 0);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('backup and restore with the real repository', () => {
  it('restored into an empty data folder, a backup with history gives the same study, byte for byte', async () => {
    const backup = await backupStudy(repoOf(dataA, 'Asha'), S, { withHistory: true });
    expect(backup.bundle.version).toBe(2);
    expect(backup.historyVersions).toBe(4);
    const parsed = parseBundle(backup.text);
    expect(parsed.ok).toBe(true);

    const target = join(root, 'empty');
    const outcome = await restoreBackup(repoOf(target, 'Bikash'), parsed.ok ? parsed.bundle : backup.bundle);
    expect(outcome).toMatchObject({ ok: true, summary: { created: true, addedSessions: ['FGD 1', 'FGD 2'], conflicts: [], historyAdded: 4 } });

    // study.json, every session and every earlier version of a session: the same bytes.
    // (Only study.json's own history differs: the restore is a new save of it.)
    const skip = [`${S}/.history/.study/`];
    expect(snapshot(target, skip)).toEqual(snapshot(dataA, skip));
    expect(Object.keys(snapshot(target))).toContain(`${S}/.history/s1/${readdirSync(join(dataA, S, '.history', 's1'))[0]}`);
    const restored = await repoOf(target, 'Bikash').openStudy(S);
    const original = await repoOf(dataA, 'Asha').openStudy(S);
    expect(restored).toEqual(original);
    expect(restored.problems).toEqual([]);
    expect(await repoOf(target, 'Bikash').listSessionVersions(S, 's1')).toHaveLength((await repoOf(dataA, 'Asha').listSessionVersions(S, 's1')).length);
  });

  it('restored into a copy that diverged, merges the stakeholders and keeps a session changed on both sides twice, as a visible sync conflict', async () => {
    // B starts as a copy of A, then both go their own way offline.
    cpSync(dataA, dataB, { recursive: true });
    const a = repoOf(dataA, 'Asha');
    const b = repoOf(dataB, 'Bikash');
    await addStakeholder(a, custom('sh-brokers', 'Labour brokers'));
    await edit(a, 's1', 5, 'sh-brokers');
    await a.saveSession(makeSession(S, 's3', 'FGD 3', 3), 0);
    await addStakeholder(b, custom('sh-boatmen', 'Boatmen association'));
    await edit(b, 's1', 7, 'sh-boatmen');
    await b.saveSession(makeSession(S, 's4', 'FGD 4', 4), 0);

    // A saved its settings more often than B: the merge must land above A's revision too.
    for (const description of ['two districts', 'two districts, three blocks']) {
      const { study } = await a.openStudy(S);
      await a.saveStudy({ ...study, description, updatedAt: new Date().toISOString() });
    }
    const revisions = { a: (await a.openStudy(S)).study.revision, b: (await b.openStudy(S)).study.revision };
    expect(revisions.a).toBeGreaterThan(revisions.b);

    const backup = await backupStudy(a, S, { withHistory: true });
    const before = snapshot(dataB);
    const outcome = await restoreBackup(b, backup.bundle, { now: new Date('2026-12-03T09:20:05.000Z') });
    const copyName = 's1.sync-conflict-20261203-092005-RESTORE.json';
    expect(outcome).toEqual({
      ok: true,
      summary: expect.objectContaining({
        created: false,
        studyChanged: true,
        added: { stakeholders: ['Labour brokers'], cohorts: [], rounds: [] },
        addedSessions: ['FGD 3'],
        unchangedSessions: ['FGD 2'],
        localOnlySessions: ['FGD 4'],
        conflicts: [{ sessionId: 's1', code: 'FGD 1', fileName: copyName }],
      }),
    });

    // Nothing of B's was overwritten or removed: every file B had is still there with the same bytes, except study.json (merged).
    const after = snapshot(dataB);
    for (const [name, bytes] of Object.entries(before)) if (name !== `${S}/study.json`) expect(after[name], name).toBe(bytes);
    // A's versions arrived byte for byte: the new session, and A's s1 beside B's.
    expect(file(dataB, 'sessions/s3.json').equals(file(dataA, 'sessions/s3.json'))).toBe(true);
    expect(file(dataB, `sessions/${copyName}`).equals(file(dataA, 'sessions/s1.json'))).toBe(true);
    expect(seqOf(JSON.parse(file(dataB, 'sessions/s1.json').toString('utf8')) as Session)).toBe(7);
    // A's earlier versions of s1 that B did not have are in B's history too.
    for (const v of readdirSync(join(dataA, S, '.history', 's1'))) expect(existsSync(join(dataB, S, '.history', 's1', v)), v).toBe(true);

    const merged = JSON.parse(file(dataB, 'study.json').toString('utf8')) as Study;
    expect(merged.stakeholders.map((s) => s.id).slice(-2)).toEqual(['sh-boatmen', 'sh-brokers']);
    expect(merged.writer).toEqual({ id: 'dev-Bikash', name: 'Bikash' });
    expect(merged.revision).toBe(Math.max(revisions.a, revisions.b) + 1);

    // The app sees every session, both stakeholders, and the conflict to resolve.
    const opened = await b.openStudy(S);
    expect(opened.sessions.map((s) => s.code)).toEqual(['FGD 1', 'FGD 2', 'FGD 3', 'FGD 4']);
    expect(opened.problems).toEqual([
      expect.objectContaining({ file: `${S}/sessions/${copyName}`, sessionId: 's1', sessionCode: 'FGD 1', kind: 'sync_copy', device: 'Asha', source: 'restore' }),
    ]);
    // No placement is orphaned: every stakeholder placed in any file is in the study.
    const known = new Set(opened.study.stakeholders.map((s) => s.id));
    for (const name of readdirSync(join(dataB, S, 'sessions'))) {
      const s = JSON.parse(file(dataB, `sessions/${name}`).toString('utf8')) as Session;
      for (const id of Object.keys(s.placements)) expect(known.has(id), `${name}: ${id}`).toBe(true);
    }

    // The same backup restored again adds nothing.
    const settled = snapshot(dataB);
    const again = await restoreBackup(b, backup.bundle, { now: new Date('2026-12-03T09:30:00.000Z') });
    expect(again).toMatchObject({ ok: true, summary: { studyChanged: false, addedSessions: [], conflicts: [], alreadyKept: [{ sessionId: 's1', fileName: copyName }], historyAdded: 0 } });
    expect(snapshot(dataB)).toEqual(settled);
  });

  it('refuses a redacted export and writes nothing', async () => {
    const backup = await backupStudy(repoOf(dataA, 'Asha'), S, { withHistory: false });
    const target = join(root, 'empty');
    const outcome = await restoreBackup(repoOf(target, 'Bikash'), { ...backup.bundle, redacted: true });
    expect(outcome).toMatchObject({ ok: false, problem: expect.stringContaining('not a backup') });
    expect(snapshot(target)).toEqual({});
  });
});
