import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_PERMUTATIONS, DEFAULT_SEED, PERMUTATIONS_RANGE, SEED_RANGE } from '../../../shared/analysis/compareCohorts';
import { exportStudy } from '../../services/export/exportService';
import { repositoryOf } from '../studyAccess';
import type { Language } from '../../../shared/model/stakeholder';
import { langOption, resolveStudy, writeOut } from './export';

function integer(min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
    return n;
  };
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'Write the printable report of a study as PDF: methods note, every session map, the compare view per\n' +
        'stakeholder, the divergence table and the CSV data dictionary. Printed by the system Chromium.\n' +
        'Notes and quotes are left out unless --with-notes. --lang bn|hi writes it in Bengali or Hindi.',
    )
    .argument('<study>', 'study id or title')
    .requiredOption('--out <file>', 'PDF file to write')
    .option('--redact', 'leave out notes and quotes (the default)')
    .option('--with-notes', 'include notes and quotes under each map')
    .option('--permutations <n>', `permutations of the test (default ${DEFAULT_PERMUTATIONS})`, integer(PERMUTATIONS_RANGE.min, PERMUTATIONS_RANGE.max))
    .addOption(langOption())
    .option('--seed <s>', `seed of the permutation test (default ${DEFAULT_SEED})`, integer(SEED_RANGE.min, SEED_RANGE.max))
    .action(async (studyRef: string, opts: { out: string; redact?: boolean; withNotes?: boolean; permutations?: number; seed?: number; lang?: Language }, cmd: Command) => {
      if (opts.redact && opts.withNotes) throw new Error('--redact and --with-notes contradict each other');
      const repository = repositoryOf(cmd);
      const { study, sessions } = await resolveStudy(repository, studyRef);
      const file = await exportStudy({
        study,
        sessions,
        format: 'report-pdf',
        redact: !opts.withNotes,
        permutations: opts.permutations,
        seed: opts.seed,
        lang: opts.lang ?? 'en',
        appVersion: String(cmd.parent?.version() ?? ''),
      });
      await writeOut(opts.out, file);
      console.log(`Wrote ${opts.out}: ${sessions.length} ${sessions.length === 1 ? 'session' : 'sessions'}, ${file.data.length.toLocaleString('en')} bytes`);
    });
}
