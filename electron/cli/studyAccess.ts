import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { HostError } from '../../shared/contract/hostContract';
import { KeyringError, unlockWithPassphrase } from '../services/crypto/keyring';
import { StudyRepository, type RepositoryOptions } from '../services/storage/studyRepository';
import { defaultStudiesDir } from '../services/dataDir';

/** The data folder: `--data` on the program, or the desktop app's default. */
export function dataDirOf(cmd: Command): string {
  return (cmd.optsWithGlobals().data as string | undefined) ?? defaultStudiesDir();
}

/**
 * The passphrase in `--passphrase-file`: the file's text without its final line break
 * (an editor adds one). A file, not an argument, so the passphrase stays out of the shell's
 * history and of the process list.
 */
export function readPassphraseFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`The passphrase file ${file} cannot be read (${(err as { code?: string }).code ?? String(err)}).`);
  }
  const passphrase = text.replace(/\r?\n$/, '');
  if (!passphrase) throw new Error(`The passphrase file ${file} is empty.`);
  return passphrase;
}

/**
 * The repository every command reads and writes through. An encrypted study is unlocked
 * with the passphrase in the program's `--passphrase-file`, the first time it is touched
 * (scrypt: about half a second); without one, or with the wrong one, the command fails
 * with a message saying so.
 */
export function repositoryOf(cmd: Command, opts: RepositoryOptions = {}, dataDir = dataDirOf(cmd)): StudyRepository {
  const repository = new StudyRepository(dataDir, opts);
  const file = cmd.optsWithGlobals().passphraseFile as string | undefined;
  repository.keys.unlocker = async (_studyId, keyFile) => {
    if (!file) throw new HostError('study_locked', 'This study is encrypted: give its passphrase with --passphrase-file <file>.');
    try {
      return await unlockWithPassphrase(keyFile, readPassphraseFile(file));
    } catch (err) {
      if (err instanceof KeyringError && err.problem === 'wrong_passphrase') throw new HostError('wrong_passphrase', `The passphrase in ${file} does not open this study.`);
      throw err;
    }
  };
  return repository;
}
