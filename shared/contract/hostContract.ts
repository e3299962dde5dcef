import { z } from 'zod';
import { IdSchema, RevisionSchema, TimestampSchema, WriterSchema } from '../model/common';
import { SessionSchema } from '../model/session';
import { StakeholderSchema, LANGUAGES } from '../model/stakeholder';
import { StudySchema } from '../model/study';
import { HOST_OP_NAMES, type HostOpName } from './hostOps';
import {
  ApplyMergeInput,
  BundleText,
  ApplyMergeResultSchema,
  ExportedFileSchema,
  ExportSessionInput,
  ExportStudyInput,
  MergePreviewSchema,
  PreviewMergeInput,
  SaveExportInput,
  SaveExportResultSchema,
} from '../export/exportContract';

/**
 * The host contract: every operation the UI may ask of the host (the Electron main
 * process, the browser-preview server, or the CLI's services), with a schema for its
 * payload and its result. Transports (IPC, HTTP) carry `{ op, payload }` and a
 * `HostResult`; both validate the payload with these schemas before any service runs.
 *
 * Adding an operation: add it here, implement it in electron/services/hostServices.ts,
 * and it is served by every transport automatically.
 */
const Empty = z.object({}).strict();
const StudyRef = z.object({ studyId: IdSchema }).strict();
const SessionRef = z.object({ studyId: IdSchema, sessionId: IdSchema }).strict();
/** A new passphrase: 8 characters at least (a few words is better); spaces and any script allowed. */
const Passphrase = z.string().min(8).max(1000);
/** A recovery key as typed or pasted: 24 words, any spacing or case (checked by the host). */
const RecoveryKeyText = z.string().min(1).max(1000);

/**
 * Reported after a write is durable: renamed into place and its folder fsynced.
 * `revision` is the document's revision on disk now: the base of the next save.
 */
export const SaveResultSchema = z.object({ savedAt: TimestampSchema, revision: RevisionSchema });
export type SaveResult = z.infer<typeof SaveResultSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which transport serves the contract. */
  host: z.enum(['electron', 'web', 'cli', 'test']),
  /** Where studies are stored, shown to the user so they can back it up. */
  dataDir: z.string(),
  /** Who this process writes as: a document carrying this id came from this app's own saves. */
  writer: WriterSchema.optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const StudySummarySchema = z.object({
  id: IdSchema,
  title: z.string(),
  description: z.string(),
  updatedAt: TimestampSchema,
  sessionCount: z.number().int().min(0),
  cohortCount: z.number().int().min(0),
  /**
   * Issue 16. Absent or `none`: a plain study. `locked`: encrypted and this host holds no
   * key for it — `title` and `description` are empty (they are encrypted too) and
   * `cohortCount` is 0 until it is unlocked. `unlocked`: encrypted, key held in the host.
   */
  encryption: z.enum(['none', 'locked', 'unlocked']).optional(),
});
export type StudySummary = z.infer<typeof StudySummarySchema>;

/**
 * A file that could not be loaded. It has been moved to the study's quarantine folder
 * (never deleted); `recoverable` says whether an earlier valid version exists.
 */
export const LoadProblemSchema = z.object({
  file: z.string(),
  sessionId: IdSchema.nullable(),
  /** The session code when it could still be read, for a message that names the session. */
  sessionCode: z.string().nullable(),
  problem: z.string(),
  quarantinedTo: z.string().nullable(),
  recoverable: z.boolean(),
  /**
   * `sync_copy`: not damage but a sync tool's conflict copy of a session — another
   * device's version of the same map, kept beside it (`device`: the device the tool names).
   * Absent: a file that could not be read.
   */
  kind: z.enum(['sync_copy']).optional(),
  device: z.string().nullable().optional(),
  /** Of a `sync_copy`: left by a sync tool, or by a restore of a backup (`pimap restore`, Restore a backup). */
  source: z.enum(['sync', 'restore']).optional(),
});
export type LoadProblem = z.infer<typeof LoadProblemSchema>;

/** What a restore did (shared/sync/restoreStudy.ts `RestoreSummary`), for the UI to report. */
const SessionNamed = z.object({ sessionId: IdSchema, code: z.string(), fileName: z.string() });
export const RestoreSummarySchema = z.object({
  studyId: IdSchema,
  title: z.string(),
  created: z.boolean(),
  studyChanged: z.boolean(),
  added: z.object({ stakeholders: z.array(z.string()), cohorts: z.array(z.string()), rounds: z.array(z.string()) }),
  addedSessions: z.array(z.string()),
  unchangedSessions: z.array(z.string()),
  localOnlySessions: z.array(z.string()),
  conflicts: z.array(SessionNamed),
  alreadyKept: z.array(SessionNamed),
  historyAdded: z.number().int().min(0),
});
export type RestoreSummaryResult = z.infer<typeof RestoreSummarySchema>;

export const OpenStudyResultSchema = z.object({
  study: StudySchema,
  sessions: z.array(SessionSchema),
  problems: z.array(LoadProblemSchema),
});
export type OpenStudyResult = z.infer<typeof OpenStudyResultSchema>;

export const TrashEntrySchema = z.object({
  trashId: z.string(),
  kind: z.enum(['study', 'session']),
  studyId: IdSchema,
  /** Study title, or session code; empty for an encrypted study's entry while it is locked. */
  label: z.string(),
  deletedAt: TimestampSchema,
  /** Issue 16: the entry belongs to an encrypted study (its files in the trash are encrypted too). */
  encrypted: z.boolean().optional(),
});
export type TrashEntry = z.infer<typeof TrashEntrySchema>;

export const SessionVersionSchema = z.object({
  versionId: z.string(),
  savedAt: TimestampSchema,
  /**
   * Why it is kept (electron/services/storage/history.ts): `recent` the last 20 saves,
   * `pause` the last save before a pause of 30 minutes or more, `interval` the last save
   * of each five minutes of editing, `daily` the first save of each of the last 30 days.
   */
  kind: z.enum(['recent', 'pause', 'interval', 'daily']),
  placed: z.number().int().min(0),
  unknown: z.number().int().min(0),
  notDiscussed: z.number().int().min(0),
  /** The version's map, so "Earlier versions" can show it before a restore. */
  placements: SessionSchema.shape.placements.optional(),
});
export type SessionVersion = z.infer<typeof SessionVersionSchema>;

export const PrefsSchema = z.object({
  language: z.enum(LANGUAGES),
  largeText: z.boolean(),
  lastStudyId: IdSchema.nullable(),
  recentStudyIds: z.array(IdSchema).max(20),
  /**
   * Bengali digits (০১২৩) for numbers and dates on screen while the UI is in Bengali;
   * absent means Latin digits. Files (CSV, JSON, CLI output) always use Latin digits.
   */
  bengaliDigits: z.boolean().optional(),
  /** True once the person has picked a language; until then the app offers the choice. */
  languageChosen: z.boolean().optional(),
  /**
   * The name this device's saves carry ("Asha's laptop", "Kolkata office"), shown to the
   * other facilitators of a shared study next to what it changed; absent: the computer's name.
   */
  deviceName: z.string().trim().max(80).optional(),
  /** Minutes without input after which encrypted studies lock (issue 16); absent: 10. */
  lockAfterMinutes: z.number().int().min(1).max(240).optional(),
});
export type Prefs = z.infer<typeof PrefsSchema>;

/**
 * A long-format CSV to import, as text: into the study `studyId`, or (null) into the
 * study the file or `title` names, created when no study has that title.
 */
export const CsvImportInputSchema = z
  .object({
    studyId: IdSchema.nullable(),
    title: z.string().max(200).optional(),
    /** The file's text (UTF-8, a byte-order mark allowed). */
    csvText: z.string().max(50 * 1024 * 1024),
  })
  .strict();
export type CsvImportInput = z.infer<typeof CsvImportInputSchema>;

/** A row-level problem: the code is translated by the UI, `params` fill in its message. */
export const CsvImportErrorSchema = z.object({
  line: z.number().int().min(0),
  column: z.string().optional(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type CsvImportError = z.infer<typeof CsvImportErrorSchema>;

/** What an import would do, shown before anything is saved. `summary` is null when there are errors. */
export const CsvImportPreviewSchema = z.object({
  /** Data rows read without a problem. */
  rows: z.number().int().min(0),
  errors: z.array(CsvImportErrorSchema),
  /** The study the rows go into: an existing one (`studyId`) or a new one (null). */
  target: z.object({ studyId: IdSchema.nullable(), title: z.string() }),
  summary: z
    .object({
      sessionsCreated: z.number().int().min(0),
      sessionsUpdated: z.number().int().min(0),
      /** Names of stakeholders, cohorts and rounds the import adds to the study. */
      newStakeholders: z.array(z.string()),
      newCohorts: z.array(z.string()),
      newRounds: z.array(z.string()),
      /** Distinct stakeholders and cohorts the file names. */
      stakeholders: z.number().int().min(0),
      cohorts: z.number().int().min(0),
    })
    .nullable(),
});
export type CsvImportPreview = z.infer<typeof CsvImportPreviewSchema>;

/** The operations, each with its payload (`input`) and result (`output`) schema. */
export const hostContract = {
  appInfo: { input: Empty, output: AppInfoSchema },
  getLibrary: { input: Empty, output: z.array(StakeholderSchema) },
  listStudies: { input: Empty, output: z.array(StudySummarySchema) },
  /** Create a study built by the UI with `newStudy`; fails with `conflict` if the id exists. */
  createStudy: { input: z.object({ study: StudySchema }).strict(), output: SaveResultSchema },
  /**
   * Replace a study's settings. `baseRevision` is the revision the edit was based on (the
   * last one this writer loaded or saved); fails with `conflict`, writing nothing, when the
   * file on disk has another revision (someone else saved it meanwhile).
   */
  saveStudy: { input: z.object({ study: StudySchema, baseRevision: RevisionSchema }).strict(), output: SaveResultSchema },
  openStudy: { input: StudyRef, output: OpenStudyResultSchema },
  /**
   * How many times the study's files (study.json, sessions, sync conflict copies) have
   * changed on disk since the host started watching it (on the first call): a sync tool,
   * another process or a copy by hand. Pages poll it and read the study again when it grows.
   */
  studyChanges: {
    input: StudyRef,
    /**
     * `watch`: which watch the count belongs to (new when watching restarts: after a minute
     * nobody asked, or in a restarted host); only the same watch and version mean nothing
     * changed. Empty or absent: no watch to trust. `locked`: the study is encrypted and its
     * key is no longer held (idle lock, OS lock, another window's Lock now).
     */
    output: z.object({ version: z.number().int().min(0), watch: z.string().max(64).optional(), locked: z.boolean().optional() }),
  },
  /**
   * End a session's sync conflict (a LoadProblem of kind `sync_copy`; `file` is the copy's
   * file name in the sessions folder) with the facilitator's choice: keep the current map,
   * use the other version, or keep both (the other as the new session `asSession`). The
   * copy is archived, never deleted.
   */
  resolveSyncCopy: {
    input: z
      .object({
        studyId: IdSchema,
        file: z.string().min(1).max(300),
        choice: z.enum(['keep_current', 'use_copy', 'keep_both']),
        asSession: z.object({ id: IdSchema, code: z.string().trim().min(1).max(60) }).strict().nullable(),
      })
      .strict(),
    output: z.object({ sessionId: IdSchema }),
  },
  /**
   * A backup of a whole study (`pimap backup`): one study file with every session that
   * loads, notes included (a backup is never redacted), and with `withHistory` the earlier
   * versions of each map. `leftOut` names the files of the study folder it cannot carry
   * (a damaged file, a sync conflict copy not yet resolved).
   */
  backupStudy: {
    input: z.object({ studyId: IdSchema, withHistory: z.boolean() }).strict(),
    output: ExportedFileSchema.extend({
      sessions: z.number().int().min(0),
      historyVersions: z.number().int().min(0),
      leftOut: z.array(LoadProblemSchema),
    }),
  },
  /**
   * Restore a backup (or a study file with notes) by the sync's rules (`pimap restore`):
   * a study not here yet is created as it was; one already here is merged — stakeholders,
   * cohorts and rounds of both kept, sessions only in the backup added, a session changed
   * on both sides kept as it is here with the backup's version beside it as a conflict copy
   * (resolved on the study page). Nothing is overwritten or deleted. Fails with
   * `invalid_file`, writing nothing, when the text is not a backup that can be restored.
   */
  restoreBackup: { input: z.object({ bundleText: BundleText }).strict(), output: RestoreSummarySchema },
  // ------------------------------------------------------------ encryption (issue 16)
  /**
   * A fresh recovery key for `encryptStudy`: 24 words (BIP-39 English list) and the same
   * words as a QR code (an SVG document). Nothing is stored; the UI shows it, asks the
   * person to confirm they wrote it down, and passes the words back to `encryptStudy`.
   */
  newRecoveryKey: { input: Empty, output: z.object({ words: z.string(), qrSvg: z.string() }) },
  /**
   * Turn on encryption for a study: its data key is wrapped by `passphrase` and by
   * `recoveryKey` (from `newRecoveryKey`), then every file of the study (settings,
   * sessions, history, quarantine, its trash entries) is rewritten encrypted. The study is
   * unlocked afterwards. `conflict` if it is already encrypted; `invalid_payload` for a
   * malformed recovery key or a passphrase shorter than 8 characters.
   */
  encryptStudy: {
    input: z.object({ studyId: IdSchema, passphrase: Passphrase, recoveryKey: RecoveryKeyText }).strict(),
    output: z.object({ files: z.number().int().min(0) }),
  },
  /** Unlock an encrypted study with its passphrase or its recovery key; `wrong_passphrase` when neither opens it. */
  unlockStudy: {
    input: z
      .object({ studyId: IdSchema, passphrase: z.string().min(1).max(1000).optional(), recoveryKey: RecoveryKeyText.optional() })
      .strict()
      .refine((v) => (v.passphrase === undefined) !== (v.recoveryKey === undefined), 'give either a passphrase or a recovery key'),
    output: z.object({ studyId: IdSchema }),
  },
  /** Wipe the key of one study (or, with null, of every study) from the host's memory. */
  lockStudy: { input: z.object({ studyId: IdSchema.nullable() }).strict(), output: z.object({ locked: z.array(IdSchema) }) },
  /** Re-wrap the data key of an unlocked study with a new passphrase; the files are not rewritten. */
  changePassphrase: { input: z.object({ studyId: IdSchema, newPassphrase: Passphrase }).strict(), output: Empty },
  /**
   * Forget this study on this device: remove its folder, its history and its trash entries
   * from the data folder (the one operation that deletes). Export or back up first if wanted.
   */
  forgetStudy: { input: StudyRef, output: z.object({ removedFiles: z.number().int().min(0) }) },
  /** Moves the study to the trash; nothing is deleted. */
  deleteStudy: { input: StudyRef, output: z.object({ trashId: z.string() }) },
  listTrash: { input: Empty, output: z.array(TrashEntrySchema) },
  restoreFromTrash: { input: z.object({ trashId: z.string().min(1).max(300) }).strict(), output: z.object({ studyId: IdSchema }) },
  /**
   * Save a session map based on `baseRevision` (0: a new session, which must not exist yet).
   * Fails with `conflict`, writing nothing, when the file on disk has another revision.
   */
  saveSession: { input: z.object({ session: SessionSchema, baseRevision: RevisionSchema }).strict(), output: SaveResultSchema },
  deleteSession: { input: SessionRef, output: z.object({ trashId: z.string() }) },
  listSessionVersions: { input: SessionRef, output: z.array(SessionVersionSchema) },
  restoreSessionVersion: {
    input: z.object({ studyId: IdSchema, sessionId: IdSchema, versionId: z.string().min(1).max(300) }).strict(),
    output: z.object({ session: SessionSchema, savedAt: TimestampSchema, revision: RevisionSchema }),
  },
  getPrefs: { input: Empty, output: PrefsSchema },
  setPrefs: { input: PrefsSchema.partial().strict(), output: PrefsSchema },
  /** One session's map as a picture (SVG, PNG 2×/4×, PDF); notes left out unless `redact: false`. */
  exportSession: { input: ExportSessionInput, output: ExportedFileSchema },
  /** A study or selection as CSV, study file, report PDF or compare picture. */
  exportStudy: { input: ExportStudyInput, output: ExportedFileSchema },
  /**
   * Desktop app only: ask where to save an exported file (the OS save dialog) and write
   * it there atomically. The browser preview and the CLI refuse with `forbidden`: the
   * preview downloads the file in the browser instead.
   */
  saveExport: { input: SaveExportInput, output: SaveExportResultSchema },
  /** What importing a study file would add, skip and which conflicts need a decision. Changes nothing. */
  previewMerge: { input: PreviewMergeInput, output: MergePreviewSchema },
  /** Merge a study file with a resolution for every conflict; never overwrites without one. */
  applyMerge: { input: ApplyMergeInput, output: ApplyMergeResultSchema },
  /** Read a long-format CSV and say what importing it would do, with every row-level error. Writes nothing. */
  previewCsvImport: { input: CsvImportInputSchema, output: CsvImportPreviewSchema },
  /** Import a long-format CSV: every row or nothing (fails with `invalid_file` if any row is wrong). */
  commitCsvImport: { input: CsvImportInputSchema, output: z.object({ studyId: IdSchema, savedAt: TimestampSchema }) },
} as const;

export type HostContract = typeof hostContract;
export type HostOp = keyof HostContract;
export type HostInput<K extends HostOp> = z.input<HostContract[K]['input']>;
export type HostOutput<K extends HostOp> = z.output<HostContract[K]['output']>;

/** Operation names, for transports that must enumerate them (preload, HTTP router). */
export const HOST_OPS: readonly HostOp[] = HOST_OP_NAMES;

// Compile-time check that hostOps.ts (the zod-free list the preload uses) names exactly
// the operations of the contract: a missing or extra name fails type-checking here.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _opNamesMatchContract: SameKeys<HostOp, HostOpName> = true;

export function isHostOp(name: unknown): name is HostOp {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(hostContract, name);
}

/** Error codes a host call can fail with. The UI maps each to a translated message. */
export const HOST_ERROR_CODES = [
  'unknown_operation',
  'invalid_payload',
  'forbidden',
  'not_found',
  /**
   * The thing exists already, or (saveStudy, saveSession) the document changed on disk
   * since the revision the save was based on: another window, process or `pimap import`
   * saved it. Nothing was written; the UI offers "take theirs" or "keep mine as a copy".
   */
  'conflict',
  'locked',
  /** Issue 16: the study is encrypted and locked; unlock it with its passphrase (nothing was read or written). */
  'study_locked',
  /** Issue 16: neither the passphrase nor the recovery key opens this study. */
  'wrong_passphrase',
  'invalid_file',
  'io',
  'disk_full',
  'read_only',
  'internal',
] as const;
export const HostErrorSchema = z.object({
  code: z.enum(HOST_ERROR_CODES),
  message: z.string(),
});
export type HostErrorInfo = z.infer<typeof HostErrorSchema>;

/** What every transport returns: never a thrown error, so types survive IPC and HTTP. */
export type HostResult<T> = { ok: true; value: T } | { ok: false; error: HostErrorInfo };

/** Thrown by services; converted to a `HostResult` by `dispatchHostCall`. */
export class HostError extends Error {
  constructor(
    readonly code: HostErrorInfo['code'],
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** The services behind the contract: one async function per operation. */
export type HostHandlers = { [K in HostOp]: (input: z.output<HostContract[K]['input']>) => Promise<HostOutput<K>> };
