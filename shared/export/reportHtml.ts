import type { CohortComparison, StakeholderComparison } from '../analysis/compareCohorts';
import { summarize, type FindingBasis, type SummaryItem } from '../analysis/summarize';
import { LONG_FORMAT_COLUMNS } from '../csv/longFormat';
import type { Session } from '../model/session';
import { stakeholderLabel, type Language, type Stakeholder } from '../model/stakeholder';
import type { Study } from '../model/study';
import { buildCompareSvg } from './compareSvg';
import { fillText, type ExportText } from './exportText';
import { buildMapSvg, cohortName, roundName } from './mapSvg';
import { redactSession } from './redact';
import { escapeXml } from './svgText';


export interface ReportInput {
  study: Study;
  /** The sessions of the report (a whole study or a selection). */
  sessions: readonly Session[];
  /** `compareCohorts` over the same sessions. */
  analysis: CohortComparison;
  text: ExportText;
  lang: Language;
  /** Leave out notes and quotes (the default for reports). */
  redact?: boolean;
  /** `@font-face` rules with embedded fonts; written once for the whole document. */
  fontCss?: string;
  /** Date shown on the title page, e.g. 2026-11-28. */
  generatedOn: string;
  appVersion: string;
}

/**
 * Pages, for checking a printed report: title 1, methods 1 (2 with many cohorts or
 * rounds), one per session map (more only when long notes are included), one per two
 * compare views, the divergence table on landscape pages (about 14 rows a page) and
 * the data dictionary 1.
 */
export function expectedReportPages(sessions: number, comparedStakeholders: number): number {
  return 1 + 1 + sessions + Math.ceil(comparedStakeholders / 2) + Math.max(1, Math.ceil(comparedStakeholders / 14)) + 1;
}

const fmt = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? null : v.toFixed(digits));

function svgInline(svg: string): string {
  return svg.replace(/^<\?xml[^>]*\?>\s*/, '');
}

function labelOf(study: Study, id: string, lang: Language, fallback: { name: string; short: string }): { name: string; short: string } {
  const s: Stakeholder | undefined = study.stakeholders.find((x) => x.id === id);
  return s ? stakeholderLabel(s, lang) : fallback;
}

/**
 * The plain-language findings, worded from the analysis' summary items the way the compare
 * view words them on screen: who the cohorts disagree about, where they all agree, what a
 * cohort did not know. Every finding names the n it rests on.
 */
function findingsOf(study: Study, analysis: CohortComparison, text: ExportText, lang: Language): string[] {
  const s = text.report.summary;
  const items: SummaryItem[] = summarize(analysis);
  const list = (names: string[]) => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);
  const name = (id: string) => {
    const fromAnalysis = analysis.stakeholders.find((x) => x.id === id);
    return labelOf(study, id, lang, { name: fromAnalysis?.name ?? id, short: fromAnalysis?.short ?? id }).name;
  };
  const withN = (basis: readonly FindingBasis[]) => list(basis.map((b) => fillText(s.nameWithN, { name: name(b.stakeholderId), n: b.n, cohorts: b.cohorts })));
  const out: string[] = [];
  for (const item of items) {
    if (item.kind === 'disagree_most') out.push(fillText(s.disagreeMost, { names: withN(item.stakeholders) }));
    else if (item.kind === 'no_divergence') out.push(fillText(s.noDivergence, { count: item.testable }));
    else if (item.kind === 'same_group_in_several_rounds') out.push(fillText(s.sameGroupRounds, { codes: list(item.codes) }));
    else if (item.kind === 'nothing_testable') out.push(item.reason === 'all_at_one_point' ? s.nothingTestableOnePoint : s.nothingTestable);
    else if (item.kind === 'differ_in_spread') out.push(fillText(s.differInSpread, { names: withN(item.stakeholders) }));
  }
  // Consensus grouped by zone; one that is also divergent is named apart, or the two would seem to contradict.
  const consensus = items.filter((i): i is Extract<SummaryItem, { kind: 'zone_consensus' }> => i.kind === 'zone_consensus');
  const byZone = (group: typeof consensus) => {
    const zones = new Map<string, typeof consensus>();
    for (const c of group) zones.set(c.zone, [...(zones.get(c.zone) ?? []), c]);
    return [...zones]
      .map(([, members]) =>
        fillText(s.agreeZone, {
          zone: text.zones[members[0]!.zone],
          names: list(members.map((c) => fillText(s.agreeName, { name: name(c.stakeholderId), share: `${Math.round(c.share * 100)}%`, n: c.n }))),
        }),
      )
      .join(s.partSeparator);
  };
  const agreed = consensus.filter((c) => !c.divergent);
  const apart = consensus.filter((c) => c.divergent);
  if (agreed.length) out.push(fillText(s.allAgree, { parts: byZone(agreed) }));
  if (apart.length) out.push(fillText(s.sameZoneApart, { parts: byZone(apart) }));
  for (const item of items)
    if (item.kind === 'did_not_know')
      out.push(fillText(s.didNotKnow, { cohort: cohortName(study, item.cohortId), names: list(item.stakeholderIds.map(name)), sessions: item.sessions }));
  return out;
}

const CSS = `
@page { size: A4 portrait; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { font-family: 'Noto Sans', 'Noto Sans Bengali', 'Noto Sans Devanagari', sans-serif; font-size: 10.5pt; color: #111; line-height: 1.45; }
body { margin: 0; }
h1 { font-size: 24pt; margin: 0 0 6mm; line-height: 1.2; }
h2 { font-size: 15pt; margin: 0 0 4mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
p { margin: 0 0 3mm; }
.page { break-after: page; }
.page:last-child { break-after: auto; }
.title-page { padding-top: 40mm; }
.findings { margin: 0 0 3mm; padding-left: 5mm; }
.findings li { margin-bottom: 1.5mm; }
.subtitle { font-size: 14pt; color: #333; margin-bottom: 10mm; }
.muted { color: #555; }
.notice { border-left: 3pt solid #0072b2; padding: 1mm 0 1mm 3mm; margin: 3mm 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
th, td { border: 0.5pt solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
.divergence { font-size: 8pt; }
@page wide { size: A4 landscape; margin: 12mm 14mm 16mm 14mm; }
.divergence-page { page: wide; }
code { font-family: inherit; font-weight: 700; }
/* Bengali and Devanagari lines stand taller than Latin ones: the methods note is set tight enough to keep to one page in all three languages. */
.methods dl { font-size: 8.5pt; line-height: 1.3; display: grid; grid-template-columns: 32mm 1fr; column-gap: 3mm; row-gap: 1mm; }
.methods dt { margin: 0; } .methods dd { margin: 0; }
.methods { font-size: 9.5pt; line-height: 1.4; }
.methods p { margin-bottom: 2.2mm; }
.methods h2 { margin-bottom: 3mm; }
.methods table.cohorts { width: auto; min-width: 80mm; margin-bottom: 0; }
.methods td, .methods th { padding: 0.5mm 1.5mm; }
.two-col { display: flex; gap: 10mm; }
.divergence td, .divergence th { padding: 0.5mm 1.2mm; line-height: 1.2; }
.divergence td.zone { white-space: nowrap; }
.divergence-page ul { margin: 0; font-size: 9pt; }
.footnote { font-size: 8.5pt; margin-top: -2mm; }
.methods h3 { margin: 3mm 0 1.5mm; }
.divergence td.num { text-align: right; white-space: nowrap; }
dl { margin: 0; } dt { font-weight: 700; margin-top: 1.5mm; } dd { margin: 0 0 0 5mm; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
.map-notes li { margin-bottom: 1mm; }
.compare-pair figure { margin-bottom: 6mm; }
tr { break-inside: avoid; }
`;

/**
 * The printable report as one HTML document with print CSS: title page, methods note
 * generated from the data, every session's map, the compare view per stakeholder, the
 * divergence table and the CSV data dictionary. Chromium prints it to PDF (the desktop
 * app with `webContents.printToPDF`, the CLI and preview with `page.pdf()`), which
 * shapes Bengali and Devanagari and keeps text as text.
 */
export function buildReportHtml(input: ReportInput): string {
  const { study, analysis, text, lang } = input;
  const redact = input.redact ?? true;
  const t = text.report;
  const sessions = input.sessions.map((s) => (redact ? redactSession(s) : s));
  const e = escapeXml;
  const pages: string[] = [];

  // Title page.
  const compared = analysis.stakeholders.filter((s) => s.n > 0);
  pages.push(`<section class="page title-page">
<h1>${e(study.title)}</h1>
<p class="subtitle">${e(t.subtitle)}</p>
<p>${e(fillText(t.scope, { sessions: analysis.sessions, stakeholders: compared.length, cohorts: analysis.cohorts.length }))}</p>
<p class="muted">${e(fillText(t.generated, { date: input.generatedOn, version: input.appVersion }))}</p>
${redact ? `<p class="notice">${e(t.redactedNote)}</p>` : ''}
<h3>${e(t.summary.heading)}</h3>
<ul class="findings">${findingsOf(study, analysis, text, lang).map((f) => `<li>${e(f)}</li>`).join('')}</ul>
<p class="muted">${e(t.sessionsNotIndividuals)} ${e(t.exploratory)}</p>
<h3>${e(t.contents)}</h3>
<ol>${[t.methods, t.sessionMaps, t.compareViews, t.divergence, t.dictionary].map((h) => `<li>${e(h)}</li>`).join('')}</ol>
</section>`);

  // Methods note, generated from the data.
  const rounds = [...new Set(sessions.map((s) => s.roundId))].filter((r): r is string => r !== null).map((r) => roundName(study, r));
  const alpha = (v: number | null) => fmt(v, 3) ?? t.notAvailable;
  pages.push(`<section class="page methods">
<h2>${e(t.methods)}</h2>
<p>${e(t.methodsIntro)}</p>
<h3>${e(t.axesHeading)}</h3>
<p>${e(fillText(t.axisPower, { power: analysis.axes.power }))}<br>${e(fillText(t.axisInterest, { interest: analysis.axes.interest }))}</p>
<p>${e(fillText(t.midline, { power: analysis.midline.power, interest: analysis.midline.interest }))}</p>
<div class="two-col"><div>
<h3>${e(t.cohortsHeading)}</h3>
<table class="cohorts"><thead><tr><th>${e(t.cohortColumn)}</th><th>${e(t.sessionsColumn)}</th></tr></thead><tbody>
${analysis.cohorts.map((c) => `<tr><td>${e(c.name)}</td><td>${c.sessions}</td></tr>`).join('\n')}
</tbody></table>
</div><div>
<h3>${e(t.roundsHeading)}</h3>
<p>${e(rounds.length ? fillText(t.rounds, { rounds: rounds.join(', ') }) : t.noRounds)}</p>
</div></div>
<h3>${e(t.statisticsHeading)}</h3>
<dl>${t.statistics.map((s) => `<dt>${e(s.term)}</dt><dd>${e(s.definition)}</dd>`).join('')}</dl>
<p class="notice">${e(fillText(t.permutations, { permutations: analysis.permutations, seed: analysis.seed }))}<br>
${e(fillText(t.alpha, { power: alpha(analysis.alpha.power), interest: alpha(analysis.alpha.interest) }))}<br>
<strong>${e(t.sessionsNotIndividuals)}</strong><br><strong>${e(t.exploratory)}</strong></p>
${redact ? `<p>${e(t.redactedNote)}</p>` : ''}
</section>`);

  // Every session's map, one a page; notes (when included) flow under the picture.
  sessions.forEach((session, i) => {
    const svg = buildMapSvg({ study, session, text, lang, redact, includeNotes: false, fontCss: '' });
    const notes: string[] = [];
    if (!redact) {
      if (session.notes.trim()) notes.push(`<li><strong>${e(text.map.sessionNotes)}:</strong> ${e(session.notes.trim())}</li>`);
      for (const [id, p] of Object.entries(session.placements))
        if (p.note.trim()) notes.push(`<li><strong>${e(labelOf(study, id, lang, { name: id, short: id }).name)}:</strong> ${e(p.note.trim())}</li>`);
    }
    pages.push(`<section class="page session-map" data-session="${e(session.code)}">
${i === 0 ? `<h2>${e(t.sessionMaps)}</h2>` : ''}
<h3>${e(fillText(text.map.session, { code: session.code }))} · ${e(cohortName(study, session.cohortId))}${session.roundId ? ` · ${e(roundName(study, session.roundId))}` : ''}</h3>
<figure>${svgInline(svg)}</figure>
${notes.length ? `<h3>${e(t.notesHeading)}</h3><ul class="map-notes">${notes.join('\n')}</ul>` : ''}
</section>`);
  });

  // The compare view per stakeholder, two a page.
  for (let i = 0; i < compared.length; i += 2) {
    const figures = compared.slice(i, i + 2).map((st) => {
      const svg = buildCompareSvg({ study, sessions, text, lang, focusStakeholderId: st.id, fontCss: '', idPrefix: `c${i}-${st.id}-`, selectionLabel: fillText(text.compare.sessionsCount, { sessions: analysis.sessions }) });
      return `<figure data-stakeholder="${e(st.id)}">${svgInline(svg)}</figure>`;
    });
    pages.push(`<section class="page compare-pair">${i === 0 ? `<h2>${e(t.compareViews)}</h2>` : ''}${figures.join('\n')}</section>`);
  }

  // The divergence table, most divergent first.
  const ordered = [...compared].sort((a, b) => (b.betweenVariance ?? -1) - (a.betweenVariance ?? -1) || a.name.localeCompare(b.name, 'en'));
  const c = t.columns;
  const row = (s: StakeholderComparison) => {
    const name = labelOf(study, s.id, lang, { name: s.name, short: s.short }).name;
    // One cell per cohort: centroid power, interest and n, so n sits next to every centroid.
    const perCohort = s.cohorts
      .map((k) => `<td class="num">${k.centroid ? `${k.centroid.power.toFixed(1)}, ${k.centroid.interest.toFixed(1)}` : t.notAvailable} (${k.n})</td>`)
      .join('');
    const modal = s.modalZone ? `${e(text.zones[s.modalZone])} (${Math.round((s.modalZoneShare ?? 0) * 100)}%)` : t.notAvailable;
    const p = s.testable ? (fmt(s.pValue, 4) ?? t.notAvailable) : fillText(t.notTestable, { why: s.notTestableReason ? t.notTestableReasons[s.notTestableReason] : '' });
    const q = s.testable ? (fmt(s.qValue, 4) ?? t.notAvailable) : t.notAvailable;
    // * beside p: the cohorts differ in spread, explained under the table.
    const spread = s.dispersion?.differs ? ' *' : '';
    return `<tr><td>${e(name)}</td><td class="num">${s.n}</td>${perCohort}<td class="zone">${modal}</td><td class="num">${fmt(s.agreement) ?? t.notAvailable}</td><td class="num">${fmt(s.betweenVariance) ?? t.notAvailable}</td><td class="num">${e(p)}${spread}</td><td class="num">${e(q)}</td><td>${s.zoneConsensus ? t.yes : t.no}</td><td>${s.divergent ? `<strong>${t.yes}</strong>` : t.no}</td><td class="num">${s.unknown}</td></tr>`;
  };
  const gaps = analysis.salienceGaps.map((g) =>
    `<li>${e(fillText(t.salienceGap, { stakeholder: labelOf(study, g.stakeholderId, lang, { name: g.stakeholder, short: g.stakeholder }).name, placedBy: g.placedBy, unknownTo: g.unknownTo }))}</li>`,
  );
  pages.push(`<section class="page divergence-page">
<h2>${e(t.divergence)}</h2>
<p>${e(t.divergenceIntro)} <strong>${e(t.exploratory)}</strong> ${e(t.sessionsNotIndividuals)}</p>
<table class="divergence"><thead><tr><th>${e(c.stakeholder)}</th><th>${e(c.n)}</th>${analysis.cohorts.map((k) => `<th>${e(k.name)}<br><span class="muted">${e(c.centroids)}</span></th>`).join('')}<th>${e(c.modalZone)}</th><th>${e(c.agreement)}</th><th>${e(c.betweenVariance)}</th><th>${e(c.p)}</th><th>${e(c.q)}</th><th>${e(c.consensus)}</th><th>${e(c.divergent)}</th><th>${e(c.unknown)}</th></tr></thead>
<tbody>${ordered.map(row).join('\n')}</tbody></table>
${ordered.some((s) => s.dispersion?.differs) ? `<p class="footnote">${e(t.spreadDiffers)}</p>` : ''}
${gaps.length ? `<h3>${e(t.salienceHeading)}</h3><ul>${gaps.join('')}</ul>` : ''}
</section>`);

  // Data dictionary for the CSV.
  pages.push(`<section class="page dictionary">
<h2>${e(t.dictionary)}</h2>
<p>${e(t.dictionaryIntro)}</p>
<table><tbody>${LONG_FORMAT_COLUMNS.map((col) => `<tr><th><code>${col}</code></th><td>${e(t.csvColumns[col] ?? '')}</td></tr>`).join('\n')}</tbody></table>
</section>`);

  return `<!doctype html>
<html lang="${e(lang)}"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>${e(fillText(t.documentTitle, { title: study.title }))}</title>
<style>${input.fontCss ?? ''}
${CSS}</style></head>
<body>
${pages.join('\n')}
</body></html>`;
}
