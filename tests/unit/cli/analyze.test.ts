import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runPimap, spawnPimap } from './runCli';

const GOOD = join(FIXTURES, 'good.csv');
const GENERATED = join(FIXTURES, 'generated-40x20.csv');

describe('pimap analyze <file.csv>', () => {
  it('prints the header a reader needs: axes, midline, sessions not individuals, permutations, seed, exploratory p-values', async () => {
    const r = await runPimap('analyze', GOOD, '--permutations', '999', '--seed', '7');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Comparison of cohorts: study "Two districts"');
    expect(r.stdout).toContain('Axes: power = Power and influence to prevent trafficking\n      interest = Interest and involvement in preventing trafficking');
    expect(r.stdout).toContain('Midline: power 5, interest 5');
    expect(r.stdout).toContain('Sessions: 10 (sessions, not individuals), all rounds');
    expect(r.stdout).toContain('Cohorts (n per cohort is listed in this order): Survivors 4 / Frontline social workers 3 / Duty bearers 3');
    expect(r.stdout).toContain('999 permutations, seed 7');
    expect(r.stdout).toContain('p-values are exploratory');
  });

  it('prints an aligned table: n per cohort, modal zone and share, agreement, between-var, p, q, flags', async () => {
    const r = await runPimap('analyze', GOOD, '--permutations', '999');
    const lines = r.stdout.split('\n');
    const headerAt = lines.findIndex((l) => l.startsWith('Stakeholder'));
    expect(lines[headerAt]).toMatch(/^Stakeholder\s+n\s+Unknown\s+Modal zone\s+Agreement\s+Between-var\s+p\s+q\s+Spread p\s+Flags$/);
    const row = (name: string) => lines.slice(headerAt).find((l) => l.startsWith(name))!;
    // SUR-1 is mapped at baseline and endline: over all rounds that group would count twice,
    // so nothing is tested and the summary says why. ASHA: A 4 (SUR-1 twice), B 3, C 3.
    expect(row('ASHA worker')).toMatch(/^ASHA worker\s+4\/3\/3\s+0\/0\/0\s+LP-HI 100%\s+0\.\d\d\s+0\.\d\d\s+–\s+–\s+–\s+consensus, not testable \(rounds\)$/);
    expect(r.stdout).toContain('No test was run: the same group (SUR-1) is mapped in several rounds');
    // VLCPC: survivors did not know it in 2 of 4 sessions
    expect(row('Village Level Child Protection Committee')).toMatch(/\s1\/3\/3\s+2\/0\/0\s+HP-LI/);
    // Madrasa committee appears once: no test, no consensus (one session of one cohort), and the table says so
    expect(row('Madrasa committee')).toMatch(/1\/0\/0\s+0\/0\/0\s+LP-HI 100%\s+–\s+–\s+–\s+–\s+–\s+not testable \(rounds\)$/);
    expect(r.stdout).not.toContain('All cohorts agree: Madrasa');
    // Columns line up: wherever the dashed rule has a gap between columns, every row has a space.
    const rule = lines[headerAt + 1]!;
    const gaps = [...rule].map((c, i) => (c === ' ' ? i : -1)).filter((i) => i >= 0);
    const body = lines.slice(headerAt, lines.indexOf('', headerAt));
    expect(body.length).toBe(2 + 5);
    for (const line of body) for (const i of gaps) expect(line[i] ?? ' ').toBe(' ');
    expect(r.stdout).toContain('Salience gaps');
    expect(r.stdout).toContain('Village Level Child Protection Committee: unknown to Survivors (50%); placed by Frontline social workers (100%), Duty bearers (100%)');
    expect(r.stdout).toContain('Over time (Baseline → Endline): 1 session code mapped in both rounds.');
    expect(r.stdout).toContain('Local police station: power −1.00, interest +2.50 (1 pair)');

    // One round: every group once, so the test runs. ASHA: 3/3/3, all low power, high interest.
    const baseline = await runPimap('analyze', GOOD, '--permutations', '999', '--round', 'Baseline');
    const bLines = baseline.stdout.split('\n');
    const bRow = (name: string) => bLines.slice(bLines.findIndex((l) => l.startsWith('Stakeholder'))).find((l) => l.startsWith(name))!;
    expect(bRow('ASHA worker')).toMatch(/^ASHA worker\s+3\/3\/3\s+0\/0\/0\s+LP-HI 100%\s+0\.\d\d\s+0\.\d\d\s+0\.\d{3}\s+0\.\d{3}\s+(0\.\d{3}|–)\s+consensus$/);
  });

  it('when every session put the stakeholder at one point, says that, not that there were too few sessions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pimap-one-point-'));
    const file = join(dir, 'one-point.csv');
    const rows = ['SUR-1', 'SUR-2', 'SUR-3'].map((code) => `One point,${code},Survivors,Baseline,Police,placed,9,1,,,,`);
    rows.push(...['DB-1', 'DB-2', 'DB-3'].map((code) => `One point,${code},Duty bearers,Baseline,Police,placed,9,1,,,,`));
    writeFileSync(file, ['study,session,cohort,round,stakeholder,status,power,interest,contested,alt_power,alt_interest,note', ...rows].join('\n') + '\n');
    const r = await runPimap('analyze', file, '--permutations', '99');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Nothing could be tested: every stakeholder placed by at least 3 sessions in each of two cohorts was put at one and the same point by all of them');
    expect(r.stdout).not.toContain('no stakeholder was placed by at least 3 sessions');
  });

  it('prints one JSON object with the documented fields', async () => {
    const r = await runPimap('analyze', GOOD, '--json', '--permutations', '999');
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ sessions: 10, midline: { power: 5, interest: 5 }, permutations: 999, seed: 1, study: { title: 'Two districts' } });
    expect(json.cohorts).toEqual([
      { id: 'survivors', name: 'Survivors', sessions: 4 },
      { id: 'social-workers', name: 'Frontline social workers', sessions: 3 },
      { id: 'duty-bearers', name: 'Duty bearers', sessions: 3 },
    ]);
    expect(Object.keys(json.alpha)).toEqual(['power', 'interest']);
    expect(json.salienceGaps[0]).toMatchObject({ stakeholder: 'Village Level Child Protection Committee', placedBy: 'Frontline social workers', unknownTo: 'Survivors' });
    const fields = ['name', 'n', 'unknown', 'notDiscussed', 'coverage', 'centroid', 'sd', 'standardDistance', 'agreement', 'zoneCounts', 'modalZone', 'modalZoneShare', 'contestedShare', 'cohorts', 'betweenVariance', 'maxCentroidDistance', 'testable', 'pValue', 'qValue', 'rSquared', 'zoneConsensus', 'divergent'];
    for (const s of json.stakeholders) for (const f of fields) expect(s).toHaveProperty(f);
    const police = json.stakeholders.find((s: { id: string }) => s.id === 'police');
    expect(Object.keys(police.centroid)).toEqual(['power', 'interest']);
    for (const c of police.cohorts) for (const f of ['name', 'n', 'unknown', 'centroid', 'sd', 'modalZone']) expect(c).toHaveProperty(f);
    // Police by survivors: (9.5,1.5) (9,2) (9.2,1) and the endline (8.5,4) → centroid (9.05, 2.125)
    expect(police.cohorts[0]).toMatchObject({ name: 'Survivors', n: 4, centroid: { power: 9.05, interest: 2.125 } });
    expect(police.points).toHaveLength(10);
    expect(json.summary.map((i: { kind: string }) => i.kind)).toContain('sessions_not_individuals');
  });

  it('restricts to cohorts and a round', async () => {
    const r = await runPimap('analyze', GOOD, '--json', '--permutations', '99', '--cohorts', 'survivors,Duty Bearers', '--round', 'baseline');
    const json = JSON.parse(r.stdout);
    expect(json.sessions).toBe(6);
    expect(json.round).toEqual({ id: 'baseline', name: 'Baseline' });
    expect(json.cohorts.map((c: { name: string }) => c.name)).toEqual(['Survivors', 'Duty bearers']);
    const bad = await runPimap('analyze', GOOD, '--cohorts', 'teachers');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('No cohort "teachers" in study "Two districts"; its cohorts are: Survivors, Frontline social workers, Duty bearers, Financiers');
  });

  it('reports a bad CSV with line numbers and exit code 1', async () => {
    const r = await runPimap('analyze', join(FIXTURES, 'bad.csv'));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.csv: line 5, power: 12 is outside the scale 0–10');
    expect(r.stderr).toContain('bad.csv: line 8, cohort: cohort "Duty bearers", but line 2 puts this session in "Survivors"');
  });

  it('gives byte-identical output for the same input, permutations and seed, across processes', () => {
    const a = spawnPimap('analyze', GENERATED, '--json', '--permutations', '999', '--seed', '11');
    const b = spawnPimap('analyze', GENERATED, '--json', '--permutations', '999', '--seed', '11');
    expect(a.exitCode).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
    const text1 = spawnPimap('analyze', GENERATED, '--permutations', '999', '--seed', '11');
    expect(text1.exitCode).toBe(0);
    expect(text1.stdout).toContain('999 permutations, seed 11');
  });

  it('changes p-values, and only p-values, with another seed', async () => {
    const a = JSON.parse((await runPimap('analyze', GENERATED, '--json', '--permutations', '199', '--seed', '1')).stdout);
    const b = JSON.parse((await runPimap('analyze', GENERATED, '--json', '--permutations', '199', '--seed', '2')).stdout);
    expect(b.stakeholders.map((s: { centroid: unknown }) => s.centroid)).toEqual(a.stakeholders.map((s: { centroid: unknown }) => s.centroid));
    expect(b.stakeholders.map((s: { pValue: number }) => s.pValue)).not.toEqual(a.stakeholders.map((s: { pValue: number }) => s.pValue));
  });

  it('says when the study does not exist', async () => {
    const r = await runPimap('analyze', 'No such study', '--data', join(FIXTURES, 'missing-data-folder'));
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('No study with id or title "No such study"');
  });
});

describe('the pimap launcher', () => {
  it('runs the built CLI: --version answers, and the bundle exists afterwards', () => {
    const r = spawnPimap('--version');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(existsSync(join(ROOT, 'out', 'cli', 'pimap.mjs'))).toBe(true);
  });

  it('ends quietly when the reader closes the pipe early (`pimap analyze … | head`)', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'electron', 'cli', 'bin.mjs'), 'analyze', GENERATED, '--json', '--permutations', '99'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read one chunk, then close our end, as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('pimap analyze gives the same numbers for a CSV, the same CSV imported, and its rows shuffled', () => {
  /** The JSON output without ids, which are generated on import (UUIDs) and on analysis (a counter). */
  const numbers = (json: string) => {
    const out = JSON.parse(json) as { stakeholders: Array<Record<string, unknown>>; alpha: unknown; sessions: number };
    return {
      sessions: out.sessions,
      alpha: out.alpha,
      stakeholders: out.stakeholders.map((s) => [s.name, s.n, s.centroid, s.sd, s.agreement, s.zoneCounts, s.betweenVariance, s.pseudoF, s.pValue, s.qValue, s.dispersion && { ...(s.dispersion as object), meanDistance: undefined }, s.divergent, s.zoneConsensus]),
    };
  };

  it('analysed directly, after `pimap import`, and with the rows in another order', async () => {
    const data = mkdtempSync(join(tmpdir(), 'pimap-same-'));
    const text = readFileSync(GENERATED, 'utf8');
    // Rows, not lines: some notes span lines. A fixed shuffle (i · 7919 mod n).
    const [header, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trimEnd()).data;
    const shuffledRows = rows.map((r, i) => [r, (i * 7919) % rows.length] as const).sort((a, b) => a[1] - b[1]).map((x) => x[0]);
    const shuffledPath = join(data, 'shuffled.csv');
    writeFileSync(shuffledPath, Papa.unparse([header!, ...shuffledRows]));
    const args = ['--json', '--permutations', '999', '--seed', '3'];
    const direct = await runPimap('analyze', GENERATED, ...args);
    expect(direct.exitCode).toBe(0);
    const shuffled = await runPimap('analyze', shuffledPath, ...args);
    const imported = await runPimap('--data', data, 'import', GENERATED, '--study', 'Generated study');
    expect(imported.exitCode).toBe(0);
    const fromStudy = await runPimap('--data', data, 'analyze', 'Generated study', ...args);
    expect(fromStudy.exitCode).toBe(0);
    expect(numbers(shuffled.stdout)).toEqual(numbers(direct.stdout));
    expect(numbers(fromStudy.stdout)).toEqual(numbers(direct.stdout));
    // The direct analysis is byte-identical for shuffled rows (its ids come from a canonical counter).
    expect(shuffled.stdout).toBe(direct.stdout);
  });
});
