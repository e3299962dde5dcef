import { beforeEach, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import type { Study } from '../../../shared/model/study';
import { makeSession, makeStudy } from '../app/fakeHost';
import { startApp } from '../app/setup';
import { ExportFakeHost } from './exportHost';

/**
 * The export dialog's "Language of the file": it starts at the interface's language, the
 * user may pick another, and the choice is what the host is asked for. A study file
 * carries every language, so the choice is off for it.
 */
let host: ExportFakeHost;
let study: Study;
const placed = (power: number, interest: number) => ({ status: 'placed' as const, position: { power, interest }, contested: false, alt: null, note: '' });

beforeEach(async () => {
  await page.viewport(1366, 768);
  host = new ExportFakeHost();
  study = makeStudy('study-a', 'Nadia baseline', 6);
  host.addStudy(study, [makeSession(study, 's1', 'FGD 1', { placements: { bdo: placed(8, 2), police: placed(9, 1.5) } })]);
});

describe('the language of an exported file', () => {
  test('in Bengali the map is asked for in Bengali; choosing Hindi asks for Hindi', async () => {
    host.prefs = { ...host.prefs, language: 'bn', languageChosen: true };
    await startApp(host, '#/study/study-a/session/s1');
    await page.getByRole('button', { name: 'মানচিত্র এক্সপোর্ট…' }).click();
    const dialog = page.getByRole('dialog');
    const select = dialog.getByRole('combobox', { name: 'ফাইলের ভাষা' });
    await expect.element(select).toHaveValue('bn');
    await expect.element(dialog.getByText('ছবি বা রিপোর্টের কথা আর অংশীজনদের নাম এই ভাষায় থাকবে।', { exact: false })).toBeVisible();
    await select.selectOptions('hi');
    await dialog.getByTestId('export-submit').click();
    await expect.poll(() => host.payloadsOf('exportSession')).toEqual([expect.objectContaining({ sessionId: 's1', format: 'svg', language: 'hi' })]);
  });

  test('in English the study CSV is asked for in English unless another language is chosen; a study file has no language', async () => {
    await startApp(host, '#/study/study-a');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Nadia baseline' });
    const select = dialog.getByRole('combobox', { name: 'Language of the file' });
    await expect.element(select).toHaveValue('en');
    await expect.element(dialog.getByText('The stakeholder names in the CSV. Column names and codes stay the same, for Excel and R.')).toBeVisible();
    await dialog.getByRole('radio', { name: /^Study file/ }).click();
    await expect.element(select).toBeDisabled();
    await expect.element(dialog.getByText('A study file carries the names in every language.')).toBeVisible();
    await dialog.getByRole('radio', { name: /^CSV for Excel or R/ }).click();
    await select.selectOptions('bn');
    await dialog.getByTestId('export-submit').click();
    await expect.poll(() => host.payloadsOf('exportStudy')).toEqual([expect.objectContaining({ format: 'csv', language: 'bn' })]);
  });
});
