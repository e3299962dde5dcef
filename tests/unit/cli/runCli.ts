import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { buildProgram } from '../../../electron/cli/pimap';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'csv');

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run `pimap …` in this process (fast), capturing what it prints and the exit code it sets. */
export async function runPimap(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    stderr += `${parts.join(' ')}\n`;
  });
  const warn = vi.spyOn(console, 'warn').mockImplementation((...parts: unknown[]) => {
    stderr += `${parts.join(' ')}\n`;
  });
  const previous = process.exitCode;
  process.exitCode = undefined;
  let exitCode = 0;
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'pimap', ...args]);
    exitCode = Number(process.exitCode ?? 0);
  } catch (err) {
    stderr += `${err instanceof Error ? err.message : String(err)}\n`;
    exitCode = 2;
  } finally {
    process.exitCode = previous;
    out.mockRestore();
    log.mockRestore();
    error.mockRestore();
    warn.mockRestore();
  }
  return { stdout, stderr, exitCode };
}

/** Run the real `pimap` launcher in a child process, as a user would. */
export function spawnPimap(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'electron', 'cli', 'bin.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
}
