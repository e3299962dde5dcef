import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../helpers/browser';
import { startPreview, type Preview } from '../helpers/preview';

// The acceptance check for the browser preview: a new empty data folder, the
// Open line, a page that loads cleanly without touching the network, and an API that
// refuses callers without the token.
let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreview();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

type Reply = { status: number; body: string };

/** A raw HTTP request, so the Host header and the path go out exactly as written. */
function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: preview.port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${preview.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const callApi = (op: string, headers: Record<string, string>) =>
  send({ method: 'POST', path: `/api/${op}`, headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });

describe('npm run web (browser preview)', () => {
  it('prints exactly one line: the Open address on 127.0.0.1 with a token', () => {
    const { stdout, stderr } = preview.output();
    expect(stdout).toBe(`Open http://127.0.0.1:${preview.port}/?token=${preview.token}\n`);
    expect(stderr).toBe('');
    expect(preview.token.length).toBeGreaterThanOrEqual(40);
  });

  it('loads the app in Chromium with no console errors and no request outside 127.0.0.1', async () => {
    const { page, consoleErrors, outsideRequests } = await newPage(browser);
    const response = await page.goto(preview.url, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.title()).resolves.toBe('Power–Interest Mapper');
    // React has rendered something into the root.
    await page.locator('#root > *').first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
    await page.close();
    // The page's own host calls did not make the preview print anything.
    expect(preview.output().stderr).toBe('');
  });

  it('refuses an API request without the token, or with a wrong one (401)', async () => {
    expect((await callApi('listStudies', {})).status).toBe(401);
    expect((await callApi('listStudies', { Authorization: 'Bearer not-the-token' })).status).toBe(401);
  });

  it('refuses a request whose Host is not 127.0.0.1 or localhost (403)', async () => {
    const res = await callApi('listStudies', { Authorization: `Bearer ${preview.token}`, Host: `attacker.example:${preview.port}` });
    expect(res.status).toBe(403);
  });

  it('answers listStudies on the new empty folder with an empty list', async () => {
    const res = await callApi('listStudies', { Authorization: `Bearer ${preview.token}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: [] });
  });

  it('refuses path traversal out of the renderer folder', async () => {
    for (const path of ['/../../package.json', '/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/%2e%2e/package.json']) {
      const res = await send({ path });
      expect(res.status, path).toBe(403);
      expect(res.body).not.toContain('"devDependencies"');
    }
  });

  it('keeps its data in the folder given with --data and nowhere near the renderer', () => {
    // Nothing has been saved yet, so the folder holds no study.
    const entries = readdirSync(preview.dataDir).filter((name) => !name.startsWith('.'));
    expect(entries).toEqual([]);
  });
});
