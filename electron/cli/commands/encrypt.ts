import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import { createKeyring } from '../../services/crypto/keyring';
import { readPassphraseFile, repositoryOf } from '../studyAccess';
import { resolveStudy } from './export';

/**
 * `pimap encrypt <study> --passphrase-file <file> [--recovery-key-out <file>]`: turn on
 * encryption for a study, as "Encrypt this study…" does in the app. The recovery key is
 * printed (or written to a new file, never over an existing one): the only time it is shown.
 */
export function registerEncrypt(program: Command): void {
  program
    .command('encrypt')
    .description(
      'Encrypt every file of a study (settings, sessions, history, quarantine, its trash) with the passphrase in ' +
        '--passphrase-file, and print the recovery key: 24 words that open the study if the passphrase is lost. ' +
        'Keep them apart from the passphrase. If both are lost, nobody can open the study again. ' +
        'Afterwards every command that reads the study needs --passphrase-file.',
    )
    .argument('<study>', 'study id or title (in --data)')
    .option('--recovery-key-out <file>', 'write the recovery key to this new file instead of printing it')
    .action(async (ref: string, opts: { recoveryKeyOut?: string }, cmd: Command) => {
      const file = cmd.optsWithGlobals().passphraseFile as string | undefined;
      if (!file) throw new Error('Give the new passphrase in a file: pimap encrypt <study> --passphrase-file <file>.');
      const passphrase = readPassphraseFile(file);
      if ([...passphrase].length < 8) throw new Error(`The passphrase in ${file} is shorter than 8 characters; a few words are better.`);
      const repository = repositoryOf(cmd);
      const { study } = await resolveStudy(repository, ref);
      const made = await createKeyring(study.id, passphrase);
      // The key file goes first only if the recovery key can be handed over: a file that
      // exists already is refused before anything is encrypted.
      const out = opts.recoveryKeyOut ? await open(opts.recoveryKeyOut, 'wx', 0o600) : null;
      try {
        const files = await repository.encryptStudy(study.id, made.keyFile, made.dataKey);
        const sheet = `Recovery key of study ${study.id} (Power–Interest Mapper):\n${made.recoveryKey}\n`;
        if (out) await out.writeFile(sheet, 'utf8');
        console.log(`Encrypted study “${study.title}” (${files.toLocaleString('en')} files rewritten).`);
        if (out) console.log(`The recovery key is in ${opts.recoveryKeyOut}. Print it or write it down, keep it apart from the passphrase, then delete that file.`);
        else console.log(`Recovery key (write it down and keep it apart from the passphrase; it is not shown again):\n${made.recoveryKey}`);
      } finally {
        made.dataKey.fill(0);
        await out?.close();
      }
    });
}
