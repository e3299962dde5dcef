import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export type Preview = {
  /** The address printed by the preview, with `?token=`. */
  url: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Everything the preview printed, for assertions about its output. */
  output(): { stdout: string; stderr: string };
  /** Stops the preview; removes the data folder if this helper created it. */
  stop(): Promise<void>;
};

const OPEN_LINE = /^Open (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m;

/**
 * Start the browser preview the way a user does (`tsx electron/web/main.ts --port 0
 * --data <folder>`, after the build in globalSetup) and wait for its Open line.
 * Without `dataDir`, a new empty folder is used.
 */
export async function startPreview(opts: { dataDir?: string; timeoutMs?: number } = {}): Promise<Preview> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'pimap-e2e-'));
  const child: ChildProcess = spawn('npx', ['tsx', 'electron/web/main.ts', '--port', '0', '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() ends npx, tsx and node together.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The preview printed no Open line within ${opts.timeoutMs ?? 60_000} ms.\nstdout: ${stdout}\nstderr: ${stderr}`)), opts.timeoutMs ?? 60_000);
    const check = (): void => {
      const m = OPEN_LINE.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The preview exited with ${code} before printing its Open line.\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });

  const port = Number(match[2]);
  return {
    url: match[1]!,
    origin: `http://127.0.0.1:${port}`,
    port,
    token: match[3]!,
    dataDir,
    output: () => ({ stdout, stderr }),
    stop,
  };
}

/**
 * Call a host operation on a running preview the way its page does (POST /api/<op> with
 * the session token); throws the host's message when the call fails.
 */
export async function previewApi<T>(p: Pick<Preview, 'origin' | 'token'>, op: string, payload: unknown = {}): Promise<T> {
  const res = await fetch(`${p.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${p.token}` },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { code: string; message: string } };
  if (!body.ok) throw Object.assign(new Error(body.error?.message ?? `${op} failed`), { code: body.error?.code });
  return body.value;
}
