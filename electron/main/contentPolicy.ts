/**
 * The content security policy and the other response headers every app page gets,
 * in Electron (the app:// protocol handler) and in the browser preview alike.
 *
 * No 'unsafe-inline' and no 'unsafe-eval': the renderer is a bundled module script
 * with external stylesheets. `connect-src 'self'` lets the preview's pages call its
 * own /api and nothing else; in Electron the same rule means "no network".
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Headers for every page and asset the app serves. */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
