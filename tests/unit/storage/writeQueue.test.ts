import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../../electron/services/storage/writeQueue';

/** A job the test finishes by hand, to control exactly what is in flight. */
function gate() {
  let open!: () => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('the per-file write queue', () => {
  it('runs one write at a time per file and merges a burst into one write of the latest state', async () => {
    const q = new KeyedQueue();
    const written: string[] = [];
    const gates: ReturnType<typeof gate>[] = [];
    const write = async (v: string) => {
      const g = gate();
      gates.push(g);
      await g.promise;
      written.push(v);
      return v;
    };
    const first = q.latest('a.json', 'v1', write);
    await tick();
    expect(gates).toHaveLength(1); // v1 is in flight
    const burst = ['v2', 'v3', 'v4', 'v5'].map((v) => q.latest('a.json', v, write));
    await tick();
    expect(gates).toHaveLength(1); // nothing else starts while v1 is in flight
    gates[0]?.open();
    await expect(first).resolves.toBe('v1');
    await tick();
    expect(gates).toHaveLength(2); // one merged write for v2…v5
    gates[1]?.open();
    // Every caller of the burst is told about the write that carried the newest state.
    await expect(Promise.all(burst)).resolves.toEqual(['v5', 'v5', 'v5', 'v5']);
    expect(written).toEqual(['v1', 'v5']);
  });

  it('does not let a caller resolve before a write containing its state is done', async () => {
    const q = new KeyedQueue();
    const g1 = gate();
    const g2 = gate();
    let settled = false;
    void q.latest('a', 1, () => g1.promise);
    await tick();
    const second = q.latest('a', 2, () => g2.promise).then(() => (settled = true));
    g1.open();
    await tick();
    await tick();
    expect(settled).toBe(false);
    g2.open();
    await second;
    expect(settled).toBe(true);
  });

  it('tells every merged caller when their write failed', async () => {
    const q = new KeyedQueue();
    const g1 = gate();
    void q.latest('a', 1, () => g1.promise);
    await tick(); // 1 is in flight; 2 and 3 merge behind it
    const failing = [2, 3].map((v) => q.latest('a', v, async () => Promise.reject(new Error(`disk full at ${v}`))));
    g1.open();
    const outcomes = await Promise.allSettled(failing);
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['Error: disk full at 3', 'Error: disk full at 3']);
    // The queue is not stuck afterwards.
    await expect(q.latest('a', 4, async (v) => v)).resolves.toBe(4);
  });

  it('merges saves asked before the first one started: only the newest is written', async () => {
    const q = new KeyedQueue();
    const written: number[] = [];
    const all = [1, 2, 3].map((v) => q.latest('a', v, async (x) => void written.push(x)));
    await Promise.all(all);
    expect(written).toEqual([3]);
  });

  it('keeps different files independent', async () => {
    const q = new KeyedQueue();
    const g = gate();
    void q.latest('a', 1, () => g.promise);
    await expect(q.latest('b', 2, async (v) => v)).resolves.toBe(2);
    g.open();
  });

  it('never merges a save across a delete that was asked in between', async () => {
    const q = new KeyedQueue();
    const order: string[] = [];
    const g = gate();
    void q.latest('a', 'save-1', async (v) => {
      await g.promise;
      order.push(v);
    });
    await tick(); // save-1 is in flight
    const queuedSave = q.latest('a', 'save-2', async (v) => void order.push(v));
    const del = q.run('a', async () => void order.push('delete'));
    const laterSave = q.latest('a', 'save-3', async (v) => void order.push(v));
    g.open();
    await Promise.all([queuedSave, del, laterSave]);
    expect(order).toEqual(['save-1', 'save-2', 'delete', 'save-3']);
  });

  it('reports idle once everything queued has finished', async () => {
    const q = new KeyedQueue();
    const g = gate();
    let done = false;
    void q.latest('a', 1, async () => {
      await g.promise;
      done = true;
    });
    const idle = q.idle();
    g.open();
    await idle;
    expect(done).toBe(true);
  });
});
