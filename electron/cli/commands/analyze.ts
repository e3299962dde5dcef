import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  compareCohorts,
  DEFAULT_PERMUTATIONS,
  DEFAULT_SEED,
  PERMUTATIONS_RANGE,
  SEED_RANGE,
  type CohortComparison,
  type NotTestableReason,
  type StakeholderComparison,
} from '../../../shared/analysis/compareCohorts';
import { summarize, type FindingBasis, type SummaryItem } from '../../../shared/analysis/summarize';
import type { LoadProblem } from '../../../shared/contract/hostContract';
import { parseLongFormat } from '../../../shared/csv/longFormat';
import { matchKey, planImport } from '../../../shared/csv/planImport';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import type { ZoneId } from '../../../shared/model/zones';
import { describeCsvError } from '../../services/csvImport';
import { STUDY_FILE } from '../../services/storage/layout';
import { repositoryOf } from '../studyAccess';
import { resolveStudy } from './export';
import { cliServices, readCsvText } from './import';

/** A study and its sessions, wherever they came from. */
interface Loaded {
  study: Study;
  sessions: Session[];
  problems: LoadProblem[];
}

class UsageError extends Error {}

/**
 * A CSV is analysed without touching the data folder: it becomes a study in memory, with
 * ids from a counter and a fixed clock, so the same file always gives the same output.
 */
async function loadCsv(path: string, cmd: Command): Promise<Loaded> {
  const read = await readCsvText(path);
  if ('problem' in read) throw new UsageError(read.problem);
  const parsed = parseLongFormat(read.text);
  let counter = 0;
  const plan =
    parsed.rows.length > 0
      ? planImport(null, [], parsed.rows, {
          title: parsed.rows.find((r) => r.study !== '')?.study ?? basename(path).replace(/\.csv$/i, ''),
          newId: () => `csv-${++counter}`,
          now: '1970-01-01T00:00:00.000Z',
          library: await cliServices(cmd).getLibrary({}),
        })
      : null;
  const errors = [...parsed.errors, ...(plan && !plan.ok ? plan.errors : [])].sort((a, b) => a.line - b.line);
  if (errors.length > 0 || !plan?.ok) {
    throw new UsageError(`${errors.map((e) => `${path}: ${describeCsvError(e)}`).join('\n')}\nThe file cannot be analysed until these are fixed.`);
  }
  return { study: plan.study, sessions: plan.sessions.map((s) => s.session), problems: [] };
}

/** `<study folder | study name | file.csv>` */
async function loadTarget(target: string, cmd: Command): Promise<Loaded> {
  const isFile = existsSync(target) && statSync(target).isFile();
  if (isFile || /\.csv$/i.test(target)) {
    if (!isFile) throw new UsageError(`No such file: ${target}`);
    return loadCsv(target, cmd);
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    if (!existsSync(resolve(target, STUDY_FILE))) throw new UsageError(`${target} is not a study folder (it has no ${STUDY_FILE})`);
    const folder = resolve(target);
    return repositoryOf(cmd, {}, dirname(folder)).openStudy(basename(folder));
  }
  return resolveStudy(repositoryOf(cmd), target);
}

function integer(min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
    return n;
  };
}

/** Cohort ids from `--cohorts a,b` (ids or names, any case). */
function cohortIdsOf(study: Study, list: string): string[] {
  return list
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .map((ref) => {
      const c = study.cohorts.find((k) => matchKey(k.id) === matchKey(ref) || matchKey(k.name) === matchKey(ref));
      if (!c) throw new UsageError(`No cohort "${ref}" in study "${study.title}"; its cohorts are: ${study.cohorts.map((k) => k.name).join(', ')}`);
      return c.id;
    });
}

function roundIdOf(study: Study, ref: string): string {
  const r = study.rounds.find((k) => matchKey(k.id) === matchKey(ref) || matchKey(k.name) === matchKey(ref));
  if (!r) throw new UsageError(`No round "${ref}" in study "${study.title}"; its rounds are: ${study.rounds.map((k) => k.name).join(', ') || 'none'}`);
  return r.id;
}

// ------------------------------------------------------------------ text output

const ZONE_CODE: Record<ZoneId, string> = { hp_hi: 'HP-HI', hp_li: 'HP-LI', lp_hi: 'LP-HI', lp_li: 'LP-LI' };
const ZONE_WORDS: Record<ZoneId, string> = {
  hp_hi: 'high power, high interest',
  hp_li: 'high power, low interest',
  lp_hi: 'low power, high interest',
  lp_li: 'low power, low interest',
};
const NONE = '–';

/** Fixed decimals without locale: the output must be byte-identical everywhere. */
const fixed = (v: number | null, digits: number) => (v === null ? NONE : v.toFixed(digits));
const percent = (v: number) => `${Math.round(v * 100)}%`;
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** p and q: three decimals, or the one significant digit that shows a tiny value such as 0.0001. */
function pText(v: number | null): string {
  if (v === null) return NONE;
  return v >= 0.001 ? v.toFixed(3) : v.toPrecision(1);
}
function num(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}

function table(header: string[], rows: string[][], rightAligned: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function summaryLines(result: CohortComparison, items: SummaryItem[]): string[] {
  const name = (id: string) => result.stakeholders.find((s) => s.id === id)?.name ?? id;
  const cohortName = (id: string) => result.cohorts.find((c) => c.id === id)?.name ?? id;
  const named = (list: readonly FindingBasis[]) =>
    list.map((b) => `${name(b.stakeholderId)} (${count(b.n, 'session')}, ${count(b.cohorts, 'cohort')})`).join(', ');
  const out: string[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'disagree_most':
        out.push(`Cohorts disagree most about: ${named(item.stakeholders)}.`);
        break;
      case 'no_divergence':
        out.push(`No stakeholder is divergent at q < 0.05 (${count(item.testable, 'stakeholder')} tested).`);
        break;
      case 'same_group_in_several_rounds':
        out.push(
          `No test was run: the same ${item.codes.length === 1 ? 'group' : 'groups'} (${item.codes.join(', ')}) ${item.codes.length === 1 ? 'is' : 'are'} mapped in several rounds, and one group must not count as several sessions. Choose one round (--round).`,
        );
        break;
      case 'nothing_testable':
        out.push(
          item.reason === 'all_at_one_point'
            ? 'Nothing could be tested: every stakeholder placed by at least 3 sessions in each of two cohorts was put at one and the same point by all of them, so there is no variation to test.'
            : 'Nothing could be tested: no stakeholder was placed by at least 3 sessions in each of two cohorts.',
        );
        break;
      case 'differ_in_spread':
        out.push(
          `Cohorts also differ in how much they agree about: ${named(item.stakeholders)}. A divergence there may be partly a difference in spread, not only in position.`,
        );
        break;
      case 'zone_consensus': {
        const basis = `${percent(item.share)} of ${count(item.n, 'session')} in ${count(item.cohorts, 'cohort')}`;
        out.push(
          item.divergent
            ? `Every cohort puts ${name(item.stakeholderId)} at ${ZONE_WORDS[item.zone]} (${basis}), though cohorts differ within that zone.`
            : `All cohorts agree: ${name(item.stakeholderId)} is ${ZONE_WORDS[item.zone]} (${basis}).`,
        );
        break;
      }
      case 'did_not_know':
        out.push(`${cohortName(item.cohortId)} did not know: ${item.stakeholderIds.map(name).join(', ')} (in at least half of their ${count(item.sessions, 'session')}).`);
        break;
      case 'sessions_not_individuals':
      case 'exploratory_p_values':
        break; // said in the header
    }
  }
  return out;
}

const REASON_FLAG: Record<NotTestableReason, string> = {
  fewer_than_two_cohorts_with_3: 'not testable',
  all_at_one_point: 'not testable (one point)',
  same_group_in_several_rounds: 'not testable (rounds)',
};

function flags(s: StakeholderComparison): string {
  const out: string[] = [];
  if (s.divergent) out.push('divergent');
  if (s.dispersion?.differs) out.push('spread differs');
  if (s.zoneConsensus) out.push('consensus');
  if (s.notTestableReason) out.push(REASON_FLAG[s.notTestableReason]);
  return out.join(', ');
}

/** The readable report of `pimap analyze`. Pure, so tests can read it. */
export function renderAnalysisText(study: Study, result: CohortComparison): string {
  const out: string[] = [];
  out.push(`Comparison of cohorts: study "${study.title}"`);
  out.push(`Axes: power = ${result.axes.power}`);
  out.push(`      interest = ${result.axes.interest}`);
  out.push(`Midline: power ${num(result.midline.power)}, interest ${num(result.midline.interest)} (a value on the midline counts as high)`);
  out.push(`Sessions: ${result.sessions} (sessions, not individuals)${result.round ? `, round ${result.round.name}` : ', all rounds'}`);
  out.push(`Cohorts (n per cohort is listed in this order): ${result.cohorts.map((c) => `${c.name} ${c.sessions}`).join(' / ')}`);
  out.push(
    `Test: PERMANOVA on Euclidean distances, ${result.permutations} permutations, seed ${result.seed}; q = Benjamini–Hochberg; spread: PERMDISP (same permutations). p-values are exploratory.`,
  );
  for (const e of result.excludedSessions)
    out.push(`Left out session "${e.code}": the study does not list its ${e.reason === 'unknown_cohort' ? 'cohort' : 'round'}.`);
  out.push(`Krippendorff's alpha (interval; sessions as coders, stakeholders as units): power ${fixed(result.alpha.power, 3)}, interest ${fixed(result.alpha.interest, 3)}`);
  const summary = summaryLines(result, summarize(result));
  if (summary.length) out.push('', ...summary);
  out.push('');
  const header = ['Stakeholder', 'n', 'Unknown', 'Modal zone', 'Agreement', 'Between-var', 'p', 'q', 'Spread p', 'Flags'];
  const rows = result.stakeholders.map((s) => [
    s.name,
    s.cohorts.map((c) => String(c.n)).join('/'),
    s.cohorts.map((c) => String(c.unknown)).join('/'),
    s.modalZone ? `${ZONE_CODE[s.modalZone]} ${percent(s.modalZoneShare!)}` : NONE,
    fixed(s.agreement, 2),
    fixed(s.betweenVariance, 2),
    pText(s.pValue),
    pText(s.qValue),
    pText(s.dispersion?.pValue ?? null),
    flags(s),
  ]);
  out.push(...table(header, rows, [false, true, true, false, true, true, true, true, true, false]));
  out.push('');
  out.push(`Zones: ${(Object.keys(ZONE_CODE) as ZoneId[]).map((z) => `${ZONE_CODE[z]} ${ZONE_WORDS[z]}`).join('; ')} (HP-HI is the green zone).`);
  out.push('Agreement: r_wg, 1 = every session put it in the same spot, 0 = no better than random. Between-var: variance of the cohort centroids.');
  out.push(
    'Not testable: fewer than two cohorts with at least 3 sessions that placed it, every session at one point, or the same group mapped in several rounds; no p-value is given, only points and centroids.',
  );
  out.push('Spread p: PERMDISP, whether cohorts differ in how far their sessions lie from their own centroid (below 0.05: "spread differs").');
  out.push('Consensus: at least two cohorts with 2 or more sessions each, all with the same modal zone, and at least 75% of sessions in it.');
  if (result.salienceGaps.length > 0) {
    out.push('', 'Salience gaps (placed by at least half of one cohort, unknown to at least half of another):');
    // One line per stakeholder and cohort that did not know it.
    const groups = new Map<string, typeof result.salienceGaps>();
    for (const g of result.salienceGaps) {
      const key = `${g.stakeholderId}\u0000${g.unknownToCohortId}`;
      groups.set(key, [...(groups.get(key) ?? []), g]);
    }
    for (const gaps of groups.values()) {
      const g = gaps[0]!;
      out.push(`  ${g.stakeholder}: unknown to ${g.unknownTo} (${percent(g.unknownShare)}); placed by ${gaps.map((x) => `${x.placedBy} (${percent(x.placedShare)})`).join(', ')}`);
    }
  }
  const overTime = result.overTime;
  if (overTime && overTime.pairs.length > 0) {
    out.push('', `Over time (${overTime.from} → ${overTime.to}): ${count(overTime.pairs.length, 'session code')} mapped in both rounds. Mean shift (later minus earlier):`);
    const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
    for (const s of overTime.stakeholders) {
      if (!s.meanShift) continue;
      out.push(`  ${s.name}: power ${signed(s.meanShift.power)}, interest ${signed(s.meanShift.interest)} (${count(s.n, 'pair')})`);
    }
  }
  return out.join('\n') + '\n';
}

/** Numbers in the JSON are rounded to 6 decimals: enough for any use, and free of float noise. */
function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1e6) / 1e6 : value;
}

/** The JSON document of `pimap analyze --json`: the analysis object, the study it came from, and the summary items. */
export function renderAnalysisJson(study: Study, result: CohortComparison): string {
  return JSON.stringify({ study: { id: study.id, title: study.title }, ...result, summary: summarize(result) }, roundNumbers, 2) + '\n';
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'Compare how cohorts placed each stakeholder: n per cohort, modal zone, agreement, between-cohort\n' +
        'variance, a seeded permutation test (PERMANOVA) with Benjamini–Hochberg q-values, zone consensus,\n' +
        "divergence, salience gaps, Krippendorff's alpha and the over-time pairing. The same input,\n" +
        'permutations and seed always print the same output.',
    )
    .argument('<study>', 'a study folder, a study title or id in the data folder, or a long-format CSV file')
    .option('--json', 'print one JSON object instead of the table')
    .option('--cohorts <list>', 'only these cohorts (ids or names, comma-separated)')
    .option('--round <round>', 'only sessions of this round (id or name)')
    .option('--permutations <n>', `permutations of the test (default ${DEFAULT_PERMUTATIONS})`, integer(PERMUTATIONS_RANGE.min, PERMUTATIONS_RANGE.max))
    .option('--seed <s>', `seed of the permutation test (default ${DEFAULT_SEED})`, integer(SEED_RANGE.min, SEED_RANGE.max))
    .action(async (target: string, opts: { json?: boolean; cohorts?: string; round?: string; permutations?: number; seed?: number }, cmd: Command) => {
      let loaded: Loaded;
      let cohortIds: string[] | undefined;
      let roundId: string | undefined;
      try {
        loaded = await loadTarget(target, cmd);
        cohortIds = opts.cohorts !== undefined ? cohortIdsOf(loaded.study, opts.cohorts) : undefined;
        roundId = opts.round !== undefined ? roundIdOf(loaded.study, opts.round) : undefined;
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        console.error(err.message);
        process.exitCode = 1;
        return;
      }
      const { study, sessions, problems } = loaded;
      for (const p of problems) console.error(`Left out ${p.sessionCode ? `session "${p.sessionCode}"` : p.file}: ${p.problem}`);
      const result = compareCohorts(study, sessions, { permutations: opts.permutations, seed: opts.seed, cohortIds, roundId });
      // A closed pipe (`| head`) ends the process quietly: see main.ts.
      process.stdout.write(opts.json ? renderAnalysisJson(study, result) : renderAnalysisText(study, result));
    });
}
