import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGLISH_EXPORT_TEXT } from '../../../electron/services/export/englishText';
import { openRenderer, type ExportRenderer } from '../../../electron/services/export/render';
import { reportHtml, reportPdf } from '../../../electron/services/export/report';
import { compareCohorts } from '../../../shared/analysis/compareCohorts';
import { buildReportHtml, expectedReportPages } from '../../../shared/export/reportHtml';
import { escapeXml } from '../../../shared/export/svgText';
import { launchChromium, pdfFonts, pdfInfo, pdfText, squash } from './chromiumCheck';
import { exportSessions, exportStudy, NOTES } from './exportFixture';

const study = exportStudy();
const sessions = exportSessions(study);
const base = { study, sessions, appVersion: '0.1.0', permutations: 199, seed: 5, generatedOn: '2026-11-28' };
const text = ENGLISH_EXPORT_TEXT.report;

describe('report HTML (pure)', () => {
  it('writes the methods note from the data: axes, midline, cohorts with n, rounds, statistics, permutations and seed', () => {
    const html = reportHtml(base);
    expect(html).toContain(study.axes.power);
    expect(html).toContain(study.axes.interest);
    expect(html).toContain('The zones are split at 5 on the power axis and 5 on the interest axis');
    expect(html).toMatch(/<td>Survivors<\/td><td>3<\/td>/);
    expect(html).toMatch(/<td>Duty bearers<\/td><td>3<\/td>/);
    expect(html).not.toContain('<td>Financiers</td>'); // no session in that cohort
    expect(html).toContain('Rounds: Baseline');
    for (const s of text.statistics) expect(html).toContain(`<dt>${s.term}</dt>`);
    expect(html).toContain('Permutations: 199; random seed: 5.');
    expect(html).toContain(text.sessionsNotIndividuals);
    expect(html).toContain(text.exploratory);
    expect(html).toContain('Notes and quotes were left out of this report.');
  });

  it('opens with what the maps say, each finding with the n it rests on', () => {
    const html = reportHtml(base);
    const title = html.slice(html.indexOf('title-page'), html.indexOf('</section>'));
    expect(title).toContain('<h3>What the maps say</h3>');
    expect(title).toMatch(/<li>Cohorts disagree most about: [^<]*Local police station \(n = 9, 3 cohorts\)/);
    expect(title).toContain('<li>Survivors did not know: Village Level Child Protection Committee (in at least half of its sessions, n = 3).</li>');
    expect(title).toMatch(/<li>All cohorts agree: [^<]*ASHA worker \(100%, n = 9\) in “Low power, high interest”/);
    expect(title).toContain(text.sessionsNotIndividuals);
  });

  it('shows "not testable" and no p-value where a cohort has fewer than 3 sessions', () => {
    // Two survivors' sessions only: no stakeholder has two cohorts with n ≥ 3.
    const few = sessions.filter((s) => s.cohortId !== 'survivors' || s.code !== 'FGD 3').filter((s) => s.cohortId !== 'duty-bearers');
    const html = buildReportHtml({ study, sessions: few, analysis: compareCohorts(study, few, { permutations: 99, seed: 1 }), text: ENGLISH_EXPORT_TEXT, lang: 'en', generatedOn: '2026-11-28', appVersion: '0' });
    expect(html).toContain('not testable: fewer than two cohorts with 3 sessions');
    expect(html).not.toMatch(/<td class="num">0\.\d{4}<\/td>/);
  });

  it('marks a stakeholder whose cohorts differ in spread and says under the table what that means', () => {
    // Police: six survivors' sessions all but agree, six social workers' are scattered around
    // the same centre (with 3 + 3 sessions no permutation p-value could reach 0.05).
    const spread: Record<string, [number, number][]> = {
      survivors: [[8, 2], [8.1, 2.1], [7.9, 1.9], [8, 2.05], [8.05, 1.95], [7.95, 2]],
      'social-workers': [[10, 0], [6, 4], [10, 4], [6, 0], [8, 4], [8, 0]],
    };
    const template = sessions[0]!;
    const placed = Object.entries(spread).flatMap(([cohortId, points]) =>
      points.map(([power, interest], i) => ({
        ...template,
        id: `spread-${cohortId}-${i}`,
        code: `${cohortId} ${i}`,
        cohortId,
        placements: { ...template.placements, police: { ...template.placements.police!, status: 'placed' as const, position: { power, interest } } },
      })),
    );
    const analysis = compareCohorts(study, placed, { permutations: 199, seed: 3 });
    expect(analysis.stakeholders.find((s) => s.id === 'police')!.dispersion?.differs).toBe(true);
    const html = buildReportHtml({ study, sessions: placed, analysis, text: ENGLISH_EXPORT_TEXT, lang: 'en', generatedOn: '2026-11-28', appVersion: '0' });
    const policeRow = html.split('<tr>').find((r) => r.startsWith('<td>Local police station</td>'))!;
    expect(policeRow).toMatch(/<td class="num">[\d.]+ \*<\/td>/);
    expect(html).toContain(`<p class="footnote">${escapeXml(text.spreadDiffers)}</p>`);
  });

  it('leaves notes out by default and prints them under their map only when asked', () => {
    const redacted = reportHtml(base);
    for (const n of Object.values(NOTES)) expect(redacted).not.toContain(n);
    const open = reportHtml({ ...base, redact: false });
    for (const n of Object.values(NOTES)) expect(open).toContain(n);
  });
});

describe('report PDF (Chromium)', () => {
  let browser: Browser;
  let renderer: ExportRenderer;
  let redacted: Buffer;
  let open: Buffer;
  beforeAll(async () => {
    browser = await launchChromium();
    renderer = await openRenderer(browser);
    redacted = await reportPdf(base, renderer);
    open = await reportPdf({ ...base, redact: false }, renderer);
  });
  afterAll(async () => {
    await renderer?.close();
    await browser?.close();
  });

  it('opens with pdfinfo and has the pages the layout rule predicts', () => {
    const info = pdfInfo(redacted);
    const compared = study.stakeholders.filter((st) => sessions.some((s) => s.placements[st.id]?.status === 'placed')).length;
    // title + methods + 9 maps + ceil(13 / 2) compare pages + divergence + dictionary
    expect(expectedReportPages(9, compared)).toBe(20);
    expect(info).toMatch(new RegExp(`Pages:\\s+${expectedReportPages(9, compared)}\\n`));
    expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
  });

  it('pdftotext finds the methods note, the caveats and every stakeholder by name', () => {
    const t = squash(pdfText(redacted));
    expect(t).toContain(squash('Methods note'));
    expect(t).toContain(squash(text.methodsIntro));
    expect(t).toContain(squash('Permutations: 199; random seed: 5.'));
    expect(t).toContain(squash(text.sessionsNotIndividuals));
    expect(t).toContain(squash(text.exploratory));
    expect(t).toContain(squash('Divergence table'));
    expect(t).toContain(squash('Data dictionary (CSV)'));
    for (const s of study.stakeholders) expect(t, s.name).toContain(squash(s.name));
    for (const s of sessions) expect(t).toContain(squash(`Session ${s.code}`));
  });

  it('embeds the Bengali and Devanagari faces', () => {
    const fonts = pdfFonts(redacted);
    expect(fonts).toMatch(/NotoSansBengali-(Regular|Bold)/);
    expect(fonts).toMatch(/NotoSansDevanagari-(Regular|Bold)/);
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/\byes\s+yes\s+yes\b/);
  });

  it('has no note text when redacted, and the notes when asked for them', () => {
    const r = pdfText(redacted);
    expect(r).not.toContain('SECRET-NOTE');
    const o = squash(pdfText(open));
    for (const n of Object.values(NOTES)) expect(o).toContain(squash(n));
  });
});
