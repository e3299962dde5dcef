import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles: the main process (ESM, deps left external), the sandboxed preload
// (must be CommonJS, hence .cjs), and the renderer (plain browser code).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // playwright-core drives the system Chromium for exports; keep it a runtime import.
      externalizeDeps: { include: ['playwright-core'] },
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified by default; minified, the initial
      // JavaScript is about 40% smaller, which is what a slow laptop's cold start pays for.
      // PIMAP_NO_MINIFY=1 keeps function names for a profile (tests/bench/pages/probeProfile.ts).
      minify: process.env.PIMAP_NO_MINIFY !== '1',
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
