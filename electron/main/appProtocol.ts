import { readFile } from 'node:fs/promises';
import { PAGE_SECURITY_HEADERS } from './contentPolicy';
import { lookupStaticFile } from './staticFiles';

/**
 * The desktop app's pages are served from a custom `app://pimap/` protocol rather
 * than `file://`:
 *  - the handler sets the content security policy as a real response header (file://
 *    responses have no headers);
 *  - `'self'` in the policy means exactly the renderer folder, not the whole disk;
 *  - only files under out/renderer can be loaded (path traversal is refused), so the
 *    page cannot read other local files, and file:// stays blocked entirely;
 *  - the renderer's absolute asset paths (`/assets/…`) work as they do in the preview.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pimap';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged`: `standard` gives the scheme
 * an origin (so `'self'` and relative URLs work), `secure` makes it a secure context.
 * No `bypassCSP`, no `corsEnabled`, no `stream`.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * True only for a URL of the app's own origin. Parsed rather than compared by prefix,
 * so `app://pimap.evil/` or `app://pimap@evil/` do not pass.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...PAGE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The `protocol.handle(APP_SCHEME, …)` handler: serves files from `rendererDir`, with
 * the security headers, for GET and HEAD on the app's host only.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    const found = await lookupStaticFile(rendererDir, url.pathname);
    if (found.kind === 'forbidden') return plain(403, 'Forbidden');
    if (found.kind === 'not_found') return plain(404, 'Not found');
    const body = request.method === 'HEAD' ? null : await readFile(found.filePath);
    return new Response(body, {
      status: 200,
      headers: { ...PAGE_SECURITY_HEADERS, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' },
    });
  };
}
