import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Prefs } from '../../../shared/contract/hostContract';
import { decodeUtf8Strict, describeEncodingProblem } from '../../../shared/text/strictUtf8';
import { describeCsvError, describeImportProblem, importCsv } from '../../services/csvImport';
import { createHostServices, type HostServices } from '../../services/hostServices';
import type { PrefsStore } from '../../services/prefs';
import { dataDirOf } from './export';

/**
 * Preferences for one command-line run, kept in memory: the CLI must not rewrite the
 * desktop app's list of recent studies behind the user's back.
 */
export function memoryPrefs(): PrefsStore {
  let prefs: Prefs = { language: 'en', largeText: false, lastStudyId: null, recentStudyIds: [] };
  return {
    get: () => prefs,
    set: (patch) => (prefs = { ...prefs, ...patch }),
  };
}

/** The host services over the data folder chosen for this command. */
export function cliServices(cmd: Command): HostServices {
  return createHostServices({ dataDir: dataDirOf(cmd), host: 'cli', prefs: memoryPrefs(), version: String(cmd.parent?.version() ?? '') });
}

/**
 * A CSV file's text, read strictly as UTF-8 with the same check as the app's import
 * dialog, or a sentence naming the file and its encoding when it is UTF-16,
 * Windows-1252 or not text at all — never U+FFFD in place of a name.
 */
export async function readCsvText(file: string): Promise<{ text: string } | { problem: string }> {
  const decoded = decodeUtf8Strict(new Uint8Array(await readFile(file)));
  return decoded.ok ? { text: decoded.text } : { problem: `${file}: ${describeEncodingProblem(decoded.problem)}` };
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'Import a long-format CSV (study,session,cohort,round,stakeholder,status,power,interest,contested,\n' +
        'alt_power,alt_interest,note) into a study, creating it or adding to it (matched by title).\n' +
        'Every row is checked first: if any row is wrong, the problems are listed with their line numbers\n' +
        'and nothing is written (exit code 1).',
    )
    .argument('<file>', 'the CSV file (UTF-8, with or without BOM)')
    .option('--study <title>', 'title of the study to create or extend (default: the file\'s study column)')
    .action(async (file: string, opts: { study?: string }, cmd: Command) => {
      const read = await readCsvText(file);
      if ('problem' in read) {
        console.error(`${read.problem} Nothing was imported.`);
        process.exitCode = 1;
        return;
      }
      const text = read.text;
      const services = cliServices(cmd);
      const result = await importCsv(services, text, { title: opts.study });
      await services.flush();
      if (!result.ok) {
        if (result.problem) console.error(`${file}: ${describeImportProblem(result.problem)}`);
        for (const e of result.errors) console.error(`${file}: ${describeCsvError(e)}`);
        const rows = new Set(result.errors.map((e) => e.line)).size;
        console.error(result.errors.length > 0 ? `${result.errors.length} problem${result.errors.length === 1 ? '' : 's'} on ${rows} line${rows === 1 ? '' : 's'}. Nothing was imported.` : 'Nothing was imported.');
        process.exitCode = 1;
        return;
      }
      const s = result.summary;
      const sessions = `${s.created + s.updated} session${s.created + s.updated === 1 ? '' : 's'} (${s.created} new, ${s.updated} updated)`;
      console.log(`Imported ${s.rows} ${s.rows === 1 ? 'row' : 'rows'}, ${sessions}, into ${s.studyCreated ? 'the new study' : 'the study'} "${s.title}" (id ${s.studyId}).`);
      if (s.newCohorts.length) console.log(`New cohorts: ${s.newCohorts.join(', ')}`);
      if (s.newRounds.length) console.log(`New rounds: ${s.newRounds.join(', ')}`);
      if (s.newStakeholders.length) console.log(`New stakeholders (custom): ${s.newStakeholders.join(', ')}`);
      if (s.created > 0) console.log('Consent is not recorded for imported sessions; record it in the app.');
      if (s.conflicts.length) {
        // Never overwritten: the app (or another import) saved these after this import read them.
        console.error(
          `Not imported: ${s.conflicts.length} session${s.conflicts.length === 1 ? '' : 's'} changed since the import read ${s.conflicts.length === 1 ? 'it' : 'them'} (${s.conflicts.join(', ')}). Nothing was written for ${s.conflicts.length === 1 ? 'it' : 'them'}; run the import again to update ${s.conflicts.length === 1 ? 'it' : 'them'} from the file.`,
        );
        process.exitCode = 1;
      }
    });
}
