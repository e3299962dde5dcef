import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { runPimap } from './runCli';

/**
 * Issue 16 on the command line: `pimap encrypt`, and `--passphrase-file` on the commands
 * that read a study. A wrong or missing passphrase exits non-zero with a message saying so.
 */
const S = 'study-enc';
let root = '';
let data = '';
let passFile = '';

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'pimap-cli-enc-'));
  data = join(root, 'data');
  const repo = new StudyRepository(data, { warn: () => undefined });
  await repo.createStudy(makeStudy(S, 'Canning survivors'));
  await repo.saveSession(makeSession(S, 's1', 'FGD 1', 0), 0);
  await repo.saveSession(makeSession(S, 's2', 'FGD 2', 0), 0);
  passFile = join(root, 'pass.txt');
  writeFileSync(passFile, 'mangrove tide ferry lamp\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('pimap encrypt', () => {
  it('encrypts a study, writes the recovery key to a new file, and then every read needs the passphrase', async () => {
    const keyOut = join(root, 'recovery.txt');
    const r = await runPimap('--data', data, 'encrypt', 'Canning survivors', '--passphrase-file', passFile, '--recovery-key-out', keyOut);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Encrypted study “Canning survivors”');
    expect(r.stdout).not.toMatch(/abandon|ability/); // the words went to the file, not the terminal
    const words = readFileSync(keyOut, 'utf8').split('\n')[1]!.split(' ');
    expect(words).toHaveLength(24);
    for (const name of readdirSync(join(data, S, 'sessions'))) expect(readFileSync(join(data, S, 'sessions', name)).subarray(0, 8).toString()).toBe('PIMAPENC');

    const out = join(root, 'maps.csv');
    const missing = await runPimap('--data', data, 'export', S, '--format', 'csv', '--out', out);
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stderr).toContain('This study is encrypted: give its passphrase with --passphrase-file <file>.');

    const wrongFile = join(root, 'wrong.txt');
    writeFileSync(wrongFile, 'mangrove tide ferry');
    const wrong = await runPimap('--data', data, 'export', S, '--format', 'csv', '--out', out, '--passphrase-file', wrongFile);
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.stderr).toContain(`The passphrase in ${wrongFile} does not open this study.`);

    const ok = await runPimap('--data', data, 'export', 'Canning survivors', '--format', 'csv', '--out', out, '--passphrase-file', passFile);
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('FGD 2');

    const locked = await runPimap('--data', data, 'validate');
    expect(locked.exitCode, locked.stdout).toBe(0);
    expect(locked.stdout).toContain(`${S}: encrypted, 2 session files not checked (give its passphrase with --passphrase-file to check them)`);
    const checked = await runPimap('--data', data, 'validate', '--passphrase-file', passFile);
    expect(checked.exitCode, checked.stdout).toBe(0);
    expect(checked.stdout).toContain(`${S} “Canning survivors”: 2 of 2 session files valid`);

    const backupOut = join(root, 'b.pimap.json');
    expect((await runPimap('--data', data, 'backup', S, '--out', backupOut)).exitCode).not.toBe(0);
    expect((await runPimap('--data', data, 'backup', S, '--out', backupOut, '--passphrase-file', passFile)).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(backupOut, 'utf8')).sessions).toHaveLength(2);

    const again = await runPimap('--data', data, 'encrypt', S, '--passphrase-file', passFile);
    expect(again.exitCode).not.toBe(0);
    expect(again.stderr).toContain('already encrypted');
  }, 60_000);

  it('refuses to write the recovery key over an existing file, and encrypts nothing then', async () => {
    const keyOut = join(root, 'recovery.txt');
    writeFileSync(keyOut, 'something kept');
    const r = await runPimap('--data', data, 'encrypt', S, '--passphrase-file', passFile, '--recovery-key-out', keyOut);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/EEXIST/);
    expect(readFileSync(keyOut, 'utf8')).toBe('something kept');
    expect(readdirSync(join(data, S))).not.toContain('keys.json');
    expect(readFileSync(join(data, S, 'sessions', 's1.json'), 'utf8')).toContain('FGD 1');
  }, 60_000);

  it('asks for the passphrase in a file and refuses a short one', async () => {
    expect((await runPimap('--data', data, 'encrypt', S)).stderr).toContain('--passphrase-file');
    writeFileSync(passFile, 'short');
    expect((await runPimap('--data', data, 'encrypt', S, '--passphrase-file', passFile)).stderr).toContain('shorter than 8 characters');
  });
});
