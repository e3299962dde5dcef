import type { Command } from 'commander';
import { registerAnalyze } from './analyze';
import { registerBackup, registerRestore } from './backup';
import { registerEncrypt } from './encrypt';
import { registerExport } from './export';
import { registerImport } from './import';
import { registerReport } from './report';
import { registerValidate } from './validate';

/**
 * Every `pimap` subcommand registers itself here, one line each, so commands can be
 * added without touching the program's set-up.
 */
export function registerCommands(program: Command): void {
  // Commands are added by later issues: validate, import, analyze, export, report, backup, restore.
  registerAnalyze(program);
  registerBackup(program);
  registerEncrypt(program);
  registerExport(program);
  registerImport(program);
  registerReport(program);
  registerRestore(program);
  registerValidate(program);
}
