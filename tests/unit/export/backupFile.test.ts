import { describe, expect, it } from 'vitest';
import { buildBackup, buildBundle, HISTORY_BUNDLE_VERSION, parseBundle, serializeBundle, type HistoryEntry } from '../../../shared/export/studyFile';
import { makeSession, makeStudy } from '../../helpers/storageFixtures';

/**
 * A backup is a study file: every session with its notes, and with history the earlier
 * versions of each session (format version 2). A file without history is still written
 * as version 1, so an older app opens it; version 1 files are read as before.
 */
const NOW = '2026-12-03T09:00:00.000Z';
const S = 'study-a';
const study = makeStudy(S);
const s1 = { ...makeSession(S, 's1', 'FGD 1', 2), revision: 3, writer: { id: 'dev-a', name: 'Asha' } };
const s2 = makeSession(S, 's2', 'FGD 2', 1);
const history: HistoryEntry[] = [
  { sessionId: 's1', versionId: '20261201T100000000Z', session: { ...makeSession(S, 's1', 'FGD 1', 1), revision: 2 } },
  { sessionId: 's1', versionId: '20261201T100000000Z-0001', session: s1 },
];

describe('backup files', () => {
  it('carry every session with its notes; without history they stay format version 1', () => {
    const backup = buildBackup(study, [s1, s2], { exportedAt: NOW });
    expect(backup).toMatchObject({ version: 1, redacted: false });
    expect(backup.history).toBeUndefined();
    expect(backup.sessions[0]!.notes).toBe('seq:2');
    expect(backup.sessions[0]!.placements[Object.keys(s1.placements)[0]!]!.note).not.toBe('');
    expect(parseBundle(serializeBundle(backup))).toEqual({ ok: true, bundle: backup });
  });

  it('with history are format version 2 and round-trip through text; history of a session not in the file is left out', () => {
    const stray: HistoryEntry = { sessionId: 's9', versionId: '20261201T100000000Z', session: makeSession(S, 's9', 'FGD 9') };
    const backup = buildBackup(study, [s1, s2], { exportedAt: NOW, history: [...history, stray] });
    expect(backup.version).toBe(HISTORY_BUNDLE_VERSION);
    expect(backup.history).toEqual(history);
    expect(parseBundle(serializeBundle(backup))).toEqual({ ok: true, bundle: backup });
  });

  it('a version 1 study file (an export) is still read', () => {
    const v1 = buildBundle(study, [s1], { exportedAt: NOW, redact: true });
    const text = serializeBundle(v1);
    expect(text).toContain('"version": 1,');
    expect(parseBundle(text)).toEqual({ ok: true, bundle: v1 });
  });

  it('refuses history that does not fit the file, with a reason', () => {
    const text = serializeBundle(buildBackup(study, [s1, s2], { exportedAt: NOW, history }));
    type Doc = { version: number; redacted: boolean; history: { sessionId: string; versionId: string; session: Record<string, unknown> }[] };
    const edit = (change: (doc: Doc) => void) => {
      const doc = JSON.parse(text) as Doc;
      change(doc);
      return parseBundle(JSON.stringify(doc));
    };
    expect(edit((d) => (d.version = 1))).toEqual({ ok: false, problem: 'history: needs format version 2' });
    expect(edit((d) => (d.version = 3))).toMatchObject({ ok: false, problem: expect.stringContaining('newer than this app understands (2)') });
    expect(edit((d) => ((d as { history: unknown }).history = {}))).toEqual({ ok: false, problem: 'history: expected a list' });
    expect(edit((d) => (d.history[0]!.session.placements = 'x'))).toMatchObject({ ok: false, problem: expect.stringMatching(/^history\.0\.session: /) });
    expect(edit((d) => (d.history[1]!.versionId = 'yesterday'))).toMatchObject({ ok: false, problem: expect.stringContaining('history version id') });
    expect(edit((d) => (d.history[1]!.sessionId = 's2'))).toMatchObject({ ok: false, problem: expect.stringContaining('the version belongs to another session') });
    expect(edit((d) => (d.history[1]!.versionId = d.history[0]!.versionId))).toMatchObject({ ok: false, problem: expect.stringContaining('duplicate version') });
    expect(edit((d) => (d.redacted = true))).toMatchObject({ ok: false, problem: expect.stringContaining('a redacted file cannot carry history') });
    expect(
      edit((d) => {
        d.history[0]!.sessionId = 's7';
        d.history[0]!.session.id = 's7';
      }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('no session "s7" in the file') });
  });
});
