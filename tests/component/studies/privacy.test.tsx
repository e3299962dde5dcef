import { afterEach, beforeEach, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { makeSession, makeStudy } from '../app/fakeHost';
import { startApp } from '../app/setup';
import { PrivacyHost, RECOVERY_WORDS } from './privacyHost';

let host: PrivacyHost;
let printed = 0;
const realPrint = window.print;

beforeEach(() => {
  host = new PrivacyHost();
  const a = makeStudy('study-a', 'Nadia baseline');
  host.addStudy(a, [makeSession(a, 's1', 'FGD 1'), makeSession(a, 's2', 'FGD 2')]);
  host.addStudy(makeStudy('study-b', 'Pilot in the Sundarbans'));
  // The print dialog would block the test browser; count the calls instead.
  printed = 0;
  window.print = () => {
    printed++;
  };
});
afterEach(() => {
  window.print = realPrint;
});

const encryptCalls = () => host.calls.filter((c) => c.op === 'encryptStudy');

/** Open the encrypt dialog from the study's Settings tab and go to the passphrase step. */
async function toPassphraseStep() {
  await startApp(host, '#/study/study-a/settings');
  await page.getByRole('button', { name: 'Encrypt this study…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Encrypt “Nadia baseline”' });
  await expect.element(dialog.getByText('Step 1 of 4')).toBeVisible();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect.element(dialog.getByText('Step 2 of 4')).toBeVisible();
  return dialog;
}

/** The positions (1-based) the dialog asks for, read from its three labelled fields. */
async function askedPositions(): Promise<number[]> {
  const inputs = document.querySelectorAll<HTMLInputElement>('.key-confirm-input');
  return [...inputs].map((i) => Number(i.dataset.position));
}

test('says what encryption protects and what not before anything starts, and offers a backup first', async () => {
  await startApp(host, '#/study/study-a/settings');
  await expect.element(page.getByTestId('privacy-state')).toHaveTextContent('This study is not encrypted');
  await page.getByRole('button', { name: 'Encrypt this study…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Encrypt “Nadia baseline”' });
  await expect.element(dialog.getByTestId('encrypt-warning')).toHaveTextContent(
    'If you lose both the passphrase and the recovery key, nobody — not you, not us — can open this study again.',
  );
  await expect.element(dialog).toHaveTextContent('Copies made before today are not encrypted');
  await expect.element(dialog).toHaveTextContent('A backup is a plain file, not encrypted.');
  // Nothing was asked of the host yet: reading the warning costs nothing.
  expect(host.calls.filter((c) => ['newRecoveryKey', 'encryptStudy'].includes(c.op))).toEqual([]);
  await dialog.getByRole('button', { name: 'Back up first…' }).click();
  await expect.element(page.getByRole('dialog', { name: 'Back up “Nadia baseline”' })).toBeVisible();
});

test('refuses a short passphrase and two that differ, and asks for no key meanwhile', async () => {
  const dialog = await toPassphraseStep();
  await dialog.getByLabelText('Passphrase', { exact: true }).fill('short');
  await dialog.getByLabelText('Repeat the passphrase').fill('short');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect.element(dialog.getByText('Use at least 8 characters.')).toBeVisible();

  await dialog.getByLabelText('Passphrase', { exact: true }).fill('river mango lantern seven');
  await dialog.getByLabelText('Repeat the passphrase').fill('river mango lantern sevem');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect.element(dialog.getByText('The two passphrases are not the same.')).toBeVisible();
  await expect.element(dialog.getByText('Step 2 of 4')).toBeVisible();
  expect(host.calls.filter((c) => c.op === 'newRecoveryKey')).toEqual([]);

  // Hidden while typed; shown on request.
  const first = dialog.getByLabelText('Passphrase', { exact: true });
  await expect.element(first).toHaveAttribute('type', 'password');
  await dialog.getByLabelText('Show passphrase').click();
  await expect.element(first).toHaveAttribute('type', 'text');
});

test('encrypts only after three words of the recovery key are typed back, with print and QR code', async () => {
  const dialog = await toPassphraseStep();
  await dialog.getByLabelText('Passphrase', { exact: true }).fill('river mango lantern seven');
  await dialog.getByLabelText('Repeat the passphrase').fill('river mango lantern seven');
  await dialog.getByRole('button', { name: 'Next' }).click();

  await expect.element(dialog.getByText('Step 3 of 4')).toBeVisible();
  const words = dialog.getByTestId('recovery-words');
  await expect.element(words).toHaveTextContent(RECOVERY_WORDS[23]!);
  expect(words.element().querySelectorAll('li')).toHaveLength(24);
  // The host's QR code is drawn as an image (a data: URL), not put into the page as markup.
  const qr = dialog.getByRole('img', { name: 'QR code of the 24 recovery words' });
  await expect.element(qr).toHaveAttribute('src', expect.stringMatching(/^data:image\/svg\+xml;charset=utf-8,/));
  await dialog.getByRole('button', { name: 'Print the key sheet' }).click();
  expect(printed).toBe(1);
  // The printed sheet holds the words and nothing that names the study.
  const sheet = document.querySelector<HTMLElement>('body > .key-print-sheet')!;
  expect([...sheet.querySelectorAll('.key-word-text')].map((w) => w.textContent)).toEqual(RECOVERY_WORDS);
  expect(sheet.textContent).not.toContain('Nadia');
  expect(getComputedStyle(sheet).display).toBe('none');

  const submit = dialog.getByRole('button', { name: 'Encrypt the study' });
  await expect.element(submit).toBeDisabled();
  const positions = await askedPositions();
  expect(new Set(positions).size).toBe(3);
  // Two right and one wrong: still refused, and the wrong one is named once left.
  const [p1, p2, p3] = positions as [number, number, number];
  await dialog.getByLabelText(`Word ${p1}`, { exact: true }).fill(RECOVERY_WORDS[p1 - 1]!);
  await dialog.getByLabelText(`Word ${p2}`, { exact: true }).fill(` ${RECOVERY_WORDS[p2 - 1]!.toUpperCase()} `);
  const wrong = RECOVERY_WORDS[p3 % 24]!;
  await dialog.getByLabelText(`Word ${p3}`, { exact: true }).fill(wrong);
  await userEvent.tab();
  await expect.element(dialog.getByText(`This is not word ${p3}.`)).toBeVisible();
  await expect.element(submit).toBeDisabled();
  // Enter in a field does not submit past the check either.
  await dialog.getByLabelText(`Word ${p3}`, { exact: true }).click();
  await userEvent.keyboard('{Enter}');
  await expect.element(dialog.getByText('Step 3 of 4')).toBeVisible();
  expect(encryptCalls()).toEqual([]);

  await dialog.getByLabelText(`Word ${p3}`, { exact: true }).fill(RECOVERY_WORDS[p3 - 1]!);
  await expect.element(submit).toBeEnabled();
  const release = host.holdOp('encryptStudy');
  await submit.click();
  await expect.element(dialog.getByText('Encrypting… Do not close the app.')).toBeVisible();
  release();
  await expect.element(dialog.getByTestId('encrypt-done')).toHaveTextContent('Encrypted: 7 files. The study locks after 10 minutes without use.');
  expect(encryptCalls()).toEqual([{ op: 'encryptStudy', payload: { studyId: 'study-a', passphrase: 'river mango lantern seven', recoveryKey: RECOVERY_WORDS.join(' ') } }]);

  await dialog.getByRole('button', { name: 'Close' }).last().click();
  // The key is gone with the dialog, the printable sheet too; the page now says the study is encrypted.
  expect(document.querySelector('.key-print-sheet')).toBeNull();
  await expect.element(page.getByTestId('privacy-state')).toHaveTextContent('This study is encrypted.');
  await expect.element(page.getByRole('button', { name: 'Change passphrase…' })).toBeVisible();
  await expect.element(page.getByRole('button', { name: 'Encrypt this study…' })).not.toBeInTheDocument();
});

test('changes the passphrase of an unlocked study, saying the data and the recovery key stay as they are', async () => {
  host.encryption.set('study-a', 'unlocked');
  await startApp(host, '#/study/study-a/settings');
  await page.getByRole('button', { name: 'Change passphrase…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change the passphrase' });
  await expect.element(dialog).toHaveTextContent('The study’s files are not rewritten, and the recovery key stays the same.');
  await dialog.getByLabelText('New passphrase').fill('banyan kite ferry');
  await dialog.getByLabelText('Repeat the passphrase').fill('banyan kite ferri');
  await dialog.getByRole('button', { name: 'Change passphrase' }).click();
  await expect.element(dialog.getByText('The two passphrases are not the same.')).toBeVisible();
  expect(host.calls.filter((c) => c.op === 'changePassphrase')).toEqual([]);

  await dialog.getByLabelText('Repeat the passphrase').fill('banyan kite ferry');
  await dialog.getByRole('button', { name: 'Change passphrase' }).click();
  await expect.element(page.getByText('The passphrase was changed. The recovery key is the same as before.')).toBeVisible();
  expect(host.calls.filter((c) => c.op === 'changePassphrase')).toEqual([{ op: 'changePassphrase', payload: { studyId: 'study-a', newPassphrase: 'banyan kite ferry' } }]);
  await expect.element(dialog).not.toBeInTheDocument();
});

test('forgets a study only after its title is typed, then lists the studies with what was removed', async () => {
  await startApp(host, '#/study/study-a/settings');
  await page.getByRole('button', { name: 'Forget this study on this device…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forget “Nadia baseline” on this device' });
  await expect.element(dialog).toHaveTextContent('It cannot be undone');
  await expect.element(dialog).toHaveTextContent('On SSDs and flash drives, deleted data can sometimes still be recovered');
  await expect.element(dialog.getByRole('button', { name: 'Back up…' })).toBeVisible();
  await expect.element(dialog.getByRole('button', { name: 'Export…' })).toBeVisible();

  const submit = dialog.getByRole('button', { name: 'Forget this study' });
  await expect.element(submit).toBeDisabled();
  const confirm = dialog.getByLabelText('To confirm, type the study’s title: Nadia baseline');
  await confirm.fill('Nadia');
  await expect.element(submit).toBeDisabled();
  await userEvent.keyboard('{Enter}');
  expect(host.calls.filter((c) => c.op === 'forgetStudy')).toEqual([]);

  await confirm.fill('  Nadia baseline ');
  await submit.click();
  await expect.element(page.getByText('Forgot “Nadia baseline” (3 files removed from this device).')).toBeVisible();
  await expect.element(page.getByRole('heading', { level: 1, name: 'Studies' })).toBeVisible();
  expect(window.location.hash).toBe('#/');
  await expect.element(page.getByRole('link', { name: 'Nadia baseline' })).not.toBeInTheDocument();
  expect(host.calls.filter((c) => c.op === 'forgetStudy')).toEqual([{ op: 'forgetStudy', payload: { studyId: 'study-a' } }]);
  // Not to the trash: forgetting is not a delete with an undo.
  expect(host.calls.some((c) => c.op === 'deleteStudy')).toBe(false);
});

test('a locked study’s card says so in words and offers only to unlock it', async () => {
  host.encryption.set('study-a', 'locked');
  host.encryption.set('study-b', 'unlocked');
  await startApp(host);
  const locked = page.getByTestId('locked-study-card');
  await expect.element(locked).toHaveTextContent('Encrypted study (locked)');
  await expect.element(locked.getByText('Encrypted', { exact: true })).toBeVisible();
  await expect.element(locked.getByText('Locked', { exact: true })).toBeVisible();
  await expect.element(locked).toHaveTextContent('2 sessions');
  await expect.element(locked).toHaveTextContent(/Changed /);
  const unlock = locked.getByRole('link', { name: /^Unlock the encrypted study changed / });
  await expect.element(unlock).toHaveAttribute('href', '#/study/study-a');
  await expect.element(unlock).toHaveTextContent('Unlock…');
  // Nothing on it needs the data: no rename, backup or trash; only forgetting it here.
  expect(locked.getByRole('button').elements().map((b) => b.textContent)).toEqual(['Forget…']);

  // An unlocked encrypted study: its badge, its usual actions, no second "Encrypt".
  const pilot = page.getByRole('listitem').filter({ hasText: 'Pilot in the Sundarbans' });
  await expect.element(pilot.getByText('Encrypted', { exact: true })).toBeVisible();
  await expect.element(pilot.getByText('Locked', { exact: true })).not.toBeInTheDocument();
  await expect.element(pilot.getByRole('button', { name: 'Back up “Pilot in the Sundarbans”' })).toBeVisible();
  await expect.element(pilot.getByRole('button', { name: 'Encrypt Pilot in the Sundarbans' })).not.toBeInTheDocument();
});

test('forgets a locked study from its card after the word is typed, without its title', async () => {
  host.encryption.set('study-a', 'locked');
  await startApp(host);
  await page.getByTestId('locked-study-card').getByRole('button', { name: /^Forget the encrypted study changed / }).click();
  const dialog = page.getByRole('dialog', { name: 'Forget the encrypted study on this device' });
  // Nothing can be copied from a locked study, and the dialog says so instead of offering it.
  await expect.element(dialog).toHaveTextContent('It is locked, so it cannot be backed up or exported first.');
  await expect.element(dialog.getByRole('button', { name: 'Back up…' })).not.toBeInTheDocument();
  const submit = dialog.getByRole('button', { name: 'Forget this study' });
  await expect.element(submit).toBeDisabled();
  await dialog.getByLabelText('To confirm, type the word: forget').fill('forge');
  await expect.element(submit).toBeDisabled();
  await dialog.getByLabelText('To confirm, type the word: forget').fill('Forget');
  await submit.click();
  await expect.element(page.getByText('Forgot the encrypted study (3 files removed from this device).')).toBeVisible();
  await expect.element(page.getByTestId('locked-study-card')).not.toBeInTheDocument();
  expect(host.calls.filter((c) => c.op === 'forgetStudy')).toEqual([{ op: 'forgetStudy', payload: { studyId: 'study-a' } }]);
});

test('the backup of an encrypted study says the file is not encrypted', async () => {
  host.encryption.set('study-b', 'unlocked');
  await startApp(host);
  await page.getByRole('button', { name: 'Back up “Pilot in the Sundarbans”' }).click();
  await expect.element(page.getByTestId('backup-plain')).toHaveTextContent('the backup file will not be: anyone who has the file can read it.');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Back up “Nadia baseline”' }).click();
  await expect.element(page.getByRole('dialog', { name: 'Back up “Nadia baseline”' })).toBeVisible();
  await expect.element(page.getByTestId('backup-plain')).not.toBeInTheDocument();
});

test('a plain study’s card offers encryption next to Back up', async () => {
  await startApp(host);
  await page.getByRole('button', { name: 'Encrypt Pilot in the Sundarbans' }).click();
  const dialog = page.getByRole('dialog', { name: 'Encrypt “Pilot in the Sundarbans”' });
  await expect.element(dialog.getByTestId('encrypt-warning')).toBeVisible();
});

test('a new study can be encrypted before its first session: the encrypt dialog follows the new-study dialog', async () => {
  await startApp(host, '#/');
  await page.getByRole('button', { name: 'New study' }).click();
  const create = page.getByRole('dialog', { name: 'New study' });
  await create.getByLabelText('Title').fill('Basanti survivors');
  await create.getByLabelText('Encrypt this study before its first session').click();
  await create.getByRole('button', { name: 'Create study' }).click();
  const encrypt = page.getByRole('dialog', { name: 'Encrypt “Basanti survivors”' });
  await expect.element(encrypt.getByText('Step 1 of 4')).toBeVisible();
  expect(host.calls.some((c) => c.op === 'createStudy')).toBe(true);
  expect(encryptCalls()).toEqual([]);
  await encrypt.getByRole('button', { name: 'Cancel' }).click();
  // Cancelled: the study exists (plain, as the dialog said) and its page opens.
  await expect.element(page.getByRole('heading', { level: 1, name: 'Basanti survivors' })).toBeVisible();
});
