// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
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
      ...restrict(['electron', 'electron-store', ...NODE_BUILTINS, '**/electron/**'], 'renderer/ runs in the browser: no Electron, no Node built-ins, no electron/ code. Talk to the host through renderer/src/host.'),
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
