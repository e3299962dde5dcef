import { expect, test } from 'vitest';
import type { SaveStatus } from '../../../renderer/src/app/saveStatus';
import { SaveQueue } from '../../../renderer/src/store/saveQueue';

/** A fake host write: each call waits until the test resolves or rejects it. */
function fakeWriter() {
  const writes: { doc: string; resolve: () => void; reject: (e: Error & { code?: string }) => void }[] = [];
  let n = 0;
  const save = (doc: string) =>
    new Promise<{ savedAt: string }>((resolve, reject) => {
      writes.push({ doc, resolve: () => resolve({ savedAt: `2026-01-01T00:00:0${++n}.000Z` }), reject });
    });
  return { writes, save };
}

function queue(save: (doc: string) => Promise<{ savedAt: string }>, retryDelaysMs = [30, 60]) {
  const statuses: SaveStatus[] = [];
  const q = new SaveQueue<string>({ save, onStatus: (s) => statuses.push(s), debounceMs: 40, retryDelaysMs });
  return { q, statuses, last: () => statuses.at(-1) };
}

const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

test('typing is one write of the latest state, and "Saved" only after the host answered', async () => {
  const w = fakeWriter();
  const { q, last } = queue(w.save);
  q.schedule('a');
  q.schedule('ab');
  q.schedule('abc');
  expect(last()).toEqual({ state: 'saving' });
  await expect.poll(() => w.writes.length).toBe(1);
  expect(w.writes[0]!.doc).toBe('abc');
  expect(q.hasUnsaved).toBe(true);
  expect(last()).toEqual({ state: 'saving' });
  w.writes[0]!.resolve();
  await expect.poll(() => last()?.state).toBe('saved');
  expect(q.hasUnsaved).toBe(false);
});

test('one write in flight at a time; what changed meanwhile is written next, in order', async () => {
  const w = fakeWriter();
  const { q, last } = queue(w.save);
  q.schedule('v1');
  await expect.poll(() => w.writes.length).toBe(1);
  q.schedule('v2');
  q.schedule('v3');
  await new Promise((r) => setTimeout(r, 120));
  expect(w.writes).toHaveLength(1); // still waiting for the first
  w.writes[0]!.resolve();
  // The first write's answer does not claim the newer state is saved.
  await expect.poll(() => w.writes.length).toBe(2);
  expect(last()).toEqual({ state: 'saving' });
  expect(w.writes[1]!.doc).toBe('v3');
  w.writes[1]!.resolve();
  await expect.poll(() => last()?.state).toBe('saved');
  expect(w.writes.map((x) => x.doc)).toEqual(['v1', 'v3']);
});

test('a failure reports the reason, keeps the state and retries with backoff until it succeeds', async () => {
  const w = fakeWriter();
  const { q, last, statuses } = queue(w.save);
  q.schedule('doc');
  await expect.poll(() => w.writes.length).toBe(1);
  w.writes[0]!.reject(failure('disk_full', 'no space left on device'));
  await expect.poll(() => last()).toEqual({ state: 'error', code: 'disk_full', reason: 'no space left on device' });
  expect(q.unsavedDoc).toBe('doc');
  // The automatic retry sends the same state; while it runs the error stays visible.
  await expect.poll(() => w.writes.length).toBe(2);
  expect(w.writes[1]!.doc).toBe('doc');
  expect(last()?.state).toBe('error');
  w.writes[1]!.resolve();
  await expect.poll(() => last()?.state).toBe('saved');
  expect(statuses.map((s) => s.state)).toEqual(['saving', 'error', 'saved']);
});

test('flush writes at once and reports whether everything is durable', async () => {
  const w = fakeWriter();
  const { q } = queue(w.save, [10_000]);
  q.schedule('x');
  const flushed = q.flush();
  await expect.poll(() => w.writes.length).toBe(1); // no debounce wait
  w.writes[0]!.resolve();
  await expect(flushed).resolves.toBe(true);

  q.schedule('y');
  const failed = q.flush();
  await expect.poll(() => w.writes.length).toBe(2);
  w.writes[1]!.reject(failure('read_only', 'the folder is read-only'));
  await expect(failed).resolves.toBe(false);
  expect(q.unsavedDoc).toBe('y');

  // Retry (the button) tries at once, without waiting for the backoff.
  const retried = q.retry();
  await expect.poll(() => w.writes.length).toBe(3);
  w.writes[2]!.resolve();
  await expect(retried).resolves.toBe(true);
  expect(q.hasUnsaved).toBe(false);
});

test('an edit made while a flush waits is written too, not parked behind a debounce', async () => {
  const w = fakeWriter();
  const { q } = queue(w.save);
  q.schedule('1');
  const flushed = q.flush();
  await expect.poll(() => w.writes.length).toBe(1);
  q.schedule('2');
  w.writes[0]!.resolve();
  await expect(flushed).resolves.toBe(true);
  await expect.poll(() => w.writes.length).toBe(2);
  expect(w.writes[1]!.doc).toBe('2');
  w.writes[1]!.resolve();
  await expect.poll(() => q.hasUnsaved).toBe(false);
});

test('discardPending drops state replaced on disk by other means', async () => {
  const w = fakeWriter();
  const { q, last } = queue(w.save, [10_000]);
  q.schedule('stale');
  await q.discardPending();
  q.markSaved('2026-01-01T00:00:00.000Z');
  await new Promise((r) => setTimeout(r, 120));
  expect(w.writes).toHaveLength(0);
  expect(last()).toEqual({ state: 'saved', savedAt: '2026-01-01T00:00:00.000Z' });
});
