import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Content types for what a Vite build of the renderer contains. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The content type for a file name; unknown kinds are served as opaque bytes. */
export function contentTypeOf(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { kind: 'file'; filePath: string; contentType: string }
  /** The path tried to leave the renderer folder (`..`, an absolute path, a NUL byte, a symlink out). */
  | { kind: 'forbidden' }
  | { kind: 'not_found' };

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(sep));
}

/**
 * Map a URL path (still percent-encoded, as it arrives) to a file under `rootDir`.
 * Anything that would resolve outside `rootDir` is `forbidden`, checked both on the
 * decoded path and after following symlinks. A missing path without a file extension
 * is an in-app route and gets index.html; a missing asset (with an extension) is
 * `not_found`, so a broken build shows up as a 404 rather than HTML served as script.
 */
export async function lookupStaticFile(rootDir: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };
  const root = resolve(rootDir);
  const relativePath = decoded.replace(/^\/+/, '');
  if (isAbsolute(relativePath)) return { kind: 'forbidden' };
  if (relativePath.split('/').includes('..')) return { kind: 'forbidden' };
  const wanted = resolve(root, relativePath === '' ? 'index.html' : relativePath);
  if (!inside(root, wanted)) return { kind: 'forbidden' };

  let filePath = wanted;
  if (!(await isFile(filePath))) {
    if (extname(relativePath) !== '') return { kind: 'not_found' };
    filePath = join(root, 'index.html');
    if (!(await isFile(filePath))) return { kind: 'not_found' };
  }
  // A symlink inside the renderer folder must not lead out of it.
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(filePath)]);
  if (!inside(realRoot, realFile)) return { kind: 'forbidden' };
  return { kind: 'file', filePath: realFile, contentType: contentTypeOf(realFile) };
}
