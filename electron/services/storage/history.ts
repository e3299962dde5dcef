import { join } from 'node:path';
import { ensureDir, writeFileAtomic } from './atomicWrite';
import { compactTime, parseCompactTime } from './layout';
import { isMissing } from './storageErrors';
import type { StorageFs } from './storageFs';

/**
 * Earlier versions of a file, kept in a hidden folder of the study:
 * every save is also written here as `<versionId>.json`, and after each save the folder
 * is pruned to the last 20 saves plus the first save of each of the last 30 days.
 * Pruning is the only place storage ever deletes a user's data, and it only ever
 * touches this folder — never the current file.
 *
 * Every save (not only earlier ones) is kept, so if the current file is damaged later
 * (a bad sync, a disk error) its newest good state is still here.
 */
export const RECENT_VERSIONS = 20;
export const DAILY_DAYS = 30;

export type VersionKind = 'recent' | 'daily';

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
 * A version among the newest 20 is `recent`; otherwise it is kept as `daily` if it is
 * the first save of its (local) day and that day is one of the last 30.
 */
export function retention(versionIds: readonly string[], now: Date): Map<string, VersionKind> {
  const sorted = [...versionIds].sort(compareVersionIds);
  const keep = new Map<string, VersionKind>();
  for (const id of sorted.slice(-RECENT_VERSIONS)) keep.set(id, 'recent');
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
