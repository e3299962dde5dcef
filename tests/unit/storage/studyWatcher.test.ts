import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Layout } from '../../../electron/services/storage/layout';
import { StudyWatcher } from '../../../electron/services/storage/studyWatcher';

// The watch on a study's folder (chokidar, real files): study.json, session files and sync
// conflict copies count; the app's own folders and temporary files (ours, Syncthing's) do not.
// Waits poll the counter with a deadline; no fixed sleeps decide a result.

let root: string;
let watcher: StudyWatcher | null = null;
afterEach(async () => {
  await watcher?.close();
  watcher = null;
  rmSync(root, { recursive: true, force: true });
});

function setUp() {
  root = mkdtempSync(join(tmpdir(), 'pimap-watch-unit-'));
  mkdirSync(join(root, 'st', 'sessions'), { recursive: true });
  mkdirSync(join(root, 'st', '.history'), { recursive: true });
  writeFileSync(join(root, 'st', 'study.json'), '{}');
  watcher = new StudyWatcher(new Layout(root), { settleMs: 50 });
  return watcher;
}

async function grows(w: StudyWatcher, from: number): Promise<number> {
  await expect.poll(() => w.version('st'), { timeout: 10_000, interval: 50 }).toBeGreaterThan(from);
  return w.version('st');
}

describe('StudyWatcher', () => {
  it('counts changes to study.json, session files and conflict copies, from the first call on', async () => {
    const w = setUp();
    const v0 = await w.version('st');
    expect(v0).toBe(0);
    writeFileSync(join(root, 'st', 'sessions', 's1.json'), '{"a":1}');
    const v1 = await grows(w, v0);
    writeFileSync(join(root, 'st', 'study.json'), '{"b":2}');
    const v2 = await grows(w, v1);
    writeFileSync(join(root, 'st', 'sessions', 's1.sync-conflict-20261202-101530-ABCDEF7.json'), '{}');
    const v3 = await grows(w, v2);
    // A file renamed in place, as atomic saves and sync tools do.
    writeFileSync(join(root, 'st', 'sessions', '.syncthing.s2.json.tmp'), '{}');
    renameSync(join(root, 'st', 'sessions', '.syncthing.s2.json.tmp'), join(root, 'st', 'sessions', 's2.json'));
    await grows(w, v3);
  });

  it("does not count the app's own folders or temporary files", async () => {
    const w = setUp();
    await w.version('st');
    writeFileSync(join(root, 'st', '.history', 'v1.json'), '{}');
    writeFileSync(join(root, 'st', 'sessions', '.syncthing.s9.json.tmp'), '{}');
    writeFileSync(join(root, 'st', 'sessions', '~syncthing~s9.json.tmp'), '{}');
    // A change that does count, after the others: once it is seen, the others were not.
    writeFileSync(join(root, 'st', 'sessions', 's3.json'), '{}');
    await expect.poll(() => w.version('st'), { timeout: 10_000, interval: 50 }).toBe(1);
  });

  it('answers 0 for a study whose folder cannot be watched, and refuses unsafe ids', async () => {
    const w = setUp();
    await expect(w.version('missing-study')).resolves.toBe(0);
    await expect(w.version('../etc')).rejects.toThrow();
  });

  it('names its watch: the same while watched, a new one (counting from 0) after a minute nobody asked', async () => {
    root = mkdtempSync(join(tmpdir(), 'pimap-watch-unit-'));
    mkdirSync(join(root, 'st', 'sessions'), { recursive: true });
    writeFileSync(join(root, 'st', 'study.json'), '{}');
    let clock = 1_000_000;
    watcher = new StudyWatcher(new Layout(root), { settleMs: 50, now: () => clock });
    const w = watcher;
    const first = await w.mark('st');
    expect(first.watch).toMatch(/^[0-9a-f-]{36}$/);
    writeFileSync(join(root, 'st', 'sessions', 's1.json'), '{}');
    await grows(w, first.version);
    const later = await w.mark('st');
    expect(later.watch).toBe(first.watch);
    expect(later.version).toBeGreaterThan(first.version);
    // Unwatched for over a minute: changes meanwhile went unseen, so the count it restarts
    // with must not be mistaken for the old one.
    clock += 61_000;
    await w.mark('other-study');
    const again = await w.mark('st');
    expect(again.watch).not.toBe(first.watch);
    expect(again.version).toBe(0);
  });
});
