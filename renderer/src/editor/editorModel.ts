import { createStore, type StoreApi } from 'zustand/vanilla';
import { temporal, type TemporalState } from 'zundo';
import type { Session } from '../../../shared/model/session';

/**
 * The editor's own store: the session being edited, with undo/redo history (zundo).
 *
 * What is undoable is decided here and nowhere else:
 *   - the session's content (placements, notes, consent) — saved and undoable;
 *   - the lock — saved, deliberately NOT undoable: undo must never unlock a map the
 *     group signed off, and undo/redo are refused while the map is locked;
 *   - selection, zoom, open panels, drag state — neither saved nor undoable (they live
 *     in React state in MapEditor, not here).
 *
 * One editing action is one undo step. Bursts (typing a note, a run of arrow-key
 * nudges on one chip) are one step: the first change of a burst records the step and
 * later changes with the same burst key replace the state without recording, until
 * the burst goes quiet for `burstMs` or another action starts.
 */
export interface EditorDoc {
  session: Session;
}

export type EditorStore = StoreApi<EditorDoc> & { temporal: StoreApi<TemporalState<EditorDoc>> };

/** How the latest change came about, for the live-region wording. */
export type ChangeKind = 'edit' | 'undo' | 'redo' | 'reset';

export interface ApplyOptions {
  /** Changes with the same key in quick succession form one undo step. */
  burst?: string;
  /** Change the session without recording an undo step (the lock). */
  untracked?: boolean;
}

export class EditorModel {
  readonly store: EditorStore;
  /** Set just before each store change so subscribers can word it. */
  lastChange: ChangeKind = 'reset';
  private burst: { key: string; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(
    session: Session,
    private readonly burstMs = 1000,
  ) {
    this.store = createStore<EditorDoc>()(temporal(() => ({ session }), { limit: 500 })) as EditorStore;
  }

  get session(): Session {
    return this.store.getState().session;
  }

  /**
   * Apply a pure operation. Returns false when it changed nothing (a refusal, e.g. a
   * locked session), in which case no undo step is recorded.
   */
  apply(op: (s: Session) => Session, options: ApplyOptions = {}): boolean {
    const prev = this.session;
    const next = op(prev);
    if (next === prev) return false;
    const history = this.store.temporal.getState();
    this.lastChange = 'edit';
    if (options.untracked) {
      this.endBurst();
      history.pause();
      this.store.setState({ session: next });
      history.resume();
      return true;
    }
    if (options.burst && this.burst?.key === options.burst) {
      history.pause();
      this.store.setState({ session: next });
      history.resume();
      this.armBurst(options.burst);
      return true;
    }
    this.endBurst();
    this.store.setState({ session: next });
    if (options.burst) this.armBurst(options.burst);
    return true;
  }

  canUndo(): boolean {
    return !this.session.locked && this.store.temporal.getState().pastStates.length > 0;
  }

  canRedo(): boolean {
    return !this.session.locked && this.store.temporal.getState().futureStates.length > 0;
  }

  undo(): boolean {
    if (!this.canUndo()) return false;
    this.endBurst();
    this.lastChange = 'undo';
    this.store.temporal.getState().undo();
    return true;
  }

  redo(): boolean {
    if (!this.canRedo()) return false;
    this.endBurst();
    this.lastChange = 'redo';
    this.store.temporal.getState().redo();
    return true;
  }

  /** Load another session (or a fresh copy from disk) and forget the history. */
  reset(session: Session): void {
    this.endBurst();
    this.lastChange = 'reset';
    const history = this.store.temporal.getState();
    history.pause();
    this.store.setState({ session });
    history.resume();
    history.clear();
  }

  /** Close the current burst so the next change starts a new undo step. */
  endBurst(): void {
    if (this.burst) clearTimeout(this.burst.timer);
    this.burst = null;
  }

  dispose(): void {
    this.endBurst();
  }

  private armBurst(key: string): void {
    if (this.burst) clearTimeout(this.burst.timer);
    this.burst = { key, timer: setTimeout(() => (this.burst = null), this.burstMs) };
  }
}
