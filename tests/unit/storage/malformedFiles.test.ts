import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSessionBytes } from '../../../electron/services/storage/fileFormat';
import { content, lastWriterWins } from '../../helpers/lastWriterWins';
import { readSession } from '../../../shared/model/migrations';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { malformedSessionCases } from '../../helpers/storageMalformed';

/**
 * Hand-made damaged files (tests/helpers/storageMalformed.ts), each rejected with a
 * specific, readable reason; opening a study full of them quarantines each one with a
 * note, still loads every good session, and changes no byte of what was saved.
 */
const STUDY = 'study-m';
const cases = malformedSessionCases(STUDY, (n) => `bad-${n}`);
const decoder = new TextDecoder();

/** A reason a facilitator can read: one sentence, no stack trace, no "[object Object]". */
function expectReadable(problem: string): void {
  expect(problem.length).toBeGreaterThan(8);
  expect(problem.length).toBeLessThan(400);
  expect(problem).not.toMatch(/\n|\bat .*:\d+:\d+|\[object |received undefined|TypeError|RangeError/);
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('hand-made damaged session files', () => {
  it('are at least 200 distinct cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('are each rejected by the loader with a specific reason (a valid session in the wrong place is left to the repository)', () => {
    for (const c of cases) {
      const loaded = loadSessionBytes(c.bytes);
      if (c.layer === 'file') {
        expect(loaded.ok, c.name).toBe(true);
        continue;
      }
      expect(loaded.ok, c.name).toBe(false);
      if (loaded.ok) continue;
      expect(loaded.problem, c.name).toMatch(c.expect);
      expectReadable(loaded.problem);
    }
  });

  it('that are valid JSON with a wrong shape are rejected by readSession itself', () => {
    const schemaCases = cases.filter((c) => c.layer === 'schema');
    expect(schemaCases.length).toBeGreaterThan(150);
    for (const c of schemaCases) {
      const result = readSession(JSON.parse(decoder.decode(c.bytes)));
      expect(result.ok, c.name).toBe(false);
      if (!result.ok) expect(result.problem, c.name).toMatch(c.expect);
    }
  });

  it('are quarantined with a note when a study is opened; every good session loads and saved files stay byte-identical', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pimap-malformed-'));
    dirs.push(dataDir);
    const repo = lastWriterWins(dataDir, { warn: () => undefined });
    await repo.createStudy(makeStudy(STUDY));
    const good = [makeSession(STUDY, 'good-1', 'FGD 1', 1), makeSession(STUDY, 'good-2', 'FGD 2', 2), makeSession(STUDY, 'good-3', 'DB-07', 3)];
    for (const s of good) await repo.saveSession(s);
    const saved = snapshot(join(dataDir, STUDY));

    const sessionsDir = join(dataDir, STUDY, 'sessions');
    cases.forEach((c, n) => writeFileSync(join(sessionsDir, `bad-${n}.json`), c.bytes));

    const opened = await repo.openStudy(STUDY);
    expect(opened.sessions.map((s) => s.id).sort()).toEqual(['good-1', 'good-2', 'good-3']);
    expect(content(opened.sessions.find((s) => s.id === 'good-2')!)).toEqual(content(good[1]!));
    expect(opened.problems).toHaveLength(cases.length);

    for (const [n, c] of cases.entries()) {
      const p = opened.problems.find((x) => x.file === `${STUDY}/sessions/bad-${n}.json`);
      expect(p, c.name).toBeDefined();
      if (!p) continue;
      expect(p.sessionId).toBe(`bad-${n}`);
      expect(p.problem, c.name).toMatch(c.expect);
      expectReadable(p.problem);
      expect(p.recoverable).toBe(false);
      if (p.sessionCode !== null) expect(p.sessionCode.length).toBeLessThanOrEqual(80);
      if (/^(notes|place|placements\.bdo\.note|locked|consent) =|^truncated to ([2-9]\d|[1-3]\d)\//.test(c.name)) expect(p.sessionCode, c.name).toBe(`FGD ${n}`);
      // Moved, not deleted: the exact bytes are in quarantine, with the reason next to them.
      expect(p.quarantinedTo).toMatch(new RegExp(`^${STUDY}/\\.quarantine/\\d{8}T\\d{9}Z-bad-${n}\\.json$`));
      const moved = join(dataDir, p.quarantinedTo ?? '');
      expect(Buffer.compare(readFileSync(moved), Buffer.from(c.bytes)), c.name).toBe(0);
      expect(readFileSync(`${moved}.why.txt`, 'utf8')).toContain(p.problem);
    }
    expect(readdirSync(sessionsDir).sort()).toEqual(['good-1.json', 'good-2.json', 'good-3.json']);

    // Nothing that was saved before changed by a single byte.
    const after = snapshot(join(dataDir, STUDY));
    for (const [path, bytes] of saved) expect(Buffer.compare(after.get(path) ?? Buffer.alloc(0), bytes), path).toBe(0);

    // Opening again is quiet: quarantined files stay out of the way.
    const again = await repo.openStudy(STUDY);
    expect(again.problems).toEqual([]);
    expect(again.sessions).toHaveLength(3);
  });
});

/** Every file under a folder, path → bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out.set(path, readFileSync(path));
    }
  }
  return out;
}
