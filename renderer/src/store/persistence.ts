import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import type { SaveStatus } from './saveStatus';
import { callHost } from '../host/hostClient';
import { hostFailure } from './hostErrors';
import { useAppStore } from './appStore';
import { SaveQueue } from './saveQueue';

/**
 * Every document's save queue, keyed by document. Queues outlive pages: leaving a study
 * or the editor does not cancel a pending save, it only asks for it to be written now.
 */
type Doc = { kind: 'study'; doc: Study } | { kind: 'session'; doc: Session };

export const studyKey = (studyId: string) => `study:${studyId}`;
export const sessionKey = (studyId: string, sessionId: string) => `session:${studyId}/${sessionId}`;

const queues = new Map<string, SaveQueue<Doc>>();

/** Timing knobs, shortened by tests of the retry path. */
export const saveTiming: { debounceMs: number; retryDelaysMs: readonly number[] } = {
  debounceMs: 400,
  retryDelaysMs: [1_000, 2_000, 5_000, 10_000, 30_000],
};

function writeDoc(d: Doc, baseRevision: number, keepalive = false): Promise<{ savedAt: string; revision: number }> {
  return d.kind === 'study'
    ? callHost('saveStudy', { study: d.doc, baseRevision }, { keepalive })
    : callHost('saveSession', { session: d.doc, baseRevision }, { keepalive });
}

function setStatus(key: string, status: SaveStatus): void {
  useAppStore.setState((s) => ({ saves: { ...s.saves, [key]: status } }));
}

function queueFor(key: string): SaveQueue<Doc> {
  let q = queues.get(key);
  if (!q) {
    q = new SaveQueue<Doc>({
      save: (d, base) => writeDoc(d, base),
      revisionOf: (d) => d.doc.revision,
      onStatus: (status) => setStatus(key, status),
      describeError: hostFailure,
      debounceMs: saveTiming.debounceMs,
      retryDelaysMs: saveTiming.retryDelaysMs,
    });
    queues.set(key, q);
  }
  return q;
}

export function scheduleStudySave(study: Study): void {
  queueFor(studyKey(study.id)).schedule({ kind: 'study', doc: study });
}

export function scheduleSessionSave(session: Session): void {
  queueFor(sessionKey(session.studyId, session.id)).schedule({ kind: 'session', doc: session });
}

/** Write one document now and wait until durable; false if the write failed. */
export function flushDoc(key: string): Promise<boolean> {
  return queues.get(key)?.flush() ?? Promise.resolve(true);
}

/** Write everything pending now; resolves true when all of it is durable. */
export async function flushAll(): Promise<boolean> {
  const results = await Promise.all([...queues.values()].map((q) => q.flush()));
  return results.every(Boolean);
}

/** Write every pending document of a study now (before deleting or leaving it). */
export async function flushStudy(studyId: string): Promise<boolean> {
  const prefixes = [studyKey(studyId), `session:${studyId}/`];
  const mine = [...queues.entries()].filter(([k]) => prefixes.some((p) => k === p || k.startsWith(p)));
  const results = await Promise.all(mine.map(([, q]) => q.flush()));
  return results.every(Boolean);
}

export function retrySave(key: string): Promise<boolean> {
  return queues.get(key)?.retry() ?? Promise.resolve(true);
}

/** Retry every document whose last write failed. */
export async function retryFailedSaves(): Promise<boolean> {
  const failed = [...queues.values()].filter((q) => q.status.state === 'error');
  const results = await Promise.all(failed.map((q) => q.retry()));
  return results.every(Boolean);
}

/** Whether anything scheduled is not yet durable. */
export function hasUnsavedChanges(): boolean {
  return [...queues.values()].some((q) => q.hasUnsaved);
}

/**
 * Last chance on page unload: send every unsaved document with `keepalive`, which lets
 * the request outlive the page. It cannot be awaited, so the page also asks the user
 * to confirm leaving while anything is unsaved.
 */
export function sendUnsavedOnUnload(): number {
  let sent = 0;
  for (const q of queues.values()) {
    const d = q.unsavedDoc;
    // A conflicted document is not sent: it would be refused, and it must not overwrite.
    if (!d || q.inConflict) continue;
    sent++;
    writeDoc(d, q.nextBase ?? d.doc.revision, true).catch(() => undefined);
  }
  return sent;
}

/** The document was replaced on disk by the host (restore) at `revision`: drop pending state, show it saved. */
export async function replacedOnDisk(key: string, savedAt: string, revision: number): Promise<void> {
  const q = queueFor(key);
  await q.discardPending();
  q.markSaved(savedAt, revision);
}

/**
 * A document was read from disk at `revision` (a study opened again): later saves are
 * based on it, unless edits made on an older revision are still pending.
 */
export function loadedFromDisk(key: string, revision: number): void {
  queues.get(key)?.adopt(revision);
}

/** The revision this window last read or wrote of a document (null: it has not). */
export function knownRevision(key: string): number | null {
  return queues.get(key)?.nextBase ?? null;
}

/** End a conflict with the user's choice; see SaveQueue.resolve. */
export function resolveConflict(key: string, choice: 'theirs' | 'mine', revision: number, savedAt: string): Promise<boolean> {
  return queueFor(key).resolve(choice, revision, savedAt);
}

/** Stop and forget a document's queue (its file went to the trash). */
export function dropQueue(key: string): void {
  queues.get(key)?.dispose();
  queues.delete(key);
  useAppStore.setState((s) => {
    const saves = { ...s.saves };
    delete saves[key];
    return { saves };
  });
}

/** Stop and forget every queue of a study (it went to the trash). */
export function dropStudyQueues(studyId: string): void {
  for (const key of [...queues.keys()]) if (key === studyKey(studyId) || key.startsWith(`session:${studyId}/`)) dropQueue(key);
}

/** The newest not-yet-durable state of a document, if any (to overlay on a reload from disk). */
export function unsavedDoc(key: string): Study | Session | null {
  return queues.get(key)?.unsavedDoc?.doc ?? null;
}

/** Tests: forget every queue. */
export function resetPersistence(): void {
  for (const q of queues.values()) q.dispose();
  queues.clear();
}
