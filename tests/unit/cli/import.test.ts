import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runPimap } from './runCli';

const GOOD = join(FIXTURES, 'good.csv');
const BAD = join(FIXTURES, 'bad.csv');

let data: string;
beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), 'pimap-import-'));
});
afterEach(() => rmSync(data, { recursive: true, force: true }));

/** Every file under the data folder, relative, sorted. */
function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('pimap import', () => {
  it('creates a study from a good CSV; analysing it by name and by folder gives the same numbers as the CSV', async () => {
    const r = await runPimap('import', GOOD, '--study', 'Two districts', '--data', data);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Imported 39 rows, 10 sessions (10 new, 0 updated), into the new study "Two districts"');
    expect(r.stdout).toContain('New stakeholders (custom): Madrasa committee');
    const studies = readdirSync(data).filter((n) => !n.startsWith('.'));
    expect(studies).toHaveLength(1);
    const folder = join(data, studies[0]!);
    const study = JSON.parse(readFileSync(join(folder, 'study.json'), 'utf8'));
    expect(study.title).toBe('Two districts');
    expect(readdirSync(join(folder, 'sessions'))).toHaveLength(10);

    const fromCsv = JSON.parse((await runPimap('analyze', GOOD, '--json', '--permutations', '499')).stdout);
    const byName = JSON.parse((await runPimap('analyze', 'two districts', '--json', '--permutations', '499', '--data', data)).stdout);
    const byFolder = JSON.parse((await runPimap('analyze', folder, '--json', '--permutations', '499')).stdout);
    // Ids differ (the CSV's are made up in memory); everything measured is the same.
    const measured = (j: { stakeholders: Array<Record<string, unknown>>; alpha: unknown; sessions: number }) => ({
      sessions: j.sessions,
      alpha: j.alpha,
      stakeholders: j.stakeholders.map((s) => [s.name, s.n, s.centroid, s.sd, s.agreement, s.betweenVariance, s.pValue, s.qValue, s.zoneConsensus, s.divergent]),
    });
    expect(measured(byName)).toEqual(measured(byFolder));
    expect(measured(byName).stakeholders.map((s) => s.slice(0, 6))).toEqual(measured(fromCsv).stakeholders.map((s) => s.slice(0, 6)));
  });

  it('extends the study with the same title: new sessions are added, the same code and round is updated', async () => {
    await runPimap('import', GOOD, '--study', 'Two districts', '--data', data);
    const more = join(data, '..', `more-${Date.now()}.csv`);
    writeFileSync(
      more,
      [
        'session,cohort,round,stakeholder,power,interest,note',
        'SUR-1,Survivors,Baseline,Police,7,3,corrected after review',
        'FIN-1,Financiers,,Police,8,3,',
        'FIN-1,Financiers,,ASHA,3,8,',
      ].join('\n'),
    );
    try {
      const r = await runPimap('import', more, '--study', 'TWO DISTRICTS', '--data', data);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('Imported 3 rows, 2 sessions (1 new, 1 updated), into the study "Two districts"');
      const json = JSON.parse((await runPimap('analyze', 'Two districts', '--json', '--permutations', '0', '--data', data)).stdout);
      expect(json.sessions).toBe(11);
      const police = json.stakeholders.find((s: { id: string }) => s.id === 'police');
      const sur1 = police.points.find((p: { sessionCode: string; position: unknown }) => p.sessionCode === 'SUR-1' && (p.position as { power: number }).power === 7);
      expect(sur1).toBeDefined();
    } finally {
      rmSync(more, { force: true });
    }
  });

  it('reports every bad row with its line number, writes nothing, and exits 1', async () => {
    const r = await runPimap('import', BAD, '--study', 'Two districts', '--data', data);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${BAD}: line 5, power: 12 is outside the scale 0–10`,
      `${BAD}: line 6, status: "maybe" is not a status (placed, unknown or not_discussed)`,
      `${BAD}: line 7, alt_power: a contested placement needs alt_power and alt_interest`,
      `${BAD}: line 8, cohort: cohort "Duty bearers", but line 2 puts this session in "Survivors"`,
      `${BAD}: line 9, stakeholder: this session and stakeholder were already given on line 2`,
      '5 problems on 5 lines. Nothing was imported.',
    ]);
    expect(filesIn(data)).toEqual([]);
  });

  it('leaves an existing study untouched when a later file is bad', async () => {
    await runPimap('import', GOOD, '--study', 'Two districts', '--data', data);
    const before = filesIn(data).map((f) => [f, readFileSync(join(data, f), 'utf8')]);
    const r = await runPimap('import', BAD, '--study', 'Two districts', '--data', data);
    expect(r.exitCode).toBe(1);
    expect(filesIn(data).map((f) => [f, readFileSync(join(data, f), 'utf8')])).toEqual(before);
  });

  it('takes the title from the study column when --study is not given', async () => {
    const r = await runPimap('import', GOOD, '--data', data);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('into the new study "Two districts"');
  });
});
