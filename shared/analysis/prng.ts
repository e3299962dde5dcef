/**
 * A small seeded pseudo-random generator for the permutation test. The analysis must be
 * reproducible — the same data, number of permutations and seed always give the same
 * p-values — so it never touches Math.random.
 *
 * mulberry32 (Tommy Ettinger, public domain): 32 bits of state, passes the usual
 * statistical batteries for this use, and costs a handful of integer operations.
 */
export class Mulberry32 {
  // NOTE: initialised here, as a number, not only in the constructor: a field declared
  // without a value starts as `undefined`, V8 then stores it untyped, and every update of a
  // 32-bit state outside the small-integer range allocates — twice as slow in the test loop.
  private state = 0;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /**
   * The 32-bit state, so a hot loop can run the generator on a local variable (a local int32
   * stays in a register; the field is boxed on every write where V8 compresses pointers, as
   * Chromium does: half the speed of the permutation loop) and hand it back afterwards.
   */
  getState(): number {
    return this.state;
  }

  setState(state: number): void {
    this.state = state | 0;
  }

  /** The next value, uniform on [0, 2^32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** The next value, uniform on [0, 1). */
  nextFloat(): number {
    // × 2^−32 rather than ÷ 2^32: the same value, and measurably cheaper in the permutation loop.
    return this.nextUint32() * 2.3283064365386963e-10;
  }

  /** A uniform integer in [0, bound). The bias of this multiply-and-floor method is below bound / 2^32: negligible here. */
  nextBelow(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }
}

/**
 * A seed for one stream, derived from the user's seed and a key (a stakeholder id), so
 * each stakeholder's permutation test is reproducible on its own: adding, removing or
 * reordering other stakeholders does not change its p-value.
 * FNV-1a over the key's UTF-16 code units, mixed with the seed.
 */
export function streamSeed(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche so that nearby keys ("s1", "s2") give unrelated streams.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
