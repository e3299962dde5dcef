import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, type Dirent } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

/**
 * Real Syncthing instances for the end-to-end tests, on 127.0.0.1 only and never on the
 * internet: each has its own home folder (keys, config, database), listens for sync on a
 * free 127.0.0.1 port and serves its REST API on another, knows the other device only by
 * a static `tcp://127.0.0.1:<port>` address, and has global and local discovery, relays,
 * NAT traversal, STUN, crash and usage reporting and upgrades all off. The whole config
 * is written before start, so nothing depends on what a first start would pick.
 */

export const INSTALL_HINT = 'install syncthing: apt-get install syncthing (.ci/run does)';

/** Throws one clear message when there is no `syncthing` to run. */
export function requireSyncthing(): string {
  const r = spawnSync('syncthing', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) throw new Error(`${INSTALL_HINT} (${r.error?.message ?? r.stderr.trim()})`);
  return r.stdout.trim();
}

/** Ports that were free a moment ago, all different (held together until all are found). */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const s = createServer();
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve());
      });
      servers.push(s);
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

export type SharedFolder = { id: string; label?: string };

export type Syncthing = {
  name: string;
  home: string;
  deviceId: string;
  syncPort: number;
  apiPort: number;
  apiKey: string;
  /** The folder this instance shares, on its own disk. */
  folderPath: string;
  /** Everything the process printed so far (its log). */
  log(): string;
  /** A REST call (`/rest/...`) with the API key; throws on an HTTP error, naming it. */
  rest<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown): Promise<T>;
  /** Kill the process (its whole group) and wait until it has exited. */
  stop(): Promise<void>;
};

type Spec = { name: string; home: string; folderPath: string; deviceId: string; syncPort: number; apiPort: number; apiKey: string };

/** Ignore patterns every shared study folder gets: the app's own local folders and temporary files. */
export const STUDY_IGNORES = [
  '// Written by tests/helpers/syncthing.ts: what stays on this device.',
  '/.history',
  '/.quarantine',
  '/.sync-archive',
  '/.locks',
  '/.prefs',
  '/.trash',
  '// The app\'s atomic-write temporaries (<file>.<pid>-<hex>.tmp) and other half-written files.',
  '*.tmp',
  '(?d).DS_Store',
  '(?d)Thumbs.db',
];

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function configXml(self: Spec, peer: Spec, folder: SharedFolder): string {
  const device = (d: Spec) => `    <device id="${d.deviceId}" name="${xml(d.name)}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>tcp://127.0.0.1:${d.syncPort}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
        <untrusted>false</untrusted>
    </device>`;
  return `<configuration version="36">
    <folder id="${xml(folder.id)}" label="${xml(folder.label ?? folder.id)}" path="${xml(self.folderPath)}" type="sendreceive" rescanIntervalS="5" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="${self.deviceId}" introducedBy=""></device>
        <device id="${peer.deviceId}" introducedBy=""></device>
        <minDiskFree unit="%">0</minDiskFree>
        <order>alphabetic</order>
        <maxConflicts>-1</maxConflicts>
        <pullerPauseS>1</pullerPauseS>
        <paused>false</paused>
        <markerName>.stfolder</markerName>
        <disableFsync>false</disableFsync>
    </folder>
${device(self)}
${device(peer)}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${self.apiPort}</address>
        <apikey>${self.apiKey}</apikey>
        <theme>default</theme>
        <insecureSkipHostcheck>false</insecureSkipHostcheck>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${self.syncPort}</listenAddress>
        <globalAnnounceServer></globalAnnounceServer>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <relaysEnabled>false</relaysEnabled>
        <startBrowser>false</startBrowser>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <urURL></urURL>
        <urInitialDelayS>86400</urInitialDelayS>
        <restartOnWakeup>false</restartOnWakeup>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <releasesURL></releasesURL>
        <crashReportingEnabled>false</crashReportingEnabled>
        <crashReportingURL></crashReportingURL>
        <stunServer></stunServer>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunKeepaliveMinS>0</stunKeepaliveMinS>
        <announceLANAddresses>false</announceLANAddresses>
        <progressUpdateIntervalS>-1</progressUpdateIntervalS>
        <setLowPriority>false</setLowPriority>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <unackedNotificationID></unackedNotificationID>
    </options>
</configuration>
`;
}

const ENV = {
  STNODEFAULTFOLDER: '1',
  STNOUPGRADE: '1',
  STNORESTART: '1',
  // No proxy for 127.0.0.1, whatever the machine sets.
  NO_PROXY: '127.0.0.1',
  no_proxy: '127.0.0.1',
  all_proxy: '',
  ALL_PROXY: '',
};

function generate(home: string): string {
  const r = spawnSync('syncthing', ['generate', `--home=${home}`, '--no-default-folder'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...ENV } });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const m = /Device ID: ([A-Z0-9]{7}(?:-[A-Z0-9]{7}){7})/.exec(out);
  if (r.status !== 0 || !m) throw new Error(`syncthing generate failed (${r.error?.message ?? `exit ${r.status}`}):\n${out}`);
  return m[1]!;
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, detail: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms.${last ? ` Last error: ${String(last)}` : ''}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function launch(spec: Spec): Syncthing {
  const child: ChildProcess = spawn(
    'syncthing',
    ['serve', `--home=${spec.home}`, '--no-browser', '--no-restart', '--no-upgrade', '--no-default-folder', '--skip-port-probing', '--logflags=2', `--gui-address=http://127.0.0.1:${spec.apiPort}`, `--gui-apikey=${spec.apiKey}`],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...ENV, HOME: spec.home } },
  );
  let log = '';
  const keep = (s: string) => {
    log += s;
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);
  child.on('error', (err) => keep(`\n[spawn error] ${err.message}\n`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const rest = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`http://127.0.0.1:${spec.apiPort}${path}`, {
      method,
      headers: { 'X-API-Key': spec.apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${spec.name}: ${method} ${path}: HTTP ${res.status} ${text.trim()}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const stop = async (): Promise<void> => {
    if (!running()) return;
    const kill = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        // already gone
      }
    };
    kill('SIGTERM');
    const late = setTimeout(() => kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(late);
  };

  return { ...spec, log: () => log, rest, stop };
}

export type SyncthingPair = {
  a: Syncthing;
  b: Syncthing;
  folderId: string;
  stop(): Promise<void>;
};

/**
 * Two Syncthing instances sharing one folder (`pathA` on A, `pathB` on B), connected to
 * each other and nothing else. Both folders get the `.stfolder` marker and `.stignore`
 * (STUDY_IGNORES) before start. Resolves once both REST APIs answer and the two devices
 * are connected; on any failure both processes are stopped before it throws.
 */
export async function startSyncthingPair(opts: { baseDir: string; folder: SharedFolder; pathA: string; pathB: string; ignores?: string[]; timeoutMs?: number }): Promise<SyncthingPair> {
  requireSyncthing();
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const [syncA, apiA, syncB, apiB] = await freePorts(4);
  const specs: Spec[] = (
    [
      ['A', opts.pathA, syncA!, apiA!],
      ['B', opts.pathB, syncB!, apiB!],
    ] as const
  ).map(([name, folderPath, syncPort, apiPort]) => {
    const home = join(opts.baseDir, `syncthing-${name}`);
    mkdirSync(home, { recursive: true });
    mkdirSync(join(folderPath, '.stfolder'), { recursive: true });
    writeFileSync(join(folderPath, '.stignore'), `${(opts.ignores ?? STUDY_IGNORES).join('\n')}\n`);
    return { name, home, folderPath, deviceId: generate(home), syncPort, apiPort, apiKey: `pimap-e2e-${name}-${process.pid}-${Date.now().toString(36)}` };
  });
  const [sa, sb] = specs as [Spec, Spec];
  writeFileSync(join(sa.home, 'config.xml'), configXml(sa, sb, opts.folder));
  writeFileSync(join(sb.home, 'config.xml'), configXml(sb, sa, opts.folder));
  const a = launch(sa);
  const b = launch(sb);
  const pair: SyncthingPair = { a, b, folderId: opts.folder.id, stop: async () => void (await Promise.all([a.stop(), b.stop()])) };
  try {
    for (const s of [a, b]) {
      await waitFor(`Syncthing ${s.name}'s REST API on 127.0.0.1:${s.apiPort}`, timeoutMs, async () => ((await s.rest<{ ping: string }>('GET', '/rest/system/ping')).ping === 'pong' ? true : undefined), () => `log of ${s.name}:\n${s.log().slice(-4000)}`);
      const status = await s.rest<{ myID: string }>('GET', '/rest/system/status');
      if (status.myID !== s.deviceId) throw new Error(`Syncthing ${s.name} runs as ${status.myID}, not the generated ${s.deviceId}`);
    }
    await waitConnected(pair, true, timeoutMs);
  } catch (err) {
    await pair.stop();
    throw err;
  }
  return pair;
}

type Connections = { connections: Record<string, { connected: boolean; paused: boolean; address: string }> };

async function connectedTo(s: Syncthing, peer: Syncthing): Promise<boolean> {
  const c = await s.rest<Connections>('GET', '/rest/system/connections');
  return c.connections[peer.deviceId]?.connected === true;
}

/** Wait until the two devices are connected to each other (or, with `false`, until neither is). */
export async function waitConnected(pair: SyncthingPair, connected: boolean, timeoutMs = 60_000): Promise<void> {
  const { a, b } = pair;
  await waitFor(
    connected ? 'Syncthing A and B connecting to each other' : 'Syncthing A and B disconnecting',
    timeoutMs,
    async () => ((await connectedTo(a, b)) === connected && (await connectedTo(b, a)) === connected ? true : undefined),
    () => `log of A:\n${a.log().slice(-3000)}\nlog of B:\n${b.log().slice(-3000)}`,
  );
}

/**
 * "Offline": each device pauses the other, so they disconnect; each still scans its own
 * disk, so changes made meanwhile meet only on resume. Resolves when both are disconnected.
 */
export async function goOffline(pair: SyncthingPair, timeoutMs = 30_000): Promise<void> {
  const { a, b } = pair;
  await a.rest('POST', `/rest/system/pause?device=${b.deviceId}`);
  await b.rest('POST', `/rest/system/pause?device=${a.deviceId}`);
  await waitConnected(pair, false, timeoutMs);
}

/** Back online: each device resumes the other; resolves when they are connected again. */
export async function goOnline(pair: SyncthingPair, timeoutMs = 60_000): Promise<void> {
  const { a, b } = pair;
  // Index what each side changed while offline first: a file changed after the last scan
  // is refused by the puller ("modified but not rescanned") and retried only later.
  await scanBoth(pair);
  await a.rest('POST', `/rest/system/resume?device=${b.deviceId}`);
  await b.rest('POST', `/rest/system/resume?device=${a.deviceId}`);
  await waitConnected(pair, true, timeoutMs);
}

function scanBoth(pair: SyncthingPair): Promise<unknown> {
  const f = encodeURIComponent(pair.folderId);
  return Promise.all([pair.a.rest('POST', `/rest/db/scan?folder=${f}`), pair.b.rest('POST', `/rest/db/scan?folder=${f}`)]);
}

/** Whether a path (relative to the folder, "/"-separated) is Syncthing's own or left out by STUDY_IGNORES. */
export function isLocalOnly(rel: string): boolean {
  const top = rel.split('/')[0]!;
  const name = rel.split('/').pop()!;
  return (
    ['.stfolder', '.stignore', '.stversions', '.history', '.quarantine', '.sync-archive', '.locks', '.prefs', '.trash'].includes(top) ||
    name.endsWith('.tmp') ||
    name === '.DS_Store' ||
    name === 'Thumbs.db'
  );
}

/** What a folder holds on disk, outside the local-only paths: relative path → sha1 of the bytes. */
export function folderTree(root: string, localOnly: (rel: string) => boolean = isLocalOnly): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (localOnly(rel)) continue;
      if (e.isDirectory()) {
        out.set(`${rel}/`, 'dir');
        walk(join(dir, e.name), rel);
      } else if (e.isFile()) {
        try {
          out.set(rel, createHash('sha1').update(readFileSync(join(dir, e.name))).digest('hex'));
        } catch {
          out.set(rel, 'unreadable');
        }
      }
    }
  };
  walk(root, '');
  return out;
}

function treeDifference(x: Map<string, string>, y: Map<string, string>): string[] {
  const diff: string[] = [];
  for (const [k, v] of x) if (y.get(k) !== v) diff.push(y.has(k) ? `${k} differs` : `${k} only on A`);
  for (const k of y.keys()) if (!x.has(k)) diff.push(`${k} only on B`);
  return diff.sort();
}

type FolderStatus = { state: string; needTotalItems: number; globalFiles: number; globalDirectories: number; globalDeleted: number; globalBytes: number; localFiles: number; localDirectories: number; localBytes: number; inSyncFiles: number; pullErrors: number; errors: number; sequence: number; error?: string };
type Completion = { completion: number; needItems: number; needDeletes: number; needBytes: number; remoteState?: string; globalItems: number };

type Snapshot = { status: FolderStatus; completion: Completion; connected: boolean };

async function snapshot(s: Syncthing, peer: Syncthing, folder: string): Promise<Snapshot> {
  const f = encodeURIComponent(folder);
  const [status, completion, connected] = await Promise.all([
    s.rest<FolderStatus>('GET', `/rest/db/status?folder=${f}`),
    s.rest<Completion>('GET', `/rest/db/completion?folder=${f}&device=${peer.deviceId}`),
    connectedTo(s, peer),
  ]);
  return { status, completion, connected };
}

function inSync(x: Snapshot, y: Snapshot): boolean {
  const side = (s: Snapshot) =>
    s.connected &&
    s.status.state === 'idle' &&
    s.status.needTotalItems === 0 &&
    s.status.pullErrors === 0 &&
    s.completion.completion === 100 &&
    s.completion.needItems === 0 &&
    s.completion.needDeletes === 0 &&
    (s.completion.remoteState === undefined || s.completion.remoteState === 'valid');
  const same = (k: keyof FolderStatus) => x.status[k] === y.status[k];
  return side(x) && side(y) && same('globalFiles') && same('globalDirectories') && same('globalDeleted') && same('globalBytes') && same('localFiles') && same('localBytes');
}

const describeSnapshot = (name: string, s: Snapshot | undefined) =>
  s
    ? `${name}: connected=${s.connected} state=${s.status.state} needItems=${s.status.needTotalItems} pullErrors=${s.status.pullErrors} global=${s.status.globalFiles} files/${s.status.globalBytes} B local=${s.status.localFiles} files/${s.status.localBytes} B; peer completion ${s.completion.completion}% (needItems=${s.completion.needItems}, needDeletes=${s.completion.needDeletes}, remoteState=${s.completion.remoteState ?? '?'})`
    : `${name}: no answer`;

/**
 * Wait until both sides have the same folder. Each side is scanned first (so a change the
 * file watcher has not reported yet is not missed); then, polling, both must be connected,
 * idle, need nothing and see the other at 100 % (`/rest/db/status`, `/rest/db/completion`)
 * — and the two folders must hold the same files with the same bytes on disk (outside
 * the local-only paths), since right after reconnecting both sides report "idle, 100 %"
 * from the old indexes until they have exchanged new ones. All of it must hold twice in
 * a row, with a rescan in between that finds nothing new. Resolves with the milliseconds it took.
 */
export async function waitInSync(pair: SyncthingPair, timeoutMs = 60_000): Promise<number> {
  const { a, b, folderId } = pair;
  const f = encodeURIComponent(folderId);
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last: [Snapshot | undefined, Snapshot | undefined] = [undefined, undefined];
  let diff: string[] = [];
  let lastError: unknown;
  let confirmed: string | null = null;
  await scanBoth(pair);
  for (;;) {
    try {
      last = [await snapshot(a, b, folderId), await snapshot(b, a, folderId)];
      const ta = folderTree(a.folderPath);
      diff = treeDifference(ta, folderTree(b.folderPath));
      if (inSync(last[0]!, last[1]!) && diff.length === 0) {
        const key = `${last[0]!.status.sequence}/${last[1]!.status.sequence}/${[...ta].join(',')}`;
        if (confirmed === key) return Date.now() - started;
        confirmed = key;
        await scanBoth(pair);
        continue;
      }
      confirmed = null;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      let folderErrors = '';
      for (const s of [a, b]) {
        try {
          folderErrors += `\nfolder errors on ${s.name}: ${JSON.stringify(await s.rest('GET', `/rest/folder/errors?folder=${f}`))}`;
        } catch {
          // the instance is gone; its log says why
        }
      }
      throw new Error(
        `Syncthing A and B were not in sync on folder "${folderId}" within ${timeoutMs} ms.\n${describeSnapshot('A', last[0])}\n${describeSnapshot('B', last[1])}\non disk: ${diff.length ? diff.join('; ') : 'the same'}${folderErrors}${lastError ? `\nlast error: ${String(lastError)}` : ''}\nlog of A:\n${a.log().slice(-3000)}\nlog of B:\n${b.log().slice(-3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
