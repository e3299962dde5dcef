#!/usr/bin/env node
// `pimap` launcher. Runs the built CLI (out/cli/pimap.mjs). When the bundle is missing or
// older than any source file it was built from (a developer changed the code), it is built
// again first (esbuild, a fraction of a second); only if esbuild itself is missing does it
// fall back to compiling the TypeScript on the fly with tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bundle = join(root, 'out', 'cli', 'pimap.mjs');

/** The newest modification time among the CLI's sources (electron/, shared/, package.json). */
function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'electron'));
  walk(join(root, 'shared'));
  return newest;
}

function bundleIsFresh() {
  try {
    return statSync(bundle).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

let ready = bundleIsFresh();
if (!ready) {
  try {
    const { buildCli } = await import(pathToFileURL(join(root, 'electron', 'build', 'buildCli.mjs')).href);
    await buildCli();
    ready = true;
  } catch {
    ready = false; // no esbuild (a production install): compile on the fly below
  }
}
if (ready) {
  // Make the bundle see the same argv a direct run would: node, the script, then the arguments.
  process.argv[1] = bundle;
  await import(pathToFileURL(bundle).href);
} else {
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  const r = spawnSync(process.execPath, [tsxCli, join(here, 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
