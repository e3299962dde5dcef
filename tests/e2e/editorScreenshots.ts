/**
 * Screenshots of the map editor alone (the harness in tests/component/editor/harness)
 * with the realistic map, to look at during design work:
 *   npx tsx tests/e2e/editorScreenshots.ts [out-dir]
 * Writes editor-1366.png (1366×768) and editor-1920-large.png (1920×1080, large text).
 * The README screenshot of the whole app comes from the e2e test against the preview.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, requireChromium } from '../../electron/services/chromiumPath';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const out = resolve(process.argv[2] ?? '/tmp/pimap-shots');
mkdirSync(out, { recursive: true });

const server = await createServer({
  configFile: false,
  root: join(repo, 'tests/component/editor/harness'),
  plugins: [react()],
  logLevel: 'warn',
  server: { port: 0, host: '127.0.0.1', fs: { allow: [repo] } },
});
await server.listen();
const address = server.httpServer?.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
try {
  const shots = [
    { name: 'editor-1366.png', width: 1366, height: 768, query: '' },
    { name: 'editor-1920-large.png', width: 1920, height: 1080, query: '?large=1' },
    ...(process.env.SHOTS_EXTRA ? [{ name: 'editor-empty.png', width: 1366, height: 768, query: '?empty=1' }, { name: 'editor-locked.png', width: 1366, height: 768, query: '?locked=1' }] : []),
  ];
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${port}/${shot.query}`);
    await page.locator('.map-canvas canvas').first().waitFor();
    await page.waitForTimeout(400);
    if (process.env.SHOTS_SELECT) {
      await page.locator(`tr[data-stakeholder-id="${process.env.SHOTS_SELECT}"]`).click();
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await page.waitForTimeout(200);
    }
    await page.screenshot({ path: join(out, shot.name) });
    console.log('wrote', join(out, shot.name));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
