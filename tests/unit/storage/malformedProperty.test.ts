import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeDocument, loadSessionBytes } from '../../../electron/services/storage/fileFormat';
import { content, lastWriterWins } from '../../helpers/lastWriterWins';
import { readSession } from '../../../shared/model/migrations';
import { SESSION_VERSION, type Session } from '../../../shared/model/session';
import { LIBRARY, makeSession, makeStudy } from '../../helpers/storageFixtures';
import { SimulatedDisk } from '../../helpers/storageShim';

/**
 * Generated damaged files (fast-check, 5,000 runs): each family below is damaged by
 * construction, so every single file must be rejected — by the loader, by readSession
 * when it is JSON, and by openStudy, which quarantines it while the good sessions load
 * and stay byte-identical. A second property checks the other direction: any valid
 * map survives a save and a load unchanged.
 */
const STUDY = 'study-p';
const DATA = '/data';
const BAD_ID = 'damaged';
const enc = new TextEncoder();
const pretty = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

const base = (): Session => makeSession(STUDY, BAD_ID, 'FGD 7', 1);

const STRING_FIELDS = ['format', 'id', 'studyId', 'code', 'kind', 'cohortId', 'date', 'place', 'facilitator', 'notes', 'createdAt', 'updatedAt'] as const;
const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }));
/** Bytes that are never valid anywhere in UTF-8. */
const NEVER_UTF8 = [0xc0, 0xc1, 0xf5, 0xf6, 0xf7, 0xf8, 0xfc, 0xfe, 0xff];

type Damaged = { family: string; bytes: Uint8Array };
const damaged = (family: string, text: string | Uint8Array): Damaged => ({ family, bytes: typeof text === 'string' ? enc.encode(text) : text });

const damagedFile: fc.Arbitrary<Damaged> = fc.oneof(
  fc.nat().map((n) => {
    const full = pretty(base());
    return damaged('truncated', full.slice(0, n % full.lastIndexOf('}')));
  }),
  fc.tuple(fc.constantFrom(...STRING_FIELDS), notAString).map(([field, v]) => damaged(`${field} not a string`, pretty({ ...base(), [field]: v }))),
  fc
    .oneof(fc.integer().filter((v) => v !== 1 && v !== SESSION_VERSION), fc.double().filter((v) => !Number.isInteger(v)), fc.string(), fc.constant(null))
    .map((v) => damaged('wrong version', pretty({ ...base(), version: v }))),
  fc.string().filter((s) => s !== 'pimap/session').map((f) => damaged('wrong format tag', pretty({ ...base(), format: f }))),
  fc.tuple(fc.nat(), fc.constantFrom(...NEVER_UTF8)).map(([at, byte]) => {
    const bytes = enc.encode(pretty(base()));
    const i = at % bytes.length;
    return damaged('invalid UTF-8 byte', new Uint8Array([...bytes.subarray(0, i), byte, ...bytes.subarray(i)]));
  }),
  fc.tuple(fc.constantFrom('power', 'interest'), fc.double().filter((v) => !(v >= 0 && v <= 10))).map(([axis, v]) => {
    const s = base();
    s.placements.bdo = { status: 'placed', position: { power: 5, interest: 5, [axis]: v }, contested: false, alt: null, note: '' };
    return damaged('position off the grid', pretty(s));
  }),
  fc.string().filter((st) => !['placed', 'unknown', 'not_discussed'].includes(st)).map((st) => {
    const s = base() as unknown as { placements: Record<string, { status: string }> };
    (s.placements.bdo as { status: string }).status = st;
    return damaged('unknown status', pretty(s));
  }),
  fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)).map((v) => damaged('not an object', JSON.stringify(v) ?? 'null')),
  fc
    .dictionary(fc.string(), fc.jsonValue(), { maxKeys: 8 })
    .filter((d) => d.format !== 'pimap/session')
    .map((d) => damaged('some other object', JSON.stringify(d))),
  fc.jsonValue().map((v) => damaged('duplicate key', pretty(base()).replace('"code"', `"code": ${JSON.stringify(v)},\n  "code"`))),
  fc.integer({ min: 66, max: 5000 }).map((depth) => damaged('nested junk', pretty(base()).replace('"seq:1"', '['.repeat(depth) + ']'.repeat(depth)))),
  fc.uint8Array({ maxLength: 600 }).map((b) => damaged('random bytes', b)),
);

/** Study, two good sessions, as written by the app (bytes reused by every run). */
const study = makeStudy(STUDY);
const good = [makeSession(STUDY, 'good-1', 'FGD 1', 4), makeSession(STUDY, 'good-2', 'DB-07', 9)];
const goodBytes = good.map((s) => encodeDocument(s));

/** Byte equality without vitest's element-by-element diffing (5,000 runs × 3 files). */
function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array | undefined): boolean {
  return !!a && !!b && Buffer.compare(a, b) === 0;
}

describe('generated damaged files (property-based)', () => {
  it('are all rejected with a message by the loader, by readSession and by openStudy (5,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(damagedFile, async ({ family, bytes }) => {
        const loaded = loadSessionBytes(bytes);
        expect(loaded.ok, family).toBe(false);
        if (!loaded.ok) expect(loaded.problem.length, family).toBeGreaterThan(8);

        let parsed: unknown;
        try {
          parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
        } catch {
          parsed = undefined;
        }
        if (parsed !== undefined && family !== 'duplicate key' && family !== 'nested junk') expect(readSession(parsed).ok, family).toBe(false);

        const disk = new SimulatedDisk();
        disk.put(`${DATA}/${STUDY}/study.json`, encodeDocument(study));
        good.forEach((s, i) => disk.put(`${DATA}/${STUDY}/sessions/${s.id}.json`, goodBytes[i] as Uint8Array));
        disk.put(`${DATA}/${STUDY}/sessions/${BAD_ID}.json`, bytes);
        const repo = lastWriterWins(DATA, { fs: disk, warn: () => undefined });
        const opened = await repo.openStudy(STUDY);
        expect([...opened.sessions].sort((a, b) => a.id.localeCompare(b.id)), family).toEqual(good);
        expect(opened.problems.map((p) => p.sessionId)).toEqual([BAD_ID]);
        expect(opened.problems[0]?.problem.length).toBeGreaterThan(8);
        const moved = opened.problems[0]?.quarantinedTo;
        expect(moved).toBeTruthy();
        expect(sameBytes(disk.peek(`${DATA}/${moved}`), bytes), 'quarantined bytes unchanged').toBe(true);
        good.forEach((s, i) => expect(sameBytes(disk.peek(`${DATA}/${STUDY}/sessions/${s.id}.json`), goodBytes[i]), 'good file unchanged').toBe(true));
      }),
      { numRuns: 5000 },
    );
  });

  it('never stops a valid map from round-tripping: save, then load, gives the same map (500 runs)', async () => {
    const validSession = fc
      .record({
        code: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((c) => c.trim() !== '' && c.trim() === c),
        notes: fc.string({ unit: 'binary', maxLength: 300 }),
        place: fc.string({ unit: 'grapheme', maxLength: 100 }),
        placed: fc.array(
          fc.record({
            stakeholder: fc.constantFrom(...LIBRARY.map((s) => s.id)),
            status: fc.constantFrom('placed', 'unknown', 'not_discussed'),
            power: fc.double({ min: 0, max: 10, noNaN: true }),
            interest: fc.double({ min: 0, max: 10, noNaN: true }),
            note: fc.string({ unit: 'binary', maxLength: 200 }),
          }),
          { maxLength: 24 },
        ),
      })
      .map(({ code, notes, place, placed }) => {
        const s = makeSession(STUDY, 'round-trip', code, 0);
        s.notes = notes;
        s.place = place;
        s.placements = {};
        for (const p of placed)
          s.placements[p.stakeholder] = { status: p.status, position: { power: p.power, interest: p.interest }, contested: false, alt: null, note: p.note };
        return s;
      });
    const disk = new SimulatedDisk();
    const repo = lastWriterWins(DATA, { fs: disk, warn: () => undefined });
    await repo.createStudy(study);
    await fc.assert(
      fc.asyncProperty(validSession, async (s) => {
        await repo.saveSession(s);
        const opened = await repo.openStudy(STUDY);
        expect(opened.problems).toEqual([]);
        expect(content(opened.sessions.find((x) => x.id === 'round-trip')!)).toEqual(content(s));
      }),
      { numRuns: 500 },
    );
  });
});
