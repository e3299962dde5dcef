/**
 * Screenshots of the studies list and a realistic study page (default library, four
 * cohorts, twelve sessions at different stages), for design review and the README.
 *
 *   npm run build && npx tsx tests/e2e/studiesScreenshots.ts [out-dir]
 *       studies.png and study.png at 1366×768, plus the other tabs and dialogs
 *   npx tsx tests/e2e/studiesScreenshots.ts --readme
 *       writes resources/readme/studies.png and resources/readme/study.png
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../helpers/browser';
import { startPreview, type Preview } from '../helpers/preview';
import { generateStudy } from '../helpers/studyGenerator';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function call(preview: Preview, op: string, payload: unknown): Promise<unknown> {
  const res = await fetch(`${preview.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${preview.token}` },
    body: JSON.stringify(payload),
  });
  const r = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The main study with twelve sessions (some part-done, one without consent) and two others. */
async function seed(preview: Preview): Promise<string> {
  const { study, sessions } = generateStudy({ sessions: 10, stakeholders: 24, endlinePairs: 2, seed: 7 });
  study.id = 'nadia-murshidabad';
  study.title = 'Duty bearers in Nadia and Murshidabad, 2026';
  study.description = 'Power–interest mapping with survivor collectives, frontline social workers, duty bearers and funders in two districts of West Bengal.';
  await call(preview, 'createStudy', { study });
  const places = ['Krishnanagar', 'Ranaghat', 'Berhampore', 'Kandi', 'Tehatta', 'Domkal'];
  sessions.forEach((s, i) => {
    s.studyId = study.id;
    s.date = `2026-0${1 + (i % 3)}-${String(4 + i * 2).padStart(2, '0')}`;
    s.place = places[i % places.length]!;
    s.participants = s.kind === 'fgd' ? 6 + (i % 4) : 1;
    s.facilitator = i % 2 ? 'RB' : 'SM';
    if (i === 3 || i === 10) Object.keys(s.placements).slice(14).forEach((id) => delete s.placements[id]);
    if (i === 11) s.placements = {};
    if (i === 6) s.consent = false;
  });
  for (const s of sessions) await call(preview, 'saveSession', { session: s, baseRevision: 0 });

  const others = [
    { id: 'pilot', title: 'Pilot: Sundarbans blocks', description: 'Trial of the mapping exercise with two collectives before the main study.', updatedAt: '2025-11-20T11:05:00.000Z' },
    {
      id: 'dialogue-workshops',
      title: 'Dialogue workshops with duty bearers, Kolkata',
      description: 'Joint mapping sessions between survivor leaders and block officials after the baseline findings were shared.',
      updatedAt: '2026-03-02T15:20:00.000Z',
    },
  ];
  for (const o of others) await call(preview, 'createStudy', { study: { ...generateStudy({ sessions: 0, stakeholders: 24 }).study, ...o } });
  return study.id;
}

async function main(): Promise<void> {
  const readme = process.argv.includes('--readme');
  const out = readme ? join(repo, 'resources', 'readme') : resolve(process.argv[2] ?? join(repo, 'out', 'screenshots'));
  mkdirSync(out, { recursive: true });
  const base = mkdtempSync(join(tmpdir(), 'pimap-shots-'));
  const dataDir = join(base, 'Power–Interest Mapper');
  const preview = await startPreview({ dataDir });
  const browser = await launchBrowser();
  try {
    const studyId = await seed(preview);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
    // Open the study once so the list marks it as the last one opened.
    await page.goto(`${preview.url}#/study/${studyId}`);
    await h1(/Nadia/);
    await page.goto(`${preview.url}#/`);
    await h1('Studies');
    await page.mouse.move(0, 760);
    await page.screenshot({ path: join(out, 'studies.png') });
    await page.goto(`${preview.url}#/study/${studyId}`);
    await h1(/Nadia/);
    await page.screenshot({ path: join(out, 'study.png') });
    if (!readme) {
      await page.screenshot({ path: join(out, 'study-full.png'), fullPage: true });
      for (const tab of ['stakeholders', 'groups', 'settings']) {
        await page.goto(`${preview.url}#/study/${studyId}/${tab}`);
        await h1(/Nadia/);
        await page.screenshot({ path: join(out, `study-${tab}.png`) });
      }
      await page.goto(`${preview.url}#/study/${studyId}`);
      await page.getByRole('button', { name: 'New session' }).click();
      await page.screenshot({ path: join(out, 'new-session.png') });
    }
  } finally {
    await browser.close();
    await preview.stop();
    rmSync(base, { recursive: true, force: true });
  }
  console.log(`Screenshots in ${out}`);
}

await main();
