import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveSession } from '../../../electron/cli/commands/export';
import { buildProgram } from '../../../electron/cli/pimap';
import { hostServicesFor, type HostServices } from '../../../electron/services/hostServices';
import { type StudyRepository } from '../../../electron/services/storage/studyRepository';
import { lastWriterWins } from '../../helpers/lastWriterWins';
import { dispatchHostCall } from '../../../shared/contract/dispatch';
import type { HostResult, OpenStudyResult } from '../../../shared/contract/hostContract';
import { parseLongFormat } from '../../../shared/csv/longFormat';
import { parseBundle } from '../../../shared/export/studyFile';
import type { Session } from '../../../shared/model/session';
import { pdfText } from './chromiumCheck';
import { exportSessions, exportStudy, NOTES } from './exportFixture';

/**
 * The export and study-file operations as the UI reaches them: through the host
 * contract's dispatcher, over a real data folder. And the same files from `pimap`.
 */
const study = exportStudy();
const sessions = exportSessions(study);
let dataDir: string;
let repository: StudyRepository;
let host: HostServices;

const PREFS = { language: 'en' as const, largeText: false, lastStudyId: null, recentStudyIds: [] };

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pimap-export-'));
  repository = lastWriterWins(dataDir, { warn: () => undefined });
  await repository.createStudy(study);
  for (const s of sessions) await repository.saveSession(s);
  await repository.flush();
  host = hostServicesFor({ repository, prefs: { get: () => PREFS, set: (p) => ({ ...PREFS, ...p }) }, host: 'test', version: '0.1.0', libraryPath: '/nowhere', warn: () => undefined });
});

function file(result: HostResult<unknown>): { fileName: string; mimeType: string; data: Buffer } {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  const v = result.value as { fileName: string; mimeType: string; base64: string };
  return { fileName: v.fileName, mimeType: v.mimeType, data: Buffer.from(v.base64, 'base64') };
}

describe('export operations', () => {
  it('exports a session map as SVG (notes left out by default) and as a PDF', async () => {
    const svg = file(await dispatchHostCall(host, 'exportSession', { studyId: study.id, sessionId: sessions[0]!.id, format: 'svg' }));
    expect(svg).toMatchObject({ fileName: 'Prevention duty bearers, two districts - FGD 1.svg', mimeType: 'image/svg+xml' });
    expect(svg.data.toString('utf8')).not.toContain('SECRET-NOTE');
    const withNotes = file(await dispatchHostCall(host, 'exportSession', { studyId: study.id, sessionId: sessions[0]!.id, format: 'svg', redact: false }));
    expect(withNotes.data.toString('utf8')).toContain(NOTES.police);
    const pdf = file(await dispatchHostCall(host, 'exportSession', { studyId: study.id, sessionId: sessions[0]!.id, format: 'pdf' }));
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(pdf.data)).toContain('Session FGD 1');
    expect(await dispatchHostCall(host, 'exportSession', { studyId: study.id, sessionId: 'nope', format: 'svg' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatchHostCall(host, 'exportSession', { studyId: study.id, sessionId: sessions[0]!.id, format: 'gif' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('exports CSV with a BOM that reads back to exactly the same placements, without notes when redacted', async () => {
    const csv = file(await dispatchHostCall(host, 'exportStudy', { studyId: study.id, format: 'csv', redact: false }));
    expect(csv.mimeType).toBe('text/csv;charset=utf-8');
    expect([...csv.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseLongFormat(csv.data.toString('utf8'));
    expect(parsed.errors).toEqual([]);
    const entries = sessions.flatMap((s) => Object.keys(s.placements).map((id) => ({ s, id })));
    expect(parsed.rows).toHaveLength(entries.length);
    const nameOf = (id: string) => study.stakeholders.find((x) => x.id === id)!.name;
    for (const { s, id } of entries) {
      const row = parsed.rows.find((r) => r.session === s.code && r.stakeholder === nameOf(id))!;
      const p = s.placements[id]!;
      expect({ status: row.status, position: row.status === 'placed' ? row.position : null, contested: row.contested, alt: row.alt, note: row.note }).toEqual({
        status: p.status,
        position: p.status === 'placed' ? p.position : null,
        contested: p.contested,
        alt: p.alt,
        note: p.note,
      });
    }
    const redacted = file(await dispatchHostCall(host, 'exportStudy', { studyId: study.id, format: 'csv' }));
    expect(redacted.data.toString('utf8')).not.toContain('SECRET-NOTE');
    expect(parseLongFormat(redacted.data.toString('utf8')).rows.every((r) => r.note === '')).toBe(true);
  });

  it('exports a study file of chosen sessions, and a compare picture with n per cohort', async () => {
    const bundle = file(await dispatchHostCall(host, 'exportStudy', { studyId: study.id, format: 'bundle', sessionIds: [sessions[0]!.id, sessions[3]!.id], redact: true }));
    expect(bundle.fileName).toBe('Prevention duty bearers, two districts - 2 sessions.pimap.json');
    const read = parseBundle(bundle.data.toString('utf8'));
    expect(read.ok && read.bundle.sessions.map((s) => s.code)).toEqual(['FGD 1', 'FGD 4']);
    expect(bundle.data.toString('utf8')).not.toContain('SECRET-NOTE');
    const cmp = file(await dispatchHostCall(host, 'exportStudy', { studyId: study.id, format: 'compare-svg', focusStakeholderId: 'police' }));
    expect(cmp.data.toString('utf8')).toContain('Survivors (n = 3)');
  });
});

describe('merging a study file through the host', () => {
  async function trainerStudy(edited: (s: Session) => Session) {
    const target = { ...study, id: 'trainer', title: 'Trainer' };
    await repository.createStudy(target);
    for (const s of sessions.slice(0, 2)) await repository.saveSession(edited({ ...s, id: `t-${s.id}`, studyId: 'trainer' }));
    await repository.flush();
    const bundle = file(await dispatchHostCall(host, 'exportStudy', { studyId: study.id, format: 'bundle', redact: false }));
    return bundle.data.toString('utf8');
  }

  it('previews new, identical and conflicting sessions and changes nothing', async () => {
    const bundleText = await trainerStudy((s) => (s.code === 'FGD 2' ? { ...s, placements: { ...s.placements, police: { ...s.placements.police!, position: { power: 1, interest: 1 } } } } : s));
    const preview = await dispatchHostCall(host, 'previewMerge', { studyId: 'trainer', bundleText });
    expect(preview).toMatchObject({
      ok: true,
      value: { sourceTitle: study.title, identical: [{ code: 'FGD 1' }], conflicts: [{ code: 'FGD 2', changedStakeholders: ['police'] }] },
    });
    expect((preview as { value: { newSessions: unknown[] } }).value.newSessions).toHaveLength(7);
    expect((await repository.openStudy('trainer')).sessions).toHaveLength(2);
    expect(await dispatchHostCall(host, 'previewMerge', { studyId: 'trainer', bundleText: '{"format":"x"}' })).toMatchObject({ ok: false, error: { code: 'invalid_file' } });
  });

  it('refuses to merge without a resolution, and keeps both when asked', async () => {
    const bundleText = await trainerStudy((s) => (s.code === 'FGD 2' ? { ...s, placements: { ...s.placements, police: { ...s.placements.police!, position: { power: 1, interest: 1 } } } } : s));
    const refused = await dispatchHostCall(host, 'applyMerge', { studyId: 'trainer', bundleText, resolutions: {} });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('FGD 2') } });
    expect((await repository.openStudy('trainer')).sessions).toHaveLength(2);

    const merged = await dispatchHostCall(host, 'applyMerge', { studyId: 'trainer', bundleText, resolutions: { 't-s-survivors-2': 'keep_both' } });
    expect(merged).toEqual({ ok: true, value: { sessionsAdded: 8, sessionsReplaced: 0, sessionsSkipped: 1, stakeholdersAdded: 0 } });
    await repository.flush();
    const after = await repository.openStudy('trainer');
    expect(after.sessions.map((s) => s.code).sort()).toEqual(['DB-01', 'DB-02', 'DB-03', 'FGD 1', 'FGD 2', 'FGD 2 (imported)', 'FGD 3', 'FGD 4', 'FGD 5', 'FGD 6']);
    expect(after.sessions.find((s) => s.code === 'FGD 2')!.placements.police!.position).toEqual({ power: 1, interest: 1 });
  });
});

describe('pimap export', () => {
  it('writes CSV, a study file and an SVG for a study named by title', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pimap-cli-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const run = (...args: string[]) => buildProgram().parseAsync(['node', 'pimap', '--data', dataDir, ...args]);
      await run('export', 'PREVENTION duty bearers, two districts', '--format', 'csv', '--with-notes', '--out', join(out, 'all.csv'));
      await run('export', study.id, '--format', 'json', '--session', 'fgd 1', '--redact', '--out', join(out, 'one.json'));
      await run('export', study.id, '--format', 'svg', '--session', 'FGD 1', '--out', join(out, 'map.svg'));
      const csv = readFileSync(join(out, 'all.csv'), 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv).toContain(NOTES.police);
      const one = parseBundle(readFileSync(join(out, 'one.json'), 'utf8'));
      expect(one.ok && one.bundle.sessions.map((s) => [s.code, s.notes])).toEqual([['FGD 1', '']]);
      const svg = readFileSync(join(out, 'map.svg'), 'utf8');
      expect(svg).toContain('Session FGD 1');
      expect(svg).not.toContain('SECRET-NOTE');
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^Wrote .*map\.svg/));
    } finally {
      log.mockRestore();
    }
  });

  it('finds the study, the session and the focused stakeholder as names are matched (nameKey: spaces collapsed, any case)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pimap-cli-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const run = (...args: string[]) => buildProgram().parseAsync(['node', 'pimap', '--data', dataDir, ...args]);
      await run('export', ' prevention  DUTY bearers,   two districts ', '--format', 'svg', '--session', ' fgd  3 ', '--out', join(out, 'map.svg'));
      expect(readFileSync(join(out, 'map.svg'), 'utf8')).toContain('Session FGD 3');
      // The Bengali short label "শিশু সুরক্ষা", typed with extra spaces.
      await run('export', study.id, '--format', 'svg', '--focus', '  শিশু   সুরক্ষা ', '--out', join(out, 'compare.svg'));
      expect(readFileSync(join(out, 'compare.svg'), 'utf8')).toContain('গ্রাম শিশু সুরক্ষা কমিটি');
    } finally {
      log.mockRestore();
    }
  });
});

describe('resolveSession', () => {
  it('matches a decomposed Bengali code to the composed one, and a round by name in any case', () => {
    // বো is one code point composed (U+09CB), two decomposed (U+09C7 U+09BE).
    const composed = 'বোর্ড ৩'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const base = sessions[0]!;
    const result = {
      study: { ...study, rounds: [{ id: 'r1', name: 'Baseline' }, { id: 'r2', name: 'Endline' }] },
      sessions: [
        { ...base, id: 'a', code: composed, roundId: 'r1' },
        { ...base, id: 'b', code: composed, roundId: 'r2' },
      ],
      problems: [],
    } as unknown as OpenStudyResult;
    expect(resolveSession(result, ` ${decomposed} `, ' endline ').id).toBe('b');
    expect(() => resolveSession(result, decomposed)).toThrow(/several rounds/);
  });
});
