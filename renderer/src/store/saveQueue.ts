import type { SaveStatus } from '../app/saveStatus';

/** What a failed save reports: the host's error code and message. */
export interface SaveFailure {
  code: string;
  message: string;
}

export interface SaveQueueOptions<T> {
  /** Write the document; resolves only once the host reports it durable. */
  save(doc: T): Promise<{ savedAt: string }>;
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

function defaultDescribe(err: unknown): SaveFailure {
  const code = typeof err === 'object' && err && 'code' in err && typeof err.code === 'string' ? err.code : 'internal';
  return { code, message: err instanceof Error ? err.message : String(err) };
}

/**
 * Autosave for one document (a study's settings or one session map).
 *
 * - `schedule(doc)` records the newest state; it is written after `debounceMs` of quiet.
 * - One write is in flight at a time; whatever was scheduled meanwhile is written next,
 *   so the latest state always wins and no state is written out of order.
 * - "Saved" is reported only when the host has acknowledged the newest state.
 * - A failure keeps the state in memory, reports "Not saved", and retries with backoff;
 *   the error stays visible through retries until a write succeeds.
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

  schedule(doc: T): void {
    if (this.disposed) return;
    this.latest = doc;
    this.latestRev++;
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
      if (this.disposed) return false;
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

  /** Mark the document as durable as it is (it was just loaded or written by the host). */
  markSaved(savedAt: string): void {
    this.savedRev = this.latestRev;
    this.failures = 0;
    this.setStatus({ state: 'saved', savedAt });
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
      const rev = this.latestRev;
      const doc = this.latest as T;
      if (this.failures === 0) this.setStatus({ state: 'saving' });
      try {
        const { savedAt } = await this.opts.save(doc);
        this.savedRev = Math.max(this.savedRev, rev);
        this.failures = 0;
        this.clearRetry();
        if (this.latestRev === rev) this.setStatus({ state: 'saved', savedAt });
        else this.setStatus({ state: 'saving' });
      } catch (err) {
        this.failures++;
        const { code, message } = (this.opts.describeError ?? defaultDescribe)(err);
        this.setStatus({ state: 'error', code, reason: message });
        this.scheduleRetry();
        return;
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
