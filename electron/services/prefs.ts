import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import { PrefsSchema, type Prefs } from '../../shared/contract/hostContract';
import { compactTime } from './storage/layout';

/**
 * Preferences: language, large text, last and recent studies, window position.
 * Not the maps — those are in the data folder, one crash-safe file each; conf /
 * electron-store rewrite and re-parse the whole file on every change, which is right
 * for a few settings and wrong for 12 MB of maps.
 *
 * One definition (schema, defaults, migrations) serves two stores:
 *   createFilePrefsStore(dir)   conf, for the browser preview, the CLI and tests
 *   createElectronPrefsStore()  electron-store (electronPrefs.ts, loaded only by main)
 * Both keep `preferences.json` in the per-user app folder, so the desktop app and the
 * preview share settings.
 */
export interface PrefsStore {
  get(): Prefs;
  /** Apply a partial change and return the result. Invalid values are refused. */
  set(patch: Partial<Prefs>): Prefs;
}

export const PREFS_FILE_NAME = 'preferences';

/**
 * The window's last normal bounds; written by the Electron main process only, which
 * checks them against the screens present (x and y are left out to let the OS place it).
 */
export const WindowBoundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  maximized: z.boolean(),
});
export type StoredWindowBounds = z.infer<typeof WindowBoundsSchema>;

/** The store's own shape: the contract's Prefs plus host-only fields and a version. */
export const StoredPrefsSchema = PrefsSchema.extend({
  prefsVersion: z.number().int().min(1),
  windowBounds: WindowBoundsSchema.nullable(),
});
export type StoredPrefs = z.infer<typeof StoredPrefsSchema>;

export const PREFS_VERSION = 1;

export const PREFS_DEFAULTS: StoredPrefs = {
  prefsVersion: PREFS_VERSION,
  language: 'en',
  largeText: false,
  lastStudyId: null,
  recentStudyIds: [],
  windowBounds: null,
};

/**
 * Ordered steps from version `from` to `from + 1`, like the study and session formats.
 * Our own numbering, not the app version (which electron-store's built-in migrations
 * key on), so the same list runs under conf and electron-store.
 */
export interface PrefsMigration {
  from: number;
  why: string;
  up: (raw: Record<string, unknown>) => Record<string, unknown>;
}
export const PREFS_MIGRATIONS: readonly PrefsMigration[] = [];

/**
 * JSON Schema for conf / electron-store, generated from the zod schema so there is one
 * definition. conf wants the per-key `properties`; `required` is left out because conf
 * fills missing keys from `defaults`.
 */
export function prefsJsonSchema(): Record<string, object> {
  const json = z.toJSONSchema(StoredPrefsSchema) as { properties: Record<string, object> };
  return json.properties;
}

/**
 * Bring whatever is in a preferences file up to the current shape: run migrations,
 * then keep each field that is valid and take the default for each that is not, so one
 * bad value (hand-edited file, older app) does not cost the user the others.
 */
export function migratePrefs(raw: unknown): StoredPrefs {
  let doc: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  const from = typeof doc.prefsVersion === 'number' ? doc.prefsVersion : 1;
  for (let v = from; v < PREFS_VERSION; v++) {
    const step = PREFS_MIGRATIONS.find((m) => m.from === v);
    if (step) doc = step.up(doc);
  }
  const result: Record<string, unknown> = { ...PREFS_DEFAULTS, prefsVersion: PREFS_VERSION };
  for (const key of Object.keys(StoredPrefsSchema.shape) as (keyof StoredPrefs)[]) {
    if (key === 'prefsVersion' || !(key in doc)) continue;
    const field = StoredPrefsSchema.shape[key].safeParse(doc[key]);
    if (field.success) result[key] = field.data;
  }
  return StoredPrefsSchema.parse(result);
}

/** The minimal surface of conf that both stores use (electron-store extends Conf). */
export interface PrefsBackend {
  readonly path: string;
  get store(): Record<string, unknown>;
  set store(value: Record<string, unknown>);
}

/** conf / electron-store options shared by both implementations. */
export function backendOptions(): { schema: Record<string, object>; defaults: StoredPrefs; accessPropertiesByDotNotation: false; clearInvalidConfig: false } {
  return { schema: prefsJsonSchema(), defaults: PREFS_DEFAULTS, accessPropertiesByDotNotation: false, clearInvalidConfig: false };
}

/**
 * Before conf opens the file, migrate and repair it in place. conf would otherwise
 * refuse to start on a schema violation. A file that is not even JSON is moved aside
 * (`preferences.json.unreadable-<time>`), never deleted; conf then starts from defaults.
 */
export function preparePrefsFile(path: string, now = new Date()): void {
  if (!existsSync(path)) return;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    renameSync(path, `${path}.unreadable-${compactTime(now)}`);
    return;
  }
  // conf keeps its own bookkeeping under `__internal__`; leave it be.
  const internal = (raw as Record<string, unknown> | null)?.__internal__;
  const repaired = { ...migratePrefs(raw), ...(internal === undefined ? {} : { __internal__: internal }) };
  if (JSON.stringify(raw) === JSON.stringify(repaired)) return;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(repaired, null, '\t'));
  renameSync(tmp, path);
}

/** Wrap an open conf/electron-store instance as a PrefsStore. */
export function prefsStoreOver(backend: PrefsBackend): PrefsStore & {
  getWindowBounds(): StoredWindowBounds | null;
  setWindowBounds(bounds: StoredWindowBounds): void;
} {
  const read = (): StoredPrefs => migratePrefs(backend.store);
  return {
    get() {
      const { prefsVersion: _v, windowBounds: _w, ...prefs } = read();
      return prefs;
    },
    set(patch) {
      const current = read();
      const next = StoredPrefsSchema.parse({ ...current, ...PrefsSchema.partial().parse(patch) });
      backend.store = { ...next };
      const { prefsVersion: _v, windowBounds: _w, ...prefs } = next;
      return prefs;
    },
    getWindowBounds() {
      return read().windowBounds;
    },
    setWindowBounds(bounds) {
      const parsed = WindowBoundsSchema.safeParse(bounds);
      if (!parsed.success) return;
      backend.store = { ...read(), windowBounds: parsed.data };
    },
  };
}

/** Preferences in `<dir>/preferences.json`, via conf (no Electron needed). */
export function createFilePrefsStore(dir: string): PrefsStore & { readonly path: string } {
  const path = join(dir, `${PREFS_FILE_NAME}.json`);
  preparePrefsFile(path);
  const backend = new Conf<Record<string, unknown>>({ cwd: dir, configName: PREFS_FILE_NAME, ...backendOptions() });
  return { ...prefsStoreOver(backend), path: backend.path };
}

/** Move a study to the front of the recent list (at most 20, no repeats). */
export function withRecentStudy(prefs: Prefs, studyId: string): Partial<Prefs> {
  return { lastStudyId: studyId, recentStudyIds: [studyId, ...prefs.recentStudyIds.filter((id) => id !== studyId)].slice(0, 20) };
}

/** Forget a study that was deleted. */
export function withoutStudy(prefs: Prefs, studyId: string): Partial<Prefs> {
  return {
    lastStudyId: prefs.lastStudyId === studyId ? null : prefs.lastStudyId,
    recentStudyIds: prefs.recentStudyIds.filter((id) => id !== studyId),
  };
}
