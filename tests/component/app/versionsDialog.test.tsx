import { beforeEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import type { Study } from '../../../shared/model/study';
import { FakeHost, makeSession, makeStudy } from './fakeHost';
import { startApp } from './setup';

/**
 * "Earlier versions": choosing a version shows its map and what differs from the
 * current map before anything is restored; restoring is a second, explicit step.
 */
let host: FakeHost;
let study: Study;
const placed = (power: number, interest: number) => ({ status: 'placed' as const, position: { power, interest }, contested: false, alt: null, note: '' });

beforeEach(() => {
  host = new FakeHost();
  study = makeStudy('study-a', 'Nadia baseline', 6);
  const current = makeSession(study, 's1', 'FGD 1', { placements: { bdo: placed(8, 2), police: placed(9, 1.5) } });
  host.addStudy(study, [current]);
  host.versions.set('s1', [
    {
      versionId: 'v-old',
      savedAt: '2026-03-02T09:04:50.000Z',
      kind: 'interval',
      placed: 2,
      unknown: 0,
      notDiscussed: 0,
      session: { ...current, placements: { police: placed(5, 5), ahtu: placed(7, 4) } },
    },
  ]);
});

test('shows the chosen version’s map and its differences, and restores only when confirmed', async () => {
  await startApp(host, '#/study/study-a/session/s1');
  await page.getByRole('button', { name: 'Earlier versions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Earlier versions of FGD 1' });
  await expect.element(dialog.getByRole('row').filter({ hasText: 'Every five minutes' })).toBeVisible();
  await dialog.getByRole('button', { name: /^Restore the version saved/ }).click();

  const preview = dialog.getByTestId('version-preview');
  await expect.element(preview.getByRole('img', { name: /^Map of the version saved .*: 2 stakeholders placed$/ })).toBeVisible();
  const police = study.stakeholders.find((s) => s.id === 'police')!;
  const bdo = study.stakeholders.find((s) => s.id === 'bdo')!;
  const ahtu = study.stakeholders.find((s) => s.id === 'ahtu')!;
  const changes = preview.getByTestId('version-changes');
  await expect.element(changes).toHaveTextContent(`${police.name}: at power 5, interest 5 in this version; now 9, 1.5`);
  await expect.element(changes).toHaveTextContent(`${bdo.name}: not placed in this version, placed now`);
  await expect.element(changes).toHaveTextContent(`${ahtu.name}: placed in this version, not placed now`);
  // The drawing carries the version's stakeholders by short label.
  await expect.element(preview.getByText(police.short, { exact: true })).toBeInTheDocument();
  expect(host.calls.some((c) => c.op === 'restoreSessionVersion')).toBe(false);

  await dialog.getByRole('button', { name: 'Restore this version' }).click();
  await expect.poll(() => host.calls.find((c) => c.op === 'restoreSessionVersion')?.payload).toEqual({ studyId: 'study-a', sessionId: 's1', versionId: 'v-old' });
});
