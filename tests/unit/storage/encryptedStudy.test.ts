import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHostServices } from '../../../electron/services/hostServices';
import { createFilePrefsStore } from '../../../electron/services/prefs';
import { dispatchHostCall } from '../../../shared/contract/dispatch';
import type { HostOp, OpenStudyResult, StudySummary, TrashEntry } from '../../../shared/contract/hostContract';
import { newSession, newStudy } from '../../../shared/model/defaults';
import type { Session } from '../../../shared/model/session';
import type { Stakeholder } from '../../../shared/model/stakeholder';

/**
 * Issue 16: an encrypted study through the host services, on a real data folder. What a
 * person who takes the laptop finds in the folder, and what the app does with altered files.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const NOW = '2026-12-03T10:00:00.000Z';
const TITLE = 'Sundarbans survivors study';
const SECRET_NOTE = 'The block officer took money from the trafficker';
const STAKEHOLDER = 'Ghoshpara Panchayat pradhan';
const PASSPHRASE = 'river boat monsoon lantern';

function host(dataDir?: string, root?: string) {
  const base = root ?? mkdtempSync(join(tmpdir(), 'pimap-enc-'));
  if (!root) dirs.push(base);
  const dir = dataDir ?? join(base, 'studies');
  const handlers = createHostServices({ dataDir: dir, host: 'test', prefs: createFilePrefsStore(join(base, 'prefs')), version: '9.9.9' });
  const call = async <T = unknown>(op: HostOp, payload: unknown = {}): Promise<T> => {
    const result = await dispatchHostCall(handlers, op, payload);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };
  const fail = async (op: HostOp, payload: unknown = {}) => {
    const result = await dispatchHostCall(handlers, op, payload);
    if (result.ok) throw new Error(`${op} succeeded`);
    return result.error;
  };
  return { call, fail, dataDir: dir, root: base };
}

/** Every file below `dir`, relative. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

const stakeholder: Stakeholder = { id: 'sh-pradhan', name: STAKEHOLDER, short: 'Pradhan', description: '', category: 'other', labels: {}, retired: false, custom: true };

/** A study with three sessions (one deleted to the trash), notes, and history. */
async function makeStudy(call: ReturnType<typeof host>['call']) {
  const study = newStudy({ id: 'st-enc', title: TITLE, now: NOW, stakeholders: [stakeholder] });
  await call('createStudy', { study });
  const cohortId = study.cohorts[0]!.id;
  const sessions: Session[] = [];
  for (const [i, code] of ['FGD Alpha', 'FGD Bravo', 'FGD Charlie'].entries()) {
    const s = newSession({ id: `s${i + 1}`, studyId: study.id, code, kind: 'fgd', cohortId, roundId: null, now: NOW, consent: true });
    const placed: Session = { ...s, notes: `${SECRET_NOTE} (${code})`, placements: { [stakeholder.id]: { status: 'placed', position: { power: 8, interest: 2 }, contested: false, alt: null, note: SECRET_NOTE } } };
    const first = await call<{ revision: number }>('saveSession', { session: placed, baseRevision: 0 });
    const moved = { ...placed, revision: first.revision, placements: { [stakeholder.id]: { ...placed.placements[stakeholder.id]!, position: { power: 7, interest: 3 } } } };
    await call('saveSession', { session: moved, baseRevision: first.revision });
    sessions.push(moved);
  }
  await call('deleteSession', { studyId: study.id, sessionId: 's3' });
  return { study, sessions };
}

async function encrypt(call: ReturnType<typeof host>['call'], studyId = 'st-enc') {
  const { words, qrSvg } = await call<{ words: string; qrSvg: string }>('newRecoveryKey');
  expect(words.split(' ')).toHaveLength(24);
  expect(qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const { files } = await call<{ files: number }>('encryptStudy', { studyId, passphrase: PASSPHRASE, recoveryKey: words });
  return { words, files };
}

/** The secrets a seized laptop must not give away, in any file or file name of the data folder. */
function expectNothingReadable(dataDir: string) {
  const secrets = [TITLE, SECRET_NOTE, STAKEHOLDER, 'Pradhan', 'FGD Alpha', 'FGD Bravo', 'FGD Charlie'];
  const files = filesUnder(dataDir);
  expect(files.length).toBeGreaterThan(8);
  for (const file of files) {
    const text = readFileSync(join(dataDir, file)).toString('latin1');
    for (const secret of secrets) {
      expect(file.includes(secret), `${file} (name)`).toBe(false);
      expect(text.includes(secret), `${file} contains “${secret}”`).toBe(false);
    }
  }
  return files;
}

describe('an encrypted study', () => {
  it('leaves nothing readable in its folder, its history or its trash, and opens again with the passphrase or the recovery key', async () => {
    const { call, dataDir, root } = host();
    await makeStudy(call);
    // Before: the plain folder does hold the secrets (the check below can fail).
    expect(readFileSync(join(dataDir, 'st-enc', 'sessions', 's1.json'), 'utf8')).toContain(SECRET_NOTE);
    const { words, files } = await encrypt(call);
    expect(files).toBeGreaterThanOrEqual(8); // study.json, 2 sessions, their history, study history, the trashed session and its history

    const all = expectNothingReadable(dataDir);
    for (const file of all.filter((f) => f.startsWith('st-enc/') && f !== 'st-enc/keys.json'))
      expect(readFileSync(join(dataDir, file)).subarray(0, 8).toString('latin1'), file).toBe('PIMAPENC');
    const trashed = all.filter((f) => f.startsWith('.trash/') && !f.endsWith('manifest.json'));
    expect(trashed.length).toBeGreaterThanOrEqual(2);
    for (const file of trashed) expect(readFileSync(join(dataDir, file)).subarray(0, 8).toString('latin1'), file).toBe('PIMAPENC');

    // Still unlocked in this process: it opens, and a save is sealed too (history included).
    let opened = await call<OpenStudyResult>('openStudy', { studyId: 'st-enc' });
    expect(opened.study.title).toBe(TITLE);
    expect(opened.sessions.map((s) => s.code)).toEqual(['FGD Alpha', 'FGD Bravo']);
    expect(opened.problems).toEqual([]);
    const s1 = opened.sessions[0]!;
    await call('saveSession', { session: { ...s1, notes: `${SECRET_NOTE} again` }, baseRevision: s1.revision });
    expect((await call<TrashEntry[]>('listTrash'))[0]).toMatchObject({ label: 'FGD Charlie', encrypted: true });
    expectNothingReadable(dataDir);

    // A second process (the app after a restart) holds no key.
    const later = host(dataDir, root);
    const listed = await later.call<StudySummary[]>('listStudies');
    expect(listed).toEqual([expect.objectContaining({ id: 'st-enc', title: '', description: '', encryption: 'locked', sessionCount: 2 })]);
    expect((await later.fail('openStudy', { studyId: 'st-enc' })).code).toBe('study_locked');
    expect((await later.fail('saveSession', { session: s1, baseRevision: s1.revision + 1 })).code).toBe('study_locked');
    expect((await later.call<TrashEntry[]>('listTrash'))[0]).toMatchObject({ label: '', encrypted: true });
    expect(await later.call('studyChanges', { studyId: 'st-enc' })).toMatchObject({ locked: true });
    const wrong = await later.fail('unlockStudy', { studyId: 'st-enc', passphrase: 'river boat monsoon' });
    expect(wrong).toEqual({ code: 'wrong_passphrase', message: 'The passphrase is not this study’s.' });

    await later.call('unlockStudy', { studyId: 'st-enc', passphrase: PASSPHRASE });
    opened = await later.call<OpenStudyResult>('openStudy', { studyId: 'st-enc' });
    expect(opened.sessions[0]!.notes).toBe(`${SECRET_NOTE} again`);
    expect((await later.call<StudySummary[]>('listStudies'))[0]).toMatchObject({ title: TITLE, encryption: 'unlocked' });

    // Lock: the key is wiped; the next call needs the passphrase again.
    expect(await later.call('lockStudy', { studyId: null })).toEqual({ locked: ['st-enc'] });
    expect((await later.fail('openStudy', { studyId: 'st-enc' })).code).toBe('study_locked');

    // The recovery key opens it, typed in capitals with line breaks; a wrong word is named as such.
    const mistyped = words.split(' ');
    mistyped[5] = mistyped[5] === 'abandon' ? 'ability' : 'abandon';
    expect((await later.fail('unlockStudy', { studyId: 'st-enc', recoveryKey: mistyped.join(' ') })).message).toMatch(/not a recovery key/);
    await later.call('unlockStudy', { studyId: 'st-enc', recoveryKey: words.toUpperCase().replace(/ /g, '\n') });
    expect((await later.call<OpenStudyResult>('openStudy', { studyId: 'st-enc' })).sessions).toHaveLength(2);

    // A new passphrase: the old one no longer opens it, the new one and the recovery key do; the files were not rewritten.
    const before = readFileSync(join(dataDir, 'st-enc', 'sessions', 's2.json'));
    await later.call('changePassphrase', { studyId: 'st-enc', newPassphrase: 'tiger prawn ferry dawn' });
    expect(readFileSync(join(dataDir, 'st-enc', 'sessions', 's2.json')).equals(before)).toBe(true);
    const third = host(dataDir, root);
    expect((await third.fail('unlockStudy', { studyId: 'st-enc', passphrase: PASSPHRASE })).code).toBe('wrong_passphrase');
    await third.call('unlockStudy', { studyId: 'st-enc', passphrase: 'tiger prawn ferry dawn' });
    expect((await third.call<OpenStudyResult>('openStudy', { studyId: 'st-enc' })).study.title).toBe(TITLE);
    expect((await third.fail('encryptStudy', { studyId: 'st-enc', passphrase: PASSPHRASE, recoveryKey: words })).code).toBe('conflict');
  }, 60_000);

  it('reports an altered or swapped session file and quarantines it; the other sessions open', async () => {
    const { call, dataDir } = host();
    await makeStudy(call);
    await encrypt(call);
    const file = (id: string) => join(dataDir, 'st-enc', 'sessions', `${id}.json`);
    const bytes = readFileSync(file('s1'));
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0x01; // one flipped bit in the ciphertext
    writeFileSync(file('s1'), bytes);
    let opened = await call<OpenStudyResult>('openStudy', { studyId: 'st-enc' });
    expect(opened.sessions.map((s) => s.code)).toEqual(['FGD Bravo']);
    expect(opened.problems).toEqual([
      expect.objectContaining({ sessionId: 's1', problem: expect.stringMatching(/authenticity check: the encrypted file was altered/), recoverable: true }),
    ]);
    expect(opened.problems[0]!.quarantinedTo).toMatch(/^st-enc\/\.quarantine\//);
    expect(existsSync(file('s1'))).toBe(false);

    // A sealed file put in another session's place (both valid, same key) is refused, not shown as that session.
    writeFileSync(file('s9'), readFileSync(file('s2')));
    opened = await call<OpenStudyResult>('openStudy', { studyId: 'st-enc' });
    expect(opened.sessions.map((s) => s.id)).toEqual(['s2']);
    expect(opened.problems).toEqual([expect.objectContaining({ sessionId: 's9', problem: expect.stringMatching(/belongs to another file of the study \(session:s2\)/) })]);

    // A plain file dropped into an encrypted study is not taken for one of its maps.
    writeFileSync(file('s8'), JSON.stringify({ planted: true }));
    opened = await call<OpenStudyResult>('openStudy', { studyId: 'st-enc' });
    expect(opened.problems).toEqual([expect.objectContaining({ sessionId: 's8', problem: expect.stringMatching(/not encrypted although the study is/) })]);
  }, 60_000);

  it('finishes an encryption interrupted by a crash when it is next unlocked', async () => {
    const { call, dataDir, root } = host();
    await makeStudy(call);
    await encrypt(call);
    // As after a crash half-way: the key file still marked, one session still in the clear.
    const keysPath = join(dataDir, 'st-enc', 'keys.json');
    writeFileSync(keysPath, JSON.stringify({ ...JSON.parse(readFileSync(keysPath, 'utf8')), encrypting: true }));
    const plain = host(join(root, 'plain'), undefined);
    await makeStudy(plain.call);
    writeFileSync(join(dataDir, 'st-enc', 'sessions', 's2.json'), readFileSync(join(plain.dataDir, 'st-enc', 'sessions', 's2.json')));
    expect(readFileSync(join(dataDir, 'st-enc', 'sessions', 's2.json'), 'utf8')).toContain(SECRET_NOTE);

    const later = host(dataDir, root);
    await later.call('unlockStudy', { studyId: 'st-enc', passphrase: PASSPHRASE });
    expect(JSON.parse(readFileSync(keysPath, 'utf8')).encrypting).toBeUndefined();
    expectNothingReadable(dataDir);
    expect((await later.call<OpenStudyResult>('openStudy', { studyId: 'st-enc' })).sessions).toHaveLength(2);
  }, 60_000);

  it('restores a session from the trash, and forgets the whole study on this device', async () => {
    const { call, dataDir } = host();
    await makeStudy(call);
    await encrypt(call);
    const [entry] = await call<TrashEntry[]>('listTrash');
    await call('restoreFromTrash', { trashId: entry!.trashId });
    expect((await call<OpenStudyResult>('openStudy', { studyId: 'st-enc' })).sessions.map((s) => s.code)).toEqual(['FGD Alpha', 'FGD Bravo', 'FGD Charlie']);

    const { removedFiles } = await call<{ removedFiles: number }>('forgetStudy', { studyId: 'st-enc' });
    expect(removedFiles).toBeGreaterThanOrEqual(9);
    expect(existsSync(join(dataDir, 'st-enc'))).toBe(false);
    expect(filesUnder(join(dataDir, '.trash'))).toEqual([]);
    expect(await call('listStudies')).toEqual([]);
  }, 60_000);

  it('syncs by file: a second laptop joins with the passphrase, and conflict copies of sealed files merge and resolve as usual', async () => {
    const a = host();
    await makeStudy(a.call);
    await encrypt(a.call);
    // What a folder-sync tool does: the same files on the other laptop.
    const bRoot = mkdtempSync(join(tmpdir(), 'pimap-enc-b-'));
    dirs.push(bRoot);
    cpSync(a.dataDir, join(bRoot, 'studies'), { recursive: true });
    const b = host(join(bRoot, 'studies'), bRoot);
    expect((await b.fail('openStudy', { studyId: 'st-enc' })).code).toBe('study_locked');
    await b.call('unlockStudy', { studyId: 'st-enc', passphrase: PASSPHRASE });

    // Both change FGD Alpha and the study's stakeholders before they sync.
    const onA = await a.call<OpenStudyResult>('openStudy', { studyId: 'st-enc' });
    const onB = await b.call<OpenStudyResult>('openStudy', { studyId: 'st-enc' });
    const alphaA = onA.sessions[0]!;
    await a.call('saveSession', { session: { ...alphaA, notes: 'A: moved the police' }, baseRevision: alphaA.revision });
    await b.call('saveSession', { session: { ...onB.sessions[0]!, notes: 'B: moved the BDO' }, baseRevision: onB.sessions[0]!.revision });
    const extra = (id: string, name: string): Stakeholder => ({ ...stakeholder, id, name, short: name });
    await a.call('saveStudy', { study: { ...onA.study, stakeholders: [...onA.study.stakeholders, extra('sh-a', 'Boatmen')] }, baseRevision: onA.study.revision });
    await b.call('saveStudy', { study: { ...onB.study, stakeholders: [...onB.study.stakeholders, extra('sh-b', 'Brokers')] }, baseRevision: onB.study.revision });
    // The sync tool keeps A's versions beside B's as conflict copies (sealed bytes, copied as they are).
    const bStudy = join(b.dataDir, 'st-enc');
    cpSync(join(a.dataDir, 'st-enc', 'sessions', 's1.json'), join(bStudy, 'sessions', 's1.sync-conflict-20261203-101530-AAAAAA7.json'));
    cpSync(join(a.dataDir, 'st-enc', 'study.json'), join(bStudy, 'study.sync-conflict-20261203-101530-AAAAAA7.json'));

    const merged = await b.call<OpenStudyResult>('openStudy', { studyId: 'st-enc' });
    expect(merged.study.stakeholders.map((x) => x.id)).toEqual(['sh-pradhan', 'sh-b', 'sh-a']);
    expect(merged.problems).toEqual([expect.objectContaining({ kind: 'sync_copy', sessionId: 's1', sessionCode: 'FGD Alpha', file: 'st-enc/sessions/s1.sync-conflict-20261203-101530-AAAAAA7.json' })]);
    await b.call('resolveSyncCopy', { studyId: 'st-enc', file: 's1.sync-conflict-20261203-101530-AAAAAA7.json', choice: 'use_copy', asSession: null });
    const after = await b.call<OpenStudyResult>('openStudy', { studyId: 'st-enc' });
    expect(after.sessions[0]!.notes).toBe('A: moved the police');
    expect(after.problems).toEqual([]);
    expectNothingReadable(b.dataDir);
  }, 60_000);
});
