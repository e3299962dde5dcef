import type { LoadProblem, Prefs } from '../../../shared/contract/hostContract';
import { nameKey } from '../../../shared/model/names';
import type { Session } from '../../../shared/model/session';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { sameDocument } from '../../../shared/model/sameDocument';
import { updateStudySettings } from '../../../shared/ops/studyOps';
import { touchStudy } from '../../../shared/ops/studyOps';
import { callHost, HostCallError } from '../host/hostClient';
import { useAppStore, type Notice } from './appStore';
import { errorMessage, hostFailure } from './hostErrors';
import {
  dropQueue,
  dropStudyQueues,
  flushAll,
  flushDoc,
  flushStudy,
  loadedFromDisk,
  replacedOnDisk,
  resolveConflict,
  scheduleSessionSave,
  scheduleStudySave,
  sessionKey,
  studyKey,
  unsavedDoc, knownRevision } from './persistence';

/**
 * What the UI can do to the data. Components call these; they talk to the host
 * through hostClient and keep the store in step. Pure changes to a study or a
 * session come from shared/ops and are passed in as functions or finished values.
 */

const get = useAppStore.getState;
const set = useAppStore.setState;
const now = () => new Date().toISOString();

/** How many studies "recent" remembers. */
const RECENT_LIMIT = 8;

// ── Notices ──────────────────────────────────────────────────────────────────

let nextNoticeId = 1;

/** Confirmations and undo offers go after this long (ms); errors stay until dismissed. */
export const NOTICE_TTL_MS = 6000;
/** A notice shown this soon before a page change belongs to the new page (an import that opens the study it made). */
export const NOTICE_ROUTE_GRACE_MS = 1500;
/** After the pointer or focus leaves the notices, an expired one stays at least this long. */
export const NOTICE_LINGER_MS = 2000;

/** Time for the notices, replaceable in tests (fake timers or a hand-driven clock). */
export interface NoticeClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
const realClock: NoticeClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};
let clock: NoticeClock = realClock;
let sweepTimer: unknown = null;
/** The pointer is over the notices or focus is in them: nothing expires meanwhile. */
let held = false;

export function setNoticeClock(next: NoticeClock | null): void {
  if (sweepTimer !== null) clock.clearTimeout(sweepTimer);
  sweepTimer = null;
  clock = next ?? realClock;
  held = false;
  scheduleSweep();
}

/** Remove the notices whose time is up, and wait for the next one. */
export function sweepNotices(): void {
  if (!held) {
    const t = clock.now();
    const kept = get().notices.filter((n) => n.expiresAt === null || n.expiresAt > t);
    if (kept.length !== get().notices.length) set({ notices: kept });
  }
  scheduleSweep();
}

function scheduleSweep(): void {
  if (sweepTimer !== null) clock.clearTimeout(sweepTimer);
  sweepTimer = null;
  if (held) return;
  const next = Math.min(...get().notices.map((n) => n.expiresAt ?? Infinity));
  if (!Number.isFinite(next)) return;
  sweepTimer = clock.setTimeout(() => {
    sweepTimer = null;
    sweepNotices();
  }, Math.max(0, next - clock.now()));
}

/**
 * Show a notice. Confirmations (tone info, with or without an undo) go after a few
 * seconds; errors stay until dismissed. Every notice belongs to the page it was shown on
 * unless `global`.
 */
export function notify(notice: Omit<Notice, 'id' | 'createdAt' | 'expiresAt'> & { expiresAt?: number | null }): number {
  const id = nextNoticeId++;
  const createdAt = clock.now();
  const expiresAt = notice.expiresAt !== undefined ? notice.expiresAt : notice.tone === 'error' ? null : createdAt + NOTICE_TTL_MS;
  set((s) => ({ notices: [...s.notices.slice(-4), { ...notice, id, createdAt, expiresAt }] }));
  scheduleSweep();
  return id;
}

export function dismissNotice(id: number): void {
  set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  scheduleSweep();
}

/**
 * Pause expiry while the user reads or reaches for a notice (pointer over it, focus in
 * it); when they leave, a notice whose time ran out meanwhile stays a little longer.
 */
export function holdNotices(hold: boolean): void {
  if (held === hold) return;
  held = hold;
  if (!hold) {
    const least = clock.now() + NOTICE_LINGER_MS;
    set((s) => ({ notices: s.notices.map((n) => (n.expiresAt !== null && n.expiresAt < least ? { ...n, expiresAt: least } : n)) }));
  }
  scheduleSweep();
}

/** The user went to another page: drop the notices of the page left (not global ones, nor any shown just now). */
export function clearPageNotices(): void {
  const since = clock.now() - NOTICE_ROUTE_GRACE_MS;
  const kept = get().notices.filter((n) => n.global || n.createdAt >= since);
  if (kept.length !== get().notices.length) set({ notices: kept });
  scheduleSweep();
}

/** Show a failed host call in the notice area. */
export function reportError(err: unknown): void {
  const { key, values } = errorMessage(err);
  notify({ tone: 'error', key, values });
}

// ── Preferences and app info ─────────────────────────────────────────────────

export async function loadPrefs(): Promise<void> {
  const [prefs, appInfo] = await Promise.all([callHost('getPrefs', {}), callHost('appInfo', {})]);
  set({ prefs, appInfo });
}

/** Change preferences at once in the UI, then store them. */
export async function updatePrefs(patch: Partial<Prefs>): Promise<void> {
  set((s) => ({ prefs: { ...s.prefs, ...patch } }));
  try {
    await callHost('setPrefs', patch);
  } catch (err) {
    reportError(err);
  }
}

function rememberOpened(studyId: string): void {
  const { prefs } = get();
  const recentStudyIds = [studyId, ...prefs.recentStudyIds.filter((id) => id !== studyId)].slice(0, RECENT_LIMIT);
  if (prefs.lastStudyId === studyId && prefs.recentStudyIds[0] === studyId) return;
  void updatePrefs({ lastStudyId: studyId, recentStudyIds });
}

function forgetStudy(studyId: string): void {
  const { prefs } = get();
  if (prefs.lastStudyId !== studyId && !prefs.recentStudyIds.includes(studyId)) return;
  void updatePrefs({
    lastStudyId: prefs.lastStudyId === studyId ? null : prefs.lastStudyId,
    recentStudyIds: prefs.recentStudyIds.filter((id) => id !== studyId),
  });
}

// ── Lists ────────────────────────────────────────────────────────────────────

export async function loadStudies(): Promise<void> {
  try {
    // Pending edits (a title typed a moment ago) first, so the list is not stale.
    await flushAll();
    set({ studies: await callHost('listStudies', {}) });
  } catch (err) {
    reportError(err);
  }
}

export async function loadTrash(): Promise<void> {
  try {
    set({ trash: await callHost('listTrash', {}) });
  } catch (err) {
    reportError(err);
  }
}

export async function loadLibrary(): Promise<Stakeholder[]> {
  const cached = get().library;
  if (cached) return cached;
  const library = await callHost('getLibrary', {});
  set({ library });
  return library;
}

// ── Studies ──────────────────────────────────────────────────────────────────

/** Write a new study; it is only shown as created once the host has it on disk. */
export async function createStudy(study: Study): Promise<void> {
  await callHost('createStudy', { study });
  void loadStudies();
}

/** Rename a study from the list (it may not be the open one). */
export async function renameStudy(studyId: string, title: string): Promise<void> {
  const open = get().open;
  if (open?.study.id === studyId) {
    updateStudy((s) => updateStudySettings(s, { title }));
    await flushDoc(studyKey(studyId));
  } else {
    const { study } = await callHost('openStudy', { studyId });
    await callHost('saveStudy', { study: touchStudy(updateStudySettings(study, { title }), now()), baseRevision: study.revision });
  }
  await loadStudies();
}

/** Move a study to the trash, with an undo in the notice. */
export async function deleteStudy(studyId: string, title: string): Promise<void> {
  // Write pending edits first so the copy in the trash is the latest one.
  await flushStudy(studyId);
  const { trashId } = await callHost('deleteStudy', { studyId });
  dropStudyQueues(studyId);
  if (get().open?.study.id === studyId) set({ open: null });
  forgetStudy(studyId);
  notify({ tone: 'info', key: 'studies:deleted', values: { title }, action: { key: 'undo', run: () => restoreFromTrash(trashId).then(() => undefined) } });
  await Promise.all([loadStudies(), loadTrash()]);
}

/** Bring a study or session back from the trash. */
export async function restoreFromTrash(trashId: string): Promise<string | null> {
  try {
    const { studyId } = await callHost('restoreFromTrash', { trashId });
    await Promise.all([loadStudies(), loadTrash()]);
    // A restored session belongs to a study that may be open: show it.
    if (get().open?.study.id === studyId) await openStudy(studyId, { reload: true });
    return studyId;
  } catch (err) {
    reportError(err);
    return null;
  }
}

/**
 * Open a study. An already open study is not reloaded (memory is newer than disk)
 * unless asked; on a reload, documents whose latest state is not durable yet keep
 * the in-memory state rather than the older file.
 */
export async function openStudy(studyId: string, opts: { reload?: boolean } = {}): Promise<void> {
  const current = get().open;
  if (current?.study.id === studyId && !opts.reload) {
    rememberOpened(studyId);
    return;
  }
  set({ openingStudyId: studyId, openFailure: null });
  await flushStudy(studyId);
  readAtMark.delete(studyId);
  try {
    const mark = await markBeforeRead(studyId);
    const result = await callHost('openStudy', { studyId });
    if (mark) readAtMark.set(studyId, mark);
    // Later saves are based on what was just read (unless older edits are still pending).
    loadedFromDisk(studyKey(studyId), result.study.revision);
    for (const s of result.sessions) loadedFromDisk(sessionKey(studyId, s.id), s.revision);
    const study = (unsavedDoc(studyKey(studyId)) as Study | null) ?? result.study;
    const sessions = result.sessions.map((s) => (unsavedDoc(sessionKey(studyId, s.id)) as Session | null) ?? s);
    if (get().openingStudyId !== studyId) return; // another study was asked for meanwhile
    set({ open: { study, sessions, problems: result.problems }, openingStudyId: null });
    rememberOpened(studyId);
  } catch (err) {
    if (get().openingStudyId !== studyId) return;
    const { code, message } = hostFailure(err);
    set({ openingStudyId: null, openFailure: { studyId, code, message } });
    if (code === 'not_found') forgetStudy(studyId);
  }
}

/** Change the open study; it is saved shortly after. `change` comes from shared/ops. */
export function updateStudy(change: (study: Study) => Study): void {
  const open = get().open;
  if (!open) return;
  const changed = change(open.study);
  if (changed === open.study) return;
  const study = touchStudy(changed, now());
  set({ open: { ...open, study } });
  scheduleStudySave(study);
}

// ── Sessions ─────────────────────────────────────────────────────────────────

/** Store an edited session (from the editor or a details dialog); it is saved shortly after. */
export function putSession(next: Session): void {
  const open = get().open;
  if (!open || open.study.id !== next.studyId) return;
  const session = { ...next, updatedAt: now() };
  set({ open: { ...open, sessions: open.sessions.map((s) => (s.id === session.id ? session : s)) } });
  scheduleSessionSave(session);
}

/** Add a new session and write it at once; resolves false if the write failed (it is retried). */
export async function createSession(session: Session): Promise<boolean> {
  const open = get().open;
  if (!open) return false;
  set({ open: { ...open, sessions: [...open.sessions, session] } });
  scheduleSessionSave(session);
  return flushDoc(sessionKey(session.studyId, session.id));
}

/** Move a session to the trash, with an undo in the notice. */
export async function deleteSession(session: Session): Promise<void> {
  const key = sessionKey(session.studyId, session.id);
  await flushDoc(key);
  const { trashId } = await callHost('deleteSession', { studyId: session.studyId, sessionId: session.id });
  dropQueue(key);
  const open = get().open;
  if (open?.study.id === session.studyId) set({ open: { ...open, sessions: open.sessions.filter((s) => s.id !== session.id) } });
  notify({ tone: 'info', key: 'studies:sessionDeleted', values: { code: session.code }, action: { key: 'undo', run: () => restoreFromTrash(trashId).then(() => undefined) } });
  void loadTrash();
}

// ── Changes underneath: a sync tool, another process ──────────────────────────

/**
 * Which watch mark (`studyChanges`: the watch and its count) each study was last read
 * completely at. A page that mounts asks for the mark and reads the study again only when
 * it moved: at 1,000 sessions a read is a 5 MB answer whose decoding alone held the compare
 * view's main thread ~500 ms (profiled, issue 14). The mark is taken before the read starts,
 * so a change during the read moves it and is read at the next poll.
 */
const readAtMark = new Map<string, string>();
const readingAtMark = new Map<string, { mark: string; done: Promise<void> }>();

/** A `studyChanges` answer as a mark, or null when the host keeps no watch to trust. */
export function watchMark(answer: { version: number; watch?: string | undefined }): string | null {
  return answer.watch ? `${answer.watch}#${answer.version}` : null;
}

/** The study was last read completely at this mark: nothing on disk changed since. */
export function readSinceMark(studyId: string, mark: string | null): boolean {
  return mark !== null && readAtMark.get(studyId) === mark;
}

/** The mark before a complete read; null if the host cannot say (then nothing is skipped). */
async function markBeforeRead(studyId: string): Promise<string | null> {
  try {
    const answer = await callHost('studyChanges', { studyId });
    return answer.locked ? null : watchMark(answer);
  } catch {
    return null;
  }
}

/**
 * The same save of a document: same revision, writer and time. Revisions are assigned by
 * compare-and-replace, one writer per revision, so this is the document this window read
 * or wrote — known without the canonical-JSON comparison, which over 500 sessions cost a
 * ~190 ms main-thread task on every page mount (profiled, issue 14). Anything else falls
 * back to comparing contents.
 */
function sameSave(a: Session, b: Session): boolean {
  return a.revision === b.revision && a.updatedAt === b.updatedAt && (a.writer?.id ?? null) === (b.writer?.id ?? null);
}

/**
 * Read the open study again because its files changed on disk (StudyWatcher): another
 * facilitator's sessions arriving through a sync tool, `pimap import`, a second window.
 * What this window has not saved yet is never replaced (its save will meet the other
 * version as a conflict, "Changed elsewhere"); documents that only came back from this
 * window's own saves change nothing; everything else is taken from disk. The map open in
 * the editor (`openSessionId`) reloads and says who changed it.
 *
 * `mark` is the watch mark seen just before (`watchMark`): a read at that mark already
 * under way (the page left, the next one mounting) is awaited rather than repeated, and a
 * complete read records it.
 */
export async function refreshOpenStudy(studyId: string, openSessionId: string | null = null, mark: string | null = null): Promise<void> {
  const under = readingAtMark.get(studyId);
  if (mark !== null && under?.mark === mark) return under.done;
  const done = readOpenStudyAgain(studyId, openSessionId).then((read) => {
    if (read && mark !== null) readAtMark.set(studyId, mark);
  });
  if (mark !== null) readingAtMark.set(studyId, { mark, done });
  try {
    await done;
  } finally {
    if (readingAtMark.get(studyId)?.done === done) readingAtMark.delete(studyId);
  }
}

/** `refreshOpenStudy`'s work; true when the study was read and merged. */
async function readOpenStudyAgain(studyId: string, openSessionId: string | null): Promise<boolean> {
  if (get().open?.study.id !== studyId) return false;
  let result;
  try {
    result = await callHost('openStudy', { studyId });
  } catch {
    return false; // the next change, or the next page, tries again; a watch must never nag
  }
  const current = get().open;
  if (current?.study.id !== studyId) return false;
  const changedBy: Array<{ session: Session; name: string; added: boolean }> = [];
  const quietlyChanged: string[] = [];
  const ownWriterId = get().appInfo?.writer?.id ?? null;

  const sKey = studyKey(studyId);
  loadedFromDisk(sKey, result.study.revision);
  const pendingStudy = unsavedDoc(sKey) as Study | null;
  const study = pendingStudy ?? (sameDocument(result.study, current.study) ? current.study : result.study);

  const currentById = new Map(current.sessions.map((s) => [s.id, s]));
  const sessions = result.sessions.map((disk) => {
    const key = sessionKey(studyId, disk.id);
    loadedFromDisk(key, disk.revision);
    const pending = unsavedDoc(key) as Session | null;
    if (pending) return pending;
    const mine = currentById.get(disk.id);
    if (mine && (sameSave(mine, disk) || sameDocument(mine, disk))) return mine;
    // Read before this window's own save of it finished: older than what is on disk now.
    const known = knownRevision(key);
    if (mine && known !== null && disk.revision < known) return mine;
    // This app's own saves (an import, another of its pages) are taken quietly.
    if (!disk.writer || disk.writer.id !== ownWriterId) changedBy.push({ session: disk, name: disk.writer?.name ?? '', added: !mine });
    else if (mine) quietlyChanged.push(disk.id);
    return disk;
  });
  // Gone from disk (deleted elsewhere): kept while this window still has edits of it.
  for (const mine of current.sessions) {
    if (result.sessions.some((s) => s.id === mine.id)) continue;
    const pending = unsavedDoc(sessionKey(studyId, mine.id)) as Session | null;
    if (pending) sessions.push(pending);
  }
  // A damaged file is moved to quarantine by the first read that meets it, so a later read
  // no longer reports it: keep saying so (and offering its earlier version) until that
  // session loads again.
  const stillMissing = current.problems.filter(
    (p) => p.quarantinedTo !== null && !result.problems.some((q) => q.file === p.file) && !(p.sessionId && result.sessions.some((s) => s.id === p.sessionId)),
  );
  const problems = [...result.problems, ...stillMissing];
  // Nothing new (the usual answer after this window's own save): keep the objects, so the
  // open page does not re-render — a commit in the middle of a drag costs frames.
  const unchanged =
    study === current.study &&
    sessions.length === current.sessions.length &&
    sessions.every((s, i) => s === current.sessions[i]) &&
    JSON.stringify(problems) === JSON.stringify(current.problems);
  if (!unchanged) set({ open: { study, sessions, problems } });

  const open = openSessionId ? changedBy.find((c) => c.session.id === openSessionId && !c.added) : undefined;
  // The editor holds its own copy of a map: make it reload what changed on disk.
  const reload = [...changedBy.map((c) => c.session.id), ...quietlyChanged];
  if (reload.length > 0) set((s) => ({ resetKeys: { ...s.resetKeys, ...Object.fromEntries(reload.map((id) => [id, (s.resetKeys[id] ?? 0) + 1])) } }));
  if (open) {
    // Under an open map: say so until the facilitator has read it.
    notify({ tone: 'info', key: open.name ? 'common:sync.mapUpdatedBy' : 'common:sync.mapUpdated', values: { code: open.session.code, name: open.name }, expiresAt: null });
  } else if (changedBy.some((c) => c.added)) {
    const added = changedBy.filter((c) => c.added);
    notify({ tone: 'info', key: 'common:sync.sessionsArrived', values: { count: added.length, codes: added.map((c) => c.session.code).join(', ') } });
  }
  return true;
}

/**
 * Replace a session with an earlier version. Pending edits are written first, so the
 * state being replaced is itself kept in the history and can be restored in turn.
 */
export async function restoreSessionVersion(session: Pick<Session, 'id' | 'studyId'>, versionId: string): Promise<Session> {
  const key = sessionKey(session.studyId, session.id);
  await flushDoc(key);
  const result = await callHost('restoreSessionVersion', { studyId: session.studyId, sessionId: session.id, versionId });
  await replacedOnDisk(key, result.savedAt, result.revision);
  const open = get().open;
  if (open?.study.id === session.studyId) {
    const exists = open.sessions.some((s) => s.id === session.id);
    const sessions = exists ? open.sessions.map((s) => (s.id === session.id ? result.session : s)) : [...open.sessions, result.session];
    set({ open: { ...open, sessions } });
  }
  set((s) => ({ resetKeys: { ...s.resetKeys, [session.id]: (s.resetKeys[session.id] ?? 0) + 1 } }));
  return result.session;
}

/** Restore the newest valid earlier version of a session that failed to load. */
export async function recoverProblem(studyId: string, problem: LoadProblem): Promise<void> {
  if (!problem.sessionId) return;
  const versions = await callHost('listSessionVersions', { studyId, sessionId: problem.sessionId });
  const newest = [...versions].sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
  if (!newest) throw new HostCallError('not_found', 'no earlier version was found');
  const restored = await restoreSessionVersion({ id: problem.sessionId, studyId }, newest.versionId);
  const open = get().open;
  if (open?.study.id === studyId) set({ open: { ...open, problems: open.problems.filter((p) => p !== problem) } });
  notify({ tone: 'info', key: 'studies:problems.recovered', values: { code: restored.code } });
}

/**
 * End a session's sync conflict (its second version, left by a sync tool) with the
 * facilitator's choice; see the host's `resolveSyncCopy`. Keeping both makes the other
 * version a session of its own, "FGD 3 (other version)". The study is read again after.
 */
export async function resolveSyncCopy(studyId: string, problem: LoadProblem, choice: 'keep_current' | 'use_copy' | 'keep_both', otherLabel: (n: number) => string): Promise<void> {
  const open = get().open;
  const file = problem.file.split('/').pop() ?? problem.file;
  const current = open?.sessions.find((s) => s.id === problem.sessionId) ?? null;
  // The map shown now may have edits not yet written: write them first, so they are what is kept.
  if (current) await flushDoc(sessionKey(studyId, current.id));
  const code = problem.sessionCode ?? current?.code ?? file;
  const taken = open?.sessions.map((s) => s.code) ?? [];
  const asSession = choice === 'keep_both' ? { id: crypto.randomUUID(), code: copyCode(code, taken, otherLabel) } : null;
  await callHost('resolveSyncCopy', { studyId, file, choice, asSession });
  await openStudy(studyId, { reload: true });
  if (current) set((s) => ({ resetKeys: { ...s.resetKeys, [current.id]: (s.resetKeys[current.id] ?? 0) + 1 } }));
  notify({ tone: 'info', key: `studies:problems.resolved.${choice}`, values: { code, other: asSession?.code ?? '' } });
}

// ── Changed elsewhere ────────────────────────────────────────────────────────

/** The code for a copy: "FGD 3 (copy)", then "FGD 3 (copy 2)"…, unused in the session's round (codes compared as names are, `nameKey`). */
export function copyCode(code: string, taken: readonly string[], label: (n: number) => string): string {
  const used = new Set(taken.map(nameKey));
  for (let n = 1; ; n++) {
    const candidate = `${code} (${label(n)})`.slice(0, 60);
    if (!used.has(nameKey(candidate))) return candidate;
  }
}

/**
 * A session's save was refused because it changed elsewhere. `theirs`: show the version on
 * disk (this window's edits are dropped, by choice). `copy`: this window's version is
 * saved as a new session first, then the original shows theirs. Resolves with the id of
 * the session to show (null: it was deleted elsewhere and no copy was asked for), or
 * `done: false` when the copy could not be written: the conflict stays, and so do the edits.
 */
export async function resolveSessionConflict(
  session: Pick<Session, 'id' | 'studyId'>,
  choice: 'theirs' | 'copy',
  copyLabel: (n: number) => string,
): Promise<{ done: boolean; show: string | null }> {
  const key = sessionKey(session.studyId, session.id);
  const open = get().open;
  const mine = (unsavedDoc(key) as Session | null) ?? open?.sessions.find((s) => s.id === session.id) ?? null;
  let shown = session.id;
  if (choice === 'copy' && mine) {
    const sameRound = (open?.sessions ?? []).filter((s) => s.roundId === mine.roundId).map((s) => s.code);
    const at = now();
    const copy: Session = { ...mine, id: crypto.randomUUID(), code: copyCode(mine.code, sameRound, copyLabel), revision: 0, writer: null, createdAt: at, updatedAt: at };
    if (!(await createSession(copy))) return { done: false, show: null };
    shown = copy.id;
  }
  const fresh = await callHost('openStudy', { studyId: session.studyId });
  const theirs = fresh.sessions.find((s) => s.id === session.id) ?? null;
  if (theirs) await resolveConflict(key, 'theirs', theirs.revision, theirs.updatedAt);
  else dropQueue(key); // deleted elsewhere: there is nothing of theirs to show
  const current = get().open;
  if (current?.study.id === session.studyId) {
    const sessions = theirs
      ? current.sessions.map((s) => (s.id === session.id ? theirs : s))
      : current.sessions.filter((s) => s.id !== session.id);
    set({ open: { ...current, sessions } });
  }
  // The editor holds its own copy of the map: make it reload theirs.
  set((s) => ({ resetKeys: { ...s.resetKeys, [session.id]: (s.resetKeys[session.id] ?? 0) + 1 } }));
  return { done: true, show: theirs || shown !== session.id ? shown : null };
}

/**
 * The study's settings changed elsewhere. `theirs`: load them (this window's setting
 * changes are dropped, by choice). `mine`: save this window's settings over theirs, on
 * the user's explicit choice. Either way nothing is discarded without being asked.
 */
export async function resolveStudyConflict(studyId: string, choice: 'theirs' | 'mine'): Promise<void> {
  const key = studyKey(studyId);
  const fresh = await callHost('openStudy', { studyId });
  await resolveConflict(key, choice, fresh.study.revision, fresh.study.updatedAt);
  if (choice === 'theirs') {
    const open = get().open;
    if (open?.study.id === studyId) set({ open: { ...open, study: fresh.study } });
  }
}
