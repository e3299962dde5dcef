import { parseArgs } from 'node:util';
import { runKillTest } from '../helpers/storageKill';

/**
 * The long kill soak, not part of `npm test`:
 *   npx tsx tests/soak/killSoak.ts --cycles 1000 [--lanes 2] [--seed <n>]
 * Prints progress every 50 cycles and a summary; exits 1 on any lost edit or unreadable file.
 */
const { values } = parseArgs({ options: { cycles: { type: 'string', default: '1000' }, lanes: { type: 'string', default: '2' }, seed: { type: 'string' } } });
const cycles = Number(values.cycles);
const stats = await runKillTest({
  cycles,
  lanes: Number(values.lanes),
  seed: values.seed === undefined ? undefined : Number(values.seed),
  onCycle: (done, s) => {
    if (done % 50 === 0 || done === cycles) console.log(`${done}/${cycles} cycles, ${s.acknowledgedEdits} acknowledged edits, ${s.lostEdits} lost, ${s.unreadableFiles} unreadable`);
  },
});
console.log(
  `seed ${stats.seed}: ${stats.cycles} cycles in ${(stats.durationMs / 1000).toFixed(1)} s; ${stats.acknowledgedEdits} acknowledged edits; ` +
    `${stats.killedBeforeReady} kills while starting; lost ${stats.lostEdits}; unreadable ${stats.unreadableFiles}; leftover temp files ${stats.leftoverTempFiles}`,
);
for (const f of stats.failures.slice(0, 20)) console.log(`FAIL ${f}`);
process.exit(stats.failures.length || stats.lostEdits || stats.unreadableFiles || stats.leftoverTempFiles ? 1 : 0);
