import { describe, expect, it } from 'vitest';
import { compareVersionIds, nextVersionId, retention } from '../../../electron/services/storage/history';
import { compactTime } from '../../../electron/services/storage/layout';
import { lastWriterWins } from '../../helpers/lastWriterWins';
import type { Session } from '../../../shared/model/session';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { SimulatedDisk } from '../../helpers/storageShim';

/**
 * "Restore an earlier version": the last 20 saves and the first save of each of the
 * last 30 days are kept; each version shows when it was saved and what it holds; a
 * restore is itself a save, so it can be undone.
 */
const DATA = '/data';
const STUDY = 'study-h';
const HISTORY = `${DATA}/${STUDY}/.history/s1`;

/** A clock the test moves by hand. Noon local time, so days never straddle midnight. */
function manualClock(start = new Date(2026, 2, 2, 12, 0, 0)) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(d: Date) {
      now = d.getTime();
    },
  };
}
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function world() {
  const disk = new SimulatedDisk();
  const clock = manualClock();
  const repo = lastWriterWins(DATA, { fs: disk, now: clock.now, warn: () => undefined });
  await repo.createStudy(makeStudy(STUDY));
  return { disk, clock, repo };
}

const edit = (seq: number): Session => makeSession(STUDY, 's1', 'FGD 1', seq);
const historyFiles = (disk: SimulatedDisk) => disk.list(HISTORY).filter((f) => f.endsWith('.json'));

describe('session history', () => {
  it('keeps the last 20 of 25 saves, the last save of each five minutes, and the first save of the day', async () => {
    const { disk, clock, repo } = await world();
    for (let seq = 1; seq <= 25; seq++) {
      await repo.saveSession(edit(seq));
      clock.advance(MINUTE);
    }
    expect(historyFiles(disk)).toHaveLength(22);
    const versions = await repo.listSessionVersions(STUDY, 's1');
    // The newest save is the current file, so it is not offered as an "earlier" version.
    expect(versions).toHaveLength(21);
    expect(versions.filter((v) => v.kind === 'recent')).toHaveLength(19);
    // 12:04 is the last save of the five minutes before the recent ones; 12:00 the first of the day.
    expect(versions.filter((v) => v.kind === 'interval').map((v) => v.savedAt)).toEqual([new Date(2026, 2, 2, 12, 4).toISOString()]);
    expect(versions.filter((v) => v.kind === 'daily')).toHaveLength(1);
    // Newest first, each with its time.
    const times = versions.map((v) => Date.parse(v.savedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(versions[0]?.savedAt).toBe(new Date(2026, 2, 2, 12, 23).toISOString());
    expect(versions[versions.length - 1]?.savedAt).toBe(new Date(2026, 2, 2, 12, 0).toISOString());
  });

  it('keeps one snapshot a day for 30 days', async () => {
    const { disk, clock, repo } = await world();
    // Three saves a day for 40 days.
    for (let day = 0; day < 40; day++) {
      clock.set(new Date(2026, 2, 2 + day, 9, 0));
      for (let i = 0; i < 3; i++) {
        await repo.saveSession(edit(day * 3 + i + 1));
        clock.advance(2 * 60 * MINUTE);
      }
    }
    const versions = await repo.listSessionVersions(STUDY, 's1');
    const daily = versions.filter((v) => v.kind === 'daily');
    const recent = versions.filter((v) => v.kind === 'recent');
    const pause = versions.filter((v) => v.kind === 'pause');
    expect(recent).toHaveLength(19); // 20 recent saves minus the current one
    // Every save here is followed by two hours without one: the end of a sitting. Those of
    // the last 14 days are kept (days 26–32 and the first save of day 33)…
    expect(pause).toHaveLength(22);
    // …and the 20 recent saves reach back into day 33, so days 10–25 of the last 30 keep
    // their first save as a daily snapshot.
    expect(daily).toHaveLength(16);
    for (const v of daily) expect(new Date(v.savedAt).getHours()).toBe(9);
    const oldestKept = Math.min(...versions.map((v) => Date.parse(v.savedAt)));
    expect(oldestKept).toBe(new Date(2026, 2, 2 + 40 - 30, 9, 0).getTime());
    // On disk also day 25's last save, which was 14 days old at the last save and is kept until the next.
    expect(historyFiles(disk)).toHaveLength(20 + 22 + 16 + 1);
  });

  it('says how many stakeholders each version placed, did not know, or did not discuss', async () => {
    const { clock, repo } = await world();
    const first = edit(1);
    first.placements = { bdo: { status: 'placed', position: { power: 8, interest: 2 }, contested: false, alt: null, note: '' } };
    await repo.saveSession(first);
    clock.advance(MINUTE);
    await repo.saveSession(edit(2));
    const [v] = await repo.listSessionVersions(STUDY, 's1');
    expect(v).toMatchObject({ placed: 1, unknown: 0, notDiscussed: 0 });
    const current = (await repo.openStudy(STUDY)).sessions[0];
    expect(current && Object.keys(current.placements)).toHaveLength(8);
  });

  it('restores an earlier version as a new save, which can itself be undone', async () => {
    const { clock, repo } = await world();
    for (let seq = 1; seq <= 3; seq++) {
      await repo.saveSession(edit(seq));
      clock.advance(MINUTE);
    }
    const versions = await repo.listSessionVersions(STUDY, 's1');
    const oldest = versions[versions.length - 1];
    expect(oldest).toBeDefined();
    const restored = await repo.restoreSessionVersion(STUDY, 's1', oldest?.versionId ?? '');
    expect(restored.session.notes).toBe('seq:1');
    expect(restored.session.updatedAt).toBe(clock.now().toISOString());
    expect((await repo.openStudy(STUDY)).sessions[0]).toEqual(restored.session);

    // The state before the restore (seq 3) is now an earlier version: undo the restore.
    clock.advance(MINUTE);
    const after = await repo.listSessionVersions(STUDY, 's1');
    const beforeRestore = after[0];
    expect(after).toHaveLength(3);
    const undone = await repo.restoreSessionVersion(STUDY, 's1', beforeRestore?.versionId ?? '');
    expect(undone.session.notes).toBe('seq:3');
  });

  it('refuses to restore over a locked map, and unknown or unsafe version ids', async () => {
    const { clock, repo } = await world();
    await repo.saveSession(edit(1));
    clock.advance(MINUTE);
    await repo.saveSession({ ...edit(2), locked: true });
    const [v] = await repo.listSessionVersions(STUDY, 's1');
    await expect(repo.restoreSessionVersion(STUDY, 's1', v?.versionId ?? '')).rejects.toMatchObject({ code: 'locked' });
    await expect(repo.restoreSessionVersion(STUDY, 's1', '../../study')).rejects.toMatchObject({ code: 'not_found' });
    await expect(repo.restoreSessionVersion(STUDY, 's1', '20990101T000000000Z')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('offers the last good version of a file that was damaged, naming the session', async () => {
    const { disk, clock, repo } = await world();
    await repo.saveSession(edit(1));
    clock.advance(MINUTE);
    await repo.saveSession(edit(2));
    disk.put(`${DATA}/${STUDY}/sessions/s1.json`, '\u0000\u0000 synced badly');
    const opened = await repo.openStudy(STUDY);
    expect(opened.sessions).toEqual([]);
    expect(opened.problems).toEqual([
      expect.objectContaining({ sessionId: 's1', sessionCode: 'FGD 1', recoverable: true, problem: expect.stringMatching(/binary/) }),
    ]);
    // The damaged file is gone from sessions/, so the newest good save is offered too.
    const versions = await repo.listSessionVersions(STUDY, 's1');
    expect(versions[0]).toMatchObject({ placed: 6, unknown: 1, notDiscussed: 1 });
    const back = await repo.restoreSessionVersion(STUDY, 's1', versions[0]?.versionId ?? '');
    expect(back.session.notes).toBe('seq:2');
    expect((await repo.openStudy(STUDY)).problems).toEqual([]);
  });

  it('orders versions correctly even when the clock goes backwards or saves share a millisecond', () => {
    const t = new Date(Date.UTC(2026, 2, 2, 12));
    const a = nextVersionId([], t);
    const b = nextVersionId([a], t);
    const c = nextVersionId([a, b], new Date(t.getTime() - DAY));
    expect(a).toBe(compactTime(t));
    expect([c, a, b].sort(compareVersionIds)).toEqual([a, b, c]);
    const many = [a];
    for (let i = 0; i < 12; i++) many.push(nextVersionId(many, t));
    expect([...many].reverse().sort(compareVersionIds)).toEqual(many);
  });

  it('retention is a pure rule: recent wins over daily, and nothing older than 30 days survives beyond the 20 recent', () => {
    const now = new Date(2026, 5, 30, 12);
    const ids = Array.from({ length: 60 }, (_, d) => compactTime(new Date(2026, 5, 30 - d, 8)));
    const keep = retention(ids, now);
    expect([...keep.values()].filter((k) => k === 'recent')).toHaveLength(20);
    expect([...keep.values()].filter((k) => k === 'daily')).toHaveLength(10);
    expect(keep.has(compactTime(new Date(2026, 5, 1, 8)))).toBe(true); // 29 days ago
    expect(keep.has(compactTime(new Date(2026, 4, 31, 8)))).toBe(false); // 30 days ago
  });
});
