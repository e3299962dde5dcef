import { median } from './stats';

export type Unit = 'ms' | 'KB' | 'MB' | 'count' | 'ratio';

/** A target from issue 7's table, checked against the median. */
export interface Target {
  /** `<=`: the median must not exceed `value`; `==`: must equal it. */
  op: '<=' | '==';
  value: number;
}

export interface Figure {
  scenario: string;
  figure: string;
  unit: Unit;
  /** One value per run (the median is over these). */
  runs: number[];
  median: number;
  target: Target | null;
  /** null when the figure has no target (context only). */
  pass: boolean | null;
  baseline?: { label: string; runs: number[]; median: number; ratio: number | null };
  /** How it was measured, when that is not obvious from the name, and any caveat. */
  note?: string;
  /** The scenario failed before this figure could be measured. */
  error?: string;
}

export interface FigureInput {
  scenario: string;
  figure: string;
  unit: Unit;
  runs: number[];
  target?: Target | null;
  /** noRatio: show the baseline but no ratio (a ratio of two values near zero means nothing). */
  baseline?: { label: string; runs: number[]; noRatio?: boolean };
  note?: string;
}

export function figure(input: FigureInput): Figure {
  const m = median(input.runs);
  const target = input.target ?? null;
  // Compared at the precision the target is written with: a 16.70 ms frame meets
  // "≤ 16.7 ms" (60 Hz, whose frames rAF reports as 16.6–16.8 ms).
  const decimals = (String(target?.value ?? 0).split('.')[1] ?? '').length;
  const shown = Number.isFinite(m) ? Number(m.toFixed(decimals)) : m;
  const pass = target === null ? null : !Number.isFinite(m) ? false : target.op === '<=' ? shown <= target.value : shown === target.value;
  const out: Figure = { scenario: input.scenario, figure: input.figure, unit: input.unit, runs: input.runs.map(tidy), median: tidy(m), target, pass };
  if (input.baseline) {
    const bm = median(input.baseline.runs);
    out.baseline = { label: input.baseline.label, runs: input.baseline.runs.map(tidy), median: tidy(bm), ratio: input.baseline.noRatio ? null : tidy(m / bm) };
  }
  if (input.note) out.note = input.note;
  return out;
}

function tidy(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.abs(x) >= 100 ? Math.round(x * 10) / 10 : Math.round(x * 1000) / 1000;
}

export function formatValue(x: number, unit: Unit): string {
  if (!Number.isFinite(x)) return 'n/a';
  const digits = unit === 'count' ? (Number.isInteger(x) ? 0 : 1) : Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  const n = x.toFixed(digits);
  return unit === 'count' ? n : unit === 'ratio' ? `×${n}` : `${n} ${unit}`;
}

function formatTarget(t: Target | null, unit: Unit): string {
  if (!t) return '—';
  return `${t.op === '<=' ? '≤' : '='} ${formatValue(t.value, unit)}`;
}

/** The table printed at the end of a run: one line per figure. */
export function printTable(figures: readonly Figure[], write: (line: string) => void = console.log): void {
  const rows = figures.map((f) => [
    f.scenario,
    f.figure,
    formatValue(f.median, f.unit),
    String(f.runs.length),
    formatTarget(f.target, f.unit),
    f.error ? 'ERROR' : f.pass === null ? '' : f.pass ? 'pass' : 'MISS',
    f.baseline ? `${formatValue(f.baseline.median, f.unit)} (${f.baseline.label})` : '',
    f.baseline && f.baseline.ratio !== null ? `×${Number.isFinite(f.baseline.ratio) ? f.baseline.ratio.toFixed(2) : 'n/a'}` : '',
  ]);
  const head = ['scenario', 'figure', 'median', 'runs', 'target', 'result', 'baseline', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd();
  write(line(head));
  write(widths.map((w) => '─'.repeat(w)).join('  '));
  let last = '';
  for (const r of rows) {
    write(line(r[0] === last ? ['', ...r.slice(1)] : r));
    last = r[0]!;
  }
  const misses = figures.filter((f) => f.pass === false);
  const checked = figures.filter((f) => f.pass !== null);
  const failed = figures.filter((f) => f.error);
  write('');
  write(`${checked.length - misses.length} of ${checked.length} targets met${misses.length ? `; MISSED: ${misses.map((f) => `${f.scenario} · ${f.figure}`).join('; ')}` : ''}`);
  if (failed.length) write(`NOT MEASURED (error): ${failed.map((f) => f.scenario).join('; ')}`);
}
