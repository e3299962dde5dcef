import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHostServices } from '../../electron/services/hostServices';
import { createFilePrefsStore } from '../../electron/services/prefs';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { HOST_OPS, type HostOp } from '../../shared/contract/hostContract';
import { newSession, newStudy } from '../../shared/model/defaults';
import type { Stakeholder } from '../../shared/model/stakeholder';

/**
 * Every operation of the host contract, called the way the UI calls it (through
 * dispatchHostCall, which validates payloads and results), on a real data folder.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function services(opts: { libraryPath?: string } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'pimap-host-'));
  dirs.push(root);
  const dataDir = join(root, 'studies');
  const handlers = createHostServices({ dataDir, host: 'test', prefs: createFilePrefsStore(join(root, 'prefs')), version: '9.9.9', ...opts });
  const call = async <T = unknown>(op: HostOp | string, payload: unknown = {}): Promise<T> => {
    const result = await dispatchHostCall(handlers, op, payload);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };
  const fail = async (op: HostOp | string, payload: unknown = {}) => {
    const result = await dispatchHostCall(handlers, op, payload);
    expect(result.ok).toBe(false);
    return result.ok ? null : result.error;
  };
  return { handlers, call, fail, dataDir, root };
}

const NOW = '2026-03-02T10:00:00.000Z';

describe('host services', () => {
  it('implement every operation of the contract', () => {
    const { handlers } = services();
    for (const op of HOST_OPS) expect(typeof handlers[op], op).toBe('function');
  });

  it('tell the UI what serves it and where the data lives', async () => {
    const { call, dataDir } = services();
    expect(await call('appInfo')).toEqual({ name: 'Power–Interest Mapper', version: '9.9.9', host: 'test', dataDir, writer: { id: expect.stringMatching(/^test-[0-9a-f]{12}$/), name: expect.any(String) } });
  });

  it("stamp every save with the device name the facilitator chose, and the computer's again when it is cleared", async () => {
    const { call, handlers } = services();
    const study = newStudy({ id: 'st-dev', title: 'Devices', now: NOW, stakeholders: [] });
    await call('createStudy', { study });
    const computer = (await call<{ writer: { id: string; name: string } }>('appInfo')).writer;
    await call('setPrefs', { deviceName: '  Kolkata office  ' });
    const session = newSession({ id: 's1', studyId: study.id, code: 'FGD 1', kind: 'fgd', cohortId: study.cohorts[0]!.id, roundId: null, now: NOW, consent: true });
    await call('saveSession', { session, baseRevision: 0 });
    let opened = await call<{ sessions: Array<{ writer: { id: string; name: string } }> }>('openStudy', { studyId: study.id });
    expect(opened.sessions[0]!.writer).toEqual({ id: computer.id, name: 'Kolkata office' });
    await call('setPrefs', { deviceName: '' });
    await call('saveSession', { session: { ...session, notes: 'x' }, baseRevision: 1 });
    opened = await call('openStudy', { studyId: study.id });
    expect(opened.sessions[0]!.writer).toEqual(computer);
    await handlers.close();
  });

  it('back up a study to one file and restore it: into an empty data folder as it was, into the same study again without changing anything, and refuse a file that is not a backup', async () => {
    const a = services();
    const study = newStudy({ id: 'st-bk', title: 'Backup / test: Murshidabad', now: NOW, stakeholders: [] });
    await a.call('createStudy', { study });
    const session = newSession({ id: 's1', studyId: study.id, code: 'FGD 1', kind: 'fgd', cohortId: study.cohorts[0]!.id, roundId: null, now: NOW, consent: true });
    await a.call('saveSession', { session: { ...session, notes: 'named the broker' }, baseRevision: 0 });
    await a.call('saveSession', { session: { ...session, notes: 'named the broker twice' }, baseRevision: 1 });

    const backup = await a.call<{ fileName: string; mimeType: string; base64: string; sessions: number; historyVersions: number; leftOut: unknown[] }>('backupStudy', { studyId: study.id, withHistory: true });
    expect(backup.fileName).toMatch(/^Backup - test- Murshidabad - backup - \d{4}-\d{2}-\d{2}\.pimap\.json$/);
    expect(backup).toMatchObject({ mimeType: 'application/json', sessions: 1, leftOut: [] });
    expect(backup.historyVersions).toBeGreaterThanOrEqual(1);
    const text = Buffer.from(backup.base64, 'base64').toString('utf8');
    // A backup is never redacted.
    expect(text).toContain('named the broker twice');

    const b = services();
    const restored = await b.call<{ created: boolean; addedSessions: string[]; conflicts: unknown[] }>('restoreBackup', { bundleText: text });
    expect(restored).toMatchObject({ created: true, addedSessions: ['FGD 1'], conflicts: [] });
    const opened = await b.call<{ study: { title: string }; sessions: Array<{ notes: string }> }>('openStudy', { studyId: study.id });
    expect(opened.study.title).toBe(study.title);
    expect(opened.sessions.map((s) => s.notes)).toEqual(['named the broker twice']);

    // Again: the same study is merged, and nothing differs.
    const again = await b.call<{ created: boolean; unchangedSessions: string[]; conflicts: unknown[] }>('restoreBackup', { bundleText: text });
    expect(again).toMatchObject({ created: false, unchangedSessions: ['FGD 1'], conflicts: [] });

    const refused = await b.fail('restoreBackup', { bundleText: '{"not":"a backup"}' });
    expect(refused?.code).toBe('invalid_file');
    expect(refused?.message).toMatch(/nothing was restored/);
    expect((await b.call<unknown[]>('listStudies')).length).toBe(1);
    await a.handlers.close();
    await b.handlers.close();
  });

  it('serve the default stakeholder library, validated', async () => {
    const { call } = services();
    const library = await call<Stakeholder[]>('getLibrary');
    expect(library.length).toBeGreaterThanOrEqual(20);
    expect(library.map((s) => s.id)).toEqual(expect.arrayContaining(['bdo', 'gram-panchayat', 'police', 'asha', 'vlcpc', 'childline']));
  });

  it('say clearly when the library is missing or broken', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'pimap-lib-')), 'stakeholders.json');
    dirs.push(join(broken, '..'));
    writeFileSync(broken, JSON.stringify({ format: 'pimap/stakeholder-library', version: 1, region: 'x', stakeholders: [] }));
    expect(await services({ libraryPath: broken }).fail('getLibrary')).toMatchObject({ code: 'invalid_file', message: expect.stringMatching(/stakeholders/) });
    expect(await services({ libraryPath: join(broken, '..', 'missing.json') }).fail('getLibrary')).toMatchObject({ code: 'invalid_file' });
  });

  it('carry a study and its sessions through create, save, open, versions, trash and restore', async () => {
    const { call, fail } = services();
    const library = await call<Stakeholder[]>('getLibrary');
    const study = newStudy({ id: 'study-1', title: 'Murshidabad baseline', now: NOW, stakeholders: library.slice(0, 10) });
    await call('createStudy', { study });
    expect(await fail('createStudy', { study })).toMatchObject({ code: 'conflict' });
    expect(await call('listStudies')).toEqual([expect.objectContaining({ id: 'study-1', title: 'Murshidabad baseline', sessionCount: 0 })]);

    const session = newSession({ id: 'fgd-3', studyId: 'study-1', code: 'FGD 3', kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now: NOW });
    const placed = { ...session, placements: { bdo: { status: 'placed', position: { power: 8, interest: 2 }, contested: false, alt: null, note: '' } } };
    expect(await call('saveSession', { session, baseRevision: 0 })).toEqual({ savedAt: expect.any(String), revision: 1 });
    expect(await call('saveSession', { session: placed, baseRevision: 1 })).toEqual({ savedAt: expect.any(String), revision: 2 });
    // A save based on a revision that is no longer on disk writes nothing.
    expect(await fail('saveSession', { session: { ...placed, notes: 'stale' }, baseRevision: 1 })).toMatchObject({ code: 'conflict' });

    const opened = await call<{ sessions: unknown[]; problems: unknown[] }>('openStudy', { studyId: 'study-1' });
    expect(opened.sessions).toEqual([{ ...placed, revision: 2, writer: { id: expect.stringMatching(/^test-/), name: expect.any(String) } }]);
    expect(opened.problems).toEqual([]);
    // Opening a study records it as the last and most recent one.
    expect(await call('getPrefs')).toMatchObject({ lastStudyId: 'study-1', recentStudyIds: ['study-1'] });

    const versions = await call<{ versionId: string; placed: number }[]>('listSessionVersions', { studyId: 'study-1', sessionId: 'fgd-3' });
    expect(versions).toEqual([expect.objectContaining({ kind: 'recent', placed: 0 })]);
    const restored = await call<{ session: { placements: object } }>('restoreSessionVersion', { studyId: 'study-1', sessionId: 'fgd-3', versionId: versions[0]?.versionId });
    expect(restored.session.placements).toEqual({});

    const { trashId } = await call<{ trashId: string }>('deleteSession', { studyId: 'study-1', sessionId: 'fgd-3' });
    expect(await call('listTrash')).toEqual([expect.objectContaining({ trashId, kind: 'session', label: 'FGD 3' })]);
    expect(await call('restoreFromTrash', { trashId })).toEqual({ studyId: 'study-1' });

    await call('saveStudy', { study: { ...study, title: 'Murshidabad baseline, six blocks' }, baseRevision: 1 });
    const deleted = await call<{ trashId: string }>('deleteStudy', { studyId: 'study-1' });
    expect(await call('listStudies')).toEqual([]);
    expect(await call('getPrefs')).toMatchObject({ lastStudyId: null, recentStudyIds: [] });
    await call('restoreFromTrash', { trashId: deleted.trashId });
    expect(await call('listStudies')).toEqual([expect.objectContaining({ title: 'Murshidabad baseline, six blocks', sessionCount: 1 })]);
  });

  it('keep preferences', async () => {
    const { call, fail } = services();
    expect(await call('setPrefs', { language: 'bn', largeText: true })).toEqual({ language: 'bn', largeText: true, lastStudyId: null, recentStudyIds: [] });
    expect(await call('getPrefs')).toMatchObject({ language: 'bn' });
    expect(await fail('setPrefs', { language: 'fr' })).toMatchObject({ code: 'invalid_payload' });
  });

  it('reject what the contract does not allow before any service runs', async () => {
    const { fail } = services();
    expect(await fail('deleteEverything')).toMatchObject({ code: 'unknown_operation' });
    expect(await fail('openStudy', { studyId: '../../etc' })).toMatchObject({ code: 'invalid_payload' });
    expect(await fail('openStudy', { studyId: 'nope' })).toMatchObject({ code: 'not_found' });
    expect(await fail('restoreFromTrash', { trashId: '../../studies' })).toMatchObject({ code: 'not_found' });
    expect(await fail('restoreSessionVersion', { studyId: 'a', sessionId: 'b', versionId: '../../../study.json' })).toMatchObject({ code: 'not_found' });
  });
});
