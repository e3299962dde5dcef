import { z } from 'zod';
import { TimestampSchema } from '../model/common';
import { describeIssues, readSession, readStudy } from '../model/migrations';
import { nameKey } from '../model/names';
import { SessionSchema, type Placement, type Session } from '../model/session';
import type { Stakeholder } from '../model/stakeholder';
import { StudySchema, type Cohort, type Round, type Study } from '../model/study';
import { redactSession } from './redact';

/**
 * A study file: one JSON document carrying a whole study, or chosen sessions of it, to
 * send to a trainer or a colleague. Versioned like every persisted document; the study
 * and sessions inside go through their own readers and migrations.
 *
 * A *backup* is a study file too (one format, one reader): every session, never redacted,
 * and optionally `history` — earlier versions of its sessions, as kept in the study's
 * `.history` folder — which is what format version 2 adds. A file is written with the
 * lowest version that can carry it (1 without history, 2 with it), so an export or a
 * backup without history still opens in an app that only knows version 1. Version 1
 * files are read as before.
 */
export const BUNDLE_FORMAT = 'pimap/study-bundle';
/** The newest version this app reads (and writes, for a file with history). */
export const BUNDLE_VERSION = 2;
/** The first version that may carry `history`. */
export const HISTORY_BUNDLE_VERSION = 2;

/** History version ids as the storage names them: `20261128T093300123Z`, or `…Z-0001`. */
const VERSION_ID = /^\d{8}T\d{9}Z(?:-\d{4})?$/;

/** One earlier version of a session of the file. */
export const HistoryEntrySchema = z.object({
  sessionId: z.string(),
  /** The version's id in `.history/<sessionId>/` (its saved-at time). */
  versionId: z.string().regex(VERSION_ID, 'must be a history version id like 20261128T093300123Z'),
  session: SessionSchema,
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** Enough for 1,000 sessions with their kept versions (at most about 80 each). */
const MAX_HISTORY = 200_000;

export const StudyBundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.union([z.literal(1), z.literal(2)]),
    study: StudySchema,
    sessions: z.array(SessionSchema).max(10_000),
    exportedAt: TimestampSchema,
    /** Notes and quotes were left out on export. */
    redacted: z.boolean(),
    /** Version 2: earlier versions of the file's sessions (a backup made "with history"). */
    history: z.array(HistoryEntrySchema).max(MAX_HISTORY).optional(),
  })
  .superRefine((b, ctx) => {
    const ids = new Set<string>();
    b.sessions.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sessions', i, 'id'], message: `duplicate session id "${s.id}"` });
      ids.add(s.id);
      if (s.studyId !== b.study.id) ctx.addIssue({ code: 'custom', path: ['sessions', i, 'studyId'], message: 'the session belongs to another study' });
    });
    if (b.history === undefined) return;
    if (b.version < HISTORY_BUNDLE_VERSION)
      ctx.addIssue({ code: 'custom', path: ['history'], message: `history needs format version ${HISTORY_BUNDLE_VERSION}` });
    if (b.redacted) ctx.addIssue({ code: 'custom', path: ['history'], message: 'a redacted file cannot carry history' });
    const versions = new Set<string>();
    b.history.forEach((h, i) => {
      if (!ids.has(h.sessionId)) ctx.addIssue({ code: 'custom', path: ['history', i, 'sessionId'], message: `no session "${h.sessionId}" in the file` });
      if (h.session.id !== h.sessionId) ctx.addIssue({ code: 'custom', path: ['history', i, 'session', 'id'], message: 'the version belongs to another session' });
      if (h.session.studyId !== b.study.id) ctx.addIssue({ code: 'custom', path: ['history', i, 'session', 'studyId'], message: 'the version belongs to another study' });
      const key = `${h.sessionId}/${h.versionId}`;
      if (versions.has(key)) ctx.addIssue({ code: 'custom', path: ['history', i, 'versionId'], message: `duplicate version "${h.versionId}" of session "${h.sessionId}"` });
      versions.add(key);
    });
  });
export type StudyBundle = z.infer<typeof StudyBundleSchema>;

/** Bundle a study and its sessions (all, or those in `sessionIds`), redacted if asked. */
export function buildBundle(
  study: Study,
  sessions: readonly Session[],
  opts: { exportedAt: string; redact: boolean; sessionIds?: readonly string[] | null },
): StudyBundle {
  const chosen = opts.sessionIds ? sessions.filter((s) => opts.sessionIds!.includes(s.id)) : [...sessions];
  return {
    format: BUNDLE_FORMAT,
    version: 1,
    study: structuredClone(study),
    sessions: chosen.map((s) => (opts.redact ? redactSession(s) : structuredClone(s))),
    exportedAt: opts.exportedAt,
    redacted: opts.redact,
  };
}

/**
 * A backup of a study: every session as it is (never redacted — it is a backup, kept
 * or carried by the study's own team), and with `history` the earlier versions of each
 * session (format version 2). History of sessions not in `sessions` is left out.
 */
export function buildBackup(study: Study, sessions: readonly Session[], opts: { exportedAt: string; history?: readonly HistoryEntry[] | null }): StudyBundle {
  const bundle = buildBundle(study, sessions, { exportedAt: opts.exportedAt, redact: false });
  if (!opts.history) return bundle;
  const ids = new Set(sessions.map((s) => s.id));
  const history = opts.history.filter((h) => ids.has(h.sessionId)).map((h) => structuredClone(h));
  return { ...bundle, version: HISTORY_BUNDLE_VERSION, history };
}

export function serializeBundle(bundle: StudyBundle): string {
  return JSON.stringify(bundle, null, 2) + '\n';
}

export type ParseBundleResult = { ok: true; bundle: StudyBundle } | { ok: false; problem: string };

/** Read a study file's text: JSON, format, version, then the study and each session through their readers. */
export function parseBundle(text: string): ParseBundleResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problem: 'the file is not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'the file does not contain a JSON object' };
  const doc = raw as Record<string, unknown>;
  if (doc.format !== BUNDLE_FORMAT) return { ok: false, problem: `the file is not a ${BUNDLE_FORMAT} file` };
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) return { ok: false, problem: 'the file has no valid format version' };
  if (doc.version > BUNDLE_VERSION)
    return { ok: false, problem: `the file uses format version ${doc.version}, newer than this app understands (${BUNDLE_VERSION}); update the app` };
  const study = readStudy(doc.study);
  if (!study.ok) return { ok: false, problem: `study: ${study.problem}` };
  if (!Array.isArray(doc.sessions)) return { ok: false, problem: 'sessions: expected a list' };
  const sessions: Session[] = [];
  for (const [i, s] of doc.sessions.entries()) {
    const read = readSession(s);
    if (!read.ok) return { ok: false, problem: `sessions.${i}: ${read.problem}` };
    sessions.push(read.value);
  }
  let history: HistoryEntry[] | undefined;
  if (doc.history !== undefined) {
    if (doc.version < HISTORY_BUNDLE_VERSION) return { ok: false, problem: `history: needs format version ${HISTORY_BUNDLE_VERSION}` };
    if (!Array.isArray(doc.history)) return { ok: false, problem: 'history: expected a list' };
    history = [];
    for (const [i, h] of doc.history.entries()) {
      if (typeof h !== 'object' || h === null || Array.isArray(h)) return { ok: false, problem: `history.${i}: expected an object` };
      const entry = h as Record<string, unknown>;
      const read = readSession(entry.session);
      if (!read.ok) return { ok: false, problem: `history.${i}.session: ${read.problem}` };
      history.push({ ...(entry as Omit<HistoryEntry, 'session'>), session: read.value });
    }
  }
  const parsed = StudyBundleSchema.safeParse({ ...doc, study: study.value, sessions, ...(history ? { history } : {}) });
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error) };
  return { ok: true, bundle: parsed.data };
}

// ---------------------------------------------------------------------------------
// Merging a study file into a study.

/** A session of the file whose code and round already exist in the study with different content. */
export interface MergeConflict {
  /** The key to resolve it by: the id of our session. */
  key: string;
  code: string;
  /** The (target) round id, or null. */
  roundId: string | null;
  ours: Session;
  /** Their session, already translated to our stakeholder, cohort and round ids. */
  theirs: Session;
  /** Stakeholder ids whose placement differs, and session fields that differ. */
  changedStakeholders: string[];
  changedFields: string[];
}

export interface MergePlan {
  target: { study: Study; sessions: Session[] };
  /** Their stakeholder id → ours. */
  stakeholderMap: Record<string, string>;
  /** Their stakeholders with no match; added to the study as custom stakeholders. */
  newStakeholders: Stakeholder[];
  cohortMap: Record<string, string>;
  newCohorts: Cohort[];
  roundMap: Record<string, string>;
  newRounds: Round[];
  /** Sessions whose code and round are new to the study, translated to our ids. */
  newSessions: Session[];
  /** Sessions we already have with the same content: skipped. */
  identical: { code: string; roundId: string | null; ours: string }[];
  conflicts: MergeConflict[];
  /** The file left out notes: content is compared without notes, and taking theirs keeps our notes. */
  redacted: boolean;
}

export type MergeResolution = 'keep_ours' | 'take_theirs' | 'keep_both';

function matchBy<T extends { id: string }>(theirs: readonly T[], ours: readonly T[], keys: (t: T) => string[]) {
  const map: Record<string, string> = {};
  const unmatched: T[] = [];
  for (const t of theirs) {
    const byId = ours.find((o) => o.id === t.id);
    if (byId) {
      map[t.id] = byId.id;
      continue;
    }
    const wanted = new Set(keys(t).map(nameKey));
    const byName = ours.find((o) => keys(o).some((k) => wanted.has(nameKey(k))));
    if (byName) map[t.id] = byName.id;
    else unmatched.push(t);
  }
  return { map, unmatched };
}

/** An id not yet used, derived from `base` ("x", "x-2", "x-3"…), deterministic. */
function freeId(base: string, used: Set<string>): string {
  let id = base.slice(0, 90);
  for (let k = 2; used.has(id); k++) id = `${base.slice(0, 90)}-${k}`;
  used.add(id);
  return id;
}

function sortedPlacements(p: Session['placements'], withNotes: boolean): [string, Placement][] {
  return Object.keys(p)
    .sort()
    .map((k) => [k, withNotes ? p[k]! : { ...p[k]!, note: '' }]);
}

function samePlacement(a: Placement | undefined, b: Placement | undefined, withNotes: boolean): boolean {
  if (!a || !b) return a === b;
  return JSON.stringify(sortedPlacements({ x: a }, withNotes)) === JSON.stringify(sortedPlacements({ x: b }, withNotes));
}

const CONTENT_FIELDS = ['cohortId', 'kind', 'date', 'place', 'facilitator', 'participants', 'consent', 'notes'] as const;
/** What a redacted file leaves out (shared/export/redact.ts). */
const PRIVATE_FIELDS: ReadonlySet<string> = new Set(['notes', 'place', 'facilitator']);

function differences(ours: Session, theirs: Session, withNotes: boolean) {
  // A redacted file says nothing about notes, place or facilitator: an empty one is not a change.
  const changedFields = CONTENT_FIELDS.filter((f) => (!withNotes && PRIVATE_FIELDS.has(f) ? false : ours[f] !== theirs[f]));
  const ids = [...new Set([...Object.keys(ours.placements), ...Object.keys(theirs.placements)])].sort();
  const changedStakeholders = ids.filter((id) => !samePlacement(ours.placements[id], theirs.placements[id], withNotes));
  return { changedFields: [...changedFields], changedStakeholders };
}

/**
 * Plan how a study file merges into a study, without changing anything: stakeholders
 * match by id, then by name or short label (as `nameKey` compares names); cohorts and
 * rounds by id, then by name; anything unmatched is added. Each session of the file is new, identical
 * to one we have (same code and round, same content: skipped), or a conflict for the
 * user to resolve. Nothing is ever overwritten by the plan itself.
 */
export function planMerge(targetStudy: Study, targetSessions: readonly Session[], bundle: StudyBundle): MergePlan {
  const usedStakeholderIds = new Set(targetStudy.stakeholders.map((s) => s.id));
  const st = matchBy(bundle.study.stakeholders, targetStudy.stakeholders, (s) => [s.name, s.short]);
  const newStakeholders: Stakeholder[] = st.unmatched.map((s) => {
    const id = freeId(s.id, usedStakeholderIds);
    st.map[s.id] = id;
    return { ...structuredClone(s), id, custom: true };
  });
  // Placements of stakeholders the file's own list does not name keep their id (or match ours).
  for (const s of bundle.sessions)
    for (const id of Object.keys(s.placements))
      if (!(id in st.map)) {
        if (usedStakeholderIds.has(id)) st.map[id] = id;
        else {
          const nid = freeId(id, usedStakeholderIds);
          st.map[id] = nid;
          newStakeholders.push({ id: nid, name: id, short: id.slice(0, 24), description: '', category: 'other', labels: {}, retired: false, custom: true });
        }
      }

  const usedCohortIds = new Set(targetStudy.cohorts.map((c) => c.id));
  const co = matchBy(bundle.study.cohorts, targetStudy.cohorts, (c) => [c.name]);
  const newCohorts = co.unmatched.map((c) => {
    const id = freeId(c.id, usedCohortIds);
    co.map[c.id] = id;
    return { ...c, id };
  });
  const usedRoundIds = new Set(targetStudy.rounds.map((r) => r.id));
  const ro = matchBy(bundle.study.rounds, targetStudy.rounds, (r) => [r.name]);
  const newRounds = ro.unmatched.map((r) => {
    const id = freeId(r.id, usedRoundIds);
    ro.map[r.id] = id;
    return { ...r, id };
  });
  for (const s of bundle.sessions) {
    if (!(s.cohortId in co.map)) co.map[s.cohortId] = s.cohortId;
    if (s.roundId !== null && !(s.roundId in ro.map)) ro.map[s.roundId] = s.roundId;
  }

  const withNotes = !bundle.redacted;
  const newSessions: Session[] = [];
  const identical: MergePlan['identical'] = [];
  const conflicts: MergeConflict[] = [];
  for (const s of bundle.sessions) {
    const placements: Session['placements'] = {};
    for (const [id, p] of Object.entries(s.placements)) placements[st.map[id]!] = structuredClone(p);
    const theirs: Session = {
      ...structuredClone(s),
      studyId: targetStudy.id,
      cohortId: co.map[s.cohortId]!,
      roundId: s.roundId === null ? null : ro.map[s.roundId]!,
      placements,
    };
    const ours = targetSessions.find((o) => nameKey(o.code) === nameKey(theirs.code) && o.roundId === theirs.roundId);
    if (!ours) {
      newSessions.push(theirs);
      continue;
    }
    const diff = differences(ours, theirs, withNotes);
    if (diff.changedFields.length === 0 && diff.changedStakeholders.length === 0) identical.push({ code: ours.code, roundId: ours.roundId, ours: ours.id });
    else conflicts.push({ key: ours.id, code: ours.code, roundId: ours.roundId, ours: structuredClone(ours), theirs, ...diff });
  }

  return {
    target: { study: targetStudy, sessions: [...targetSessions] },
    stakeholderMap: st.map,
    newStakeholders,
    cohortMap: co.map,
    newCohorts,
    roundMap: ro.map,
    newRounds,
    newSessions,
    identical,
    conflicts,
    redacted: bundle.redacted,
  };
}

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

export interface ApplyMergeOptions {
  /** The time of the merge, for `updatedAt`. */
  now: string;
  /** Appended to a kept-both session's code, e.g. "(imported)" → "FGD 3 (imported)". */
  importedSuffix: string;
}

export interface MergeResult {
  study: Study;
  /** Every session of the study after the merge. */
  sessions: Session[];
  /** The sessions that are new or changed: the ones to save. */
  written: Session[];
}

/** Keep our notes, place and facilitator where a redacted file left them out. */
function keepOurNotes(ours: Session, theirs: Session): Session {
  const placements: Session['placements'] = {};
  for (const [id, p] of Object.entries(theirs.placements)) placements[id] = { ...p, note: p.note || ours.placements[id]?.note || '' };
  return { ...theirs, notes: theirs.notes || ours.notes, place: theirs.place || ours.place, facilitator: theirs.facilitator || ours.facilitator, placements };
}

/**
 * Carry out a plan with the user's resolution for every conflict: `keep_ours` leaves our
 * session, `take_theirs` replaces its content (keeping our id and creation time),
 * `keep_both` adds theirs under a new code ("FGD 3 (imported)"). A conflict without a
 * resolution is an error: nothing is decided silently.
 */
export function applyMerge(plan: MergePlan, resolutions: Readonly<Record<string, MergeResolution>>, options: ApplyMergeOptions): MergeResult {
  const missing = plan.conflicts.filter((c) => !resolutions[c.key]).map((c) => c.code);
  if (missing.length) throw new MergeError(`choose what to do with ${missing.join(', ')}`);
  const study: Study = {
    ...structuredClone(plan.target.study),
    stakeholders: [...plan.target.study.stakeholders, ...plan.newStakeholders],
    cohorts: [...plan.target.study.cohorts, ...plan.newCohorts],
    rounds: [...plan.target.study.rounds, ...plan.newRounds],
    updatedAt: options.now,
  };
  const sessions = plan.target.sessions.map((s) => structuredClone(s));
  const usedIds = new Set(sessions.map((s) => s.id));
  const written: Session[] = [];
  const codeTaken = (code: string, roundId: string | null) => sessions.some((s) => nameKey(s.code) === nameKey(code) && s.roundId === roundId);
  const add = (s: Session) => {
    const session: Session = { ...s, id: freeId(s.id, usedIds), studyId: study.id, updatedAt: options.now };
    sessions.push(session);
    written.push(session);
  };

  for (const s of plan.newSessions) add(s);
  for (const c of plan.conflicts) {
    const choice = resolutions[c.key]!;
    if (choice === 'keep_ours') continue;
    if (choice === 'take_theirs') {
      const i = sessions.findIndex((s) => s.id === c.ours.id);
      const theirs = plan.redacted ? keepOurNotes(c.ours, c.theirs) : c.theirs;
      const replaced: Session = { ...theirs, id: c.ours.id, studyId: study.id, code: c.ours.code, createdAt: c.ours.createdAt, updatedAt: options.now };
      sessions[i] = replaced;
      written.push(replaced);
      continue;
    }
    // keep_both: a new code that no session of that round uses, within the 60-character limit.
    const suffix = ` ${options.importedSuffix}`;
    let code = `${c.theirs.code.slice(0, 60 - suffix.length)}${suffix}`;
    for (let k = 2; codeTaken(code, c.theirs.roundId); k++) {
      const numbered = ` ${options.importedSuffix} ${k}`;
      code = `${c.theirs.code.slice(0, 60 - numbered.length)}${numbered}`;
    }
    add({ ...c.theirs, code });
  }
  return { study, sessions, written };
}
