import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SessionSchema, type Session } from '../../../shared/model/session';
import {
  defaultAlternate,
  moveAlt,
  movePlacement,
  nudge,
  placeStakeholder,
  setConsent,
  setContested,
  setLocked,
  setNote,
  setSessionNotes,
  setStatus,
  unplace,
} from '../../../shared/ops/placementOps';
import { sessionIn, studyWith } from './fixtures';

const study = studyWith();
const empty = (): Session => sessionIn(study, { id: 'fgd-1', code: 'FGD 1' });

describe('placing and moving', () => {
  it('places a stakeholder from the tray with a clamped, one-decimal position', () => {
    const s0 = empty();
    const s1 = placeStakeholder(s0, 'police', { power: 9.04, interest: 1.46 });
    expect(s1.placements.police).toEqual({ status: 'placed', position: { power: 9, interest: 1.5 }, contested: false, alt: null, note: '' });
    expect(s0.placements.police).toBeUndefined(); // input untouched
    const s2 = placeStakeholder(s1, 'bdo', { power: 14, interest: -3 });
    expect(s2.placements.bdo?.position).toEqual({ power: 10, interest: 0 });
    expect(SessionSchema.safeParse(s2).success).toBe(true);
  });

  it('moves a placed stakeholder and keeps its note', () => {
    let s = placeStakeholder(empty(), 'bdo', { power: 8, interest: 2 });
    s = setNote(s, 'bdo', 'The BDO never came to the meeting');
    s = movePlacement(s, 'bdo', { power: 3, interest: 7.5 });
    expect(s.placements.bdo).toMatchObject({ status: 'placed', position: { power: 3, interest: 7.5 }, note: 'The BDO never came to the meeting' });
  });

  it('refuses to move what is not on the grid, and returns the same object for a no-op', () => {
    const s0 = empty();
    expect(movePlacement(s0, 'bdo', { power: 1, interest: 1 })).toBe(s0);
    const s1 = placeStakeholder(s0, 'bdo', { power: 8, interest: 2 });
    expect(movePlacement(s1, 'bdo', { power: 8, interest: 2 })).toBe(s1);
    expect(placeStakeholder(s1, 'bdo', { power: 8.01, interest: 2 })).toBe(s1); // rounds to the same spot
    expect(placeStakeholder(s1, 'bdo', { power: Number.NaN, interest: 2 })).toBe(s1);
  });

  it('nudges in tenths without floating-point drift and stops at the edge', () => {
    let s = placeStakeholder(empty(), 'asha', { power: 2, interest: 9.8 });
    s = nudge(s, 'asha', 'main', 0.1, 0);
    s = nudge(s, 'asha', 'main', 0.1, 0);
    s = nudge(s, 'asha', 'main', 0.1, 0);
    expect(s.placements.asha?.position).toEqual({ power: 2.3, interest: 9.8 });
    s = nudge(s, 'asha', 'main', 0, 0.5);
    expect(s.placements.asha?.position).toEqual({ power: 2.3, interest: 10 });
    expect(nudge(s, 'asha', 'main', 0, 0.5)).toBe(s);
  });
});

describe('status, bins and the tray', () => {
  it('keeps the last position in a bin so taking it out restores where it was', () => {
    let s = placeStakeholder(empty(), 'vlcpc', { power: 7, interest: 2 });
    s = setStatus(s, 'vlcpc', 'unknown');
    expect(s.placements.vlcpc).toMatchObject({ status: 'unknown', position: { power: 7, interest: 2 } });
    s = setStatus(s, 'vlcpc', 'placed');
    expect(s.placements.vlcpc).toMatchObject({ status: 'placed', position: { power: 7, interest: 2 } });
  });

  it('marks an untouched stakeholder unknown or not discussed with no position', () => {
    const s = setStatus(setStatus(empty(), 'vlcpc', 'unknown'), 'police', 'not_discussed');
    expect(s.placements.vlcpc).toEqual({ status: 'unknown', position: null, contested: false, alt: null, note: '' });
    expect(s.placements.police?.status).toBe('not_discussed');
    expect(SessionSchema.safeParse(s).success).toBe(true);
  });

  it('cannot set "placed" without a position to restore', () => {
    const s = setStatus(empty(), 'vlcpc', 'unknown');
    expect(setStatus(s, 'vlcpc', 'placed')).toBe(s);
  });

  it('unplace sends the stakeholder back to the tray', () => {
    const s1 = placeStakeholder(empty(), 'bdo', { power: 8, interest: 2 });
    const s2 = unplace(s1, 'bdo');
    expect(s2.placements).not.toHaveProperty('bdo');
    expect(unplace(s2, 'bdo')).toBe(s2);
  });

  it('a note needs a handled stakeholder', () => {
    const s = empty();
    expect(setNote(s, 'bdo', 'x')).toBe(s);
    const unknown = setNote(setStatus(s, 'bdo', 'unknown'), 'bdo', 'Nobody had heard of the BDO');
    expect(unknown.placements.bdo?.note).toBe('Nobody had heard of the BDO');
  });
});

describe('contested placements', () => {
  it('creates the alternate mirrored across the diagonal, as in the BDO split', () => {
    let s = placeStakeholder(empty(), 'bdo', { power: 8, interest: 2 });
    s = setContested(s, 'bdo', true);
    expect(s.placements.bdo).toMatchObject({ contested: true, alt: { power: 2, interest: 8 } });
    expect(SessionSchema.safeParse(s).success).toBe(true);
  });

  it('starts the alternate across the midlines when the mirror would be too close', () => {
    expect(defaultAlternate({ power: 6, interest: 6 })).toEqual({ power: 3.5, interest: 3.5 });
    expect(defaultAlternate({ power: 1, interest: 1.5 })).toEqual({ power: 3.5, interest: 4 });
  });

  it('moves the alternate, and agreeing again drops it', () => {
    let s = placeStakeholder(empty(), 'childline', { power: 8, interest: 8 });
    s = setContested(s, 'childline', true, { power: 3, interest: 8 });
    s = moveAlt(s, 'childline', { power: 2.5, interest: 9 });
    expect(s.placements.childline?.alt).toEqual({ power: 2.5, interest: 9 });
    s = nudge(s, 'childline', 'alt', -0.5, 0);
    expect(s.placements.childline?.alt).toEqual({ power: 2, interest: 9 });
    s = setContested(s, 'childline', false);
    expect(s.placements.childline).toMatchObject({ contested: false, alt: null, position: { power: 8, interest: 8 } });
  });

  it('cannot contest a stakeholder that is not on the grid, nor move an alternate that does not exist', () => {
    const s = setStatus(empty(), 'bdo', 'unknown');
    expect(setContested(s, 'bdo', true)).toBe(s);
    const placed = placeStakeholder(s, 'bdo', { power: 5, interest: 5 });
    expect(moveAlt(placed, 'bdo', { power: 1, interest: 1 })).toBe(placed);
  });
});

describe('session notes, consent and the lock', () => {
  it('edits notes and consent', () => {
    const s = setConsent(setSessionNotes(empty(), 'Eight members of the collective; two left early.'), true);
    expect(s.notes).toBe('Eight members of the collective; two left early.');
    expect(s.consent).toBe(true);
  });

  it('a locked session refuses every change except unlocking', () => {
    const placed = setContested(placeStakeholder(empty(), 'bdo', { power: 8, interest: 2 }), 'bdo', true);
    const locked = setLocked(placed, true);
    const attempts: Session[] = [
      placeStakeholder(locked, 'police', { power: 9, interest: 1 }),
      movePlacement(locked, 'bdo', { power: 1, interest: 1 }),
      nudge(locked, 'bdo', 'main', 0.5, 0),
      setStatus(locked, 'bdo', 'unknown'),
      unplace(locked, 'bdo'),
      setNote(locked, 'bdo', 'changed'),
      setContested(locked, 'bdo', false),
      moveAlt(locked, 'bdo', { power: 1, interest: 1 }),
      setSessionNotes(locked, 'changed'),
      setConsent(locked, true),
    ];
    for (const attempt of attempts) expect(attempt).toBe(locked);
    const unlocked = setLocked(locked, false);
    expect(unlocked.locked).toBe(false);
    expect(movePlacement(unlocked, 'bdo', { power: 1, interest: 1 }).placements.bdo?.position).toEqual({ power: 1, interest: 1 });
  });
});

describe('every sequence of operations keeps a valid session', () => {
  const ids = ['bdo', 'gram-panchayat', 'police', 'asha'];
  const value = fc.double({ min: -5, max: 15, noNaN: true });
  const op = fc.oneof(
    fc.record({ kind: fc.constant('place' as const), id: fc.constantFrom(...ids), power: value, interest: value }),
    fc.record({ kind: fc.constant('move' as const), id: fc.constantFrom(...ids), power: value, interest: value }),
    fc.record({ kind: fc.constant('status' as const), id: fc.constantFrom(...ids), status: fc.constantFrom('placed' as const, 'unknown' as const, 'not_discussed' as const) }),
    fc.record({ kind: fc.constant('unplace' as const), id: fc.constantFrom(...ids) }),
    fc.record({ kind: fc.constant('contest' as const), id: fc.constantFrom(...ids), on: fc.boolean() }),
    fc.record({ kind: fc.constant('alt' as const), id: fc.constantFrom(...ids), power: value, interest: value }),
    fc.record({ kind: fc.constant('note' as const), id: fc.constantFrom(...ids), note: fc.string({ maxLength: 30 }) }),
    fc.record({ kind: fc.constant('lock' as const), on: fc.boolean() }),
  );

  it('matches the session schema after any sequence, and never mutates its input', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let s = empty();
        for (const o of ops) {
          const before = JSON.stringify(s);
          const prev = s;
          switch (o.kind) {
            case 'place': s = placeStakeholder(s, o.id, o); break;
            case 'move': s = movePlacement(s, o.id, o); break;
            case 'status': s = setStatus(s, o.id, o.status); break;
            case 'unplace': s = unplace(s, o.id); break;
            case 'contest': s = setContested(s, o.id, o.on); break;
            case 'alt': s = moveAlt(s, o.id, o); break;
            case 'note': s = setNote(s, o.id, o.note); break;
            case 'lock': s = setLocked(s, o.on); break;
          }
          expect(JSON.stringify(prev)).toBe(before);
          if (prev.locked && o.kind !== 'lock') expect(s).toBe(prev);
        }
        const parsed = SessionSchema.safeParse(s);
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
