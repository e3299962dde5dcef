import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHostServices } from '../../../electron/services/hostServices';
import { createFilePrefsStore } from '../../../electron/services/prefs';
import { startWebServer } from '../../../electron/web/server';
import { ROOT } from './pages';

/** The renderer as built at the start of the run, copied so a rebuild meanwhile cannot change it under a page. */
const SNAPSHOT = join(ROOT, 'out', 'bench', 'renderer');

export function snapshotRenderer(): void {
  const built = join(ROOT, 'out', 'renderer');
  if (!existsSync(join(built, 'index.html'))) throw new Error('out/renderer is not built: run without --no-build, or "npm run build" first');
  rmSync(SNAPSHOT, { recursive: true, force: true });
  mkdirSync(SNAPSHOT, { recursive: true });
  cpSync(built, SNAPSHOT, { recursive: true });
}

export const rendererSnapshotDir = (): string => SNAPSHOT;

export interface BenchPreview {
  /** `http://127.0.0.1:<port>/?token=…` */
  url: string;
  stop(): Promise<void>;
}

/**
 * The browser preview, as `npm run web` starts it (the same server, host services and
 * per-folder preferences), in this process and on the renderer snapshot. The subprocess
 * of tests/helpers/preview.ts serves out/renderer, which other work may rebuild during a
 * long benchmark run.
 */
export async function startBenchPreview(dataDir: string): Promise<BenchPreview> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const handlers = createHostServices({
    dataDir,
    host: 'web',
    prefs: createFilePrefsStore(join(dataDir, '.prefs')),
    version: pkg.version,
    libraryPath: join(ROOT, 'resources', 'stakeholders.json'),
  });
  const server = await startWebServer({ port: 0, dataDir, rendererDir: SNAPSHOT, handlers });
  return {
    url: server.url,
    stop: async () => {
      await server.close();
      await handlers.flush();
    },
  };
}
