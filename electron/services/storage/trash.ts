import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { HostError, type TrashEntry } from '../../../shared/contract/hostContract';
import { IdSchema, TimestampSchema } from '../../../shared/model/common';
import { ensureDir, moveDurably, writeFileAtomic } from './atomicWrite';
import { decodeJsonBytes, encodeDocument } from './fileFormat';
import { compactTime, isSafeToken, type Layout } from './layout';
import { isMissing } from './storageErrors';
import type { StorageFs } from './storageFs';

/**
 * The trash: deleting a study or a session moves it into `<data>/.trash/<trashId>/`
 * next to a small manifest. Nothing is removed; restoring moves it back. A restored
 * entry keeps its folder with `restoredAt` set in the manifest (so storage never deletes).
 *
 *   .trash/<trashId>/manifest.json
 *   .trash/<trashId>/study/              a deleted study folder, or
 *   .trash/<trashId>/session.json        a deleted session file
 *   .trash/<trashId>/history/            … and its earlier versions
 *
 * The manifest is written before the move: after a power cut there is either nothing in
 * the trash, a manifest whose item is missing (not listed), or a complete entry.
 */
const ManifestSchema = z.object({
  format: z.literal('pimap/trash-entry'),
  version: z.literal(1),
  kind: z.enum(['study', 'session']),
  studyId: IdSchema,
  sessionId: IdSchema.nullable(),
  label: z.string(),
  deletedAt: TimestampSchema,
  restoredAt: TimestampSchema.nullable(),
});
export type TrashManifest = z.infer<typeof ManifestSchema>;

export const MANIFEST = 'manifest.json';
/** Where the moved item sits inside a trash entry. */
export const TRASHED_STUDY = 'study';
export const TRASHED_SESSION = 'session.json';
export const TRASHED_HISTORY = 'history';

/** A trash id: when, what, which — readable in a file browser, unique by a random tail. */
function newTrashId(kind: 'study' | 'session', id: string, now: Date): string {
  return `${compactTime(now)}-${kind}-${id}-${randomBytes(3).toString('hex')}`;
}

/** Create an entry and its manifest; the caller then moves the item(s) in. */
export async function openTrashEntry(
  fs: StorageFs,
  layout: Layout,
  manifest: Omit<TrashManifest, 'format' | 'version' | 'restoredAt' | 'deletedAt'>,
  now: Date,
): Promise<{ trashId: string; dir: string }> {
  const trashId = newTrashId(manifest.kind, manifest.sessionId ?? manifest.studyId, now);
  const dir = layout.trashEntry(trashId);
  await ensureDir(fs, dir, layout.dataDir);
  const full: TrashManifest = { format: 'pimap/trash-entry', version: 1, ...manifest, deletedAt: now.toISOString(), restoredAt: null };
  await writeFileAtomic(fs, join(dir, MANIFEST), encodeDocument(full));
  return { trashId, dir };
}

export async function readManifest(fs: StorageFs, layout: Layout, trashId: string): Promise<TrashManifest | null> {
  if (!isSafeToken(trashId)) return null;
  try {
    const decoded = decodeJsonBytes(await fs.readFile(join(layout.trashEntry(trashId), MANIFEST)));
    if (!decoded.ok) return null;
    const parsed = ManifestSchema.safeParse(decoded.value);
    return parsed.success ? parsed.data : null;
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

export async function markRestored(fs: StorageFs, layout: Layout, trashId: string, manifest: TrashManifest, now: Date): Promise<void> {
  const updated: TrashManifest = { ...manifest, restoredAt: now.toISOString() };
  await writeFileAtomic(fs, join(layout.trashEntry(trashId), MANIFEST), encodeDocument(updated));
}

/** The names in the trash folder (none when there is no trash yet). */
async function trashIds(fs: StorageFs, layout: Layout): Promise<string[]> {
  try {
    return await fs.readdir(layout.trashDir());
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
}

/** Entries that can still be restored, newest first. Damaged manifests are skipped. */
export async function listTrash(fs: StorageFs, layout: Layout): Promise<TrashEntry[]> {
  const entries: TrashEntry[] = [];
  for (const trashId of await trashIds(fs, layout)) {
    const m = await readManifest(fs, layout, trashId);
    if (!m || m.restoredAt) continue;
    const item = join(layout.trashEntry(trashId), m.kind === 'study' ? TRASHED_STUDY : TRASHED_SESSION);
    if (!(await fs.stat(item))) continue;
    entries.push({ trashId, kind: m.kind, studyId: m.studyId, label: m.label, deletedAt: m.deletedAt });
  }
  return entries.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

/** Every trash entry (restored or not) of one study, with its manifest. */
export async function entriesOf(fs: StorageFs, layout: Layout, studyId: string): Promise<{ trashId: string; dir: string; manifest: TrashManifest }[]> {
  const out: { trashId: string; dir: string; manifest: TrashManifest }[] = [];
  for (const trashId of await trashIds(fs, layout)) {
    const manifest = await readManifest(fs, layout, trashId);
    if (manifest?.studyId === studyId) out.push({ trashId, dir: layout.trashEntry(trashId), manifest });
  }
  return out;
}

/** Rewrite an entry's manifest with another label (an encrypted study's entries keep none in the clear). */
export async function relabel(fs: StorageFs, layout: Layout, trashId: string, manifest: TrashManifest, label: string): Promise<void> {
  await writeFileAtomic(fs, join(layout.trashEntry(trashId), MANIFEST), encodeDocument({ ...manifest, label }));
}

/**
 * Move a session's earlier versions back from the trash. If versions were recorded
 * under the same id meanwhile, both sets are kept (names are time stamps, so they merge).
 */
export async function restoreHistory(fs: StorageFs, from: string, to: string, studyDir: string): Promise<void> {
  if (!(await fs.stat(from))) return;
  if (!(await fs.stat(to))) {
    await ensureDir(fs, join(to, '..'), studyDir);
    await moveDurably(fs, from, to);
    return;
  }
  for (const name of await fs.readdir(from)) {
    if (await fs.stat(join(to, name))) continue;
    await moveDurably(fs, join(from, name), join(to, name));
  }
}

/** HostError for a trash id that does not name a restorable entry. */
export function trashNotFound(trashId: string): HostError {
  return new HostError('not_found', `Nothing in the trash has id "${trashId.slice(0, 80)}"`);
}
