import { z } from 'zod';

/**
 * Identifiers are opaque strings. Default-library stakeholders use readable slugs
 * ("bdo", "police"); everything created at run time uses a random UUID made by the
 * caller (shared/ stays free of randomness so its functions remain pure).
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const IdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'may only contain letters, digits, "-" and "_"')
  // NOTE: ids are used as object keys (placements); these would be silently dropped or
  // would reach Object.prototype, losing a placement without an error.
  .refine((id) => !RESERVED_KEYS.has(id), 'is a reserved word');
export type Id = z.infer<typeof IdSchema>;

/** ISO 8601 timestamp, e.g. 2026-11-28T09:33:00.000Z. */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** A value on one axis of the grid, in domain units: 0 (lowest) to 10 (highest). */
export const AxisValueSchema = z.number().finite().min(0).max(10);

/** Short free text (names, codes, places). */
export const shortText = (max = 200) => z.string().max(max);

/** Long free text (notes, quotes, descriptions). Bounded so a corrupt file cannot exhaust memory. */
export const longText = z.string().max(20_000);

/** Colours are stored as #rrggbb so every renderer (canvas, SVG, PDF) agrees. */
export const ColourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0072b2');

/**
 * How many times a document has been saved. 0 means "never saved" (a session created in
 * memory); the host sets `revision + 1` on every write, and a save based on a revision
 * that is no longer the one on disk is refused (see the `conflict` host error).
 */
export const RevisionSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * Who made the stored revision: the install's random id and a device name a person
 * recognises (the computer's host name), so "changed elsewhere" can say where.
 */
export const WriterSchema = z.object({
  id: z.string().min(1).max(100),
  name: shortText(200),
});
export type Writer = z.infer<typeof WriterSchema>;

/**
 * A loose schema's type without its `[key: string]: unknown` index signature. The
 * schemas keep unknown keys at run time (a newer app's fields survive a save), but the
 * code is typed with the known fields only, so `Omit`, `keyof` and typos still check.
 */
export type KnownKeys<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
