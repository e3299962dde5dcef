import { PERMUTATIONS_RANGE, SEED_RANGE } from '../analysis/compareCohorts';
import { z } from 'zod';
import { IdSchema } from '../model/common';
import { LANGUAGES } from '../model/stakeholder';

/**
 * Payload and result schemas of the export and study-file host operations
 * (`exportSession`, `exportStudy`, `previewMerge`, `applyMerge`), kept beside the export
 * code and listed in shared/contract/hostContract.ts like every other operation.
 */
export const SESSION_PICTURE_FORMATS = ['svg', 'png2x', 'png4x', 'pdf'] as const;
export const STUDY_FILE_FORMATS = ['csv', 'bundle', 'report-pdf', 'compare-svg', 'compare-png2x', 'compare-png4x', 'compare-pdf'] as const;

/** A file for the user to save: the renderer downloads it (preview) or a save dialog writes it (desktop). */
export const ExportedFileSchema = z.object({
  fileName: z.string().min(1).max(300),
  mimeType: z.string(),
  base64: z.string(),
});
export type ExportedFileResult = z.infer<typeof ExportedFileSchema>;

/** An exported file the desktop app is asked to save where the user chooses (base64 at most ~200 MB of text). */
export const SaveExportInput = z
  .object({
    fileName: z.string().min(1).max(300),
    mimeType: z.string().max(200),
    base64: z.string().max(200_000_000),
  })
  .strict();

/** `saved` false (and `path` null) when the user closed the save dialog without choosing a place. */
export const SaveExportResultSchema = z.object({ saved: z.boolean(), path: z.string().nullable() });
export type SaveExportResult = z.infer<typeof SaveExportResultSchema>;

export const ExportSessionInput = z
  .object({
    studyId: IdSchema,
    sessionId: IdSchema,
    format: z.enum(SESSION_PICTURE_FORMATS),
    /** Leave out notes and quotes: on unless the user turns it off. */
    redact: z.boolean().default(true),
    language: z.enum(LANGUAGES).optional(),
  })
  .strict();

export const ExportStudyInput = z
  .object({
    studyId: IdSchema,
    /** Only these sessions; all when absent. */
    sessionIds: z.array(IdSchema).max(10_000).optional(),
    format: z.enum(STUDY_FILE_FORMATS),
    redact: z.boolean().default(true),
    /** The compare picture's focused stakeholder. */
    focusStakeholderId: IdSchema.optional(),
    language: z.enum(LANGUAGES).optional(),
    permutations: z.number().int().min(PERMUTATIONS_RANGE.min).max(PERMUTATIONS_RANGE.max).optional(),
    seed: z.number().int().min(SEED_RANGE.min).max(SEED_RANGE.max).optional(),
  })
  .strict();

/** A study file's text: a 1,000-session study is about 12 MB of JSON. */
export const BundleText = z.string().min(2).max(200_000_000);

export const PreviewMergeInput = z.object({ studyId: IdSchema, bundleText: BundleText }).strict();

const Named = z.object({ id: z.string(), name: z.string() });

/** What merging a study file would do, for the user to confirm and resolve conflicts. */
export const MergePreviewSchema = z.object({
  /** The title of the study in the file. */
  sourceTitle: z.string(),
  redacted: z.boolean(),
  newStakeholders: z.array(Named),
  newCohorts: z.array(Named),
  newRounds: z.array(Named),
  newSessions: z.array(z.object({ code: z.string(), roundId: z.string().nullable(), cohortId: z.string() })),
  identical: z.array(z.object({ code: z.string(), roundId: z.string().nullable() })),
  conflicts: z.array(
    z.object({
      /** Pass back in `resolutions` under this key. */
      key: z.string(),
      code: z.string(),
      roundId: z.string().nullable(),
      changedStakeholders: z.array(z.string()),
      changedFields: z.array(z.string()),
    }),
  ),
});
export type MergePreview = z.infer<typeof MergePreviewSchema>;

export const MERGE_RESOLUTIONS = ['keep_ours', 'take_theirs', 'keep_both'] as const;

export const ApplyMergeInput = z
  .object({
    studyId: IdSchema,
    bundleText: BundleText,
    /** One resolution per conflict key from `previewMerge`; a missing one fails the merge. */
    resolutions: z.record(z.string().max(200), z.enum(MERGE_RESOLUTIONS)),
    /** Appended to a kept-both session's code, translated by the UI ("(imported)"). */
    importedSuffix: z.string().min(1).max(30).optional(),
  })
  .strict();

export const ApplyMergeResultSchema = z.object({
  sessionsAdded: z.number().int().min(0),
  sessionsReplaced: z.number().int().min(0),
  sessionsSkipped: z.number().int().min(0),
  stakeholdersAdded: z.number().int().min(0),
});
export type ApplyMergeResultInfo = z.infer<typeof ApplyMergeResultSchema>;
