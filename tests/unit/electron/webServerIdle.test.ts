import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import type { HostHandlers } from '../../../shared/contract/hostContract';

/**
 * The preview server closes connections nobody uses: one that never sends a request,
 * and a kept-alive one after its last response. A request that takes long (a report)
 * is not cut while it is being answered.
 */
let base: string;
let server: WebServer;
let releaseSlow: () => void = () => undefined;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'pimap-web-idle-'));
  mkdirSync(join(base, 'renderer'), { recursive: true });
  writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
  const handlers = {
    listStudies: async () => [],
    // Answers only when the test says so: longer than the idle limit.
    listTrash: () => new Promise((resolve) => (releaseSlow = () => resolve([]))),
  } as unknown as HostHandlers;
  server = await startWebServer({ port: 0, dataDir: join(base, 'data'), rendererDir: join(base, 'renderer'), handlers, token: 't0ken', idleSocketMs: 300 });
});
afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}
const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
const request = (op: string) =>
  `POST /api/${op} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer t0ken\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}`;

describe('idle connections to the preview server', () => {
  it('a connection that never sends a request is closed by the server', async () => {
    const socket = await open();
    await closed(socket);
    expect(socket.destroyed).toBe(true);
  });

  it('a request that takes longer than the idle limit is still answered on its connection', async () => {
    const socket = await open();
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
    socket.write(request('listTrash'));
    // Well past the idle limit with the request in flight, then answer it.
    await new Promise((r) => setTimeout(r, 900));
    expect(socket.destroyed).toBe(false);
    releaseSlow();
    await closed(socket);
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(reply).toContain('"ok":true');
  });
});
