import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadProblem } from '../../shared/contract/hostContract';
import type { Placement, Session } from '../../shared/model/session';
import type { Stakeholder } from '../../shared/model/stakeholder';
import type { Study } from '../../shared/model/study';
import { emptySession, libraryStudy } from '../component/editor/fixtures';
import { launchBrowser, newPage } from '../helpers/browser';
import { previewApi, startPreview, type Preview } from '../helpers/preview';
import { goOffline, goOnline, requireSyncthing, startSyncthingPair, waitInSync, type SyncthingPair } from '../helpers/syncthing';

/**
 * Two facilitators, two laptops, one study, shared by real Syncthing (two instances on
 * 127.0.0.1 only, with their own homes, each syncing its own data folder; no discovery,
 * relays or internet). Each laptop runs its own app (a preview server on its own data
 * folder). They map different sessions and add a stakeholder each while offline, so both
 * change study.json: after syncing, both see every session and both stakeholders. Then
 * both change the same session offline: after syncing, the session shows once, its
 * second version is named as a sync copy, and both versions are on disk. Nothing is lost.
 */
let base = '';
let dataA = '';
let dataB = '';
let a: Preview;
let b: Preview;
let sync: SyncthingPair | undefined;
let browser: Browser | undefined;

const study = libraryStudy();
const STUDY = study.id;
const SYNC_TIMEOUT = 45_000;
const took: string[] = [];
async function synced(what: string): Promise<void> {
  const ms = await waitInSync(sync!, SYNC_TIMEOUT);
  took.push(`${what} ${ms} ms`);
  // A slow sync is allowed (a loaded machine) but worth seeing in the output.
  if (ms > 10_000) console.info(`Syncthing took ${ms} ms to sync (${what}).\nlog of A:\n${sync!.a.log().slice(-2500)}\nlog of B:\n${sync!.b.log().slice(-2500)}`);
}

const api = <T = unknown>(preview: Preview, op: string, payload: unknown = {}): Promise<T> => previewApi<T>(preview, op, payload);

type Opened = { study: Study & { revision: number }; sessions: (Session & { revision: number })[]; problems: LoadProblem[] };
const open = (p: Preview) => api<Opened>(p, 'openStudy', { studyId: STUDY });

const custom = (id: string, name: string): Stakeholder => ({ id, name, short: name.slice(0, 24), description: '', category: 'community', labels: {}, retired: false, custom: true });
const CUSTOM_A = custom('ward-councillor', 'Ward councillor (added by A)');
const CUSTOM_B = custom('shg-federation', 'SHG federation (added by B)');
const at = (power: number, interest: number): Placement => ({ status: 'placed', position: { power, interest }, contested: false, alt: null, note: '' });

const studyDir = (data: string) => join(data, STUDY);
const sessionsDir = (data: string) => join(studyDir(data), 'sessions');
const studyCopies = (data: string) => readdirSync(studyDir(data)).filter((n) => /^study\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}\.json$/.test(n));
const sessionCopies = (data: string, id: string) => readdirSync(sessionsDir(data)).filter((n) => new RegExp(`^${id}\\.sync-conflict-\\d{8}-\\d{6}-[A-Z0-9]{7}\\.json$`).test(n));
const readSession = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Session & { revision: number };

/** What every opening must show after the first sync: both sessions, both stakeholders, no dangling placement. */
function expectEverything(o: Opened): void {
  expect(o.sessions.map((s) => s.id).sort()).toEqual(['a1', 'b1']);
  const ids = new Set(o.study.stakeholders.map((s) => s.id));
  expect(ids.has(CUSTOM_A.id) && ids.has(CUSTOM_B.id)).toBe(true);
  expect(o.study.stakeholders.filter((s) => s.custom).map((s) => s.name).sort()).toEqual([CUSTOM_B.name, CUSTOM_A.name].sort());
  // The library is still whole, and each stakeholder is there once.
  expect(o.study.stakeholders).toHaveLength(study.stakeholders.length + 2);
  for (const s of o.sessions) for (const id of Object.keys(s.placements)) expect(ids.has(id), `session ${s.code} places "${id}", which the study lacks`).toBe(true);
  expect(o.sessions.find((s) => s.id === 'a1')!.placements[CUSTOM_A.id]).toEqual(at(8.5, 1.5));
  expect(o.sessions.find((s) => s.id === 'b1')!.placements[CUSTOM_B.id]).toEqual(at(2.5, 8.5));
}

/** Offline and back, timed like the syncs. */
async function timed(what: string, step: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  await step();
  took.push(`${what} ${Date.now() - t0} ms`);
}
const offline = () => timed('offline', () => goOffline(sync!));
const online = () => timed('online', () => goOnline(sync!));

beforeAll(async () => {
  // Fails at once, with the fix, when Syncthing is not installed.
  requireSyncthing();
  base = mkdtempSync(join(tmpdir(), 'pimap-syncthing-'));
  dataA = join(base, 'data-a');
  dataB = join(base, 'data-b');
  // Both are kept as soon as they start, so afterAll stops one even when the other failed.
  const [pa, pb] = await Promise.allSettled([startPreview({ dataDir: dataA }).then((p) => (a = p)), startPreview({ dataDir: dataB }).then((p) => (b = p))]);
  for (const r of [pa, pb]) if (r.status === 'rejected') throw r.reason;
  // Each laptop's facilitator names their device; the names travel in every saved file.
  await api(a, 'setPrefs', { deviceName: 'Laptop A' });
  await api(b, 'setPrefs', { deviceName: 'Laptop B' });
  await api(a, 'createStudy', { study });
  // The study folder is what the two laptops share, each from its own data folder.
  sync = await startSyncthingPair({ baseDir: base, folder: { id: `pimap-${STUDY}`, label: study.title }, pathA: studyDir(dataA), pathB: studyDir(dataB) });
  await synced('the new study');
  const onB = await open(b);
  expect(onB.study.title).toBe(study.title);
  expect(onB.sessions).toEqual([]);
  expect(onB.problems).toEqual([]);
});

afterAll(async () => {
  if (took.length) console.info(`Syncthing in sync after: ${took.join('; ')}`);
  // Every process goes, whatever failed: the browser, both Syncthings, both previews.
  await browser?.close().catch(() => undefined);
  await sync?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('two facilitators sharing a study through Syncthing', () => {
  it('each maps a session and adds a stakeholder offline: after syncing both see both sessions and both stakeholders', async () => {
    await offline();
    const facilitator = async (p: Preview, who: Stakeholder, sessionId: string, code: string, place: Placement) => {
      const opened = await open(p);
      await api(p, 'saveStudy', { study: { ...opened.study, stakeholders: [...opened.study.stakeholders, who] }, baseRevision: opened.study.revision });
      const session = emptySession(opened.study, { id: sessionId, code, placements: { [who.id]: place, police: at(9, 1) } });
      await api(p, 'saveSession', { session, baseRevision: 0 });
    };
    await Promise.all([facilitator(a, CUSTOM_A, 'a1', 'A1', at(8.5, 1.5)), facilitator(b, CUSTOM_B, 'b1', 'B1', at(2.5, 8.5))]);
    await online();
    await synced('two sessions and two study.json');

    // Both changed study.json: Syncthing kept one as study.json and the other as a
    // conflict copy beside it, on both sides, and copied each side's new session over.
    expect(studyCopies(dataA)).toHaveLength(1);
    expect(studyCopies(dataB)).toEqual(studyCopies(dataA));
    expect(readdirSync(sessionsDir(dataB)).sort()).toEqual(['a1.json', 'b1.json']);

    // Opening on A merges the copy into study.json (and archives it on A only).
    expectEverything(await open(a));
    expect(studyCopies(dataA)).toEqual([]);
    expect(readdirSync(join(studyDir(dataA), '.sync-archive')).some((n) => n.includes('study.sync-conflict-'))).toBe(true);

    // The merged study.json and the copy's removal reach B; B opens the same without merging again.
    await synced('the merged study.json');
    expect(studyCopies(dataB)).toEqual([]);
    const onB = await open(b);
    expectEverything(onB);
    expect(onB.problems).toEqual([]);
    const onA = await open(a);
    expectEverything(onA);
    expect(onA.problems).toEqual([]);
    expect(onB.study).toEqual(onA.study);
    expect(readFileSync(join(studyDir(dataB), 'study.json'), 'utf8')).toBe(readFileSync(join(studyDir(dataA), 'study.json'), 'utf8'));
  });

  it('both change the same session offline: after syncing it shows once, its second version is named, and both are on disk', async () => {
    await offline();
    const edit = async (p: Preview, place: Placement) => {
      const a1 = (await open(p)).sessions.find((s) => s.id === 'a1')!;
      await api(p, 'saveSession', { session: { ...a1, placements: { ...a1.placements, [CUSTOM_B.id]: place } }, baseRevision: a1.revision });
    };
    const EDIT_A = at(1, 1);
    const EDIT_B = at(9.5, 9.5);
    await edit(a, EDIT_A);
    await edit(b, EDIT_B);
    await online();
    await synced('one session changed on both');

    for (const [data, p] of [
      [dataA, a],
      [dataB, b],
    ] as const) {
      const opened = await open(p);
      expect(opened.sessions.filter((s) => s.id === 'a1')).toHaveLength(1);
      expectEverything(opened);
      const copies = opened.problems.filter((x) => x.kind === 'sync_copy');
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ sessionId: 'a1', sessionCode: 'A1' });
      expect(opened.problems).toHaveLength(1);

      // Both versions are on disk: the main file has one facilitator's edit, the copy the other's.
      const [copyName] = sessionCopies(data, 'a1');
      expect(copyName).toBeDefined();
      const main = readSession(join(sessionsDir(data), 'a1.json'));
      const copy = readSession(join(sessionsDir(data), copyName!));
      expect([main.placements[CUSTOM_B.id], copy.placements[CUSTOM_B.id]]).toEqual(expect.arrayContaining([EDIT_A, EDIT_B]));
      // The second version is credited to the device that saved it (its own writer), not to
      // the device in Syncthing's name (1.19 names the device whose version won).
      const holds = copy.placements[CUSTOM_B.id]?.position?.power === EDIT_A.position!.power ? 'A' : 'B';
      expect(copies[0]!.device).toBe(`Laptop ${holds}`);
      // What A1 shows is the main file.
      expect(opened.sessions.find((s) => s.id === 'a1')!.placements[CUSTOM_B.id]).toEqual(main.placements[CUSTOM_B.id]);
    }
    expect(sessionCopies(dataB, 'a1')).toEqual(sessionCopies(dataA, 'a1'));
  });

  it("B's study page names the second version and the device that saved it, and says both are kept", async () => {
    const device = (await open(b)).problems.find((p) => p.kind === 'sync_copy')!.device!;
    browser = await launchBrowser();
    const { page, consoleErrors, outsideRequests } = await newPage(browser);
    await page.goto(`${b.url}#/study/${STUDY}`);
    await page.getByText(`Session A1 has a second version, saved by ${device},`).waitFor({ timeout: 20_000 });
    await expect(page.getByText(/Both versions are kept; nothing is lost/).count()).resolves.toBe(1);
    expect(outsideRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
