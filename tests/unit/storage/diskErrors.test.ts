import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostServicesFor } from '../../../electron/services/hostServices';
import { content, lastWriterWins } from '../../helpers/lastWriterWins';
import { nodeStorageFs, type StorageFs } from '../../../electron/services/storage/storageFs';
import { dispatchHostCall } from '../../../shared/contract/dispatch';
import { HostError } from '../../../shared/contract/hostContract';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { SimulatedDisk } from '../../helpers/storageShim';
import { createKeyring } from '../../../electron/services/crypto/keyring';

/**
 * A full disk and a read-only folder: the save fails with a HostError the UI shows as
 * "Not saved: <reason>", the map in memory and the file on disk are untouched, and the
 * very same save succeeds once the disk is healed.
 */
const DATA = '/data';
const STUDY = 'study-d';

async function world(opts: { encrypted?: boolean } = {}) {
  const disk = new SimulatedDisk();
  const repo = lastWriterWins(DATA, { fs: disk, warn: () => undefined });
  await repo.createStudy(makeStudy(STUDY));
  // Issue 16: the same faults on an encrypted study (every file sealed by the encryption layer).
  if (opts.encrypted) {
    const { keyFile, dataKey } = await createKeyring(STUDY, 'a passphrase for the test');
    await repo.encryptStudy(STUDY, keyFile, dataKey);
  }
  const v1 = makeSession(STUDY, 's1', 'FGD 1', 1);
  await repo.saveSession(v1);
  if (opts.encrypted) expect(Buffer.from(disk.snapshot().get(`${DATA}/${STUDY}/sessions/s1.json`)!.subarray(0, 8)).toString()).toBe('PIMAPENC');
  return { disk, repo, v1 };
}

async function rejection(p: Promise<unknown>): Promise<HostError> {
  const err: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HostError);
  return err as HostError;
}

const FAULTS = [
  { fault: 'ENOSPC', code: 'disk_full', reason: /disk is full/ },
  { fault: 'EROFS', code: 'read_only', reason: /read-only/ },
  { fault: 'EACCES', code: 'read_only', reason: /no permission/ },
] as const;

describe('a full disk or a read-only folder', () => {
  for (const { fault, code, reason, encrypted } of FAULTS.flatMap((f) => [{ ...f, encrypted: false }, { ...f, encrypted: true }])) {
    it(`${fault}${encrypted ? ' on an encrypted study' : ''}: saving a session says "Not saved" with the reason, changes nothing, and succeeds on retry`, async () => {
      const { disk, repo, v1 } = await world({ encrypted });
      const v2 = makeSession(STUDY, 's1', 'FGD 1', 2);
      const inMemory = structuredClone(v2);
      const before = disk.snapshot();

      disk.failWith(fault);
      const err = await rejection(repo.saveSession(v2));
      expect(err.code).toBe(code);
      expect(err.message).toMatch(/^Not saved: /);
      expect(err.message).toMatch(reason);
      expect(err.message).toContain('FGD 1');
      expect(err.message).toMatch(/changes are kept/);

      // The map the editor holds is untouched, and so is every durable file.
      expect(v2).toEqual(inMemory);
      disk.powerCut();
      expect(disk.snapshot()).toEqual(before);
      expect((await repo.openStudy(STUDY)).sessions.map(content)).toEqual([content(v1)]);

      // Still failing while not healed; then the very same call goes through.
      await rejection(repo.saveSession(v2));
      disk.heal();
      await expect(repo.saveSession(v2)).resolves.toMatchObject({ savedAt: expect.any(String) });
      expect((await repo.openStudy(STUDY)).sessions.map(content)).toEqual([content(v2)]);
    });
  }

  it('every save merged into a failing write is told it failed, and a later retry saves the newest state', async () => {
    const { disk, repo } = await world();
    disk.failWith('ENOSPC');
    const saves = [2, 3, 4].map((seq) => repo.saveSession(makeSession(STUDY, 's1', 'FGD 1', seq)));
    const outcomes = await Promise.allSettled(saves);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    disk.heal();
    await repo.saveSession(makeSession(STUDY, 's1', 'FGD 1', 4));
    expect((await repo.openStudy(STUDY)).sessions[0]?.notes).toBe('seq:4');
  });

  it('creating a study, saving settings and moving to the trash report read-only too, and leave everything in place', async () => {
    const { disk, repo } = await world();
    disk.failWith('EROFS');
    expect((await rejection(repo.createStudy(makeStudy('study-new', 'Endline')))).code).toBe('read_only');
    expect((await rejection(repo.saveStudy({ ...makeStudy(STUDY), title: 'Renamed' }))).code).toBe('read_only');
    expect((await rejection(repo.deleteSession(STUDY, 's1'))).code).toBe('read_only');
    expect((await rejection(repo.deleteStudy(STUDY))).code).toBe('read_only');
    disk.heal();
    const opened = await repo.openStudy(STUDY);
    expect(opened.study.title).toBe('Murshidabad baseline');
    expect(opened.sessions.map((s) => s.id)).toEqual(['s1']);
    expect((await repo.listStudies()).studies.map((s) => s.id)).toEqual([STUDY]);
  });

  it('reaches the UI through the host contract as { ok: false, error: { code, message } }', async () => {
    const { disk, repo } = await world();
    const services = hostServicesFor({
      repository: repo,
      prefs: { get: () => ({ language: 'en', largeText: false, lastStudyId: null, recentStudyIds: [] }), set: (p) => ({ language: 'en', largeText: false, lastStudyId: null, recentStudyIds: [], ...p }) },
      host: 'test',
      version: '0.0.0',
      libraryPath: '/nowhere',
    });
    disk.failWith('ENOSPC');
    const result = await dispatchHostCall(services, 'saveSession', { session: makeSession(STUDY, 's1', 'FGD 1', 5), baseRevision: 1 });
    expect(result).toEqual({ ok: false, error: { code: 'disk_full', message: expect.stringMatching(/^Not saved: the disk is full/) } });
    disk.heal();
    expect(await dispatchHostCall(services, 'saveSession', { session: makeSession(STUDY, 's1', 'FGD 1', 5), baseRevision: 1 })).toMatchObject({ ok: true });
  });
});

describe('a real read-only folder', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) {
      chmodSync(join(d, STUDY, 'sessions'), 0o755);
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('fails with read_only and succeeds once writable again (as root, where chmod does not block writes, the same is shown through a refusing fs)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pimap-readonly-'));
    dirs.push(dataDir);
    const sessionsDir = join(dataDir, STUDY, 'sessions');

    // Does chmod actually stop this user from writing? Not for root.
    const chmodBlocks = (() => {
      const probe = mkdtempSync(join(tmpdir(), 'pimap-probe-'));
      chmodSync(probe, 0o555);
      try {
        writeFileSync(join(probe, 'x'), 'x');
        return false;
      } catch {
        return true;
      } finally {
        chmodSync(probe, 0o755);
        rmSync(probe, { recursive: true, force: true });
      }
    })();
    let readOnly = false;
    const refusing: StorageFs = {
      ...nodeStorageFs,
      createExclusive: (p) => (readOnly ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' })) : nodeStorageFs.createExclusive(p)),
    };
    const repo = lastWriterWins(dataDir, { fs: chmodBlocks ? nodeStorageFs : refusing, warn: () => undefined });
    await repo.createStudy(makeStudy(STUDY));
    await repo.saveSession(makeSession(STUDY, 's1', 'FGD 1', 1));
    const before = readFileSync(join(sessionsDir, 's1.json'));

    chmodSync(sessionsDir, 0o555);
    readOnly = true;
    const err = await rejection(repo.saveSession(makeSession(STUDY, 's1', 'FGD 1', 2)));
    expect(err.code).toBe('read_only');
    expect(err.message).toMatch(/^Not saved: no permission to write session “FGD 1”/);
    expect(readFileSync(join(sessionsDir, 's1.json'))).toEqual(before);

    chmodSync(sessionsDir, 0o755);
    readOnly = false;
    await repo.saveSession(makeSession(STUDY, 's1', 'FGD 1', 2));
    expect((await repo.openStudy(STUDY)).sessions[0]?.notes).toBe('seq:2');
  });
});
