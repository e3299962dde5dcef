import { z } from 'zod';
import { IdSchema, longText, shortText, type KnownKeys } from './common';

/** Languages the product is translated into. English is the source language. */
export const LANGUAGES = ['en', 'bn', 'hi'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A translated name and short label for one language. */
export const StakeholderLabelSchema = z.looseObject({
  name: shortText().min(1),
  short: shortText(24).min(1),
  /** The description in this language; the English one is shown where it is missing. */
  description: longText.optional(),
});

/** Broad families of duty bearers, used to group the library and colour nothing. */
export const STAKEHOLDER_CATEGORIES = [
  'administration',
  'local_government',
  'police_justice',
  'health_care',
  'child_protection',
  'community',
  'civil_society',
  'other',
] as const;
export const StakeholderCategorySchema = z.enum(STAKEHOLDER_CATEGORIES);
export type StakeholderCategory = z.infer<typeof StakeholderCategorySchema>;

/**
 * An actor the group places on the grid (BDO, Gram Panchayat, police…).
 * `name` and `short` are English; `labels` holds other languages and may be partial.
 */
// Loose: a newer app's extra keys on a stakeholder survive this app's save of the study.
export const StakeholderSchema = z.looseObject({
  id: IdSchema,
  name: shortText().min(1, 'a stakeholder needs a name'),
  /** Shown on the chip; at most 24 characters so chips stay readable. */
  short: shortText(24).min(1, 'a stakeholder needs a short label'),
  description: longText.default(''),
  category: StakeholderCategorySchema.default('other'),
  labels: z.partialRecord(z.enum(['bn', 'hi']), StakeholderLabelSchema).default({}),
  /** Retired stakeholders keep their data but are no longer offered in new sessions. */
  retired: z.boolean().default(false),
  /** True for stakeholders added by the study rather than taken from the library. */
  custom: z.boolean().default(false),
});
export type Stakeholder = KnownKeys<z.infer<typeof StakeholderSchema>>;

/** The label to show for a stakeholder in a language, falling back to English. */
export function stakeholderLabel(s: Stakeholder, lang: Language): { name: string; short: string } {
  if (lang !== 'en') {
    const l = s.labels[lang];
    if (l) return l;
  }
  return { name: s.name, short: s.short };
}

/** The description to show for a stakeholder in a language, falling back to English. */
export function stakeholderDescription(s: Stakeholder, lang: Language): string {
  return (lang !== 'en' ? s.labels[lang]?.description : undefined) || s.description;
}

/** The shape of `resources/stakeholders.json`, the default library shipped with the app. */
export const StakeholderLibrarySchema = z.object({
  format: z.literal('pimap/stakeholder-library'),
  version: z.literal(1),
  region: shortText(),
  stakeholders: z.array(StakeholderSchema).min(1),
});
export type StakeholderLibrary = z.infer<typeof StakeholderLibrarySchema>;
