/**
 * Screenshots of the encryption dialogs (issue 16) in Bengali and Hindi, for design
 * review: the first three steps of Encrypt this study…, the forget dialog, the Settings
 * section and a locked card. (English is taken by tests/e2e/encryptStudy.test.ts.)
 *
 *   npm run build && npx tsx tests/e2e/privacyScreenshots.ts [out-dir]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { libraryStudy, realisticSession } from '../component/editor/fixtures';
import { launchBrowser } from '../helpers/browser';
import { previewApi as api, startPreview } from '../helpers/preview';

const out = resolve(process.argv[2] ?? join(tmpdir(), 'pimap-privacy-shots'));
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'pimap-privacy-shots-'));
const preview = await startPreview({ dataDir });
const browser = await launchBrowser();
try {
  const plain = { ...libraryStudy(), id: 'q1w2e3', title: 'নদিয়া ও মুর্শিদাবাদ, ২০২৬' };
  const locked = { ...libraryStudy(), id: 'z9x8c7', title: 'Locked one' };
  for (const s of [plain, locked]) {
    await api(preview, 'createStudy', { study: s });
    await api(preview, 'saveSession', { session: { ...realisticSession(s), studyId: s.id, id: `${s.id}-1` }, baseRevision: 0 });
  }
  const { words } = await api<{ words: string }>(preview, 'newRecoveryKey', {});
  await api(preview, 'encryptStudy', { studyId: locked.id, passphrase: 'river mango lantern seven', recoveryKey: words });
  await api(preview, 'lockStudy', { studyId: locked.id });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  for (const lang of ['bn', 'hi'] as const) {
    await api(preview, 'setPrefs', { language: lang, languageChosen: true, largeText: false });
    await page.goto(`${preview.url}#/`);
    await page.locator('[data-testid="locked-study-card"]').waitFor();
    await page.screenshot({ path: join(out, `${lang}-studies.png`) });
    await page.goto(`${preview.url}#/study/${plain.id}/settings`);
    await page.reload();
    const section = page.getByTestId('privacy-section');
    await section.getByTestId('privacy-state').waitFor();
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, `${lang}-settings.png`) });
    await section.locator('button.button-primary').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('encrypt-warning').waitFor();
    await page.screenshot({ path: join(out, `${lang}-encrypt-1.png`) });
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByTestId('passphrase-first').fill('নদী আম লণ্ঠন');
    await dialog.getByTestId('passphrase-second').fill('নদী আম');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.field-error').first().waitFor();
    await page.screenshot({ path: join(out, `${lang}-encrypt-2.png`) });
    await dialog.getByTestId('passphrase-second').fill('নদী আম লণ্ঠন');
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByTestId('recovery-words').waitFor();
    await page.screenshot({ path: join(out, `${lang}-encrypt-3.png`) });
    await page.keyboard.press('Escape');
    await section.locator('button.button-quiet-danger').click();
    await page.getByRole('dialog').getByTestId('forget-confirm').waitFor();
    await page.screenshot({ path: join(out, `${lang}-forget.png`) });
    await page.keyboard.press('Escape');
  }
  console.log(`Screenshots in ${out}`);
} finally {
  await browser.close();
  await preview.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
