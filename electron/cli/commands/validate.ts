import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { validateDataFolder, type ValidationReport } from '../../services/storage/validateData';
import { dataDirOf } from './export';
import { repositoryOf } from '../studyAccess';

/**
 * `pimap validate [--data <folder>] [--json]`: check every study and session file and
 * list the problems per file. Each conflict copy a sync tool left is named: a session's
 * (another device's version of that map) as a problem, a valid copy of study.json (which
 * the app merges when the study is opened) as a note, not a problem. Read-only — unlike opening a study in the app, nothing is
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
      // Through the encryption layer: an encrypted study is checked with --passphrase-file, or named as locked.
      const report = await validateDataFolder(dataDir, repositoryOf(cmd, {}, dataDir).storageFs);
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
    if (s.encrypted === 'locked') {
      console.log(`  ${s.folder}: encrypted, ${plural(s.sessionFiles, 'session file')} not checked (give its passphrase with --passphrase-file to check them)`);
      continue;
    }
    const title = s.title ? ` “${s.title}”` : '';
    const quarantine = s.quarantined ? `; ${plural(s.quarantined, 'file')} already set aside in .quarantine` : '';
    const merged = s.syncMerged
      ? `; ${s.syncMerged === 1 ? 'a sync conflict copy of study.json was' : `${s.syncMerged} sync conflict copies of study.json were`} merged (kept in .sync-archive)`
      : '';
    console.log(`  ${s.folder}${title}: ${s.validSessions} of ${plural(s.sessionFiles, 'session file')} valid${quarantine}${merged}`);
  }
  for (const p of report.problems) console.log(`✗ ${p.file}: ${p.problem}`);
  // Conflict copies that are not problems (a valid copy of study.json, merged on opening).
  const listed = new Set(report.problems.map((p) => p.file));
  for (const c of report.syncCopies) if (!listed.has(c.file)) console.log(`⇄ ${c.file}: ${c.note}`);
  const summary = `${plural(report.studies.length, 'study')}, ${plural(report.filesChecked, 'file')} checked`.replace('studys', 'studies');
  console.log(report.problems.length ? `${summary}: ${plural(report.problems.length, 'problem')}.` : `${summary}: all valid.`);
}
