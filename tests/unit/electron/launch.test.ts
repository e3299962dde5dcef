import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` on a machine that cannot download the Electron runtime — every machine
// these tests run on. The runtime location and the download mirror are pointed at an
// empty folder and a closed local port, so the test means the same on a machine that
// does have the runtime or the network.
const root = join(import.meta.dirname, '..', '..', '..');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pimap-launch-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm start without the Electron runtime, offline', () => {
  it('says so in one sentence, names npm run web, and exits non-zero without a stack trace', () => {
    const r = spawnSync(process.execPath, [join(root, 'electron', 'launch.mjs')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'no-runtime'),
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: join(scratch, 'cache'),
      },
    });
    expect(r.error).toBeUndefined();
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBeNull();
    const errorLines = r.stderr.trim().split('\n');
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/Electron desktop runtime could not be downloaded/);
    expect(errorLines[0]).toContain('npm run web');
    const everything = r.stdout + r.stderr;
    expect(everything).not.toMatch(/^\s+at /m);
    expect(everything).not.toMatch(/TypeError|Error:/);
  });
});
