import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { defaultStudiesDir } from '../services/dataDir';
import { registerCommands } from './commands';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** Build the `pimap` command-line program. Exported for tests. */
export function buildProgram(): Command {
  const program = new Command('pimap')
    .description('Power–Interest Mapper on the command line: check, import, analyse, export, back up and restore studies.\nWorks on the same files as the desktop app; nothing is sent anywhere.')
    .version(pkg.version, '-v, --version', 'print the version')
    .option('--data <folder>', `folder holding the studies (default: ${defaultStudiesDir()})`)
    .option('--passphrase-file <file>', 'file holding the passphrase of an encrypted study (needed by every command that reads one)')
    .showHelpAfterError();
  registerCommands(program);
  return program;
}

/** The data folder chosen on the command line, or the desktop app's default. */
export function dataDirOf(program: Command): string {
  return (program.opts().data as string | undefined) ?? defaultStudiesDir();
}

// Run from the command line through main.ts (the launcher bin.mjs, or `npm run pimap`).
