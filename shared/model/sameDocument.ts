import type { Session } from './session';
import type { Study } from './study';

/** JSON with object keys sorted, so two documents compare equal whatever order their keys were added in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The same study or session apart from its revision and writer: what the host stamps on
 * every write. A document read back after this window's own save is the same document.
 */
export function sameDocument<T extends Study | Session>(a: T, b: T): boolean {
  return canonicalJson({ ...a, revision: 0, writer: null }) === canonicalJson({ ...b, revision: 0, writer: null });
}
