import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { validateDataFolder, type ValidationReport } from '../../services/storage/validateData';
import { dataDirOf } from './export';

/**
 * `pimap validate [--data <folder>] [--json]`: check every study and session file and
 * list the problems per file. Read-only — unlike opening a study in the app, nothing is
 * quarantined — so it is safe on a backup, a USB copy, or next to the running app.
 * Exit code 0 only when every file is valid; 1 when any is not; 2 when the folder is missing.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check every study and session file in the data folder and list problems per file.\nRead-only: nothing is moved or changed. Exit code 0 only when all files are valid.')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const dataDir = dataDirOf(cmd);
      if (!(await folderExists(dataDir))) {
        console.error(`There is no data folder at ${dataDir}. Pass the folder that holds the studies with --data <folder>.`);
        process.exitCode = 2;
        return;
      }
      const report = await validateDataFolder(dataDir);
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
      process.exitCode = report.problems.length ? 1 : 0;
    });
}

async function folderExists(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function printReport(report: ValidationReport): void {
  console.log(`Checking ${report.dataDir}`);
  for (const s of report.studies) {
    const title = s.title ? ` “${s.title}”` : '';
    const quarantine = s.quarantined ? `; ${plural(s.quarantined, 'file')} already set aside in .quarantine` : '';
    console.log(`  ${s.folder}${title}: ${s.validSessions} of ${plural(s.sessionFiles, 'session file')} valid${quarantine}`);
  }
  for (const p of report.problems) console.log(`✗ ${p.file}: ${p.problem}`);
  const summary = `${plural(report.studies.length, 'study')}, ${plural(report.filesChecked, 'file')} checked`.replace('studys', 'studies');
  console.log(report.problems.length ? `${summary}: ${plural(report.problems.length, 'problem')}.` : `${summary}: all valid.`);
}
