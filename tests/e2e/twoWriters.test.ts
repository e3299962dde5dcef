import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSession, newStudy } from '../../shared/model/defaults';
import { loadLibrary } from '../helpers/studyGenerator';
import type { Session } from '../../shared/model/session';
import { startPreview, type Preview } from '../helpers/preview';

/**
 * Two writers on one data folder, with real processes: two browser previews (as two
 * laptops' windows, or two tabs on two servers would be) and `pimap import`, all on the
 * same files. Every save states the revision it was based on; a stale one is refused with
 * `conflict` and writes nothing, so an acknowledged save is never silently overwritten.
 * The revision check and the write happen under a lock folder in `<data>/.locks`, which
 * is what makes this hold between processes and not just inside one.
 */
const root = join(import.meta.dirname, '..', '..');
let dataDir: string;
let a: Preview;
let b: Preview;

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
async function call<T>(preview: Preview, op: string, payload: unknown): Promise<Reply<T>> {
  const res = await fetch(`${preview.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${preview.token}` },
    body: JSON.stringify(payload),
  });
  return (await res.json()) as Reply<T>;
}
async function ok<T>(preview: Preview, op: string, payload: unknown): Promise<T> {
  const r = await call<T>(preview, op, payload);
  if (!r.ok) throw new Error(`${op}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

const STUDY = 'two-writers';
const TITLE = 'Two writers';
const sessionFile = (id: string) => JSON.parse(readFileSync(join(dataDir, STUDY, 'sessions', `${id}.json`), 'utf8')) as Session & { revision: number };
const studyFile = () => JSON.parse(readFileSync(join(dataDir, STUDY, 'study.json'), 'utf8')) as { revision: number; cohorts: { name: string }[] };
type Opened = { study: { revision: number; cohorts: { id: string; name: string; colour?: string }[] }; sessions: (Session & { revision: number })[] };
const open = (p: Preview) => ok<Opened>(p, 'openStudy', { studyId: STUDY });
const placeBdo = (s: Session, power: number, interest: number): Session => ({
  ...s,
  placements: { ...s.placements, bdo: { status: 'placed', position: { power, interest }, contested: false, alt: null, note: '' } },
});

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pimap-two-writers-'));
  [a, b] = await Promise.all([startPreview({ dataDir }), startPreview({ dataDir })]);
  const now = '2026-03-01T09:00:00.000Z';
  await ok(a, 'createStudy', { study: newStudy({ id: STUDY, title: TITLE, now, stakeholders: loadLibrary().slice(0, 6) }) });
  for (const id of ['s1', 's2']) {
    await ok(a, 'saveSession', {
      session: newSession({ id, studyId: STUDY, code: id === 's1' ? 'SUR-1' : 'SUR-2', kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now, consent: true }),
      baseRevision: 0,
    });
  }
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('two writers on one folder', () => {
  it('a stale save from the second process is refused, names what changed, and writes nothing', async () => {
    const inA = (await open(a)).sessions.find((s) => s.id === 's1')!;
    const inB = (await open(b)).sessions.find((s) => s.id === 's1')!;
    expect(inB.revision).toBe(inA.revision);

    const saved = await ok<{ revision: number }>(a, 'saveSession', { session: placeBdo(inA, 8, 2), baseRevision: inA.revision });
    expect(saved.revision).toBe(inA.revision + 1);

    const stale = await call(b, 'saveSession', { session: placeBdo(inB, 3, 9), baseRevision: inB.revision });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.code).toBe('conflict');
      expect(stale.error.message).toMatch(/Nothing was written/);
    }
    // A's acknowledged save is what the file holds.
    expect(sessionFile('s1').placements.bdo?.position).toEqual({ power: 8, interest: 2 });
    expect(sessionFile('s1').revision).toBe(saved.revision);

    // B takes theirs (re-reads) and saves on top of it: accepted.
    const fresh = (await open(b)).sessions.find((s) => s.id === 's1')!;
    expect(fresh.placements.bdo?.position).toEqual({ power: 8, interest: 2 });
    const again = await ok<{ revision: number }>(b, 'saveSession', { session: placeBdo(fresh, 3, 9), baseRevision: fresh.revision });
    expect(again.revision).toBe(saved.revision + 1);
    expect(sessionFile('s1').placements.bdo?.position).toEqual({ power: 3, interest: 9 });
  });

  it('twenty saves racing from two processes on one base: exactly one is acknowledged, and the file holds it', async () => {
    const base = (await open(a)).sessions.find((s) => s.id === 's2')!;
    const attempts = Array.from({ length: 20 }, (_, i) => ({ by: i % 2 === 0 ? a : b, power: i / 2, interest: 10 - i / 2 }));
    const replies = await Promise.all(attempts.map((t) => call<{ revision: number }>(t.by, 'saveSession', { session: placeBdo(base, t.power, t.interest), baseRevision: base.revision })));
    const acknowledged = replies.flatMap((r, i) => (r.ok ? [attempts[i]!] : []));
    expect(acknowledged).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(Array(19).fill('conflict'));
    expect(sessionFile('s2').placements.bdo?.position).toEqual({ power: acknowledged[0]!.power, interest: acknowledged[0]!.interest });
    expect(sessionFile('s2').revision).toBe(base.revision + 1);
  });

  it('study settings: a cohort added in one window is not lost to a save from the other', async () => {
    const inA = (await open(a)).study;
    const inB = (await open(b)).study;
    const full = await ok<{ study: Record<string, unknown> & { revision: number; cohorts: unknown[] } }>(a, 'openStudy', { studyId: STUDY });
    const cohorts = full.study.cohorts as { id: string; name: string }[];
    const withCohort = { ...full.study, cohorts: [...cohorts, { ...cohorts[0]!, id: 'teachers', name: 'Teachers' }] };
    await ok(a, 'saveStudy', { study: withCohort, baseRevision: inA.revision });
    const fromB = await call(b, 'saveStudy', { study: { ...full.study, title: 'Renamed in B' }, baseRevision: inB.revision });
    expect(fromB.ok ? 'saved' : fromB.error.code).toBe('conflict');
    expect(studyFile().cohorts.map((c) => c.name)).toContain('Teachers');
  });

  it('pimap import while the editor has the session open: the editor\'s next save is refused, the import kept', async () => {
    const inEditor = (await open(a)).sessions.find((s) => s.id === 's1')!;
    const csv = join(dataDir, '..', `two-writers-${process.pid}.csv`);
    writeFileSync(csv, `study,session,cohort,round,stakeholder,status,power,interest,contested,alt_power,alt_interest,note\n${TITLE},SUR-1,Survivors,Baseline,Block Development Officer,placed,6.25,4.75,,,,\n`);
    try {
      const run = spawnSync(process.execPath, [join(root, 'electron/cli/bin.mjs'), '--data', dataDir, 'import', csv], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/1 updated/);
    } finally {
      rmSync(csv, { force: true });
    }
    expect(sessionFile('s1').placements.bdo?.position).toEqual({ power: 6.25, interest: 4.75 });

    // The editor's autosave, based on what it read before the import.
    const autosave = await call(a, 'saveSession', { session: placeBdo(inEditor, 1, 1), baseRevision: inEditor.revision });
    expect(autosave.ok ? 'saved' : autosave.error.code).toBe('conflict');
    expect(sessionFile('s1').placements.bdo?.position).toEqual({ power: 6.25, interest: 4.75 });
  });
});
