// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';

/**
 * Layering, enforced as errors (see README "Architecture"):
 *   shared/   pure TypeScript: no react, konva, zustand, electron or Node built-ins
 *   renderer/ browser only: no electron, no Node built-ins, nothing from electron/
 *   electron/ Node only: nothing from renderer/
 * There is deliberately no exception for type-only imports.
 */
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'worker_threads', 'events', 'zlib'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: false }] }],
});

const RENDERER_BASE = {
  group: ['electron', 'electron-store', ...NODE_BUILTINS, '**/electron/**'],
  message: 'renderer/ runs in the browser: no Electron, no Node built-ins, no electron/ code. Talk to the host through renderer/src/host.',
  allowTypeImports: false,
};
const FEATURES = ['studies', 'editor', 'compare', 'export', 'import', 'present'];
const up = (folders) => folders.flatMap((f) => [`../${f}`, `../${f}/*`, `**/src/${f}/*`]);

/** One config per layer: the renderer's own restriction plus the layers above it. */
function rendererLayers() {
  const layers = [
    { name: 'features', folders: FEATURES, above: ['app'] },
    { name: 'ui', folders: ['ui'], above: ['app', ...FEATURES] },
    { name: 'store', folders: ['store'], above: ['app', ...FEATURES, 'ui'] },
    { name: 'host and i18n', folders: ['host', 'i18n'], above: ['app', ...FEATURES, 'ui', 'store'] },
  ];
  return layers.map(({ name, folders, above }) => ({
    files: folders.map((f) => `renderer/src/${f}/**/*.{ts,tsx}`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            RENDERER_BASE,
            { group: up(above), message: `renderer layers: ${name} may not import ${above.join(', ')} (the shell is on top, then features, ui, store, host and i18n).`, allowTypeImports: false },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['*.config.ts.*.mjs', '**/*.timestamp-*.mjs', 'out/**', 'dist/**', 'node_modules/**', 'tests/bench/results/**', 'coverage/**', '.vitest-attachments/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ['react', 'react/*', 'react-dom', 'react-dom/*', 'konva', 'konva/*', 'react-konva', 'zustand', 'zustand/*', 'zundo', 'electron', 'electron-store', ...NODE_BUILTINS, '**/renderer/**', '**/electron/**'],
      'shared/ is pure TypeScript: it may not import UI libraries, Electron, Node built-ins, renderer/ or electron/.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [RENDERER_BASE] }],
    },
  },
  // The renderer's layers, top to bottom: the shell (app/: App, TopBar, routes' pages) →
  // features (studies, editor, compare, export, import, present) → the UI kit (ui/: dialogs,
  // headings, router, save indicator) → the store (store/) → the host client and i18n
  // (host/, i18n/). Each layer may import those below it, never one above: a breach is an
  // error. (Features may use each other: the study page opens the export dialog.)
  ...rendererLayers(),
  {
    // Every word a person reads goes through i18n (renderer/src/i18n/locales): a literal in
    // JSX text or in a text-bearing attribute is an error. Class names, roles, ids, data-*,
    // CSS, Konva styling and the like are not words, so only the attributes people read
    // or hear are checked; punctuation, symbols and numbers alone are not words either.
    files: ['renderer/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          // Strings passed to functions inside JSX are keys and ids (t('…'), header('stakeholder', …)), not words.
          callees: { exclude: ['.*'] },
          'jsx-attributes': { include: ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'alt', 'placeholder', 'label', 'text'], exclude: ['.*'] },
          'jsx-components': { exclude: ['Trans'] },
          words: { exclude: [/^[\p{P}\p{S}\p{Z}\p{N}]*$/u, '[A-Z0-9_-]+'] },
          message: 'Text people read goes through i18n: add a key to renderer/src/i18n/locales/en (and bn, hi) and use t().',
        },
      ],
    },
  },
  {
    files: ['electron/**/*.{ts,mjs,js}', 'tests/**/*.{ts,mjs,js}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['electron/**/*.{ts,mjs,js}'],
    rules: restrict(['**/renderer/**', 'react', 'react-dom', 'konva', 'react-konva', 'zustand'], 'electron/ is the host: it may not import renderer/ or UI libraries.'),
  },
  {
    files: ['tests/component/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
