import { describe, expect, it } from 'vitest';
import { IdSchema } from '../../shared/model/common';
import { readSession } from '../../shared/model/migrations';
import { newSession } from '../../shared/model/defaults';

describe('domain model guards', () => {
  it('refuses ids that would be lost or reach the prototype as object keys', () => {
    for (const id of ['__proto__', 'constructor', 'prototype']) expect(IdSchema.safeParse(id).success).toBe(false);
    expect(IdSchema.safeParse('police').success).toBe(true);
  });

  it('rejects a deeply nested hostile session file with a message instead of overflowing the stack', () => {
    let junk: unknown = 1;
    for (let i = 0; i < 100_000; i++) junk = [junk];
    const session = newSession({ id: 's1', studyId: 'st', code: 'FGD 1', kind: 'fgd', cohortId: 'survivors', roundId: null, now: '2026-01-01T00:00:00.000Z' });
    const result = readSession({ ...session, notes: junk });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(/notes/);
  });
});
