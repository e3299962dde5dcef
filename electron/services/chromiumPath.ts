import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Find a Chromium to drive (tests, PDF reports): `CHROMIUM_PATH`, else Debian's
 * /usr/bin/chromium, else Playwright's own download if one exists. Never downloads.
 */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return playwrightsOwnChromium();
}

/** Playwright's downloaded browser, if someone installed one; never triggers a download. */
function playwrightsOwnChromium(): string | null {
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core') as { chromium: { executablePath(): string } };
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The sentence shown when no Chromium is found. */
export const CHROMIUM_MISSING =
  'No Chromium found. Install one with "sudo apt-get install -y chromium" (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/**
 * Flags for a quiet headless Chromium on a machine with no network: without the
 * background-networking flags Chromium floods the closed network with connections.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Find Chromium or throw the install sentence. */
export function requireChromium(): string {
  const found = findChromium();
  if (!found) throw new Error(CHROMIUM_MISSING);
  return found;
}
