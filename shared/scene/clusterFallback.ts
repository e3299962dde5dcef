/**
 * The width of text the shaped-cluster table (textMetrics.ts CLUSTERS) does not list: the
 * sum of its characters' advances, plus what shaping is known to add. The vowel signs u,
 * uu and vocalic r have no advance of their own (they sit below), yet the bundled faces
 * draw রু, শু, হৃ with the sign beside the consonant, and र with u or uu as the wider रु,
 * रू: at most +0.21 em for Bengali, +0.21 and +0.40 em for रु and रू (measured at 400, 600
 * and 700). The extra is that maximum, so an unlisted cluster errs wide, never narrow.
 * Conjuncts, which the sum counts as two consonants, also err wide. The generator
 * (electron/build/writeTextMetrics.ts) lists a cluster only where its shaped width differs
 * from this, so the two agree on every cluster left out.
 */
export function fallbackEm(text: string, advance: (cp: number) => number): number {
  let em = 0;
  let prev = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    em += advance(cp) + belowMarkExtra(prev, cp);
    prev = cp;
  }
  return em;
}

function belowMarkExtra(prev: number, cp: number): number {
  if (cp === 0x09c1 || cp === 0x09c2 || cp === 0x09c3) return 0.22;
  if (prev === 0x0930 && cp === 0x0941) return 0.22;
  if (prev === 0x0930 && cp === 0x0942) return 0.42;
  if (cp === 0x0941 || cp === 0x0942 || cp === 0x0943) return 0.02;
  return 0;
}
