import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostServicesFor, type HostServices } from '../../../electron/services/hostServices';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import { dispatchHostCall } from '../../../shared/contract/dispatch';
import { buildBundle, parseBundle, planMerge } from '../../../shared/export/studyFile';
import type { Session } from '../../../shared/model/session';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';
import { runPimap } from '../cli/runCli';

/**
 * The product's promise: notes are left out of everything that leaves the machine
 * unless the user asks. For CSV and study files (CLI and the host operations the export
 * dialog calls) that means no placement note, no session note, no place and no
 * facilitator — unless `--with-notes` or `redact: false`.
 */
const SECRETS = { note: 'SECRET-PLACEMENT-NOTE', session: 'SECRET-SESSION-NOTE', place: 'SECRET-PLACE Domkal', facilitator: 'SECRET-FACILITATOR Rupa' };

function privateSession(studyId: string, id: string, code: string): Session {
  const s = makeSession(studyId, id, code);
  const first = Object.keys(s.placements)[0]!;
  s.placements[first] = { ...s.placements[first]!, note: SECRETS.note };
  return { ...s, notes: SECRETS.session, place: SECRETS.place, facilitator: SECRETS.facilitator };
}

let dir: string;
let data: string;
let host: HostServices;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pimap-private-'));
  data = join(dir, 'data');
  const repo = new StudyRepository(data, { warn: () => undefined });
  await repo.createStudy(makeStudy('study-a', 'Murshidabad baseline'));
  await repo.saveSession(privateSession('study-a', 's1', 'FGD 1'));
  await repo.saveSession(privateSession('study-a', 's2', 'FGD 2'));
  const PREFS = { language: 'en' as const, largeText: false, lastStudyId: null, recentStudyIds: [] };
  host = hostServicesFor({ repository: repo, prefs: { get: () => PREFS, set: () => PREFS }, host: 'test', version: '0', libraryPath: '/nowhere', warn: () => undefined });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const leaks = (text: string) => Object.values(SECRETS).filter((s) => text.includes(s));

describe('pimap export', () => {
  it.each([['csv'], ['json']])('%s leaves out notes, place and facilitator by default and with --redact', async (format) => {
    for (const extra of [[], ['--redact']]) {
      const out = join(dir, `out-${extra.length}.${format}`);
      const r = await runPimap('--data', data, 'export', 'Murshidabad baseline', '--format', format, ...extra, '--out', out);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(leaks(readFileSync(out, 'utf8'))).toEqual([]);
    }
  });

  it('csv keeps placement notes with --with-notes (it has no place or facilitator column)', async () => {
    const out = join(dir, 'notes.csv');
    const r = await runPimap('--data', data, 'export', 'study-a', '--format', 'csv', '--with-notes', '--out', out);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(leaks(readFileSync(out, 'utf8'))).toEqual([SECRETS.note]);
  });

  it('a study file keeps notes, place and facilitator with --with-notes, and says whether it was redacted', async () => {
    const open = join(dir, 'open.json');
    const closed = join(dir, 'closed.json');
    await runPimap('--data', data, 'export', 'study-a', '--format', 'json', '--with-notes', '--out', open);
    await runPimap('--data', data, 'export', 'study-a', '--format', 'json', '--out', closed);
    expect(leaks(readFileSync(open, 'utf8')).sort()).toEqual(Object.values(SECRETS).sort());
    const read = parseBundle(readFileSync(closed, 'utf8'));
    expect(read.ok && read.bundle.redacted).toBe(true);
    expect(read.ok && read.bundle.sessions.map((s) => [s.place, s.facilitator, s.notes])).toEqual([
      ['', '', ''],
      ['', '', ''],
    ]);
  });

  it('refuses --redact together with --with-notes', async () => {
    const r = await runPimap('--data', data, 'export', 'study-a', '--format', 'csv', '--redact', '--with-notes', '--out', join(dir, 'x.csv'));
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('--redact and --with-notes contradict each other');
  });
});

describe('the export operations the dialog calls', () => {
  const text = (result: Awaited<ReturnType<typeof dispatchHostCall>>) => {
    if (!result.ok) throw new Error(result.error.message);
    return Buffer.from((result.value as { base64: string }).base64, 'base64').toString('utf8');
  };
  it('leave everything private unless redact is false', async () => {
    for (const format of ['csv', 'bundle'] as const) {
      expect(leaks(text(await dispatchHostCall(host, 'exportStudy', { studyId: 'study-a', format })))).toEqual([]);
      expect(leaks(text(await dispatchHostCall(host, 'exportStudy', { studyId: 'study-a', format, redact: true })))).toEqual([]);
    }
    expect(leaks(text(await dispatchHostCall(host, 'exportStudy', { studyId: 'study-a', format: 'bundle', redact: false }))).sort()).toEqual(Object.values(SECRETS).sort());
  });
});

describe('merging a redacted study file', () => {
  it('does not count the empty place, facilitator and notes as changes', () => {
    const study = makeStudy('study-a', 'Murshidabad baseline');
    const ours = [privateSession('study-a', 's1', 'FGD 1')];
    const bundle = buildBundle(study, ours, { exportedAt: '2026-03-03T00:00:00.000Z', redact: true });
    const plan = planMerge(study, ours, bundle);
    expect(plan.conflicts).toEqual([]);
    expect(plan.identical.map((s) => s.code)).toEqual(['FGD 1']);
  });
});
