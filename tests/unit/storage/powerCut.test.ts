import { describe, expect, it } from 'vitest';
import { type StudyRepository } from '../../../electron/services/storage/studyRepository';
import { content, lastWriterWins } from '../../helpers/lastWriterWins';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { SimulatedDisk } from '../../helpers/storageShim';

/**
 * A power cut at every possible step of every kind of write. After the power comes
 * back, each session file must be exactly the previous or the new version — never a
 * mix, never empty, never missing — and a write that was acknowledged must survive.
 */
const DATA = '/data';
const STUDY = 'study-a';

function clock(): () => Date {
  let t = Date.parse('2026-03-02T10:00:00.000Z');
  return () => new Date((t += 1000));
}

interface World {
  disk: SimulatedDisk;
  repo: StudyRepository;
  study: Study;
  /** Sessions as saved (durably) before the operation under test. */
  before: Session[];
}

async function seeded(): Promise<World> {
  const disk = new SimulatedDisk();
  const repo = lastWriterWins(DATA, { fs: disk, now: clock(), warn: () => undefined });
  const study = makeStudy(STUDY);
  await repo.createStudy(study);
  const before = [makeSession(STUDY, 's1', 'FGD 1', 1), makeSession(STUDY, 's2', 'FGD 2', 1), makeSession(STUDY, 's3', 'DB-07', 1)];
  for (const s of before) await repo.saveSession(s);
  // A second save of s1, so there is an earlier version to restore.
  await repo.saveSession(makeSession(STUDY, 's1', 'FGD 1', 2));
  before[0] = makeSession(STUDY, 's1', 'FGD 1', 2);
  return { disk, repo, study, before };
}

interface Scenario {
  name: string;
  /** Prepare anything the operation needs (runs before the crash is armed). */
  setup?: (w: World) => Promise<unknown> | unknown;
  run: (w: World, setup: unknown) => Promise<unknown>;
  /** For each session id, the states allowed after a crash: [old, new]. */
  allowed: (w: World) => Record<string, (Session | null)[]>;
  /** The state that must be there once `run` resolved. */
  afterAck: (w: World) => Record<string, Session | null>;
}

const s1v3 = makeSession(STUDY, 's1', 'FGD 1', 3);
const s1v4 = makeSession(STUDY, 's1', 'FGD 1', 4);
const s4 = makeSession(STUDY, 's4', 'FGD 4', 1);

const unchanged = (w: World, id: string) => w.before.find((s) => s.id === id) ?? null;

const scenarios: Scenario[] = [
  {
    name: 'saving a session',
    run: (w) => w.repo.saveSession(s1v3),
    allowed: (w) => ({ s1: [unchanged(w, 's1'), s1v3] }),
    afterAck: () => ({ s1: s1v3 }),
  },
  {
    name: 'two saves of one session in quick succession',
    // The second save is based on the revision the first one writes, as the app's save
    // queue chains its own saves; both are queued before the first has started.
    run: async (w) => {
      const base = (await w.repo.revisionOnDisk({ kind: 'session', studyId: STUDY, sessionId: 's1' })) ?? 0;
      return Promise.all([w.repo.saveSession(s1v3, base), w.repo.saveSession(s1v4, base + 1)]);
    },
    allowed: (w) => ({ s1: [unchanged(w, 's1'), s1v3, s1v4] }),
    afterAck: () => ({ s1: s1v4 }),
  },
  {
    name: 'saving a new session',
    run: (w) => w.repo.saveSession(s4),
    allowed: () => ({ s4: [null, s4] }),
    afterAck: () => ({ s4 }),
  },
  {
    name: 'moving a session to the trash',
    run: (w) => w.repo.deleteSession(STUDY, 's2'),
    allowed: (w) => ({ s2: [unchanged(w, 's2'), null] }),
    afterAck: () => ({ s2: null }),
  },
  {
    name: 'restoring an earlier version',
    setup: async (w) => (await w.repo.listSessionVersions(STUDY, 's1'))[0]?.versionId,
    run: (w, versionId) => w.repo.restoreSessionVersion(STUDY, 's1', versionId as string),
    // The restored map is version 1's placements with a new updatedAt: compare by seq below.
    allowed: (w) => ({ s1: [unchanged(w, 's1'), makeSession(STUDY, 's1', 'FGD 1', 1)] }),
    afterAck: () => ({ s1: makeSession(STUDY, 's1', 'FGD 1', 1) }),
  },
];

/** After an acknowledged write only the new state is allowed. */
const ackedOnly = (sc: Scenario): Scenario => ({
  ...sc,
  allowed: (w) => Object.fromEntries(Object.entries(sc.afterAck(w)).map(([k, v]) => [k, [v]])),
});

/** Compare ignoring updatedAt (a restore stamps a new one) and the revision and writer every save stamps. */
const comparable = (s: Session | null) => (s ? { ...content(s), updatedAt: '' } : null);

async function checkAfterPowerCut(w: World, sc: Scenario, label: string): Promise<void> {
  const reopened = lastWriterWins(DATA, { fs: w.disk, now: clock(), warn: () => undefined });
  const opened = await reopened.openStudy(STUDY);
  expect(opened.problems, `${label}: problems`).toEqual([]);
  expect(content(opened.study), `${label}: study`).toEqual(content(w.study));
  const allowed = sc.allowed(w);
  for (const before of w.before) {
    if (before.id in allowed) continue;
    expect(comparable(opened.sessions.find((s) => s.id === before.id) ?? null), `${label}: untouched ${before.id}`).toEqual(comparable(before));
  }
  for (const [id, states] of Object.entries(allowed)) {
    const got = comparable(opened.sessions.find((s) => s.id === id) ?? null);
    expect(states.map(comparable), `${label}: ${id} is one of the allowed states`).toContainEqual(got);
  }
}

describe('a power cut at every step of a write', () => {
  for (const sc of scenarios) {
    it(`${sc.name}: every file is the old or the new version, and an acknowledged write survives`, async () => {
      const probe = await seeded();
      const setupValue = await sc.setup?.(probe);
      const start = probe.disk.steps;
      await sc.run(probe, setupValue);
      const total = probe.disk.steps - start;
      expect(total).toBeGreaterThan(3);

      // Acknowledged: once run() resolved, a power cut must not undo it.
      probe.disk.powerCut();
      await checkAfterPowerCut(probe, ackedOnly(sc), 'after ack');

      for (let k = 1; k <= total; k++) {
        for (const mode of ['forget', 'random'] as const) {
          const w = await seeded();
          const value = await sc.setup?.(w);
          w.disk.crashAtStep(w.disk.steps + k);
          // Once the file itself is durable the save is acknowledged even if its history
          // copy is cut off; an acknowledged save must then be there after the power cut.
          const acked = await sc.run(w, value).then(
            () => true,
            () => false,
          );
          expect(w.disk.hasCrashed).toBe(true);
          const seed = k * 7919;
          w.disk.powerCut(mode === 'random' ? { random: mulberry32(seed) } : {});
          const label = `crash at step ${k}/${total} (${w.disk.log[w.disk.log.length - 1]}), ${mode}, ${acked ? 'acknowledged' : 'not acknowledged'}`;
          await checkAfterPowerCut(w, acked ? ackedOnly(sc) : sc, label);
        }
      }
    });
  }

  it('a file renamed into place without a folder fsync comes back as the old version', async () => {
    // Guards the shim itself: if it did not model folder fsync, the tests above prove nothing.
    const disk = new SimulatedDisk();
    disk.put('/d/a.json', 'old');
    const tmp = await disk.createExclusive('/d/a.json.tmp');
    await tmp.write(new TextEncoder().encode('new'));
    await tmp.sync();
    await tmp.close();
    await disk.rename('/d/a.json.tmp', '/d/a.json');
    disk.powerCut();
    expect(new TextDecoder().decode(disk.peek('/d/a.json') ?? new Uint8Array())).toBe('old');
  });

  it('a file whose name reached the disk before its data comes back empty', async () => {
    const disk = new SimulatedDisk();
    disk.put('/d/keep', 'x');
    const f = await disk.createExclusive('/d/a.json');
    await f.write(new TextEncoder().encode('unsynced'));
    await disk.syncDir('/d');
    disk.powerCut();
    expect(disk.peek('/d/a.json')?.length).toBe(0);
  });

  it('a power cut while quarantining a damaged file never loses the file', async () => {
    const bad = new TextEncoder().encode('{"format":"pimap/session","code":"FGD 9",');
    const probe = await seeded();
    probe.disk.put(`${DATA}/${STUDY}/sessions/s9.json`, bad);
    const start = probe.disk.steps;
    const first = await probe.repo.openStudy(STUDY);
    expect(first.problems.map((p) => p.sessionCode)).toEqual(['FGD 9']);
    const total = probe.disk.steps - start;
    for (let k = 1; k <= total; k++) {
      const w = await seeded();
      w.disk.put(`${DATA}/${STUDY}/sessions/s9.json`, bad);
      w.disk.crashAtStep(w.disk.steps + k);
      // The open may fail or report the file; either way the file must survive.
      await w.repo.openStudy(STUDY).catch(() => undefined);
      expect(w.disk.hasCrashed).toBe(true);
      w.disk.powerCut();
      const copies = [...w.disk.snapshot().entries()].filter(([path, bytes]) => !path.endsWith('.why.txt') && sameBytes(bytes, bad));
      expect(copies.length, `crash at step ${k}: the damaged file still exists somewhere`).toBeGreaterThanOrEqual(1);
      const again = await lastWriterWins(DATA, { fs: w.disk, now: clock(), warn: () => undefined }).openStudy(STUDY);
      expect(again.sessions.map((s) => s.id).sort()).toEqual(['s1', 's2', 's3']);
    }
  });
});

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A small seeded PRNG, so a failing crash mode can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
