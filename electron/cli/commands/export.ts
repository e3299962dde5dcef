import { rename, writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { HostError } from '../../../shared/contract/hostContract';
import type { OpenStudyResult } from '../../../shared/contract/hostContract';
import type { Session } from '../../../shared/model/session';
import { nameKey } from '../../../shared/model/names';
import { LANGUAGES, type Language } from '../../../shared/model/stakeholder';
import { exportSession, exportStudy, type ExportedFile } from '../../services/export/exportService';
import type { StudyRepository } from '../../services/storage/studyRepository';
import { repositoryOf } from '../studyAccess';

export { dataDirOf } from '../studyAccess';

/** A study by id, or by title (compared as names are, `nameKey`); ambiguous titles are refused with the ids to choose from. */
export async function resolveStudy(repository: StudyRepository, ref: string): Promise<OpenStudyResult> {
  try {
    return await repository.openStudy(ref);
  } catch (err) {
    // Not an id, or no study with that id: try it as a title. Any other failure (a damaged
    // study.json, an unreadable folder) is about a study that exists and is said as such,
    // never turned into "No study with id or title".
    if (!(err instanceof HostError) || (err.code !== 'not_found' && err.code !== 'invalid_payload')) throw err;
  }
  const matches = await repository.findStudiesByTitle(ref);
  if (matches.length === 0) throw new Error(`No study with id or title "${ref}" in ${repository.dataDir}`);
  if (matches.length > 1) throw new Error(`Several studies are titled "${ref}"; use an id: ${matches.map((m) => m.id).join(', ')}`);
  return repository.openStudy(matches[0]!.id);
}

/** A session by code (compared as names are, `nameKey`), in a round (by id or name) when the code is used in several. */
export function resolveSession(result: OpenStudyResult, code: string, round?: string): Session {
  const wanted = nameKey(code);
  let found = result.sessions.filter((s) => nameKey(s.code) === wanted);
  if (round !== undefined) {
    const r = result.study.rounds.find((x) => x.id === round || nameKey(x.name) === nameKey(round));
    found = found.filter((s) => s.roundId === (r?.id ?? round));
  }
  if (found.length === 0) throw new Error(`No session "${code}"${round ? ` in round "${round}"` : ''} in study "${result.study.title}"`);
  if (found.length > 1) throw new Error(`Session "${code}" is in several rounds; add --round (${found.map((s) => s.roundId ?? '-').join(', ')})`);
  return found[0]!;
}

/** Write next to the target and rename, so a reader never sees half a file. */
export async function writeOut(path: string, file: ExportedFile): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, file.data);
  await rename(tmp, path);
}

/** `--lang`: the language of everything a command writes. Its messages on the terminal stay English. */
export function langOption(): Option {
  return new Option('--lang <lang>', 'language of the file: its words and stakeholder names (default en)').choices(LANGUAGES);
}

const FORMATS = ['csv', 'json', 'svg', 'png', 'pdf'] as const;
type CliFormat = (typeof FORMATS)[number];

function scaleOf(v: string): 2 | 4 {
  if (v === '2' || v === '4') return Number(v) as 2 | 4;
  throw new InvalidArgumentError('the scale is 2 or 4');
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'Export a study, a session or the compare view.\n' +
        '  csv   the long format (UTF-8 with BOM), one row per session and stakeholder\n' +
        '  json  a study file (pimap/study-bundle) to send to a trainer; import it in the app\n' +
        '  svg, png, pdf  the map of --session, or the compare view of all sessions (--focus one stakeholder)\n' +
        'Every format leaves out placement notes, session notes, place and facilitator unless --with-notes.\n' +
        '--lang bn|hi words pictures in Bengali or Hindi and names stakeholders in it (csv: the stakeholder\n' +
        'column only); a json study file carries every language, so --lang does not apply to it.',
    )
    .argument('<study>', 'study id or title')
    .addOption(new Option('--format <format>', 'what to write').choices(FORMATS).makeOptionMandatory())
    .requiredOption('--out <file>', 'file to write')
    .option('--session <code>', 'only this session (its map, for pictures)')
    .option('--round <round>', 'the round of --session, when its code is used in several rounds')
    .option('--focus <stakeholder>', 'compare view: one stakeholder (id, name or short label)')
    .option('--scale <n>', 'PNG resolution: 2 or 4 times the picture size', scaleOf, 2 as 2 | 4)
    .option('--with-notes', 'include notes and quotes (and, in a study file, place and facilitator)')
    .option('--redact', 'accepted for older scripts: leaving notes, place and facilitator out is the default')
    .addOption(langOption())
    .action(async (studyRef: string, opts: { format: CliFormat; out: string; session?: string; round?: string; focus?: string; scale: 2 | 4; redact?: boolean; withNotes?: boolean; lang?: Language }, cmd: Command) => {
      if (opts.redact && opts.withNotes) throw new Error('--redact and --with-notes contradict each other');
      // The same rule for every format: private unless asked (shared/export/redact.ts).
      const redact = !opts.withNotes;
      if (opts.lang && opts.format === 'json') throw new Error('--lang does not apply to json: a study file carries the names in every language');
      const lang = opts.lang ?? 'en';
      const repository = repositoryOf(cmd);
      const opened = await resolveStudy(repository, studyRef);
      const { study, sessions } = opened;
      const session = opts.session ? resolveSession(opened, opts.session, opts.round) : null;
      const version = String(cmd.parent?.version() ?? '');
      let file: ExportedFile;
      if (opts.format === 'csv' || opts.format === 'json') {
        file = await exportStudy({
          study,
          sessions,
          sessionIds: session ? [session.id] : null,
          format: opts.format === 'csv' ? 'csv' : 'bundle',
          redact,
          lang,
          appVersion: version,
        });
      } else {
        const picture = opts.format === 'png' ? (opts.scale === 4 ? 'png4x' : 'png2x') : opts.format;
        if (session) file = await exportSession({ study, session, format: picture, redact, lang });
        else {
          const wanted = opts.focus === undefined ? '' : nameKey(opts.focus);
          const focus = wanted ? study.stakeholders.find((s) => [s.id, s.name, s.short].some((k) => nameKey(k) === wanted)) : undefined;
          if (wanted && !focus) throw new Error(`No stakeholder "${opts.focus}" in study "${study.title}"`);
          file = await exportStudy({ study, sessions, format: `compare-${picture}`, focusStakeholderId: focus?.id ?? null, redact, lang, appVersion: version });
        }
      }
      await writeOut(opts.out, file);
      console.log(`Wrote ${opts.out} (${file.data.length.toLocaleString('en')} bytes)`);
    });
}
