import { expect, test } from 'vitest';
import { HostCallError } from '../../../renderer/src/host/hostClient';
import type { SaveStatus } from '../../../renderer/src/store/saveStatus';
import { SaveQueue } from '../../../renderer/src/store/saveQueue';

/** A fake host write: each call waits until the test resolves or rejects it. */
function fakeWriter() {
  const writes: { doc: string; base: number; resolve: () => void; reject: (e: Error & { code?: string }) => void }[] = [];
  let n = 0;
  const save = (doc: string, base: number) =>
    new Promise<{ savedAt: string; revision: number }>((resolve, reject) => {
      writes.push({ doc, base, resolve: () => resolve({ savedAt: `2026-01-01T00:00:0${++n}.000Z`, revision: base + 1 }), reject });
    });
  return { writes, save };
}

function queue(save: (doc: string, base: number) => Promise<{ savedAt: string; revision: number }>, retryDelaysMs = [30, 60]) {
  const statuses: SaveStatus[] = [];
  // Documents are strings here: every one was read at revision 5.
  const q = new SaveQueue<string>({ save, revisionOf: () => 5, onStatus: (s) => statuses.push(s), debounceMs: 40, retryDelaysMs });
  return { q, statuses, last: () => statuses.at(-1) };
}

/** A failed host write, as callHost rejects: the queue reads its code with `hostFailure`. */
const failure = (code: string, message: string) => new HostCallError(code, message);

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
  q.markSaved('2026-01-01T00:00:00.000Z', 9);
  await new Promise((r) => setTimeout(r, 120));
  expect(w.writes).toHaveLength(0);
  expect(last()).toEqual({ state: 'saved', savedAt: '2026-01-01T00:00:00.000Z' });
});

test("this window's own saves chain: each is based on the revision the previous one returned", async () => {
  const w = fakeWriter();
  const { q } = queue(w.save);
  q.schedule('one');
  await expect.poll(() => w.writes.length).toBe(1);
  // Edits while the first write is in flight are coalesced into one next write.
  q.schedule('two');
  q.schedule('three');
  w.writes[0]!.resolve();
  await expect.poll(() => w.writes.length).toBe(2);
  expect(w.writes.map((x) => [x.doc, x.base])).toEqual([
    ['one', 5],
    ['three', 6],
  ]);
  w.writes[1]!.resolve();
  await expect.poll(() => q.hasUnsaved).toBe(false);
  q.schedule('four');
  await expect.poll(() => w.writes.length).toBe(3);
  expect(w.writes[2]!.base).toBe(7);
});

test('a conflict is never retried and never shown as saved; the edits wait for the choice', async () => {
  const w = fakeWriter();
  const { q, last, statuses } = queue(w.save, [20]);
  q.schedule('mine');
  await expect.poll(() => w.writes.length).toBe(1);
  w.writes[0]!.reject(failure('conflict', 'changed elsewhere'));
  await expect.poll(() => last()?.state).toBe('conflict');
  // Later edits are kept, not sent; no retry fires; flush says it could not save.
  q.schedule('mine, edited more');
  await new Promise((r) => setTimeout(r, 150));
  expect(w.writes).toHaveLength(1);
  expect(await q.flush()).toBe(false);
  expect(q.hasUnsaved).toBe(true);
  expect(q.unsavedDoc).toBe('mine, edited more');
  expect(statuses.filter((s) => s.state === 'saved')).toEqual([]);

  // "Keep mine" on the user's choice: written on top of their revision.
  const done = q.resolve('mine', 8, '2026-01-01T00:00:00.000Z');
  await expect.poll(() => w.writes.length).toBe(2);
  expect(w.writes[1]).toMatchObject({ doc: 'mine, edited more', base: 8 });
  w.writes[1]!.resolve();
  expect(await done).toBe(true);
  expect(last()?.state).toBe('saved');
});

test('"take theirs" drops the pending edits and bases the next save on their revision', async () => {
  const w = fakeWriter();
  const { q, last } = queue(w.save, [20]);
  q.schedule('mine');
  await expect.poll(() => w.writes.length).toBe(1);
  w.writes[0]!.reject(failure('conflict', 'changed elsewhere'));
  await expect.poll(() => q.inConflict).toBe(true);
  await q.resolve('theirs', 12, '2026-01-01T00:00:09.000Z');
  expect(q.hasUnsaved).toBe(false);
  expect(last()).toEqual({ state: 'saved', savedAt: '2026-01-01T00:00:09.000Z' });
  q.schedule('next edit');
  await expect.poll(() => w.writes.length).toBe(2);
  expect(w.writes[1]).toMatchObject({ doc: 'next edit', base: 12 });
});

test('a document read again from disk is the base only when nothing is pending', async () => {
  const w = fakeWriter();
  const { q } = queue(w.save);
  q.schedule('a');
  q.adopt(20); // pending edits were made on revision 5: keep comparing against 5
  await expect.poll(() => w.writes.length).toBe(1);
  expect(w.writes[0]!.base).toBe(5);
  w.writes[0]!.resolve();
  await expect.poll(() => q.hasUnsaved).toBe(false);
  q.adopt(20); // opened again later, after another window saved it
  q.schedule('b');
  await expect.poll(() => w.writes.length).toBe(2);
  expect(w.writes[1]!.base).toBe(20);
});
