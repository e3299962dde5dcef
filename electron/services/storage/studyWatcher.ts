import { randomUUID } from 'node:crypto';
import { basename, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isSyncTemporary } from '../../../shared/sync/conflictCopies';
import { isTempName } from './atomicWrite';
import { assertSafeId, type Layout } from './layout';

/**
 * Files that change underneath the app: a sync tool (Syncthing, Dropbox…) bringing another
 * facilitator's sessions, another process (`pimap import`, a second window) writing, or
 * someone copying a file in by hand. Each open study's folder is watched with chokidar;
 * a counter goes up for every settled change to study.json or a session file (or a
 * conflict copy of one). The renderer asks for the counter (`studyChanges`) every second
 * or two and reads the study again when it moved (renderer/src/store/actions.ts
 * `refreshOpenStudy`), so a closed map updates at once and an open one says who changed it.
 *
 * The app's own saves move the counter too; the renderer tells them apart by content.
 * Folders the app keeps for itself (history, quarantine, archive) and temporary files
 * (ours and the sync tools') are not watched.
 */

/** A study nobody has asked about for this long stops being watched. */
const IDLE_MS = 60_000;

const OWN_FOLDERS = new Set(['.history', '.quarantine', '.sync-archive', '.trash', '.locks', '.stversions']);

interface Watched {
  /** New for every start of watching: counts from different watches are not comparable. */
  id: string;
  watcher: FSWatcher;
  version: number;
  /** The watcher reported an error: changes may have been missed. */
  failed: boolean;
  ready: Promise<void>;
  lastAsked: number;
}

export interface StudyWatcherOptions {
  /** Milliseconds a file must stay unchanged before its change counts (a sync tool may write it in pieces). */
  settleMs?: number;
  now?: () => number;
}

export class StudyWatcher {
  private readonly watched = new Map<string, Watched>();
  private readonly settleMs: number;
  private readonly now: () => number;
  private closed = false;

  constructor(
    private readonly layout: Layout,
    opts: StudyWatcherOptions = {},
  ) {
    this.settleMs = opts.settleMs ?? 150;
    this.now = opts.now ?? Date.now;
  }

  /**
   * How many changes the study's folder has seen since it was first asked about (watching
   * starts with the first call and is ready when this resolves). A caller remembers the
   * number and reads the study again when it grows.
   */
  async version(studyId: string): Promise<number> {
    return (await this.mark(studyId)).version;
  }

  /**
   * The counter and which watch it belongs to. A study not asked about for a minute stops
   * being watched and counts from 0 again when asked next, and a restarted host counts from
   * 0 too: only the same `watch` with the same `version` means "nothing changed since" —
   * what lets a page skip reading the study again (renderer `useOpenStudy`). `watch` is
   * empty when nothing is watched (the host is closing).
   */
  async mark(studyId: string): Promise<{ watch: string; version: number }> {
    assertSafeId(studyId, 'study id');
    if (this.closed) return { watch: '', version: 0 };
    this.dropIdle();
    let w = this.watched.get(studyId);
    if (!w) w = this.start(studyId);
    w.lastAsked = this.now();
    await w.ready;
    return { watch: w.failed ? '' : w.id, version: w.version };
  }

  /** Stop every watcher (the process is quitting). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.watched.values()];
    this.watched.clear();
    await Promise.all(all.map((w) => w.watcher.close()));
  }

  private start(studyId: string): Watched {
    const root = this.layout.studyDir(studyId);
    const relevant = (path: string): boolean => {
      const rel = relative(root, path);
      if (rel === '' || rel.startsWith('..')) return true;
      const parts = rel.split(sep);
      if (OWN_FOLDERS.has(parts[0]!)) return false;
      const name = basename(path);
      return !isTempName(name) && !isSyncTemporary(name);
    };
    const watcher = watch(root, {
      ignoreInitial: true,
      // The study folder and sessions/ below it; nothing deeper is the app's.
      depth: 1,
      ignored: (path) => !relevant(path),
      // A file counts once it has stopped growing: a sync tool may write it in pieces.
      awaitWriteFinish: { stabilityThreshold: this.settleMs, pollInterval: 50 },
      // Atomic saves replace files by rename; follow the name, not the old inode.
      atomic: false,
    });
    const entry: Watched = {
      id: randomUUID(),
      failed: false,
      watcher,
      version: 0,
      lastAsked: this.now(),
      ready: new Promise<void>((resolve) => {
        watcher.once('ready', () => resolve());
        // A study folder that cannot be watched (gone, no permission) still answers: 0,
        // with no watch to trust.
        watcher.once('error', () => {
          entry.failed = true;
          resolve();
        });
      }),
    };
    const bump = (path: string) => {
      const name = basename(path);
      if (name === 'study.json' || name.toLowerCase().endsWith('.json') || name.includes('.sync-conflict-') || name.includes('conflicted copy')) entry.version++;
    };
    watcher.on('add', bump).on('change', bump).on('unlink', bump);
    watcher.on('error', () => {
      // Keep answering with the last count, but as a watch nobody may trust to have seen
      // every change: pages read the study again at every poll.
      entry.failed = true;
    });
    this.watched.set(studyId, entry);
    return entry;
  }

  private dropIdle(): void {
    const cutoff = this.now() - IDLE_MS;
    for (const [id, w] of this.watched) {
      if (w.lastAsked >= cutoff) continue;
      this.watched.delete(id);
      void w.watcher.close();
    }
  }
}
