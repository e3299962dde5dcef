import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHostServices } from '../../../electron/services/hostServices';
import { createFilePrefsStore } from '../../../electron/services/prefs';
import { newSession, newStudy } from '../../../shared/model/defaults';

const dir = mkdtempSync(join(tmpdir(), 'pimap-list-changed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the studies list', () => {
  it('shows a study as changed when one of its sessions was mapped, not only when its settings changed', async () => {
    const host = createHostServices({ dataDir: dir, host: 'test', prefs: createFilePrefsStore(join(dir, '.prefs')), version: '0.0.0' });
    const old = '2020-01-01T00:00:00.000Z';
    await host.createStudy({ study: newStudy({ id: 'st1', title: 'Old study', now: old, stakeholders: [] }) });
    expect((await host.listStudies({}))[0]?.updatedAt).toBe(old);

    const before = Date.now();
    await host.saveSession({ session: newSession({ id: 's1', studyId: 'st1', code: 'FGD 1', kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now: old }), baseRevision: 0 });
    const listed = (await host.listStudies({}))[0];
    expect(listed?.sessionCount).toBe(1);
    expect(Date.parse(listed!.updatedAt)).toBeGreaterThanOrEqual(before - 2_000);
  });
});
