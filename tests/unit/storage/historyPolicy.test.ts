import { describe, expect, it } from 'vitest';
import { retention, type VersionKind } from '../../../electron/services/storage/history';
import { compactTime } from '../../../electron/services/storage/layout';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import type { Session } from '../../../shared/model/session';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { SimulatedDisk } from '../../helpers/storageShim';

/**
 * Versions are kept by time as well as by count: autosave writes every few seconds, so
 * the last 20 saves alone are about two minutes of a session. Kept besides them: the last
 * save of every five minutes of editing (two days), the last save before a pause of half
 * an hour or more — the end of a sitting (14 days) — and the first save of each day (30 days).
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function count(kinds: Map<string, VersionKind>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of kinds.values()) out[k] = (out[k] ?? 0) + 1;
  return out;
}

describe('the retention rule', () => {
  it('keeps one version per five minutes of a two-hour sitting saved every 10 seconds', () => {
    const start = new Date(Date.UTC(2026, 2, 2, 9, 0, 0)).getTime();
    const ids = Array.from({ length: 720 }, (_, i) => compactTime(new Date(start + i * 10 * SECOND)));
    const kinds = retention(ids, new Date(start + 2 * HOUR));
    // 24 five-minute slots: the last two slots are covered by the 20 recent saves (200 s).
    expect(count(kinds)).toEqual({ recent: 20, interval: 23, daily: 1 });
    // Each interval version is the last save of its slot: 09:04:50, 09:09:50, …
    const interval = [...kinds].filter(([, k]) => k === 'interval').map(([id]) => id);
    expect(interval[0]).toBe(compactTime(new Date(start + 4 * MINUTE + 50 * SECOND)));
    expect(interval.every((id) => /T09[0-5][49]50000Z|T10[0-5][49]50000Z/.test(id))).toBe(true);
  });

  it('keeps the last save before each pause of 30 minutes: where a sitting ended', () => {
    const day = Date.UTC(2026, 2, 2, 9);
    const sitting = (from: number) => Array.from({ length: 30 }, (_, i) => from + i * 10 * SECOND);
    // Morning sitting, a 40-minute break, a second sitting, then the next day.
    const morning = sitting(day);
    const afternoon = sitting(day + 45 * MINUTE);
    const nextDay = sitting(day + 24 * HOUR);
    const ids = [...morning, ...afternoon, ...nextDay].map((t) => compactTime(new Date(t)));
    const kinds = retention(ids, new Date(day + 25 * HOUR));
    const pauses = [...kinds].filter(([, k]) => k === 'pause').map(([id]) => id);
    expect(pauses).toEqual([compactTime(new Date(morning.at(-1)!)), compactTime(new Date(afternoon.at(-1)!))]);
  });

  it('lets interval versions go after two days and pause versions after 14, keeping the daily one', () => {
    const day = Date.UTC(2026, 2, 2, 9);
    const ids = [day, day + 6 * MINUTE, day + 12 * MINUTE, day + 60 * MINUTE, day + 66 * MINUTE].map((t) => compactTime(new Date(t)));
    // Make them old by adding 20 recent saves much later.
    const later = Array.from({ length: 20 }, (_, i) => compactTime(new Date(day + 20 * 24 * HOUR + i * SECOND)));
    const all = [...ids, ...later];
    // 0, 6 and 60 min end their five-minute slots; 12 and 66 min come before a pause.
    expect(count(retention(all, new Date(day + 1 * 24 * HOUR)))).toEqual({ recent: 20, interval: 3, pause: 2 });
    expect(count(retention(all, new Date(day + 3 * 24 * HOUR)))).toEqual({ recent: 20, pause: 2, daily: 1 });
    expect(count(retention(all, new Date(day + 21 * 24 * HOUR)))).toEqual({ recent: 20, daily: 1 });
  });
});

describe('Earlier versions', () => {
  it('lists time-kept versions with their map, so the dialog can show it before a restore', async () => {
    const disk = new SimulatedDisk();
    let now = Date.UTC(2026, 2, 2, 9);
    const repo = new StudyRepository('/data', { fs: disk, now: () => new Date(now), warn: () => undefined });
    await repo.createStudy(makeStudy('study-h'));
    let session: Session = makeSession('study-h', 's1', 'FGD 1', 0);
    // 40 minutes of autosave every 15 seconds.
    for (let i = 0; i < 160; i++) {
      session = { ...makeSession('study-h', 's1', 'FGD 1', i), revision: session.revision };
      session = { ...session, revision: (await repo.saveSession(session)).revision };
      now += 15 * SECOND;
    }
    const versions = await repo.listSessionVersions('study-h', 's1');
    const kinds = versions.map((v) => v.kind);
    expect(kinds.filter((k) => k === 'recent')).toHaveLength(19);
    expect(kinds.filter((k) => k === 'interval').length).toBeGreaterThanOrEqual(6);
    const oldest = versions.at(-1)!;
    expect(oldest.kind).toBe('daily');
    expect(oldest.placements).toEqual(makeSession('study-h', 's1', 'FGD 1', 0).placements);
  });
});
