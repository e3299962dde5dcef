import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchHostCall } from '../../../shared/contract/dispatch';
import type { OpenStudyResult, StudySummary } from '../../../shared/contract/hostContract';
import type { Session } from '../../../shared/model/session';
import { movePlacement } from '../../../shared/ops/placementOps';
import { createHostServices } from '../../../electron/services/hostServices';
import { createFilePrefsStore } from '../../../electron/services/prefs';
import type { BenchContext, Scenario } from '../lib/context';
import { figure, type Figure } from '../lib/report';
import { p95 } from '../lib/stats';
import { sharedStudy } from '../lib/studyData';
import { ROOT } from '../lib/pages';

const PASSPHRASE = 'bench passphrase for the encrypted copy';

async function call<T>(services: Parameters<typeof dispatchHostCall>[0], op: string, payload: unknown): Promise<T> {
  const result = await dispatchHostCall(services, op, payload);
  if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/**
 * Storage through the real host services (the same handlers the preview and Electron
 * call, with contract validation both ways) on a real data folder:
 *  - open: list the studies, then open the study with all its sessions, from a new
 *    services object each run (nothing cached in the process; the OS file cache is warm,
 *    as it is when a user reopens a study);
 *  - edit: move one chip and save that session until durable (temp file, fsync, rename,
 *    fsync of the folder, history copy), the autosave path; p95 over a run's edits;
 *  - the same two on a copy of the study encrypted (issue 16), beside the plain figures
 *    (ratio), and the unlock itself (scrypt), timed apart.
 */
export const storageScenario: Scenario = {
  id: 'storage',
  title: 'storage',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const sessions = ctx.quick ? 200 : 1000;
    const editsPerRun = ctx.quick ? 12 : 40;
    const scenario = `storage · ${sessions.toLocaleString('en')} sessions`;
    ctx.log(`${scenario}: preparing the study`);
    const disk = await sharedStudy({ sessions, stakeholders: 40 });
    const prefsDir = mkdtempSync(join(tmpdir(), 'pimap-bench-prefs-'));
    // Issue 16: the same study encrypted, in a copy of the folder (encrypting rewrites every file).
    const encryptedDir = mkdtempSync(join(tmpdir(), 'pimap-bench-encrypted-'));
    const servicesOn = (dataDir: string) => () =>
      createHostServices({ dataDir, host: 'test', prefs: createFilePrefsStore(prefsDir), version: 'bench', libraryPath: join(ROOT, 'resources', 'stakeholders.json') });
    try {
      const plain = await measure(servicesOn(disk.dataDir), null);
      ctx.log(`${scenario}: encrypting a copy of the study`);
      cpSync(disk.dataDir, encryptedDir, { recursive: true });
      const setup = servicesOn(encryptedDir)();
      const { words } = await call<{ words: string }>(setup, 'newRecoveryKey', {});
      await call(setup, 'encryptStudy', { studyId: disk.study.id, passphrase: PASSPHRASE, recoveryKey: words });
      const encrypted = await measure(servicesOn(encryptedDir), PASSPHRASE);
      return [
        figure({ scenario, figure: 'open (list + load all)', unit: 'ms', runs: plain.openMs, target: { op: '<=', value: 1000 }, note: 'host services listStudies + openStudy, contract-validated; warm OS file cache' }),
        figure({ scenario, figure: 'durable edit, p95', unit: 'ms', runs: plain.editP95, target: { op: '<=', value: 50 }, note: `p95 of ${editsPerRun} saveSession calls per run, each until fsynced and renamed` }),
        figure({
          scenario,
          figure: 'encrypted: open (list + load all)',
          unit: 'ms',
          runs: encrypted.openMs,
          baseline: { label: 'unencrypted', runs: plain.openMs },
          note: 'the same study encrypted (AES-256-GCM per file), key already held; ratio = encrypted / unencrypted',
        }),
        figure({
          scenario,
          figure: 'encrypted: durable edit, p95',
          unit: 'ms',
          runs: encrypted.editP95,
          baseline: { label: 'unencrypted', runs: plain.editP95 },
          note: 'sealed before the temp file is written; history copy sealed too',
        }),
        figure({ scenario, figure: 'encrypted: unlock with the passphrase', unit: 'ms', runs: encrypted.unlockMs, note: 'scrypt N = 2^17, r = 8, p = 1 (the cost that makes guessing slow)' }),
      ];
    } finally {
      rmSync(prefsDir, { recursive: true, force: true });
      rmSync(encryptedDir, { recursive: true, force: true });
    }

    /** Open and edit from a new services object each run; with a passphrase, unlock first (timed apart). */
    async function measure(make: () => ReturnType<typeof createHostServices>, passphrase: string | null) {
      const openMs: number[] = [];
      const editP95: number[] = [];
      const unlockMs: number[] = [];
      // One unmeasured open warms the code paths (zod schemas compile on first use).
      const warm = make();
      if (passphrase) await call(warm, 'unlockStudy', { studyId: disk.study.id, passphrase });
      await call(warm, 'openStudy', { studyId: disk.study.id });
      for (let run = 0; run < ctx.runs; run++) {
        const services = make();
        if (passphrase) {
          const u0 = performance.now();
          await call(services, 'unlockStudy', { studyId: disk.study.id, passphrase });
          unlockMs.push(performance.now() - u0);
        }
        const t0 = performance.now();
        const list = await call<StudySummary[]>(services, 'listStudies', {});
        const opened = await call<OpenStudyResult>(services, 'openStudy', { studyId: list[0]!.id });
        openMs.push(performance.now() - t0);
        if (opened.sessions.length !== sessions || opened.problems.length) throw new Error(`opened ${opened.sessions.length} sessions with ${opened.problems.length} problems, expected ${sessions}`);

        let session: Session = opened.sessions[run % opened.sessions.length]!;
        const placed = Object.entries(session.placements).find(([, p]) => p.status === 'placed' && p.position)!;
        const times: number[] = [];
        for (let i = 0; i < editsPerRun; i++) {
          const p = placed[1].position!;
          session = { ...movePlacement(session, placed[0], { power: p.power, interest: ((p.interest + 0.1 * (i + 1)) % 10) }), updatedAt: new Date().toISOString() };
          const t1 = performance.now();
          // Each save is based on the revision the last one wrote (the single-writer check).
          const saved = await call<{ revision: number }>(services, 'saveSession', { session, baseRevision: session.revision });
          times.push(performance.now() - t1);
          session = { ...session, revision: saved.revision };
        }
        editP95.push(p95(times));
        await services.flush();
      }
      return { openMs, editP95, unlockMs };
    }
  },
};
