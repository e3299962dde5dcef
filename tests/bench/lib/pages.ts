import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const PAGES_SRC = join(ROOT, 'tests', 'bench', 'pages');
/** Built benchmark pages live under out/ (ignored by git, next to the app's own build). */
export const PAGES_OUT = join(ROOT, 'out', 'bench', 'pages');
export const PROBE_OUT = join(ROOT, 'out', 'bench', 'probe', 'probe.js');

/**
 * Build the benchmark's own pages (the react-konva baseline, the editor harness, the
 * analysis-in-a-worker page) and the in-page probe, with the same Vite and React plugin
 * as the app, in production mode.
 */
export async function buildBenchPages(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: PAGES_SRC,
    base: './',
    plugins: [react()],
    build: {
      outDir: PAGES_OUT,
      emptyOutDir: true,
      rolldownOptions: {
        input: {
          baseline: join(PAGES_SRC, 'baseline.html'),
          editor: join(PAGES_SRC, 'editor.html'),
          analysis: join(PAGES_SRC, 'analysis.html'),
        },
      },
    },
  });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: PAGES_SRC,
    build: {
      outDir: join(ROOT, 'out', 'bench', 'probe'),
      emptyOutDir: true,
      minify: false,
      lib: { entry: join(PAGES_SRC, 'probe.tsx'), formats: ['iife'], name: 'pimapBenchProbe', fileName: () => 'probe.js' },
    },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export interface PageServer {
  origin: string;
  /** Serve JSON at /data/<name>.json. */
  setData(name: string, value: unknown): void;
  close(): Promise<void>;
}

/** A static server on 127.0.0.1 for the built pages, plus generated data under /data/. */
export async function servePages(): Promise<PageServer> {
  const data = new Map<string, string>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const m = /^\/data\/([\w-]+)\.json$/.exec(path);
    if (m) {
      const body = data.get(m[1]!);
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES['.json']!, 'Cache-Control': 'no-store' }).end(body);
      return;
    }
    const file = normalize(join(PAGES_OUT, path === '/' ? 'index.html' : path));
    if (!file.startsWith(PAGES_OUT) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    setData: (name, value) => data.set(name, JSON.stringify(value)),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
