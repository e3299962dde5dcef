import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, requireChromium } from './electron/services/chromiumPath';

// Three projects, one command:
//  unit      pure shared/ code and Node services, in Node
//  component React + Konva components in real Chromium (vitest browser mode)
//  e2e       the built app served by the browser preview, driven with playwright-core
const browserProjectsWanted = !process.argv.includes('--project=unit') && !process.argv.includes('unit');

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 60_000,
          server: { deps: { inline: ['electron-store', 'conf'] } },
        },
      },
      {
        plugins: [react()],
        optimizeDeps: { include: ['react', 'react-dom', 'react-dom/client', 'konva', 'react-konva', 'zustand', 'zundo', 'i18next', 'react-i18next', 'zod', 'axe-core', 'vitest-browser-react'] },
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx', 'tests/component/**/*.test.ts'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: browserProjectsWanted ? { executablePath: requireChromium(), args: CHROMIUM_ARGS } : {},
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['tests/e2e/globalSetup.ts'],
        },
      },
    ],
  },
});
