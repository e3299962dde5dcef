import { beforeEach, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { FakeHost, makeSession, makeStudy } from './fakeHost';
import { startApp } from './setup';

let host: FakeHost;
beforeEach(() => {
  host = new FakeHost();
  const a = makeStudy('study-a', 'Nadia baseline');
  host.addStudy(a, [makeSession(a, 's1', 'FGD 1'), makeSession(a, 's2', 'FGD 2')]);
  host.addStudy(makeStudy('study-b', 'Pilot in the Sundarbans'));
});

test('lists studies with their session count and description', async () => {
  await startApp(host);
  await expect.element(page.getByRole('heading', { level: 1, name: 'Studies' })).toBeVisible();
  const nadia = page.getByRole('listitem').filter({ hasText: 'Nadia baseline' });
  await expect.element(nadia).toHaveTextContent('2 sessions');
  await expect.element(nadia).toHaveTextContent('About Nadia baseline');
  await expect.element(page.getByRole('link', { name: 'Pilot in the Sundarbans' })).toBeVisible();
  // The page heading has focus after start, so keyboard users begin at the top.
  await expect.element(page.getByRole('heading', { level: 1, name: 'Studies' })).toHaveFocus();
});

test('creates a study with edited axis wording and opens it', async () => {
  await startApp(host);
  await page.getByRole('button', { name: 'New study' }).click();
  const dialog = page.getByRole('dialog', { name: 'New study' });
  await expect.element(dialog).toBeVisible();
  // Submitting without a title shows the error and creates nothing.
  await dialog.getByRole('button', { name: 'Create study' }).click();
  await expect.element(dialog.getByText('A study needs a title.')).toBeVisible();
  expect(host.calls.some((c) => c.op === 'createStudy')).toBe(false);

  await dialog.getByLabelText('Title').fill('Murshidabad endline');
  await dialog.getByLabelText('Vertical axis (power)').fill('Power to stop trafficking');
  await dialog.getByLabelText('Midline on the power axis').fill('6');
  await dialog.getByRole('button', { name: 'Create study' }).click();

  await expect.element(page.getByRole('heading', { level: 1, name: 'Murshidabad endline' })).toBeVisible();
  const created = [...host.studies.values()].find((s) => s.title === 'Murshidabad endline')!;
  expect(created.axes.power).toBe('Power to stop trafficking');
  expect(created.midline).toEqual({ power: 6, interest: 5 });
  expect(created.stakeholders).toHaveLength(24);
  expect(created.cohorts.map((c) => c.name)).toEqual(['Survivors', 'Frontline social workers', 'Duty bearers', 'Financiers']);
  expect(window.location.hash).toBe(`#/study/${created.id}`);
  // The study is remembered as the last one opened.
  await expect.poll(() => host.prefs.lastStudyId).toBe(created.id);
});

test('renames a study from the list', async () => {
  await startApp(host);
  await page.getByRole('button', { name: 'Rename Pilot in the Sundarbans' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename study' });
  await dialog.getByLabelText('Title').fill('Pilot, Sundarbans blocks');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect.element(page.getByRole('link', { name: 'Pilot, Sundarbans blocks' })).toBeVisible();
  expect(host.studies.get('study-b')!.title).toBe('Pilot, Sundarbans blocks');
});

test('deletes a study to the trash after confirming, and Undo brings it back', async () => {
  await startApp(host);
  await page.getByRole('button', { name: 'Delete Nadia baseline' }).click();
  const confirm = page.getByRole('dialog', { name: 'Move “Nadia baseline” to the trash?' });
  await expect.element(confirm).toHaveTextContent('its 2 sessions go to the trash');
  // Cancel leaves everything as it was.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(host.studies.has('study-a')).toBe(true);

  await page.getByRole('button', { name: 'Delete Nadia baseline' }).click();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect.element(page.getByText('“Nadia baseline” was moved to the trash.')).toBeVisible();
  await expect.element(page.getByRole('link', { name: 'Nadia baseline' })).not.toBeInTheDocument();
  expect(host.trash.map((e) => e.label)).toEqual(['Nadia baseline']);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.element(page.getByRole('link', { name: 'Nadia baseline' })).toBeVisible();
  expect(host.studies.has('study-a')).toBe(true);
  expect(host.sessionsOf('study-a')).toHaveLength(2);
});

test('the trash lists deleted studies and sessions and restores them', async () => {
  await startApp(host);
  await page.getByRole('button', { name: 'Delete Pilot in the Sundarbans' }).click();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await page.getByRole('link', { name: 'Trash (1 item)' }).click();
  await expect.element(page.getByRole('heading', { level: 1, name: 'Trash' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Pilot in the Sundarbans' });
  await expect.element(row).toHaveTextContent('Study');
  await row.getByRole('button', { name: 'Restore Pilot in the Sundarbans' }).click();
  await expect.element(page.getByText('The trash is empty.')).toBeVisible();
  expect(host.studies.has('study-b')).toBe(true);
});

test('opens the last study on a fresh start', async () => {
  host.prefs.lastStudyId = 'study-a';
  await startApp(host, '');
  await expect.element(page.getByRole('heading', { level: 1, name: 'Nadia baseline' })).toBeVisible();
  expect(window.location.hash).toBe('#/study/study-a');
});

test('a reload keeps the place: started at the list, it stays on the list', async () => {
  host.prefs.lastStudyId = 'study-a';
  await startApp(host, '#/');
  await expect.element(page.getByRole('heading', { level: 1, name: 'Studies' })).toBeVisible();
  expect(window.location.hash).toBe('#/');
});

test('language and large text are stored in the preferences', async () => {
  await startApp(host);
  await page.getByRole('button', { name: 'Large text' }).click();
  await expect.poll(() => document.documentElement.classList.contains('large-text')).toBe(true);
  await expect.poll(() => host.prefs.largeText).toBe(true);
  await userEvent.selectOptions(page.getByLabelText('Language', { exact: true }), 'bn');
  await expect.poll(() => host.prefs.language).toBe('bn');
  // The page changes language at once, and says so, so screen readers switch voice.
  await expect.element(page.getByRole('heading', { level: 1, name: 'সমীক্ষা' })).toBeVisible();
  await expect.poll(() => document.documentElement.lang).toBe('bn');
  await userEvent.selectOptions(page.getByLabelText('ভাষা', { exact: true }), 'en');
  await expect.poll(() => host.prefs.language).toBe('en');
  await expect.element(page.getByRole('heading', { level: 1, name: 'Studies' })).toBeVisible();
  await expect.poll(() => document.documentElement.lang).toBe('en');
});
