#!/usr/bin/env node
// The one quality gate, the same locally and in CI (`npm test`):
//   1. type-check each runtime separately (shared, node, web)
//   2. lint with zero warnings
//   3. vitest: unit (Node), component (real Chromium), e2e (Chromium against the browser preview)
// Ends with a plain "N passed, N failed" line; each gate counts as one check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0 };
const failures = [];

function gate(name, cmd, args) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status === 0) results.passed++;
  else {
    results.failed++;
    failures.push(name);
  }
  return r.status === 0;
}

const npx = 'npx';
gate('type-check shared/', npx, ['tsc', '-p', 'tsconfig.shared.json']);
gate('type-check electron/ and Node tests', npx, ['tsc', '-p', 'tsconfig.node.json']);
gate('type-check renderer/', npx, ['tsc', '-p', 'tsconfig.web.json']);
gate('lint (zero warnings)', npx, ['eslint', '--max-warnings', '0', '.']);

mkdirSync('out', { recursive: true });
const report = 'out/vitest-results.json';
rmSync(report, { force: true });
const extra = process.argv.slice(2);
console.log(`\n▶ vitest run ${extra.join(' ')}`);
const v = spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], { stdio: 'inherit' });
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  results.passed += json.numPassedTests ?? 0;
  results.failed += json.numFailedTests ?? 0;
  if ((json.numFailedTestSuites ?? 0) > 0 || (json.numTotalTests ?? 0) === 0) {
    results.failed++;
    failures.push(json.numTotalTests ? 'test files that failed to load' : 'vitest ran no tests');
  }
  if (v.status !== 0 && (json.numFailedTests ?? 0) === 0 && (json.numFailedTestSuites ?? 0) === 0) {
    results.failed++;
    failures.push(`vitest exited with ${v.status}`);
  }
} else {
  results.failed++;
  failures.push('vitest produced no report');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
