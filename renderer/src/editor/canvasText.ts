import { useEffect, useState } from 'react';
import { MAP_FONT_FAMILY, mapTextWidth } from '../../../shared/scene/textMeasure';

/**
 * Text on the canvas: the font it uses, how wide a label is, how big text should be
 * (large-text mode), and waiting for the bundled Bengali and Devanagari faces before
 * Konva draws (a canvas does not redraw itself when a web font arrives later, so text
 * drawn early would stay in a fallback font or as empty boxes).
 */

/**
 * The canvases' font: only the bundled Noto faces (shared/scene/textMeasure), never a
 * system font, so the map's text is as wide as the shared measure says on every machine
 * and the editor draws what the export draws.
 */
export const CANVAS_FONT_FAMILY = MAP_FONT_FAMILY;

/**
 * Width in pixels of `text` as the canvas draws it: the map's one measure (shared/scene
 * textMeasure, the bundled faces' own advances), for every canvas view — editor, compare,
 * over time — as for the exports. Not Konva's measure: the first text measures with fresh
 * faces cost the compare view's first commit ~130 ms (profiled, issue 14), and the table
 * answers the same on every machine, fonts loaded or not.
 */
export const measureText: (text: string, fontSize: number, fontStyle?: string) => number = mapTextWidth;

/**
 * How much larger than normal text is: 1 normally, about 1.3 in large-text mode (which
 * scales the root font size). Follows the `large-text` class on <html> as it changes.
 */
export function useTextScale(): number {
  const read = () => {
    const size = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
    return Number.isFinite(size) && size > 0 ? size / 16 : 1;
  };
  const [scale, setScale] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setScale(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
    return () => observer.disconnect();
  }, []);
  return scale;
}

/** Scripts whose faces ship with the app, with a sample character for `document.fonts.load`. */
const SAMPLES = ['অআ', 'अआ', 'Aa'];

/** The weights the canvas uses (fontStyle), each shipped as a face of its own. */
export const CANVAS_WEIGHTS = [400, 600, 700] as const;

/** Give up waiting after this long and draw anyway: text in a fallback font beats no map. */
const FONT_WAIT_MS = 2500;

/** True once the fonts the canvas needs are loaded (or the wait timed out). */
export function useFontsReady(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    const done = () => {
      if (live) setReady(true);
    };
    const fonts = document.fonts;
    const timer = setTimeout(done, FONT_WAIT_MS);
    // Every weight the canvas draws with: 400 body, 600 chips and axis titles, 700 axis ends and zone names.
    const loads = SAMPLES.flatMap((sample) => CANVAS_WEIGHTS.map((w) => fonts.load(`${w} 16px ${CANVAS_FONT_FAMILY}`, sample)));
    void Promise.allSettled(loads)
      .then(() => fonts.ready)
      .then(() => {
        clearTimeout(timer);
        done();
      });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  return ready;
}
