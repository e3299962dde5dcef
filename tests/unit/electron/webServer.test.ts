import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/contentPolicy';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import type { HostHandlers } from '../../../shared/contract/hostContract';

let base: string;
let server: WebServer;
const listStudies = vi.fn(async () => []);

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'pimap-web-'));
  mkdirSync(join(base, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html><title>Power–Interest Mapper</title>');
  writeFileSync(join(base, 'renderer', 'assets', 'app.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  server = await startWebServer({ port: 0, dataDir: join(base, 'data'), rendererDir: join(base, 'renderer'), handlers: { listStudies } as unknown as HostHandlers, maxBodyBytes: 1024 });
});
afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw HTTP request, so the Host header and the path are sent exactly as given. */
function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (op: string, headers: Record<string, string> = {}, body = '{}') =>
  send({ method: 'POST', path: `/api/${op}`, headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers }, body });

describe('startWebServer', () => {
  it('listens on 127.0.0.1 and gives a URL carrying a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers a valid call with the HostResult', async () => {
    const res = await api('listStudies');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: [] });
  });

  it('returns contract errors as a HostResult, not an HTTP error', async () => {
    const res = await api('listStudies', {}, '{"unexpected":1}');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('refuses calls without the token, or with a wrong one, with 401', async () => {
    listStudies.mockClear();
    expect((await send({ method: 'POST', path: '/api/listStudies', body: '{}' })).status).toBe(401);
    expect((await api('listStudies', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api('listStudies', { Authorization: `Bearer ${server.token}x` })).status).toBe(401);
    expect((await api('listStudies', { Authorization: server.token })).status).toBe(401);
    expect(listStudies).not.toHaveBeenCalled();
  });

  it('refuses a foreign Host header (DNS rebinding) with 403, for pages and API', async () => {
    expect((await api('listStudies', { Host: 'evil.example:80' })).status).toBe(403);
    expect((await api('listStudies', { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await send({ path: '/', headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await api('listStudies', { Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a cross-origin API call even with the token', async () => {
    expect((await api('listStudies', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('listStudies', { Origin: server.origin })).status).toBe(200);
  });

  it('answers 404 for an unknown operation, 405 for other methods, 400 for bad JSON, 413 for a huge body', async () => {
    expect((await api('formatDisk')).status).toBe(404);
    expect((await api('constructor')).status).toBe(404);
    const get = await send({ path: '/api/listStudies', headers: { Authorization: `Bearer ${server.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await api('listStudies', {}, '{not json')).status).toBe(400);
    expect((await api('listStudies', {}, JSON.stringify({ pad: 'x'.repeat(2000) }))).status).toBe(413);
  });

  it('serves the renderer with the security headers and no token', async () => {
    const res = await send({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Power–Interest Mapper');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect((await send({ path: '/assets/app.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await send({ path: '/study/123?token=x' })).body).toContain('Power–Interest Mapper');
  });

  it('refuses path traversal', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await send({ path });
      expect(res.status, path).toBe(403);
      expect(res.body).not.toContain('SECRET');
    }
  });

  it('serves no static file to other methods', async () => {
    expect((await send({ method: 'DELETE', path: '/index.html' })).status).toBe(405);
  });
});
