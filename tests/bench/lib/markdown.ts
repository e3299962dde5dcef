import type { MachineInfo } from './machine';
import { formatValue, type Figure } from './report';

export interface BenchResult {
  mode: 'quick' | 'full';
  runsPerFigure: number;
  scenarios: string[];
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  figures: Figure[];
  errors: Array<{ scenario: string; error: string }>;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The results as Markdown, for the README's Performance section (tests/bench/latest-results.md). */
export function resultsMarkdown(r: BenchResult): string {
  const m = r.machine;
  const lines = [
    `Measured ${r.startedAt.slice(0, 10)} with \`npm run bench\` (${r.mode}, median of ${r.runsPerFigure} runs per figure, ${Math.round(r.durationSeconds)} s in all) on ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB RAM, ${m.platform}, Node ${m.node}, Chromium ${m.chromium} (headless, software rendering); load average ${m.loadAverageAtStart.join(' / ')} at the start${m.loadAverageAtEnd ? `, ${m.loadAverageAtEnd.join(' / ')} at the end` : ''}.`,
    '',
    '| scenario | figure | median | target | result | baseline | ratio |',
    '|---|---|---:|---|---|---:|---:|',
  ];
  for (const f of r.figures) {
    const target = f.target ? `${f.target.op === '<=' ? '≤' : '='} ${formatValue(f.target.value, f.unit)}` : '';
    const result = f.error ? 'ERROR' : f.pass === null ? '' : f.pass ? 'pass' : '**MISS**';
    const baseline = f.baseline ? `${formatValue(f.baseline.median, f.unit)} (${f.baseline.label})` : '';
    const ratio = f.baseline && f.baseline.ratio !== null && Number.isFinite(f.baseline.ratio) ? `×${f.baseline.ratio.toFixed(2)}` : '';
    lines.push(`| ${cell(f.scenario)} | ${cell(f.figure)} | ${formatValue(f.median, f.unit)} | ${target} | ${result} | ${cell(baseline)} | ${ratio} |`);
  }
  const notes = r.figures.filter((f) => f.note);
  if (notes.length) {
    lines.push('', 'How each figure is measured:', '');
    for (const f of notes) lines.push(`- ${f.scenario} · ${f.figure}: ${f.note}`);
  }
  if (r.errors.length) {
    lines.push('', 'Not measured (the scenario failed):', '');
    for (const e of r.errors) lines.push(`- ${e.scenario}: ${e.error.split('\n')[0]}`);
  }
  return lines.join('\n') + '\n';
}
