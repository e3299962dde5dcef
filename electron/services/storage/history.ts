import { join } from 'node:path';
import { ensureDir, writeFileAtomic } from './atomicWrite';
import { compactTime, parseCompactTime } from './layout';
import { isMissing } from './storageErrors';
import type { StorageFs } from './storageFs';

/**
 * Earlier versions of a file, kept in a hidden folder of the study:
 * every save is also written here as `<versionId>.json`, and after each save the folder
 * is pruned by the retention rule below. Pruning is the only place storage ever deletes
 * a user's data, and it only ever touches this folder — never the current file.
 *
 * Every save (not only earlier ones) is kept, so if the current file is damaged later
 * (a bad sync, a disk error) its newest good state is still here.
 *
 * Why more than the last saves: autosave writes every few seconds while a group works,
 * so 20 saves are about two minutes of a session. Versions are therefore also kept by
 * time — the last save of every five minutes of editing (for two days), the last save
 * before each pause of half an hour or more, which is where a sitting ended and the
 * editor was closed (for 14 days), and the first save of each day (for 30 days).
 */
export const RECENT_VERSIONS = 20;
export const INTERVAL_MS = 5 * 60_000;
export const INTERVAL_DAYS = 2;
export const PAUSE_MS = 30 * 60_000;
export const PAUSE_DAYS = 14;
export const DAILY_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

/** Why a version is kept; the first that applies, in this order. */
export type VersionKind = 'recent' | 'pause' | 'interval' | 'daily';

/** `20261128T093300123Z`, or `…Z-0001` when two saves share a millisecond. */
const VERSION_ID = /^(\d{8}T\d{9}Z)(?:-(\d{4}))?$/;

export function isVersionId(id: string): boolean {
  return VERSION_ID.test(id) && parseCompactTime(id) !== null;
}

/** Chronological order of version ids (the suffix counts saves within one millisecond). */
export function compareVersionIds(a: string, b: string): number {
  const ma = VERSION_ID.exec(a);
  const mb = VERSION_ID.exec(b);
  const base = (ma?.[1] ?? a).localeCompare(mb?.[1] ?? b);
  return base !== 0 ? base : Number(ma?.[2] ?? 0) - Number(mb?.[2] ?? 0);
}

/** When a version was saved (by the host's clock). */
export function versionSavedAt(versionId: string): Date {
  return parseCompactTime(versionId) ?? new Date(0);
}

/**
 * The retention rule, pure: which of `versionIds` (any order) to keep, and as what.
 * - `recent`: the newest 20 saves;
 * - `pause`: the last save before a pause of 30 minutes or more (the end of a sitting),
 *   from the last 14 days;
 * - `interval`: the last save in each five-minute slot of the clock, from the last 2 days;
 * - `daily`: the first save of each (local) day, for the last 30 days.
 * The newest save of all is `recent`, so a pause is only known once a later save exists.
 */
export function retention(versionIds: readonly string[], now: Date): Map<string, VersionKind> {
  const sorted = [...versionIds].sort(compareVersionIds);
  const keep = new Map<string, VersionKind>();
  for (const id of sorted.slice(-RECENT_VERSIONS)) keep.set(id, 'recent');
  const nowMs = now.getTime();
  const times = sorted.map((id) => versionSavedAt(id).getTime());
  for (let i = 0; i < sorted.length - 1; i++) {
    const id = sorted[i] as string;
    const at = times[i] as number;
    const next = times[i + 1] as number;
    if (keep.has(id)) continue;
    if (next - at >= PAUSE_MS && nowMs - at <= PAUSE_DAYS * DAY_MS) keep.set(id, 'pause');
    else if (Math.floor(next / INTERVAL_MS) !== Math.floor(at / INTERVAL_MS) && nowMs - at <= INTERVAL_DAYS * DAY_MS) keep.set(id, 'interval');
  }
  const oldestDay = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (DAILY_DAYS - 1)).getTime();
  const seenDays = new Set<string>();
  for (const id of sorted) {
    const at = versionSavedAt(id);
    const day = `${at.getFullYear()}-${at.getMonth()}-${at.getDate()}`;
    if (seenDays.has(day)) continue;
    seenDays.add(day);
    if (at.getTime() >= oldestDay && !keep.has(id)) keep.set(id, 'daily');
  }
  return keep;
}


/** Version ids in a history folder, oldest first. A missing folder has none. */
export async function listVersionIds(fs: StorageFs, dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .filter(isVersionId)
    .sort(compareVersionIds);
}

export function versionFile(dir: string, versionId: string): string {
  return join(dir, `${versionId}.json`);
}

/**
 * A new version id at `now`, later than every existing one even if the clock went
 * backwards (so "newest" by name is always the last save).
 */
export function nextVersionId(existing: readonly string[], now: Date): string {
  const candidate = compactTime(now);
  const last = existing[existing.length - 1];
  if (!last || compareVersionIds(candidate, last) > 0) return candidate;
  const m = VERSION_ID.exec(last);
  const base = m?.[1] ?? candidate;
  const n = Number(m?.[2] ?? 0) + 1;
  return `${base}-${String(n).padStart(4, '0')}`;
}

/**
 * Record `bytes` as a new version in `dir` (created inside `studyDir` if needed), then
 * prune. Returns the new version id.
 */
export async function recordVersion(fs: StorageFs, dir: string, studyDir: string, bytes: Uint8Array, now: Date): Promise<string> {
  await ensureDir(fs, dir, studyDir);
  const existing = await listVersionIds(fs, dir);
  const versionId = nextVersionId(existing, now);
  await writeFileAtomic(fs, versionFile(dir, versionId), bytes);
  await pruneVersions(fs, dir, [...existing, versionId], now);
  return versionId;
}

/** Delete the versions the retention rule no longer keeps. Only touches `dir`. */
export async function pruneVersions(fs: StorageFs, dir: string, versionIds: readonly string[], now: Date): Promise<void> {
  const keep = retention(versionIds, now);
  let removed = false;
  for (const id of versionIds) {
    if (keep.has(id)) continue;
    await fs.unlink(versionFile(dir, id)).catch(() => undefined);
    removed = true;
  }
  if (removed) await fs.syncDir(dir).catch(() => undefined);
}
