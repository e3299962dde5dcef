import { describe, expect, it } from 'vitest';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { mergeStudies } from '../../../shared/sync/mergeStudy';
import { makeStudy } from '../../helpers/storageFixtures';

/**
 * Two versions of one study.json changed on two devices before they synced: everything
 * either added is kept (add-wins by id); where both have an id, the newer version wins.
 */
const base = (): Study => ({ ...makeStudy('study-a', 'Murshidabad baseline'), revision: 4, writer: { id: 'dev-a', name: 'Asha' } });

const custom = (id: string, name: string): Stakeholder => ({
  id,
  name,
  short: name.slice(0, 24),
  description: '',
  category: 'community',
  labels: {},
  retired: false,
  custom: true,
});

/** `study` as edited on a device at `at`, at `revision`. */
function edited(study: Study, at: string, revision: number, change: (s: Study) => void): Study {
  const copy = structuredClone(study);
  copy.updatedAt = at;
  copy.revision = revision;
  change(copy);
  return copy;
}

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

describe('mergeStudies', () => {
  it('keeps the stakeholders, cohorts and rounds either side added, current order first', () => {
    const start = base();
    const a = edited(start, '2026-12-02T10:00:00.000Z', 5, (s) => {
      s.stakeholders.push(custom('sh-boatmen', 'Boatmen association'));
      s.cohorts.push({ id: 'teachers', name: 'Teachers', colour: '#336699', shape: 'star' });
    });
    const b = edited(start, '2026-12-02T11:00:00.000Z', 5, (s) => {
      s.stakeholders.push(custom('sh-brokers', 'Labour brokers'));
      s.rounds.push({ id: 'midline', name: 'Midline' });
    });
    const merged = mergeStudies(a, b);
    expect(ids(merged.study.stakeholders)).toEqual([...ids(start.stakeholders), 'sh-boatmen', 'sh-brokers']);
    expect(ids(merged.study.cohorts)).toEqual([...ids(start.cohorts), 'teachers']);
    expect(ids(merged.study.rounds)).toEqual([...ids(start.rounds), 'midline']);
    expect(merged.added).toEqual({ stakeholders: ['Labour brokers'], cohorts: [], rounds: ['Midline'] });
    expect(merged.changed).toBe(true);

    // The other way round: the same items, in the other current's order.
    const back = mergeStudies(b, a);
    expect(ids(back.study.stakeholders)).toEqual([...ids(start.stakeholders), 'sh-brokers', 'sh-boatmen']);
    expect(ids(back.study.cohorts)).toEqual([...ids(start.cohorts), 'teachers']);
    expect(ids(back.study.rounds)).toEqual([...ids(start.rounds), 'midline']);
    expect(back.added).toEqual({ stakeholders: ['Boatmen association'], cohorts: ['Teachers'], rounds: [] });
  });

  it('keeps an item one side removed while the other still has it (placements may refer to it)', () => {
    const start = base();
    const removed = start.stakeholders[3]!.id;
    const a = edited(start, '2026-12-02T12:00:00.000Z', 5, (s) => {
      s.stakeholders = s.stakeholders.filter((x) => x.id !== removed);
    });
    const merged = mergeStudies(a, start);
    expect(ids(merged.study.stakeholders)).toContain(removed);
  });

  it('takes the newer version of an item both have, and the newer study fields', () => {
    const start = base();
    const first = start.stakeholders[0]!;
    const older = edited(start, '2026-12-02T09:00:00.000Z', 5, (s) => {
      s.stakeholders[0] = { ...first, short: 'OLD' };
      s.title = 'Older title';
    });
    const newer = edited(start, '2026-12-02T10:00:00.000Z', 5, (s) => {
      s.stakeholders[0] = { ...first, short: 'NEW' };
      s.cohorts[0] = { ...s.cohorts[0]!, name: 'Survivors (renamed)' };
      s.title = 'Newer title';
      s.midline = { power: 6, interest: 4 };
    });
    for (const [current, other] of [
      [older, newer],
      [newer, older],
    ] as const) {
      const merged = mergeStudies(current, other);
      expect(merged.study.stakeholders[0]!.short).toBe('NEW');
      expect(merged.study.cohorts[0]!.name).toBe('Survivors (renamed)');
      expect(merged.study.title).toBe('Newer title');
      expect(merged.study.midline).toEqual({ power: 6, interest: 4 });
      expect(merged.study.updatedAt).toBe('2026-12-02T10:00:00.000Z');
    }
  });

  it('breaks a tie in updatedAt by the higher revision, then current', () => {
    const start = base();
    const at = '2026-12-02T10:00:00.000Z';
    const low = edited(start, at, 5, (s) => (s.title = 'Low'));
    const high = edited(start, at, 9, (s) => (s.title = 'High'));
    expect(mergeStudies(low, high).study.title).toBe('High');
    expect(mergeStudies(high, low).study.title).toBe('High');
    const same = edited(start, at, 5, (s) => (s.title = 'Same'));
    expect(mergeStudies(low, same).study.title).toBe('Low');
    expect(mergeStudies(same, low).study.title).toBe('Same');
  });

  it('keeps the identity of the current file: id, revision, writer; the earliest createdAt', () => {
    const start = base();
    const current = edited(start, '2026-12-02T09:00:00.000Z', 5, () => undefined);
    const other = edited(start, '2026-12-02T10:00:00.000Z', 11, (s) => {
      s.writer = { id: 'dev-b', name: 'Bina' };
      s.createdAt = '2026-01-01T00:00:00.000Z';
      s.stakeholders.push(custom('sh-x', 'X'));
    });
    const merged = mergeStudies(current, other);
    expect(merged.study.id).toBe('study-a');
    expect(merged.study.revision).toBe(5);
    expect(merged.study.writer).toEqual({ id: 'dev-a', name: 'Asha' });
    expect(merged.study.format).toBe(current.format);
    expect(merged.study.version).toBe(current.version);
    expect(merged.study.createdAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reports no change when the other version has nothing new', () => {
    const start = base();
    expect(mergeStudies(start, structuredClone(start))).toMatchObject({ changed: false, added: { stakeholders: [], cohorts: [], rounds: [] } });
    // Only an older copy, or one that differs by revision, writer or save time alone.
    const older = edited(start, '2026-01-01T00:00:00.000Z', 2, (s) => (s.writer = { id: 'dev-b', name: 'Bina' }));
    const merged = mergeStudies(start, older);
    expect(merged.changed).toBe(false);
    expect(merged.study).toEqual(start);
    const sameButLater = edited(start, '2026-12-31T00:00:00.000Z', 9, (s) => (s.writer = { id: 'dev-b', name: 'Bina' }));
    expect(mergeStudies(start, sameButLater).changed).toBe(false);
  });

  it('does not change its inputs', () => {
    const a = base();
    const b = edited(a, '2026-12-02T10:00:00.000Z', 5, (s) => s.stakeholders.push(custom('sh-y', 'Y')));
    const before = [structuredClone(a), structuredClone(b)];
    mergeStudies(a, b);
    expect([a, b]).toEqual(before);
  });
});
