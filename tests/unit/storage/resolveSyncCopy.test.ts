import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import type { Session } from '../../../shared/model/session';
import { makeSession, makeStudy, seqOf } from '../../helpers/storageFixtures';

// A session changed on two laptops: the sync tool left `s1.json` and a second version beside
// it. The facilitator ends the conflict from the study page; whatever is chosen, nothing is
// deleted — the second version's file goes to .sync-archive/ with a note saying why.
const S = 'study-a';
const COPY = 's1.sync-conflict-20261202-101530-BBBBBB3.json';
let root = '';
let repo: StudyRepository;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'pimap-resolve-'));
  repo = new StudyRepository(root, { writer: { id: 'dev-a', name: 'Laptop A' }, warn: () => {} });
  await repo.createStudy(makeStudy(S));
  await repo.saveSession(makeSession(S, 's1', 'FGD 1', 1), 0);
  // The other laptop's version of s1, as its repository wrote it.
  const other: Session = { ...makeSession(S, 's1', 'FGD 1', 2), revision: 1, writer: { id: 'dev-b', name: 'Laptop B' } };
  writeFileSync(join(root, S, 'sessions', COPY), JSON.stringify(other, null, 2));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sessionsOnDisk = () => readdirSync(join(root, S, 'sessions')).sort();
const archived = () => (existsSync(join(root, S, '.sync-archive')) ? readdirSync(join(root, S, '.sync-archive')) : []);

describe('resolving a sync conflict of a session', () => {
  it('shows as a sync_copy problem until resolved', async () => {
    const opened = await repo.openStudy(S);
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'sync_copy', sessionId: 's1', device: 'Laptop B' })]);
  });

  it('keep_current: the map stays; the other version is archived, not deleted', async () => {
    await expect(repo.resolveSyncCopy(S, COPY, 'keep_current')).resolves.toEqual({ sessionId: 's1' });
    const opened = await repo.openStudy(S);
    expect(opened.problems).toEqual([]);
    expect(seqOf(opened.sessions.find((s) => s.id === 's1')!)).toBe(1);
    expect(sessionsOnDisk()).toEqual(['s1.json']);
    expect(archived().some((n) => n.endsWith(COPY))).toBe(true);
    const why = archived().find((n) => n.endsWith('.why.txt'))!;
    expect(readFileSync(join(root, S, '.sync-archive', why), 'utf8')).toContain('kept the other version');
  });

  it('use_copy: the other version becomes the map at the next revision; the replaced one is in the history', async () => {
    await repo.resolveSyncCopy(S, COPY, 'use_copy');
    const opened = await repo.openStudy(S);
    const s1 = opened.sessions.find((s) => s.id === 's1')!;
    expect(seqOf(s1)).toBe(2);
    expect(s1.revision).toBe(2);
    expect(opened.problems).toEqual([]);
    const versions = await repo.listSessionVersions(S, 's1');
    expect(versions.length).toBeGreaterThanOrEqual(1);
    expect(archived().some((n) => n.endsWith(COPY))).toBe(true);
  });

  it('keep_both: the other version becomes a session of its own; both maps open', async () => {
    await expect(repo.resolveSyncCopy(S, COPY, 'keep_both', { id: 's1-other', code: 'FGD 1 (other version)' })).resolves.toEqual({ sessionId: 's1-other' });
    const opened = await repo.openStudy(S);
    expect(opened.problems).toEqual([]);
    expect(opened.sessions.map((s) => [s.id, s.code, seqOf(s)])).toEqual(
      expect.arrayContaining([
        ['s1', 'FGD 1', 1],
        ['s1-other', 'FGD 1 (other version)', 2],
      ]),
    );
    expect(sessionsOnDisk()).toEqual(['s1-other.json', 's1.json']);
  });

  it('refuses names that are not a session conflict copy, and a copy that is gone', async () => {
    for (const bad of ['s1.json', '../study.json', 'study.sync-conflict-20261202-101530-BBBBBB3.json/../x', '.s1.sync-conflict-20261202-101530-BBBBBB3.json'])
      await expect(repo.resolveSyncCopy(S, bad, 'keep_current')).rejects.toMatchObject({ code: expect.stringMatching(/invalid_payload|not_found/) });
    await expect(repo.resolveSyncCopy(S, 's1.sync-conflict-20261202-101531-CCCCCC4.json', 'keep_current')).rejects.toMatchObject({ code: 'not_found' });
    await expect(repo.resolveSyncCopy(S, COPY, 'keep_both')).rejects.toMatchObject({ code: 'invalid_payload' });
    // Nothing moved.
    expect(sessionsOnDisk()).toEqual([COPY, 's1.json'].sort());
  });
});
