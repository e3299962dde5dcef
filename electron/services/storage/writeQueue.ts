/**
 * One job at a time per key (a file), in the order asked.
 *
 * `latest` is for saves of a whole document: while one save of a file is in flight,
 * further saves are merged into a single pending one carrying the newest state, so an
 * autosave burst costs at most two writes. Every caller's promise settles with the
 * outcome of the write that carried its state or a newer one, so "Saved" is never
 * reported for a state that is not on disk, and an older state can never overwrite a
 * newer one.
 *
 * `run` is for one-off jobs (delete, restore, quarantine). It is a barrier: a save asked
 * after it is never merged into a save queued before it.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Per key, the coalescing save that is queued but not yet started. */
  private readonly waiting = new Map<string, PendingSave<unknown, unknown>>();

  run<R>(key: string, job: () => Promise<R>): Promise<R> {
    this.waiting.delete(key);
    return this.chain(key, job);
  }

  latest<V, R>(key: string, value: V, job: (value: V) => Promise<R>): Promise<R> {
    const queued = this.waiting.get(key) as PendingSave<V, R> | undefined;
    if (queued) {
      queued.value = value;
      queued.job = job;
      return new Promise<R>((resolve, reject) => queued.waiters.push({ resolve, reject }));
    }
    const pending: PendingSave<V, R> = { value, job, waiters: [] };
    this.waiting.set(key, pending as PendingSave<unknown, unknown>);
    const first = new Promise<R>((resolve, reject) => pending.waiters.push({ resolve, reject }));
    void this.chain(key, async () => {
      // From here on the job has started: later saves must queue behind it.
      if (this.waiting.get(key) === (pending as PendingSave<unknown, unknown>)) this.waiting.delete(key);
      try {
        const result = await pending.job(pending.value);
        for (const w of pending.waiters) w.resolve(result);
      } catch (err) {
        for (const w of pending.waiters) w.reject(err);
      }
    });
    return first;
  }

  /** Resolves once nothing is queued or running for any key (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.allSettled([...this.tails.values()]);
  }

  private chain<R>(key: string, job: () => Promise<R>): Promise<R> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(job, job);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

interface PendingSave<V, R> {
  value: V;
  job: (value: V) => Promise<R>;
  waiters: { resolve: (r: R) => void; reject: (e: unknown) => void }[];
}
