import { hostFailure, type HostFailure } from './hostErrors';
import type { SaveStatus } from './saveStatus';

/** What a failed save reports: the host's error code and message. */
export type SaveFailure = HostFailure;

export interface SaveQueueOptions<T> {
  /**
   * Write the document as a compare-and-replace on `baseRevision`; resolves only once the
   * host reports it durable, with the revision now on disk.
   */
  save(doc: T, baseRevision: number): Promise<{ savedAt: string; revision: number }>;
  /** The revision a document was read at: the base of the first save. */
  revisionOf(doc: T): number;
  /** Called whenever the status changes. */
  onStatus(status: SaveStatus): void;
  /** Turn a rejection into a code and message for "Not saved: …". */
  describeError?(err: unknown): SaveFailure;
  /** Quiet time after the last change before writing (typing a note is one save, not fifty). */
  debounceMs?: number;
  /** Waits before automatic retries after a failure; the last one repeats. */
  retryDelaysMs?: readonly number[];
}

const DEFAULT_DEBOUNCE_MS = 400;
const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/**
 * Autosave for one document (a study's settings or one session map).
 *
 * - `schedule(doc)` records the newest state; it is written after `debounceMs` of quiet.
 * - One write is in flight at a time; whatever was scheduled meanwhile is written next,
 *   so the latest state always wins and no state is written out of order.
 * - "Saved" is reported only when the host has acknowledged the newest state.
 * - A failure keeps the state in memory, reports "Not saved", and retries with backoff;
 *   the error stays visible through retries until a write succeeds.
 * - Every save states the revision it is based on: the one the document was read at,
 *   then the one each acknowledged save returned, so this window's own saves chain.
 *   A `conflict` (someone else saved meanwhile) is never retried and never shown as
 *   saved: the queue holds the edits until `resolve()` says what the user chose.
 */
export class SaveQueue<T> {
  private latest: T | null = null;
  /** Revision of `latest`; increases on every schedule. */
  private latestRev = 0;
  /** Highest revision the host acknowledged. */
  private savedRev = 0;
  private inFlight: Promise<void> | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private disposed = false;
  /** Revision on disk as far as this queue knows; null until the first document is seen. */
  private base: number | null = null;
  /** Revision an in-flight save is based on (for a last-chance save on unload). */
  private inFlightBase: number | null = null;
  /** The host refused a save as stale; nothing is written until the user decides. */
  private conflicted = false;
  private current: SaveStatus = { state: 'idle' };

  constructor(private readonly opts: SaveQueueOptions<T>) {}

  get status(): SaveStatus {
    return this.current;
  }

  /** True while some scheduled state has not been acknowledged by the host. */
  get hasUnsaved(): boolean {
    return this.latestRev > this.savedRev;
  }

  /** The newest state if it is not yet durable (for a last-chance save on unload). */
  get unsavedDoc(): T | null {
    return this.hasUnsaved ? this.latest : null;
  }

  /** True while a save was refused because the document changed elsewhere. */
  get inConflict(): boolean {
    return this.conflicted;
  }

  /**
   * The base for a save sent now, outside the queue (unload): if a save is in flight it
   * will have written the next revision by the time this one arrives; if it fails, this
   * one is refused too, which can overwrite nothing.
   */
  get nextBase(): number | null {
    if (this.inFlightBase !== null) return this.inFlightBase + 1;
    return this.base;
  }

  /**
   * The document was (re)loaded from disk at `revision`. Adopted as the base only when
   * nothing is pending: pending edits were made on the older revision and must be
   * compared against that one.
   */
  adopt(revision: number): void {
    if (this.hasUnsaved || this.inFlight || this.conflicted) return;
    // A read that started before this queue's last save finished is older than what it
    // wrote: never move the base back (the next save would be refused as stale).
    if (this.base !== null && revision < this.base) return;
    this.base = revision;
  }

  schedule(doc: T): void {
    if (this.disposed) return;
    this.latest = doc;
    this.latestRev++;
    this.base ??= this.opts.revisionOf(doc);
    // Edits made during a conflict are kept, but not sent: the user is choosing.
    if (this.conflicted) return;
    // While failing, keep showing the failure: a flicker to "Saving…" would hide it.
    if (this.failures === 0) this.setStatus({ state: 'saving' });
    this.clearDebounce();
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.pump();
    }, this.opts.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  /**
   * Write now whatever is pending and wait until it is durable. Resolves true when every
   * state scheduled before the call has been acknowledged, false if a write failed.
   */
  async flush(): Promise<boolean> {
    const target = this.latestRev;
    for (;;) {
      if (this.savedRev >= target) return true;
      if (this.disposed || this.conflicted) return false;
      // Cleared on every pass: an edit made while we wait must not park the queue
      // behind a debounce (the loop below would spin without the timer ever firing).
      this.clearDebounce();
      this.clearRetry();
      const before = this.failures;
      await this.pump();
      if (this.savedRev >= target) return true;
      if (this.failures > before) return false;
    }
  }

  /** The user pressed Retry: try at once and start the backoff afresh. */
  retry(): Promise<boolean> {
    this.failures = 0;
    return this.flush();
  }

  /**
   * Forget pending state (after it was replaced on disk by other means, such as
   * restoring an earlier version) and wait for a write already in flight.
   */
  async discardPending(): Promise<void> {
    this.clearDebounce();
    this.clearRetry();
    if (this.inFlight) await this.inFlight;
    this.savedRev = this.latestRev;
    this.failures = 0;
  }

  /** Mark the document as durable as it is (it was just loaded or written by the host) at `revision`. */
  markSaved(savedAt: string, revision: number): void {
    this.savedRev = this.latestRev;
    this.failures = 0;
    this.conflicted = false;
    this.base = revision;
    this.setStatus({ state: 'saved', savedAt });
  }

  /**
   * End a conflict. `theirs`: the version on disk (at `revision`) replaces the pending
   * edits, which the caller has already kept elsewhere if the user wanted them (a copy).
   * `mine`: the pending edits are saved on top of `revision`, replacing theirs — only
   * ever on the user's explicit choice.
   */
  async resolve(choice: 'theirs' | 'mine', revision: number, savedAt: string): Promise<boolean> {
    if (this.inFlight) await this.inFlight;
    this.conflicted = false;
    this.failures = 0;
    this.base = revision;
    if (choice === 'theirs') {
      this.clearDebounce();
      this.clearRetry();
      this.markSaved(savedAt, revision);
      return true;
    }
    if (this.latestRev > this.savedRev) this.setStatus({ state: 'saving' });
    return this.flush();
  }

  dispose(): void {
    this.disposed = true;
    this.clearDebounce();
    this.clearRetry();
  }

  private pump(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(): Promise<void> {
    // Stop when a debounce is pending: the user is still typing and the timer will call back.
    while (this.latestRev > this.savedRev && !this.debounceTimer && !this.disposed) {
      if (this.conflicted) return;
      const rev = this.latestRev;
      const doc = this.latest as T;
      const base = this.base ?? this.opts.revisionOf(doc);
      if (this.failures === 0) this.setStatus({ state: 'saving' });
      this.inFlightBase = base;
      try {
        const { savedAt, revision } = await this.opts.save(doc, base);
        this.base = revision;
        this.savedRev = Math.max(this.savedRev, rev);
        this.failures = 0;
        this.clearRetry();
        if (this.latestRev === rev) this.setStatus({ state: 'saved', savedAt });
        else this.setStatus({ state: 'saving' });
      } catch (err) {
        const { code, message } = (this.opts.describeError ?? hostFailure)(err);
        if (code === 'conflict') {
          // Retrying could only fail again, and must never overwrite: wait for the user.
          this.conflicted = true;
          this.clearRetry();
          this.setStatus({ state: 'conflict', reason: message });
          return;
        }
        this.failures++;
        this.setStatus({ state: 'error', code, reason: message });
        this.scheduleRetry();
        return;
      } finally {
        this.inFlightBase = null;
      }
    }
  }

  private scheduleRetry(): void {
    if (this.disposed) return;
    const delays = this.opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const delay = delays[Math.min(this.failures - 1, delays.length - 1)] ?? 30_000;
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.pump();
    }, delay);
  }

  private clearDebounce(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(status: SaveStatus): void {
    const same =
      status.state === this.current.state &&
      JSON.stringify(status) === JSON.stringify(this.current);
    this.current = status;
    if (!same) this.opts.onStatus(status);
  }
}
