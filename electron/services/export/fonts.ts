import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * `@font-face` rules with the Noto faces embedded as base64 WOFF2, for every exported
 * picture and report. Embedding (rather than naming system fonts) is what makes
 * Bengali and Devanagari conjuncts render the same on a machine that has no Indic fonts,
 * which is most of the machines these files are sent to.
 *
 * NOTE: @fontsource/noto-sans (the Latin family) is not a dependency; the Latin and
 * Latin-extended subsets shipped inside @fontsource/noto-sans-devanagari are the same
 * Noto Sans design, so they serve as 'Noto Sans'. Each family keeps its unicode-range,
 * so Chromium picks the face per character and shapes each Indic run in one font.
 */
const requireHere = createRequire(import.meta.url);

const LATIN_RANGE =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const LATIN_EXT_RANGE =
  'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';
const BENGALI_RANGE = 'U+0951-0952,U+0964-0965,U+0980-09FE,U+1CD0,U+1CD2,U+1CD5-1CD6,U+1CD8,U+1CE1,U+1CEA,U+1CED,U+1CF2,U+1CF5-1CF7,U+200C-200D,U+20B9,U+25CC,U+A8F1';
const DEVANAGARI_RANGE = 'U+0900-097F,U+1CD0-1CF9,U+200C-200D,U+20A8,U+20B9,U+20F0,U+25CC,U+A830-A839,U+A8E0-A8FF,U+11B00-11B09';

interface Face {
  family: string;
  pkg: string;
  file: (weight: number) => string;
  range: string;
}

const FACES: Face[] = [
  { family: 'Noto Sans', pkg: '@fontsource/noto-sans-devanagari', file: (w) => `noto-sans-devanagari-latin-${w}-normal.woff2`, range: LATIN_RANGE },
  { family: 'Noto Sans', pkg: '@fontsource/noto-sans-devanagari', file: (w) => `noto-sans-devanagari-latin-ext-${w}-normal.woff2`, range: LATIN_EXT_RANGE },
  { family: 'Noto Sans Bengali', pkg: '@fontsource/noto-sans-bengali', file: (w) => `noto-sans-bengali-bengali-${w}-normal.woff2`, range: BENGALI_RANGE },
  { family: 'Noto Sans Devanagari', pkg: '@fontsource/noto-sans-devanagari', file: (w) => `noto-sans-devanagari-devanagari-${w}-normal.woff2`, range: DEVANAGARI_RANGE },
];

// 600: the map's chip labels and axis titles are semibold on screen and in the file (shared/scene/mapScene).
const WEIGHTS = [400, 600, 700] as const;

let cached: string | null = null;

/** The embedded font CSS (about 270 kB of base64); read once per process. */
export function embeddedFontCss(): string {
  if (cached !== null) return cached;
  const rules: string[] = [];
  for (const face of FACES)
    for (const weight of WEIGHTS) {
      const path = requireHere.resolve(`${face.pkg}/files/${face.file(weight)}`);
      const data = readFileSync(path).toString('base64');
      rules.push(
        `@font-face { font-family: '${face.family}'; font-style: normal; font-weight: ${weight}; font-display: block; ` +
          `src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${face.range}; }`,
      );
    }
  cached = rules.join('\n');
  return cached;
}
