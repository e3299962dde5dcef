import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseBundle } from '../../../shared/export/studyFile';
import { decodeUtf8Strict, describeEncodingProblem } from '../../../shared/text/strictUtf8';
import { processWriter } from '../../services/hostServices';
import { backupStudy, restoreBackup } from '../../services/storage/restore';
import { repositoryOf } from '../studyAccess';
import { dataDirOf, resolveStudy } from './export';

/**
 * `pimap backup <study> --out <file> [--with-history]` and `pimap restore <file>`: one
 * file for a whole study (every session, notes included; with history, the earlier
 * versions of each map) to carry by USB or e-mail, and its restore — into an empty data
 * folder as it was, or into an existing copy merged by the sync's rules, never
 * overwriting anything (see shared/sync/restoreStudy.ts).
 *
 * Exit codes: 0 done (conflicts are listed: they are resolved in the app); 1 the file is
 * not a backup that can be restored, nothing written; 2 anything else (no such study, a
 * storage error).
 */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const list = (names: readonly string[]) => names.map((n) => `“${n}”`).join(', ');

/** A study folder given as a path (it holds study.json): its data folder and id. */
async function studyFolder(ref: string): Promise<{ dataDir: string; studyId: string } | null> {
  const dir = resolve(ref);
  const isStudy = await stat(join(dir, 'study.json')).then(
    (s) => s.isFile(),
    () => false,
  );
  return isStudy ? { dataDir: dirname(dir), studyId: basename(dir) } : null;
}

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .summary('Write one file with a whole study, to keep or to carry by USB or e-mail (see backup --help)')
    .description(
      'Write one file with a whole study to keep or to carry by USB or e-mail: its settings and every ' +
        'session, notes, place and facilitator included (a backup is never redacted: keep it as safe ' +
        'as the data folder). --with-history adds the earlier versions of each map. Restore it with ' +
        '`pimap restore`, or import it in the app. A sync conflict copy or a damaged file is not in the ' +
        'backup: it is named, and the exit code is 1.',
    )
    .argument('<study>', 'study id or title (in --data), or the path of a study folder')
    .requiredOption('--out <file>', 'file to write (e.g. study.pimap.json)')
    .option('--with-history', 'include the earlier versions of each session map')
    .action(async (ref: string, opts: { out: string; withHistory?: boolean }, cmd: Command) => {
      const folder = await studyFolder(ref);
      const repository = repositoryOf(cmd, { warn: (m) => console.error(m) }, folder?.dataDir ?? dataDirOf(cmd));
      const studyId = folder?.studyId ?? (await resolveStudy(repository, ref)).study.id;
      const backup = await backupStudy(repository, studyId, { withHistory: Boolean(opts.withHistory) });
      // Written next to the target and renamed, so a reader never sees half a file.
      const tmp = `${opts.out}.${process.pid}.tmp`;
      await writeFile(tmp, backup.text, 'utf8');
      await rename(tmp, opts.out);
      const { study, sessions } = backup.bundle;
      const history = opts.withHistory ? `, ${plural(backup.historyVersions, 'earlier version')}` : '';
      console.log(`Backed up study “${study.title}” (id ${study.id}): ${plural(sessions.length, 'session')}${history}, to ${opts.out} (${Buffer.byteLength(backup.text).toLocaleString('en')} bytes).`);
      if (backup.leftOut.length) {
        console.error(`Not in the backup: ${plural(backup.leftOut.length, 'file')} of the study folder that ${backup.leftOut.length === 1 ? 'is' : 'are'} not a session map it can carry:`);
        for (const p of backup.leftOut) console.error(`  ${p.file}: ${p.problem}`);
        process.exitCode = 1;
      }
    });
}

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .summary('Restore a study from a backup, merging it into a copy already here by the sync rules (see restore --help)')
    .description(
      'Restore a study from a backup (`pimap backup`, or a study file exported with notes) into the data ' +
        'folder (--data <folder>, or the app\'s). A study not there yet is restored as it was. A study already there is merged, by the ' +
        'same rules as the sync: stakeholders, cohorts and rounds of either side are kept; sessions only ' +
        'in the backup are added; a session changed on both sides keeps the local map and gets the ' +
        "backup's version beside it as a conflict copy (…sync-conflict-…-RESTORE.json), shown in the app " +
        'to resolve. Nothing is overwritten or deleted. Earlier versions are added to history where missing.',
    )
    .argument('<file>', 'the backup file')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => {
        throw new Error(`Cannot read ${file}: ${err.code === 'ENOENT' ? 'there is no such file' : err.message}`);
      });
      const decoded = decodeUtf8Strict(new Uint8Array(bytes));
      if (!decoded.ok) {
        console.error(`${file}: ${describeEncodingProblem(decoded.problem)} Nothing was restored.`);
        process.exitCode = 1;
        return;
      }
      const parsed = parseBundle(decoded.text);
      if (!parsed.ok) {
        console.error(`${file}: ${parsed.problem}. Nothing was restored.`);
        process.exitCode = 1;
        return;
      }
      const dataDir = resolve(dataDirOf(cmd));
      const repository = repositoryOf(cmd, { warn: (m) => console.error(m), writer: processWriter('cli') }, dataDir);
      const outcome = await restoreBackup(repository, parsed.bundle);
      if (!outcome.ok) {
        console.error(`${file}: ${outcome.problem}. Nothing was restored.`);
        process.exitCode = 1;
        return;
      }
      const s = outcome.summary;
      if (s.created) console.log(`Restored study “${s.title}” (id ${s.studyId}) into ${dataDir}: ${plural(s.addedSessions.length, 'session')}.`);
      else {
        console.log(`Merged the backup into study “${s.title}” (id ${s.studyId}) in ${dataDir}.`);
        const added = [
          s.added.stakeholders.length ? `stakeholders ${list(s.added.stakeholders)}` : '',
          s.added.cohorts.length ? `cohorts ${list(s.added.cohorts)}` : '',
          s.added.rounds.length ? `rounds ${list(s.added.rounds)}` : '',
        ].filter(Boolean);
        console.log(added.length ? `Added to the study: ${added.join('; ')}.` : s.studyChanged ? 'The study settings were updated from the backup.' : 'The study settings already had everything in the backup.');
        console.log(s.addedSessions.length ? `Added ${plural(s.addedSessions.length, 'session')}: ${list(s.addedSessions)}.` : 'No session was added.');
        if (s.unchangedSessions.length) console.log(`Already the same: ${plural(s.unchangedSessions.length, 'session')}.`);
        if (s.localOnlySessions.length) console.log(`Kept, not in the backup: ${plural(s.localOnlySessions.length, 'session')}.`);
      }
      if (s.historyAdded) console.log(`Added ${plural(s.historyAdded, 'earlier version')} to history.`);
      for (const c of s.alreadyKept) console.log(`Session “${c.code}”: the backup's version is already kept beside it as ${c.fileName}.`);
      if (s.conflicts.length) {
        console.log(`${plural(s.conflicts.length, 'conflict')}: changed both here and in the backup. The map here is unchanged; the backup's version is kept beside it:`);
        for (const c of s.conflicts) console.log(`  “${c.code}”: sessions/${c.fileName}`);
        console.log('Open the study in the app to compare and resolve them (`pimap validate` lists them too).');
      }
    });
}
