/**
 * How an axis's wording fits along its side of the grid: "← Low", the title, "High →".
 * A title that fits between the two ends at its size (or a little smaller) shares their
 * row. One that does not gets a row of its own, the whole length of the axis, and if it
 * is still too long, two rows, broken between words. So a projector at 1280×720 in large
 * text shows "Power and influence to prevent trafficking", not "Power and influen…".
 * Only a wording too long even for that is cut, and the caller is told (the canvas
 * reports it for tests).
 */
export type MeasureText = (text: string, fontSize: number, fontStyle?: string) => number;

export interface AxisWordingFit {
  /** Rows of wording: 1 (all on one), 2 (the title on its own), 3 (the title on two). */
  rows: 1 | 2 | 3;
  /** The title as drawn, a line each. */
  lines: string[];
  /** The title's font size (the ends keep the full size). */
  titleSize: number;
  /** Width of the "← Low" … "High →" ends together, with a gap each side of a title between them. */
  endsWidth: number;
  /** The title is drawn with an ellipsis: too long for the axis even on two rows at the smallest size. */
  cut: boolean;
}

/** The smallest a title may get before it moves to a row of its own (or, there, is cut). */
export const MIN_TITLE_SCALE = 0.7;

/** The break between words that leaves the longer of the two lines shortest. */
function halves(title: string, width: (s: string) => number): [string, string] | null {
  const words = title.split(/\s+/).filter(Boolean);
  let best: [string, string] | null = null;
  let bestWidth = Infinity;
  for (let i = 1; i < words.length; i++) {
    const pair: [string, string] = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const w = Math.max(width(pair[0]), width(pair[1]));
    if (w < bestWidth) [best, bestWidth] = [pair, w];
  }
  return best;
}

export function fitAxisWording(title: string, low: string, high: string, length: number, size: number, measure: MeasureText): AxisWordingFit {
  const endsWidth = measure(`← ${low}`, size, '700') + measure(`${high} →`, size, '700') + 2 * size;
  const min = size * MIN_TITLE_SCALE;
  // 3 % to spare: the canvas measures again when it draws, and a title exactly as wide as
  // its box would be cut by a rounding error.
  const sizeFor = (text: string, room: number) => Math.min(size, (size * room * 0.97) / Math.max(1, measure(text, size, '600')));
  const between = sizeFor(title, length - endsWidth);
  if (between >= min) return { rows: 1, lines: [title], titleSize: between, endsWidth, cut: false };
  const own = sizeFor(title, length - size);
  if (own >= min) return { rows: 2, lines: [title], titleSize: own, endsWidth, cut: false };
  const split = halves(title, (s) => measure(s, size, '600'));
  if (split) {
    const two = Math.min(sizeFor(split[0], length - size), sizeFor(split[1], length - size));
    return { rows: 3, lines: split, titleSize: Math.max(min, two), endsWidth, cut: two < min };
  }
  return { rows: 2, lines: [title], titleSize: min, endsWidth, cut: true };
}
