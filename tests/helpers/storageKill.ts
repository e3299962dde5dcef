import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync as readRaw, rmSync, utimesSync } from 'node:fs';
import { createKeyring } from '../../electron/services/crypto/keyring';
import { openFile } from '../../electron/services/crypto/fileCipher';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadSessionBytes, loadStudyBytes } from '../../electron/services/storage/fileFormat';
import { StudyRepository } from '../../electron/services/storage/studyRepository';
import { newStudy } from '../../shared/model/defaults';
import { KILL_SESSIONS, seqOfNotes } from './storageKillChild';

/**
 * The kill test's parent. Each cycle starts a fresh child process (storageKillChild.ts)
 * that saves a stream of edits through the real repository, kills it with SIGKILL at a
 * random moment, then checks from the outside that
 *   - every file in the study (current maps, history, study.json) is readable and valid;
 *   - every session file holds at least the last edit the child acknowledged.
 * The next cycle's child continues from what is on disk.
 *
 * The child is bundled once with esbuild and run with plain `node`: starting it through
 * tsx costs ~300 ms a cycle, plain node ~80 ms, which is what lets 200 cycles run in CI.
 */
export interface KillOptions {
  cycles: number;
  /** Independent studies killed in parallel (each its own child and folder). */
  lanes?: number;
  seed?: number;
  /** Longest wait after the child is ready before the kill. */
  maxKillDelayMs?: number;
  onCycle?: (done: number, stats: KillStats) => void;
  /** Issue 16: run on an encrypted study (every file sealed; the check opens each with the key). */
  encrypted?: boolean;
}

export interface KillStats {
  cycles: number;
  acknowledgedEdits: number;
  lostEdits: number;
  unreadableFiles: number;
  /** Cycles where the kill landed before the child finished starting. */
  killedBeforeReady: number;
  /** Temporary files found after the final open (must be 0: they are swept). */
  leftoverTempFiles: number;
  failures: string[];
  seed: number;
  durationMs: number;
}

const here = dirname(fileURLToPath(import.meta.url));
let bundled: Promise<string> | null = null;

/** Bundle the child into one .mjs file (cached for the process). */
export function bundleKillChild(): Promise<string> {
  bundled ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'pimap-kill-child-'));
    const outfile = join(outDir, 'kill-child.mjs');
    await build({ entryPoints: [join(here, 'storageKillChild.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: true, outfile, logLevel: 'silent',
      // CommonJS dependencies (proper-lockfile) call require(); an ESM bundle needs one.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
    return outfile;
  })();
  return bundled;
}

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

interface CycleResult {
  acks: Map<string, number>;
  ackCount: number;
  ready: boolean;
  failLines: string[];
}

/** Start the child, kill it at a random moment, return what it acknowledged. */
function runCycle(child: string, dataDir: string, studyId: string, seed: number, random: () => number, maxDelay: number, key: Buffer | null): Promise<CycleResult> {
  return new Promise((resolve, reject) => {
    const env = key ? { ...process.env, PIMAP_KILL_KEY: key.toString('hex') } : process.env;
    const proc = spawn(process.execPath, [child, dataDir, studyId, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const acks = new Map<string, number>();
    const failLines: string[] = [];
    let ackCount = 0;
    let ready = false;
    let buffer = '';
    let stderr = '';
    const kill = () => proc.kill('SIGKILL');
    // Where the kill lands: one cycle in ten while the child is still starting (mid-sweep,
    // mid-open), one in ten just after it is ready, the rest at a random moment after its
    // first acknowledged save — so most kills hit a stream of saves whatever the load.
    const roll = random();
    const when = roll < 0.1 ? 'starting' : roll < 0.2 ? 'ready' : 'saving';
    const timer = when === 'starting' ? setTimeout(kill, random() * 60) : null;
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'ready') {
          ready = true;
          if (when === 'ready') setTimeout(kill, random() * 10);
        } else if (line.startsWith('ack ')) {
          const [, id, seq] = line.split(' ');
          if (ackCount++ === 0 && when === 'saving') setTimeout(kill, random() * maxDelay);
          acks.set(id as string, Math.max(acks.get(id as string) ?? -1, Number(seq)));
        } else if (line.trim()) failLines.push(line);
      }
    });
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      // Only complete lines count: a line cut by the kill was never an acknowledgement.
      if (signal !== 'SIGKILL') failLines.push(`child exited on its own (code ${code}): ${stderr.slice(0, 400)}`);
      ageLocks(dataDir);
      resolve({ acks, ackCount, ready, failLines });
    });
  });
}

/**
 * A killed child may die holding a document's lock. The next child takes it over once it
 * is stale (not refreshed for 10 s); instead of waiting, make the dead child's locks look
 * that old, so every cycle runs the real stale-lock takeover without the wait.
 */
function ageLocks(dataDir: string): void {
  const locks = join(dataDir, '.locks');
  let names: string[] = [];
  try {
    names = readdirSync(locks);
  } catch {
    return;
  }
  const past = new Date(Date.now() - 60_000);
  for (const name of names) {
    try {
      utimesSync(join(locks, name), past, past);
    } catch {
      // Released between the listing and now.
    }
  }
}

/** Check every file of the study from the outside; returns the problems found. */
function inspect(dataDir: string, studyId: string, acked: Map<string, number>, key: Buffer | null): { lost: string[]; unreadable: string[] } {
  const lost: string[] = [];
  const unreadable: string[] = [];
  const studyDir = join(dataDir, studyId);
  // On an encrypted study every file must be sealed and open with the key; a torn or plain one is unreadable.
  const readFileSync = (path: string): Uint8Array => {
    const bytes = readRaw(path);
    if (!key) return bytes;
    try {
      return openFile(key, bytes, { studyId }).plaintext;
    } catch (err) {
      return new TextEncoder().encode(`not sealed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  if (!loadStudyBytes(readFileSync(join(studyDir, 'study.json'))).ok) unreadable.push('study.json');
  const files: string[] = [];
  for (const name of readdirSync(join(studyDir, 'sessions'))) if (name.endsWith('.json')) files.push(join('sessions', name));
  for (const key of readdirSync(join(studyDir, '.history'))) {
    for (const name of readdirSync(join(studyDir, '.history', key))) if (name.endsWith('.json')) files.push(join('.history', key, name));
  }
  for (const rel of files) {
    const loader = rel.includes('.study') ? loadStudyBytes : loadSessionBytes;
    const loaded = loader(readFileSync(join(studyDir, rel)));
    if (!loaded.ok) unreadable.push(`${rel}: ${loaded.problem}`);
  }
  for (const [sessionId, seq] of acked) {
    let onDisk = -1;
    try {
      const loaded = loadSessionBytes(readFileSync(join(studyDir, 'sessions', `${sessionId}.json`)));
      if (loaded.ok) onDisk = seqOfNotes(loaded.value.notes);
    } catch {
      onDisk = -1;
    }
    if (onDisk < seq) lost.push(`${sessionId}: acknowledged edit ${seq}, file holds ${onDisk}`);
  }
  return { lost, unreadable };
}

async function runLane(lane: number, cycles: number, child: string, opts: KillOptions, stats: KillStats, seed: number, progress: () => void): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `pimap-kill-${lane}-`));
  const studyId = `kill-study-${lane}`;
  const random = xorshift(seed + lane * 9973);
  try {
    const repo = new StudyRepository(dataDir);
    await repo.createStudy(newStudy({ id: studyId, title: `Kill test ${lane}`, now: new Date().toISOString(), stakeholders: [] }));
    let key: Buffer | null = null;
    if (opts.encrypted) {
      const made = await createKeyring(studyId, `kill test lane ${lane}`);
      key = Buffer.from(made.dataKey);
      await repo.encryptStudy(studyId, made.keyFile, made.dataKey);
    }
    const acked = new Map<string, number>();
    for (let c = 0; c < cycles; c++) {
      const result = await runCycle(child, dataDir, studyId, Math.floor(random() * 2 ** 31), random, opts.maxKillDelayMs ?? 40, key);
      for (const [id, seq] of result.acks) acked.set(id, Math.max(acked.get(id) ?? -1, seq));
      stats.cycles++;
      stats.acknowledgedEdits += result.ackCount;
      if (!result.ready) stats.killedBeforeReady++;
      for (const line of result.failLines) stats.failures.push(`lane ${lane} cycle ${c}: ${line.slice(0, 300)}`);
      const { lost, unreadable } = inspect(dataDir, studyId, acked, key);
      stats.lostEdits += lost.length;
      stats.unreadableFiles += unreadable.length;
      for (const l of [...lost, ...unreadable]) stats.failures.push(`lane ${lane} cycle ${c}: ${l}`);
      progress();
      // Stop early on the first failure: the folder is kept for inspection.
      if (lost.length || unreadable.length) return;
    }
    // A last open in-process sweeps what the last killed child left behind.
    const final = await repo.openStudy(studyId);
    if (final.problems.length) stats.failures.push(`lane ${lane}: final open reported ${JSON.stringify(final.problems)}`);
    const leftovers = [join(dataDir, studyId), join(dataDir, studyId, 'sessions'), ...KILL_SESSIONS.map((id) => join(dataDir, studyId, '.history', id))]
      .flatMap((d) => {
        try {
          return readdirSync(d);
        } catch {
          return [];
        }
      })
      .filter((n) => n.endsWith('.tmp'));
    stats.leftoverTempFiles += leftovers.length;
    rmSync(dataDir, { recursive: true, force: true });
  } catch (err) {
    stats.failures.push(`lane ${lane}: ${err instanceof Error ? err.stack : String(err)} (data kept in ${dataDir})`);
  }
}

/** Run the kill test; cycles are split over `lanes` parallel children. */
export async function runKillTest(opts: KillOptions): Promise<KillStats> {
  const started = Date.now();
  const seed = opts.seed ?? Date.now() % 2 ** 31;
  const lanes = Math.max(1, opts.lanes ?? 2);
  const child = await bundleKillChild();
  const stats: KillStats = { cycles: 0, acknowledgedEdits: 0, lostEdits: 0, unreadableFiles: 0, killedBeforeReady: 0, leftoverTempFiles: 0, failures: [], seed, durationMs: 0 };
  let done = 0;
  const perLane = Array.from({ length: lanes }, (_, i) => Math.floor(opts.cycles / lanes) + (i < opts.cycles % lanes ? 1 : 0));
  await Promise.all(perLane.map((n, lane) => runLane(lane, n, child, opts, stats, seed, () => opts.onCycle?.(++done, stats))));
  stats.durationMs = Date.now() - started;
  return stats;
}
