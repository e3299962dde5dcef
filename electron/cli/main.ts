import { buildProgram } from './pimap';

/**
 * The `pimap` entry point: what the launcher (bin.mjs) runs, built into out/cli/pimap.mjs.
 * Kept apart from pimap.ts so that importing the program (tests, the bundle) never parses
 * process.argv by accident.
 */

// `pimap analyze … | head` closes the pipe early. That is the reader's choice, not an error
// worth a stack trace: stop quietly with the exit code so far.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
  throw err;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  });
