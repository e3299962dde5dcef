/**
 * Screenshots of the map editor with a realistic map (a survivors' FGD placed the way
 * the study found), for looking at it during design work and for the README.
 *
 *   npx tsx tests/e2e/editorScreenshots.ts [out-dir]
 *       the editor alone (tests/component/editor/harness), served by Vite:
 *       editor-1366.png, editor-1366-large.png (1366×768, normal and large text),
 *       editor-1920.png and editor-1920-large.png (1920×1080)
 *   npx tsx tests/e2e/editorScreenshots.ts --readme
 *       the built app in the browser preview (run `npm run build` first), written to
 *       resources/readme/editor.png
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { createServer } from 'vite';
import { launchBrowser } from '../helpers/browser';
import { startPreview } from '../helpers/preview';
import { libraryStudy, realisticSession } from '../component/editor/fixtures';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

async function harnessShots(browser: Browser, out: string): Promise<void> {
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
  try {
    const shots = [
      { name: 'editor-1366.png', width: 1366, height: 768, query: '' },
      { name: 'editor-1366-large.png', width: 1366, height: 768, query: '?large=1' },
      { name: 'editor-1920.png', width: 1920, height: 1080, query: '' },
      { name: 'editor-1920-large.png', width: 1920, height: 1080, query: '?large=1' },
      ...(process.env.SHOTS_EXTRA
        ? [
            { name: 'editor-empty.png', width: 1366, height: 768, query: '?empty=1' },
            { name: 'editor-locked.png', width: 1366, height: 768, query: '?locked=1' },
            { name: 'editor-bn.png', width: 1366, height: 768, query: '?lang=bn' },
            { name: 'editor-hi.png', width: 1366, height: 768, query: '?lang=hi' },
          ]
        : []),
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
    await server.close();
  }
}

async function readmeShot(browser: Browser): Promise<void> {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repo, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  const preview = await startPreview();
  try {
    const api = async (op: string, payload: unknown) => {
      const res = await fetch(`${preview.origin}/api/${op}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${preview.token}` },
        body: JSON.stringify(payload),
      });
      const body = (await res.json()) as { ok: boolean; error?: unknown };
      if (!body.ok) throw new Error(`${op}: ${JSON.stringify(body.error)}`);
    };
    const study = libraryStudy();
    const session = realisticSession(study);
    await api('createStudy', { study });
    await api('saveSession', { session, baseRevision: 0 });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2 });
    await page.goto(`${preview.url}#/study/${study.id}/session/${session.id}`);
    await page.locator('.map-canvas canvas').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    // The contested BDO selected: the side panel, the dashed minority chip and its line.
    await page.locator('tr[data-stakeholder-id="bdo"]').click();
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.waitForTimeout(300);
    const path = join(repo, 'resources', 'readme', 'editor.png');
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path });
    console.log('wrote', path);
  } finally {
    await preview.stop();
  }
}

const browser = await launchBrowser();
try {
  if (process.argv.includes('--readme')) await readmeShot(browser);
  else await harnessShots(browser, resolve(process.argv[2] ?? '/tmp/pimap-shots'));
} finally {
  await browser.close();
}
