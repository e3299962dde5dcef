import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultStudiesDir, userDataDir } from '../services/dataDir';
import { createHostServices } from '../services/hostServices';
import { createFilePrefsStore } from '../services/prefs';
import { startWebServer } from './server';

/**
 * `npm run web -- --port <port> --data <folder>`: the browser preview. Prints exactly
 * one line, `Open http://127.0.0.1:<port>/?token=<token>`; anything else it prints is
 * an error.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = 'Usage: npm run web -- [--port <port>] [--data <folder>]   (--port 0 picks a free port; --data defaults to the desktop app’s folder)';

type WebArgs = { port: number; dataDir: string; prefsDir: string };

/** Parse the command line, or return the sentence explaining what is wrong. */
export function parseWebArgs(argv: string[]): WebArgs | { error: string } | { help: true } {
  let values: { port?: string; data?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    return { error: `${err instanceof Error ? err.message : String(err)}\n${USAGE}` };
  }
  if (values.help) return { help: true };
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `--port must be a number from 0 to 65535, not "${values.port}".\n${USAGE}` };
  // Preferences: shared with the desktop app (its per-user folder) for the default data
  // folder; a folder given with --data is a separate workspace and keeps its own, in a
  // dot-folder the study list skips, so tests and trials never touch the user's settings.
  if (values.data === undefined) return { port, dataDir: defaultStudiesDir(), prefsDir: userDataDir() };
  const dataDir = resolve(values.data);
  return { port, dataDir, prefsDir: join(dataDir, '.prefs') };
}

async function main(): Promise<void> {
  const args = parseWebArgs(process.argv.slice(2));
  if ('help' in args) {
    console.log(USAGE);
    return;
  }
  if ('error' in args) {
    console.error(args.error);
    process.exit(2);
  }
  const rendererDir = join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('The app is not built yet: run "npm run build" first ("npm run web" builds it for you).');
    process.exit(1);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(args.dataDir, { recursive: true });

  const handlers = createHostServices({
    dataDir: args.dataDir,
    host: 'web',
    prefs: createFilePrefsStore(args.prefsDir),
    version: pkg.version,
    libraryPath: join(root, 'resources', 'stakeholders.json'),
  });

  let server;
  try {
    server = await startWebServer({ port: args.port, dataDir: args.dataDir, rendererDir, handlers });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${args.port} is already in use; choose another with --port, or --port 0 for a free one.`);
      process.exit(1);
    }
    throw err;
  }
  console.log(`Open ${server.url}`);

  // Finish writes in flight before exiting: Ctrl+C must not cut a save in half.
  const stop = (): void => {
    void server
      .close()
      .then(() => handlers.flush())
      .then(() => handlers.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((err: unknown) => {
    console.error(`The browser preview could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
