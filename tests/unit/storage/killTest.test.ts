import { describe, expect, it } from 'vitest';
import { runKillTest } from '../../helpers/storageKill';

/**
 * SIGKILL at random moments while edits are being saved (see tests/helpers/storageKill.ts).
 * 200 cycles here; the 1,000-cycle soak is `npx tsx tests/soak/killSoak.ts --cycles 1000`.
 * Set KILL_SEED to replay a failing run.
 */
describe('killing the app at random moments', () => {
  it('loses no acknowledged edit and leaves no unreadable file over 200 kills', async () => {
    const stats = await runKillTest({ cycles: 200, lanes: 2, seed: process.env.KILL_SEED ? Number(process.env.KILL_SEED) : undefined });
    const summary = `seed ${stats.seed}: ${stats.cycles} cycles, ${stats.acknowledgedEdits} acknowledged edits, ${stats.killedBeforeReady} killed while starting, ${stats.durationMs} ms`;
    expect(stats.failures, summary).toEqual([]);
    expect(stats.cycles).toBe(200);
    expect(stats.lostEdits).toBe(0);
    expect(stats.unreadableFiles).toBe(0);
    expect(stats.leftoverTempFiles).toBe(0);
    // The kills must land while saves are happening, or the test proves nothing.
    expect(stats.acknowledgedEdits, summary).toBeGreaterThan(stats.cycles);
  }, 180_000);

  it('loses no acknowledged edit on an encrypted study either, and leaves every file sealed, over 60 kills', async () => {
    const stats = await runKillTest({ cycles: 60, lanes: 2, encrypted: true, seed: process.env.KILL_SEED ? Number(process.env.KILL_SEED) : undefined });
    const summary = `seed ${stats.seed}: ${stats.cycles} cycles, ${stats.acknowledgedEdits} acknowledged edits, ${stats.durationMs} ms`;
    expect(stats.failures, summary).toEqual([]);
    expect(stats.cycles).toBe(60);
    expect(stats.lostEdits).toBe(0);
    expect(stats.unreadableFiles).toBe(0);
    expect(stats.leftoverTempFiles).toBe(0);
    expect(stats.acknowledgedEdits, summary).toBeGreaterThan(stats.cycles);
  }, 180_000);
});
