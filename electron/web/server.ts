import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { type HostHandlers, isHostOp } from '../../shared/contract/hostContract';
import { PAGE_SECURITY_HEADERS } from '../main/contentPolicy';
import { lookupStaticFile } from '../main/staticFiles';

/**
 * The browser preview: the built renderer and the host API over HTTP, for trying the
 * app without Electron and for end-to-end tests.
 *
 * Security, since any local process or web page can reach 127.0.0.1:
 *  - it listens on 127.0.0.1 only;
 *  - every API call needs `Authorization: Bearer <token>`, a random 256-bit token
 *    printed once on start (a web page elsewhere cannot learn it, and cannot send that
 *    header cross-origin without a CORS preflight, which this server never grants);
 *  - the `Host` header must name 127.0.0.1 or localhost at this port, which defeats
 *    DNS rebinding (evil.example resolving to 127.0.0.1);
 *  - a cross-origin `Origin` on an API call is refused;
 *  - static files come only from the renderer folder and hold no data.
 */
export type WebServerOptions = {
  /** 0 picks a free port. */
  port: number;
  /** Where studies are stored; reported to the user, the handlers already use it. */
  dataDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  handlers: HostHandlers;
  /** Fixed token, for tests; otherwise a random one. */
  token?: string;
  /** Largest accepted request body in bytes (default 50 MB: a 1,000-session study is about 12 MB). */
  maxBodyBytes?: number;
  /** How long a connection may sit with no request in flight before it is closed (default 30 s; tests shorten it). */
  idleSocketMs?: number;
};

export type WebServer = {
  /** The address to open, with the token: `http://127.0.0.1:<port>/?token=<token>`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
};

export const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;

const API_PREFIX = '/api/';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...PAGE_SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/** Constant-time comparison of the presented bearer token with ours. */
function hasToken(req: IncomingMessage, expected: Buffer): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const presented = Buffer.from(header.slice('Bearer '.length).trim(), 'utf8');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new HttpError(413, 'Request body too large'));
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, 'Request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

const DEFAULT_IDLE_SOCKET_MS = 30_000;

/** Start the preview server on 127.0.0.1. Resolves once it is listening. */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token, 'utf8');
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let port = 0;

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST' }, { Allow: 'POST' });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) return sendJson(res, 403, { error: 'Cross-origin request refused' });
    if (!hasToken(req, tokenBytes)) return sendJson(res, 401, { error: 'Missing or wrong token' }, { 'WWW-Authenticate': 'Bearer' });
    const op = pathname.slice(API_PREFIX.length);
    if (!isHostOp(op)) return sendJson(res, 404, { error: 'Unknown operation' });
    const body = await readBody(req, maxBody);
    let payload: unknown = undefined;
    if (body.length > 0) {
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, { error: 'Body is not JSON' });
      }
    }
    const result = await dispatchHostCall(opts.handlers, op, payload);
    sendJson(res, 200, result);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const found = await lookupStaticFile(opts.rendererDir, pathname);
    if (found.kind === 'forbidden') return sendText(res, 403, 'Forbidden');
    if (found.kind === 'not_found') return sendText(res, 404, 'Not found');
    res.writeHead(200, { ...PAGE_SECURITY_HEADERS, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((done, fail) => {
      const stream = createReadStream(found.filePath);
      stream.on('error', fail);
      res.on('close', () => {
        stream.destroy();
        done();
      });
      stream.pipe(res);
    });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const host = req.headers.host;
      if (!host || !allowedHosts().includes(host.toLowerCase())) return sendText(res, 403, 'Forbidden host');
      // Only the path is used; the raw target keeps its percent-encoding so traversal checks see it.
      const target = req.url ?? '/';
      const pathname = target.split('?')[0]!.split('#')[0]!;
      if (!pathname.startsWith('/')) return sendText(res, 400, 'Bad request');
      if (pathname.startsWith(API_PREFIX)) return handleApi(req, res, pathname);
      return handleStatic(req, res, pathname);
    })().catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        sendJson(res, err.status, { error: err.message }, { Connection: 'close' });
        return;
      }
      console.error(`Preview server error: ${err instanceof Error ? err.message : String(err)}`);
      sendJson(res, 500, { error: 'Internal error' });
    });
  });
  // Defaults are generous; a body of 50 MB on a loopback link arrives well within these.
  server.requestTimeout = 120_000;
  server.headersTimeout = 20_000;
  // A kept-alive connection closes 5 s after its last response (Node's default, stated
  // so it cannot silently change).
  server.keepAliveTimeout = 5_000;
  // A connection that never sends a request, or goes quiet between requests, was kept
  // open for ever: the timeouts above only run while a request is being received. Each
  // connection gets an inactivity timer (server.timeout) that closes it when no request
  // is in flight; with a 'timeout' listener Node leaves the decision to us, so a long
  // export (a report takes seconds) is never cut — requestTimeout bounds that.
  const inFlight = new WeakMap<Socket, number>();
  server.timeout = opts.idleSocketMs ?? DEFAULT_IDLE_SOCKET_MS;
  server.on('timeout', (socket: Socket) => {
    if (!inFlight.get(socket)) socket.destroy();
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    res.once('close', () => inFlight.set(socket, Math.max(0, (inFlight.get(socket) ?? 1) - 1)));
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    dataDir: opts.dataDir,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
