import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeHard, launch } from './lib/chromium';
import type { BenchContext, Scenario } from './lib/context';
import { loadAverage, machineInfo } from './lib/machine';
import { buildBenchPages, ROOT, servePages } from './lib/pages';
import { snapshotRenderer } from './lib/preview';
import { resultsMarkdown, type BenchResult } from './lib/markdown';
import { figure, printTable, type Figure } from './lib/report';
import { analysisScenario } from './scenarios/analysis';
import { compareScenario } from './scenarios/compare';
import { dragScenario } from './scenarios/drag';
import { rendererScenario } from './scenarios/renderer';
import { storageScenario } from './scenarios/storage';
import { removeSharedStudies } from './lib/studyData';

/**
 * The benchmark of issue 7: every scenario of its table, in Node and in real Chromium,
 * each figure the median of at least five runs, printed as a table with its target and
 * written to tests/bench/results.json (and, for a complete full run, to
 * tests/bench/latest-results.json, which is committed for the README).
 */
const SCENARIOS: Scenario[] = [dragScenario, compareScenario, analysisScenario, storageScenario, rendererScenario];

const USAGE = `npm run bench [-- options]
  --quick        reduced sizes and runs (about two minutes)
  --only <ids>   comma-separated: ${SCENARIOS.map((s) => s.id).join(', ')}
  --runs <n>     measured runs per figure (at least 5; default 5 quick, 7 full)
  --drag-sizes <n,n>  chip counts for the drag scenario (default 40,300,3000; quick 40,300)
  --no-build     measure the renderer already in out/ instead of building it first
  --strict       exit with status 1 when a target is missed (status 2 on errors either way)`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'drag-sizes': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const quick = values.quick!;
const runs = Math.max(5, Number(values.runs ?? (quick ? 5 : 7)));
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
if (unknown.length) {
  console.error(`Unknown scenario(s): ${unknown.join(', ')}\n${USAGE}`);
  process.exit(2);
}
const chosen = SCENARIOS.filter((s) => !only || only.includes(s.id));

const started = new Date();
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const log = (m: string) => console.log(`[${elapsed()}] ${m}`);

if (!values['no-build']) {
  log('building the app (electron-vite build)');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error('The app did not build; nothing was measured.');
    process.exit(2);
  }
}
snapshotRenderer();
log('building the benchmark pages');
await buildBenchPages();

const pages = await servePages();
const dragSizes = values['drag-sizes']?.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const ctx: BenchContext = {
  quick,
  runs,
  warmups: quick ? 0 : 1,
  browser: await launch(),
  async restartBrowser() {
    const old = ctx.browser;
    ctx.browser = await launch();
    await closeHard(old);
  },
  pages,
  log,
  ...(dragSizes?.length ? { dragSizes } : {}),
};
const machine = machineInfo(ctx.browser.version());
log(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGB} GB, Node ${machine.node}, Chromium ${machine.chromium}, load ${machine.loadAverageAtStart.join(' ')}`);

const figures: Figure[] = [];
const errors: Array<{ scenario: string; error: string }> = [];
try {
  for (const scenario of chosen) {
    log(`▶ ${scenario.title}`);
    try {
      figures.push(...(await scenario.run(ctx)));
    } catch (err) {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`✗ ${scenario.title} failed: ${message}`);
      errors.push({ scenario: scenario.id, error: message });
      figures.push({ ...figure({ scenario: scenario.title, figure: 'not measured: the scenario failed (see above)', unit: 'count', runs: [] }), error: message.split('\n')[0]! });
    }
  }
} finally {
  await pages.close();
  await ctx.browser.close();
  await removeSharedStudies();
}
machine.loadAverageAtEnd = loadAverage();

console.log('');
console.log(`Power–Interest Mapper benchmark — ${quick ? 'QUICK (reduced sizes; targets are for the full sizes)' : 'full'} — ${runs} runs per figure, median shown`);
console.log(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGB} GB RAM, ${machine.platform}, Node ${machine.node}, Chromium ${machine.chromium}`);
console.log(`load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end; ${elapsed()} in all`);
console.log('');
printTable(figures);

const result: BenchResult = {
  mode: quick ? 'quick' : 'full',
  runsPerFigure: runs,
  scenarios: chosen.map((s) => s.id),
  startedAt: started.toISOString(),
  durationSeconds: Math.round((performance.now() - t0) / 100) / 10,
  machine,
  figures,
  errors,
};
const json = JSON.stringify(result, null, 2) + '\n';
writeFileSync(join(ROOT, 'tests', 'bench', 'results.json'), json);
console.log(`\nWrote tests/bench/results.json`);
if (!quick && !only && errors.length === 0) {
  writeFileSync(join(ROOT, 'tests', 'bench', 'latest-results.json'), json);
  writeFileSync(join(ROOT, 'tests', 'bench', 'latest-results.md'), resultsMarkdown(result));
  console.log('Wrote tests/bench/latest-results.json and latest-results.md (a complete full run)');
}
if (errors.length) process.exit(2);
if (values.strict && figures.some((f) => f.pass === false)) process.exit(1);
