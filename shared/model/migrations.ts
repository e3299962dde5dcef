import type { z } from 'zod';
import { SESSION_FORMAT, SESSION_VERSION, SessionSchema, type Session } from './session';
import { STUDY_FORMAT, STUDY_VERSION, StudySchema, type Study } from './study';

/** One step that turns a document of version `from` into version `from + 1`. */
export interface Migration {
  from: number;
  /** Why the format changed, for the changelog and for reviewers. */
  why: string;
  up: (doc: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Format 1 had no revision. Such a file counts as saved once (revision 1), by an unknown
 * writer: 0 is kept for "never saved", so a create can never replace an existing file.
 */
const addRevision: Migration = {
  from: 1,
  why: 'documents carry a revision and its writer, so a save based on an older revision is refused instead of silently overwriting another writer',
  up: (doc) => ({ ...doc, revision: 1, writer: null }),
};

/**
 * Ordered migrations per document type. Each format adds one entry here and a fixture
 * file of the old version under tests/fixtures/formats/.
 */
export const STUDY_MIGRATIONS: readonly Migration[] = [addRevision];
export const SESSION_MIGRATIONS: readonly Migration[] = [addRevision];

/** The outcome of reading a document: the valid current-version value, or why it is unusable. */
export type ReadResult<T> = { ok: true; value: T; migratedFrom: number | null } | { ok: false; problem: string };

/** Apply migrations in order until the document reaches `target`. Pure: the input is not changed. */
export function migrate(
  doc: Record<string, unknown>,
  target: number,
  migrations: readonly Migration[],
): { doc: Record<string, unknown>; from: number } | { problem: string } {
  const from = doc.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
    return { problem: 'the file has no valid format version' };
  if (from > target)
    return { problem: `the file uses format version ${from}, newer than this app understands (${target}); update the app` };
  // NOTE: no defensive deep copy: migrations must return new objects (they are pure), and
  // cloning a hostile, deeply nested file would overflow the stack before validation.
  let current: Record<string, unknown> = doc;
  for (let v = from; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { problem: `no migration from format version ${v}` };
    current = { ...step.up(current), version: v + 1 };
  }
  return { doc: current, from };
}

/** Describe the first few schema problems in one readable sentence. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((i) => {
    const where = i.path.length ? i.path.join('.') : 'the document';
    return `${where}: ${i.message}`;
  });
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return parts.join('; ') + more;
}

function readDocument<T>(
  raw: unknown,
  format: string,
  version: number,
  migrations: readonly Migration[],
  schema: z.ZodType<T>,
): ReadResult<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, problem: 'the file does not contain a JSON object' };
  const doc = raw as Record<string, unknown>;
  if (doc.format !== format) return { ok: false, problem: `the file is not a ${format} file` };
  const migrated = migrate(doc, version, migrations);
  if ('problem' in migrated) return { ok: false, problem: migrated.problem };
  const parsed = schema.safeParse(migrated.doc);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error) };
  return { ok: true, value: parsed.data, migratedFrom: migrated.from === version ? null : migrated.from };
}

/** Validate and migrate a parsed study file. */
export function readStudy(raw: unknown): ReadResult<Study> {
  return readDocument(raw, STUDY_FORMAT, STUDY_VERSION, STUDY_MIGRATIONS, StudySchema);
}

/** Validate and migrate a parsed session file. */
export function readSession(raw: unknown): ReadResult<Session> {
  return readDocument(raw, SESSION_FORMAT, SESSION_VERSION, SESSION_MIGRATIONS, SessionSchema);
}
