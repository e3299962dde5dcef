import type { Session } from '../model/session';
import { sameDocument } from '../model/sameDocument';
import { StudySchema, type Study } from '../model/study';
import { describeIssues } from '../model/migrations';
import type { HistoryEntry, StudyBundle } from '../export/studyFile';
import { parseConflictCopy } from './conflictCopies';
import { mergeStudies } from './mergeStudy';

/**
 * Restoring a backup (a study file, shared/export/studyFile.ts) into a data folder, by
 * the same rules as the sync — planned here, without touching anything; the storage
 * layer (electron/services/storage/restore.ts) carries the plan out.
 *
 * - No local copy of the study: the study and every session are written as they are
 *   (same revision, same writer), with the history the backup carries.
 * - A local copy: study.json becomes `mergeStudies(local, backup.study)` — cohorts, rounds
 *   and stakeholders add-wins by id, the newer version's fields where both have an id —
 *   saved over the local revision (only when the merge changes something). Then, per
 *   session id:
 *     only in the backup             → added, as it is;
 *     only local                     → kept (a restore never deletes);
 *     on both, same content          → nothing (revision and writer are ignored);
 *     on both, different content     → the local file stays, and the backup's version is
 *                                      written beside it as a conflict copy,
 *                                      `sessions/<id>.sync-conflict-YYYYMMDD-HHMMSS-RESTORE.json`
 *                                      — the name a sync tool gives one, so the app shows it
 *                                      (`kind: 'sync_copy'`, "from device RESTORE") and the
 *                                      user resolves it like any sync conflict. When a
 *                                      conflict copy of that session with the same content is
 *                                      already there (the same backup restored twice), none is
 *                                      added.
 *   Nothing local is ever overwritten.
 * - History: each earlier version in the backup is added to the session's local history
 *   only when that version id is not there yet.
 *
 * A redacted file (an export that left notes out) is not a backup: restoring it would
 * make every session with notes a conflict, so it is refused.
 */

/** What is on disk for the study now; null when the data folder has no copy of it. */
export interface LocalStudy {
  study: Study;
  sessions: readonly Session[];
  /** Conflict copies already in sessions/ (a sync tool's or an earlier restore's), with what they hold. */
  conflictCopies?: readonly { fileName: string; session: Session }[];
  /** Every name in sessions/, so a new conflict copy never takes one in use. */
  fileNames?: readonly string[];
  /** The version ids already in each session's history (`.history/<sessionId>/`). */
  historyIds?: Readonly<Record<string, readonly string[]>>;
}

export interface RestoreOptions {
  /** The time of the restore: it names the conflict copies. */
  now: Date;
  /** The device part of a conflict copy's name: 7 letters or digits. */
  device?: string;
}

/** The device that conflict copies made by a restore name. */
export const RESTORE_DEVICE = 'RESTORE';

export interface RestoreConflict {
  sessionId: string;
  code: string;
  /** The conflict copy's file name in sessions/. */
  fileName: string;
  /** The backup's version of the session, written there as it is. */
  session: Session;
}

export interface RestoreSummary {
  studyId: string;
  title: string;
  /** There was no local copy: the study was created from the backup. */
  created: boolean;
  /** study.json changes (always true when created). */
  studyChanged: boolean;
  /** Names of what the backup's study.json added to the local one. */
  added: { stakeholders: string[]; cohorts: string[]; rounds: string[] };
  /** Codes of the sessions added from the backup. */
  addedSessions: string[];
  /** Codes of the sessions that were the same on both sides. */
  unchangedSessions: string[];
  /** Codes of local sessions the backup does not have (kept). */
  localOnlySessions: string[];
  /** Sessions different on both sides: the backup's version kept as a conflict copy. */
  conflicts: { sessionId: string; code: string; fileName: string }[];
  /** Conflicts whose conflict copy (same content) was already there from an earlier restore or sync. */
  alreadyKept: { sessionId: string; code: string; fileName: string }[];
  /** Earlier versions added to history. */
  historyAdded: number;
}

export interface RestorePlan {
  studyId: string;
  /** Create the study folder with this study.json (no local copy). */
  createStudy: Study | null;
  /** Save this merged study.json over `baseRevision` (a local copy the backup adds to). */
  saveStudy: { study: Study; baseRevision: number } | null;
  /** New session files, written as they are; none of them exists locally. */
  addSessions: Session[];
  /** Conflict copies to write beside local sessions; no file of that name exists. */
  conflictCopies: RestoreConflict[];
  /** Earlier versions to add to history, only where the version id is missing. */
  history: HistoryEntry[];
  summary: RestoreSummary;
}

export type RestorePlanResult = { ok: true; plan: RestorePlan } | { ok: false; problem: string };


/** The same session apart from its revision and writer (the repository's rule for "nothing to save"). */
export function sameSessionContent(a: Session, b: Session): boolean {
  return sameDocument(a, b);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `20261203-092000`, in UTC: the time part of a Syncthing-style conflict copy name. */
function stamp(at: Date): string {
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
}

/** A conflict copy name for `sessionId` that no file in `taken` (lower-cased) has: the next second if needed. */
export function conflictCopyName(sessionId: string, at: Date, device: string, taken: ReadonlySet<string>): string {
  for (let k = 0; ; k++) {
    const name = `${sessionId}.sync-conflict-${stamp(new Date(at.getTime() + k * 1000))}-${device}.json`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Plan the restore of `backup` over `local` (null: no copy of the study in the data folder). */
export function planRestore(local: LocalStudy | null, backup: StudyBundle, options: RestoreOptions): RestorePlanResult {
  if (backup.redacted)
    return { ok: false, problem: 'the file leaves out notes, place and facilitator (an export for sharing, not a backup); import it in the app instead' };
  const device = (options.device ?? RESTORE_DEVICE).toUpperCase();
  if (!/^[A-Z0-9]{7}$/.test(device)) return { ok: false, problem: `the device of a conflict copy must be 7 letters or digits, not "${device}"` };
  if (local && local.study.id !== backup.study.id) return { ok: false, problem: `the local study is "${local.study.id}", the backup's is "${backup.study.id}"` };
  const studyId = backup.study.id;
  const codes = (list: readonly Session[]) => list.map((s) => s.code);

  if (!local) {
    const history = (backup.history ?? []).map((h) => structuredClone(h));
    return {
      ok: true,
      plan: {
        studyId,
        createStudy: structuredClone(backup.study),
        saveStudy: null,
        addSessions: backup.sessions.map((s) => structuredClone(s)),
        conflictCopies: [],
        history,
        summary: {
          studyId,
          title: backup.study.title,
          created: true,
          studyChanged: true,
          added: {
            stakeholders: backup.study.stakeholders.map((s) => s.name),
            cohorts: backup.study.cohorts.map((c) => c.name),
            rounds: backup.study.rounds.map((r) => r.name),
          },
          addedSessions: codes(backup.sessions),
          unchangedSessions: [],
          localOnlySessions: [],
          conflicts: [],
          alreadyKept: [],
          historyAdded: history.length,
        },
      },
    };
  }

  const merged = mergeStudies(local.study, backup.study);
  if (merged.changed) {
    // Never plan a study.json that would not load (e.g. more than 500 stakeholders together).
    const valid = StudySchema.safeParse(merged.study);
    if (!valid.success) return { ok: false, problem: `together the two versions of the study are not valid settings (${describeIssues(valid.error)}); nothing was restored` };
  }

  const localById = new Map(local.sessions.map((s) => [s.id, s]));
  const backupIds = new Set(backup.sessions.map((s) => s.id));
  const copies = local.conflictCopies ?? [];
  const taken = new Set([...copies.map((c) => c.fileName), ...(local.fileNames ?? [])].map((n) => n.toLowerCase()));
  const addSessions: Session[] = [];
  const unchanged: Session[] = [];
  const conflictCopies: RestoreConflict[] = [];
  const alreadyKept: RestoreSummary['alreadyKept'] = [];
  for (const theirs of backup.sessions) {
    const ours = localById.get(theirs.id);
    if (!ours) {
      addSessions.push(structuredClone(theirs));
      continue;
    }
    if (sameSessionContent(ours, theirs)) {
      unchanged.push(ours);
      continue;
    }
    const kept = copies.find((c) => parseConflictCopy(c.fileName)?.original.toLowerCase() === `${theirs.id}.json`.toLowerCase() && sameSessionContent(c.session, theirs));
    if (kept) {
      alreadyKept.push({ sessionId: theirs.id, code: ours.code, fileName: kept.fileName });
      continue;
    }
    const fileName = conflictCopyName(theirs.id, options.now, device, taken);
    taken.add(fileName.toLowerCase());
    conflictCopies.push({ sessionId: theirs.id, code: ours.code, fileName, session: structuredClone(theirs) });
  }

  const have = local.historyIds ?? {};
  const history = (backup.history ?? []).filter((h) => !(have[h.sessionId] ?? []).includes(h.versionId)).map((h) => structuredClone(h));

  return {
    ok: true,
    plan: {
      studyId,
      createStudy: null,
      saveStudy: merged.changed ? { study: merged.study, baseRevision: local.study.revision } : null,
      addSessions,
      conflictCopies,
      history,
      summary: {
        studyId,
        title: merged.study.title,
        created: false,
        studyChanged: merged.changed,
        added: merged.added,
        addedSessions: codes(addSessions),
        unchangedSessions: codes(unchanged),
        localOnlySessions: codes(local.sessions.filter((s) => !backupIds.has(s.id))),
        conflicts: conflictCopies.map(({ sessionId, code, fileName }) => ({ sessionId, code, fileName })),
        alreadyKept,
        historyAdded: history.length,
      },
    },
  };
}
