#!/usr/bin/env node
// Builds the `pimap` command line into one ES module, out/cli/pimap.mjs, with esbuild.
// Run by `npm ci`/`npm install` (the `prepare` script) and, when the sources changed since,
// by the launcher itself (bin.mjs), so `npx pimap` starts as a compiled tool (≈0.3 s)
// instead of compiling TypeScript on every run (tsx, 1–2 s).
// Packages stay external: they are loaded from node_modules as usual.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_BUNDLE = join(root, 'out', 'cli', 'pimap.mjs');

export async function buildCli() {
  const result = await build({
    entryPoints: [join(root, 'electron', 'cli', 'main.ts')],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    legalComments: 'none',
    write: false,
  });
  // Written beside and renamed over: two launchers rebuilding at once (parallel tests) must
  // never let a third import a half-written bundle.
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  const temp = `${CLI_BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, CLI_BUNDLE);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
