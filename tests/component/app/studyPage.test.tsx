import { beforeEach, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { HostError } from '../../../shared/contract/hostContract';
import type { Study } from '../../../shared/model/study';
import { saveTiming } from '../../../renderer/src/store/persistence';
import { FakeHost, makeSession, makeStudy } from './fakeHost';
import { startApp } from './setup';

let host: FakeHost;
let study: Study;
const placed = (power: number, interest: number) => ({ status: 'placed' as const, position: { power, interest }, contested: false, alt: null, note: '' });

beforeEach(() => {
  host = new FakeHost();
  study = makeStudy('study-a', 'Nadia baseline', 6);
  host.addStudy(study, [
    makeSession(study, 's1', 'FGD 1', {
      place: 'Krishnanagar',
      placements: { bdo: placed(8, 2), police: placed(9, 1.5), ahtu: placed(7, 4), 'gram-panchayat': { ...placed(1, 1), status: 'unknown', position: null } },
    }),
    makeSession(study, 's2', 'FGD 1', { roundId: 'endline', consent: false }),
    makeSession(study, 's3', 'DB-1', { kind: 'interview', cohortId: 'duty-bearers' }),
  ]);
});

const studyHash = (tab = '') => `#/study/study-a${tab ? `/${tab}` : ''}`;

test('shows sessions grouped by cohort and round, with progress as text', async () => {
  await startApp(host, studyHash());
  await expect.element(page.getByRole('heading', { level: 1, name: 'Nadia baseline' })).toBeVisible();
  const survivors = page.getByRole('region', { name: /^Survivors/ });
  // Round headings span the table (th scope=rowgroup).
  await expect.element(survivors.getByText('Baseline', { exact: true })).toBeVisible();
  await expect.element(survivors.getByText('Endline', { exact: true })).toBeVisible();
  const first = survivors.getByRole('row').filter({ hasText: 'Krishnanagar' });
  await expect.element(first).toHaveTextContent('4 of 6');
  await expect.element(first).toHaveTextContent('3 placed · 1 unknown · 2 to go');
  // A session without recorded consent is flagged.
  await expect.element(survivors.getByText('Consent not recorded')).toBeVisible();
  await expect.element(page.getByRole('region', { name: /^Duty bearers/ }).getByRole('link', { name: 'Open the map of DB-1' })).toBeVisible();
  await expect.element(page.getByRole('region', { name: /^Financiers/ })).toHaveTextContent('No sessions in this cohort yet.');
});

test('creates a session, warning about a code already used in the round', async () => {
  await startApp(host, studyHash());
  await page.getByRole('button', { name: 'New session' }).click();
  const dialog = page.getByRole('dialog', { name: 'New session' });
  await expect.element(dialog.getByLabelText('Session code')).toHaveValue('FGD 2');
  await dialog.getByLabelText('Session code').fill('fgd 1');
  await expect.element(dialog.getByText('FGD 1 already exists in Baseline.', { exact: false })).toBeVisible();
  await dialog.getByRole('button', { name: 'Create and open the map' }).click();
  expect(host.calls.filter((c) => c.op === 'saveSession')).toHaveLength(0);

  await dialog.getByLabelText('Session code').fill('FGD 4');
  await dialog.getByLabelText('Place').fill('Ranaghat');
  await dialog.getByLabelText('Number of participants').fill('7');
  await dialog.getByLabelText('Informed consent was recorded before the session').click();
  await dialog.getByRole('button', { name: 'Create and open the map' }).click();

  await expect.element(page.getByRole('heading', { level: 1, name: 'Session FGD 4' })).toBeVisible();
  const created = host.sessionsOf('study-a').find((s) => s.code === 'FGD 4')!;
  expect(created).toMatchObject({ place: 'Ranaghat', participants: 7, consent: true, cohortId: 'survivors', roundId: 'baseline', kind: 'fgd' });
  expect(window.location.hash).toBe(`#/study/study-a/session/${created.id}`);
});

test('maps a group again in the next round, without placements unless asked', async () => {
  await startApp(host, studyHash());
  await page.getByRole('button', { name: 'Map again: DB-1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Map DB-1 again' });
  await expect.element(dialog.getByLabelText('Round')).toHaveValue('endline');
  await expect.element(dialog.getByLabelText('Start from this session', { exact: false })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Create session' }).click();
  await expect.poll(() => host.sessionsOf('study-a').filter((s) => s.code === 'DB-1').length).toBe(2);
  const copy = host.sessionsOf('study-a').find((s) => s.code === 'DB-1' && s.roundId === 'endline')!;
  expect(copy).toMatchObject({ cohortId: 'duty-bearers', kind: 'interview', placements: {}, consent: false });

  // With the option ticked, the placements come along as a starting point.
  await page.getByRole('button', { name: 'Map again: FGD 1' }).first().click();
  const again = page.getByRole('dialog', { name: 'Map FGD 1 again' });
  await again.getByLabelText('Session code').fill('FGD 1b');
  await again.getByLabelText('Start from this session', { exact: false }).click();
  await again.getByRole('button', { name: 'Create session' }).click();
  await expect.poll(() => host.sessionsOf('study-a').find((s) => s.code === 'FGD 1b')?.placements.police?.position).toEqual({ power: 9, interest: 1.5 });
});

test('edits session details and shows Saved only once the host has them', async () => {
  await startApp(host, studyHash());
  const release = host.hold('saveSession');
  await page.getByRole('button', { name: 'Edit the details of DB-1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Details of DB-1' });
  await dialog.getByLabelText('Place').fill('Block office, Tehatta');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect.element(page.getByText('Saving…')).toBeVisible();
  // Still held: never "Saved" before the host answered.
  await new Promise((r) => setTimeout(r, 400));
  await expect.element(page.getByText('Saved', { exact: true })).not.toBeInTheDocument();
  release();
  await expect.element(page.getByText('Saved', { exact: true })).toBeVisible();
  expect(host.sessions.get('s3')!.place).toBe('Block office, Tehatta');
  expect(host.sessions.get('s3')!.updatedAt > host.sessions.get('s1')!.updatedAt).toBe(true);
});

test('deletes a session to the trash after confirming', async () => {
  await startApp(host, studyHash());
  await page.getByRole('button', { name: 'Delete DB-1' }).click();
  await page.getByRole('dialog', { name: 'Move session DB-1 to the trash?' }).getByRole('button', { name: 'Move to trash' }).click();
  await expect.element(page.getByText('Session DB-1 was moved to the trash.')).toBeVisible();
  expect(host.sessions.has('s3')).toBe(false);
  expect(host.trash.map((e) => [e.kind, e.label])).toEqual([['session', 'DB-1']]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.element(page.getByRole('link', { name: 'Open the map of DB-1' })).toBeVisible();
});

test('adds a custom stakeholder with a Bengali label and picks one from the library', async () => {
  await startApp(host, studyHash('stakeholders'));
  await page.getByRole('button', { name: 'Add a stakeholder' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a stakeholder' });
  await dialog.getByLabelText('Name').first().fill('Brick kiln owners');
  await dialog.getByLabelText('Short label').first().fill('Kiln owners');
  await dialog.getByRole('group', { name: 'বাংলা (Bengali) label' }).getByLabelText('Name').fill('ইটভাটার মালিক');
  await dialog.getByRole('button', { name: 'Add stakeholder' }).click();
  // A half-filled translation is refused with a reason.
  await expect.element(dialog.getByText('Fill in both the name and the short label, or neither.')).toBeVisible();
  await dialog.getByRole('group', { name: 'বাংলা (Bengali) label' }).getByLabelText('Short label').fill('ইটভাটা');
  await dialog.getByRole('button', { name: 'Add stakeholder' }).click();
  await expect.element(page.getByRole('rowheader', { name: /Kiln owners/ })).toBeVisible();
  await expect.poll(() => host.studies.get('study-a')!.stakeholders.at(-1)).toMatchObject({ name: 'Brick kiln owners', custom: true, labels: { bn: { name: 'ইটভাটার মালিক', short: 'ইটভাটা' } } });

  await page.getByRole('button', { name: 'Add from the library' }).click();
  const library = page.getByRole('dialog', { name: 'Add stakeholders from the library' });
  await library.getByLabelText(/^Childline/).click();
  await library.getByRole('button', { name: 'Add 1 stakeholder' }).click();
  await expect.poll(() => host.studies.get('study-a')!.stakeholders.map((s) => s.id).includes('childline')).toBe(true);
});

test('reorders stakeholders with the keyboard, keeping focus on the moved row', async () => {
  await startApp(host, studyHash('stakeholders'));
  const up = page.getByRole('button', { name: 'Move Police up' });
  await expect.element(up).toBeVisible();
  (up.element() as HTMLButtonElement).focus();
  await userEvent.keyboard('{Enter}');
  await expect.element(page.getByRole('button', { name: 'Move Police up' })).toHaveFocus();
  await userEvent.keyboard('{Enter}');
  const order = () => host.studies.get('study-a')!.stakeholders.map((s) => s.id);
  await expect.poll(order).toEqual(['bdo', 'police', 'gram-panchayat', 'panchayat-samiti', 'ahtu', 'sjpu']);
  const rows = page.getByRole('table').getByRole('row');
  await expect.element(rows.nth(2)).toHaveTextContent('Police');
});

test('retires a stakeholder without losing its placements, and brings it back', async () => {
  await startApp(host, studyHash('stakeholders'));
  await page.getByRole('button', { name: 'Retire BDO' }).click();
  await expect.element(page.getByRole('button', { name: 'Bring back BDO' })).toBeVisible();
  await expect.poll(() => host.studies.get('study-a')!.stakeholders[0]!.retired).toBe(true);
  expect(host.sessions.get('s1')!.placements.bdo).toBeDefined();
  await page.getByRole('link', { name: /^Sessions/ }).click();
  // Progress counts active stakeholders only: 5 now.
  await expect.element(page.getByRole('row').filter({ hasText: 'Krishnanagar' })).toHaveTextContent('3 of 5');
});

test('cohorts: rename, add, and remove only when unused', async () => {
  await startApp(host, studyHash('groups'));
  await expect.element(page.getByRole('button', { name: 'Remove cohort Survivors' })).toBeDisabled();
  await expect.element(page.getByRole('button', { name: 'Remove cohort Financiers' })).toBeEnabled();
  await page.getByLabelText('Name of cohort Survivors').fill('Survivor collectives');
  await expect.poll(() => host.studies.get('study-a')!.cohorts[0]!.name).toBe('Survivor collectives');
  await page.getByLabelText('Name of cohort Survivor collectives').fill('');
  await expect.element(page.getByText('A name is needed.')).toBeVisible();
  await page.getByLabelText('New cohort').fill('Teachers');
  await page.getByRole('button', { name: 'Add cohort' }).click();
  await userEvent.selectOptions(page.getByLabelText('Colour of Teachers'), '#56b4e9');
  await expect.poll(() => host.studies.get('study-a')!.cohorts.at(-1)).toMatchObject({ name: 'Teachers', colour: '#56b4e9', shape: 'star' });
  await page.getByRole('button', { name: 'Remove cohort Financiers' }).click();
  await expect.poll(() => host.studies.get('study-a')!.cohorts.map((c) => c.id)).not.toContain('financiers');
  // The empty name was never saved.
  expect(host.studies.get('study-a')!.cohorts[0]!.name).toBe('Survivor collectives');
});

test('rounds: rename, add, and remove only when unused', async () => {
  await startApp(host, studyHash('groups'));
  const rounds = () => host.studies.get('study-a')!.rounds;
  const [first] = rounds();
  await expect.element(page.getByRole('button', { name: `Remove round ${first!.name}` })).toBeDisabled();
  await page.getByLabelText(`Name of round ${first!.name}`).fill('Baseline 2026');
  await expect.poll(() => rounds()[0]!.name).toBe('Baseline 2026');
  await expect.element(page.getByRole('button', { name: 'Add round' })).toBeDisabled();
  await page.getByLabelText('New round').fill('Midline');
  await page.getByRole('button', { name: 'Add round' }).click();
  await expect.poll(() => rounds().at(-1)?.name).toBe('Midline');
  await expect.element(page.getByLabelText('New round')).toHaveValue('');
  await page.getByRole('button', { name: 'Remove round Midline' }).click();
  await expect.poll(() => rounds().map((r) => r.name)).not.toContain('Midline');
});

test('settings: title and axis wording are saved as you type; an invalid midline cannot be applied', async () => {
  await startApp(host, studyHash('settings'));
  await page.getByLabelText('Title').fill('Nadia baseline 2026');
  await expect.element(page.getByRole('heading', { level: 1, name: 'Nadia baseline 2026' })).toBeVisible();
  await page.getByLabelText('Midline on the power axis').fill('10');
  await expect.element(page.getByText('Enter a number between 0 and 10', { exact: false })).toBeVisible();
  await expect.element(page.getByRole('button', { name: 'Apply midline' })).toBeDisabled();
  await page.getByLabelText('Horizontal axis (interest)').fill('Interest in prevention');
  await expect.poll(() => host.studies.get('study-a')!.axes.interest).toBe('Interest in prevention');
  const saved = host.studies.get('study-a')!;
  expect(saved.title).toBe('Nadia baseline 2026');
  expect(saved.midline.power).toBe(5);
});

test('settings: a new midline says how many placements change zone, and is saved only when confirmed', async () => {
  await startApp(host, studyHash('settings'));
  const apply = page.getByRole('button', { name: 'Apply midline' });
  await expect.element(apply).toBeDisabled();
  // FGD 1 has BDO at power 8 and AHTU at power 7: a power midline of 8.5 makes both low power.
  await page.getByLabelText('Midline on the power axis').fill('8.5');
  await apply.click();
  const dialog = page.getByRole('dialog', { name: 'Change the midline?' });
  await expect.element(dialog.getByTestId('midline-change')).toHaveTextContent('With the midline at power 8.5, interest 5, 2 placements in 1 session move to another zone.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(host.studies.get('study-a')!.midline).toEqual({ power: 5, interest: 5 });
  await apply.click();
  await page.getByRole('dialog', { name: 'Change the midline?' }).getByRole('button', { name: 'Change the midline' }).click();
  await expect.poll(() => host.studies.get('study-a')!.midline).toEqual({ power: 8.5, interest: 5 });
  // A midline that moves nothing is saved at once.
  await page.getByLabelText('Midline on the interest axis').fill('5.2');
  await apply.click();
  await expect.poll(() => host.studies.get('study-a')!.midline).toEqual({ power: 8.5, interest: 5.2 });
});

test('a failed save shows the reason, keeps the edit and succeeds on Retry', async () => {
  await startApp(host, studyHash('settings'));
  host.failing.set('saveStudy', new HostError('disk_full', 'no space left on device'));
  await page.getByLabelText('Title').fill('Nadia endline');
  await expect.element(page.getByText('Not saved: The disk is full: no space left on device')).toBeVisible();
  // Automatic retries keep failing while the disk is full; the edit stays on screen.
  await expect.poll(() => host.calls.filter((c) => c.op === 'saveStudy').length).toBeGreaterThan(1);
  await expect.element(page.getByRole('heading', { level: 1, name: 'Nadia endline' })).toBeVisible();
  host.failing.delete('saveStudy');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect.element(page.getByText('Saved', { exact: true })).toBeVisible();
  expect(host.studies.get('study-a')!.title).toBe('Nadia endline');
});

test('names each unreadable session and restores its latest earlier version', async () => {
  const damaged = makeSession(study, 's9', 'FGD 3', { placements: { police: placed(9, 1) } });
  host.versions.set('s9', [
    { versionId: 'old', savedAt: '2026-01-01T10:00:00.000Z', kind: 'daily', placed: 0, unknown: 0, notDiscussed: 0, session: { ...damaged, placements: {} } },
    { versionId: 'new', savedAt: '2026-01-02T10:00:00.000Z', kind: 'recent', placed: 1, unknown: 0, notDiscussed: 0, session: damaged },
  ]);
  host.problems.set('study-a', [
    { file: 'sessions/s9.json', sessionId: 's9', sessionCode: 'FGD 3', problem: 'the file ends in the middle', quarantinedTo: '.quarantine/s9.json', recoverable: true },
  ]);
  await startApp(host, studyHash());
  await expect
    .element(page.getByText('Session FGD 3 could not be read and was moved to quarantine: the file ends in the middle. An earlier version can be restored.'))
    .toBeVisible();
  await page.getByRole('button', { name: 'Restore the latest earlier version of Session FGD 3' }).click();
  await expect.element(page.getByText('Session FGD 3 was restored from its latest earlier version.')).toBeVisible();
  await expect.element(page.getByRole('link', { name: 'Open the map of FGD 3' })).toBeVisible();
  expect(host.calls.find((c) => c.op === 'restoreSessionVersion')?.payload).toEqual({ studyId: 'study-a', sessionId: 's9', versionId: 'new' });
});

test('desktop app: closing the window sends pending edits over the bridge without holding the window open', async () => {
  await startApp(host, studyHash('settings'));
  // A long quiet time, so only the unload can have written the edit.
  saveTiming.debounceMs = 60_000;
  await page.getByLabelText('Title').fill('Closed at once');
  expect(host.calls.filter((c) => c.op === 'saveStudy')).toHaveLength(0);
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  expect(event.defaultPrevented).toBe(false);
  await expect.poll(() => host.studies.get('study-a')!.title).toBe('Closed at once');
});

test('a study that cannot be opened says so on its study, session and compare pages, with a way out', async () => {
  for (const hash of ['#/study/gone', '#/study/gone/session/s1', '#/study/gone/compare']) {
    const screen = await startApp(host, hash);
    await expect.element(page.getByRole('heading', { level: 1, name: 'This study cannot be opened' }), { timeout: 5000 }).toBeVisible();
    await expect.element(page.getByRole('link', { name: /trash/i }).last()).toBeVisible();
    await screen.unmount();
  }
});

test('the session and compare pages of a study open once it has loaded', async () => {
  let screen = await startApp(host, '#/study/study-a/session/s1');
  await expect.element(page.getByRole('heading', { level: 1, name: /FGD 1/ })).toBeVisible();
  await screen.unmount();
  screen = await startApp(host, '#/study/study-a/compare');
  await expect.element(page.getByRole('heading', { level: 1, name: /compare/i })).toBeVisible();
  await screen.unmount();
});
