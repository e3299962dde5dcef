import { compareCohorts } from '../../../shared/analysis/compareCohorts';
import type { ExportText } from '../../../shared/export/exportText';
import { buildReportHtml } from '../../../shared/export/reportHtml';
import type { Session } from '../../../shared/model/session';
import type { Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { exportTextFor } from './exportTexts';
import { embeddedFontCss } from './fonts';
import { withRenderer, type ExportRenderer } from './render';

export interface ReportOptions {
  study: Study;
  sessions: readonly Session[];
  /** Leave out notes and quotes; on unless asked otherwise. */
  redact?: boolean;
  permutations?: number;
  seed?: number;
  /** The report's language: its words and the stakeholder names (English by default). */
  lang?: Language;
  /** The words to print; the catalogue of `lang` unless given. */
  text?: ExportText;
  /** The date on the title page (YYYY-MM-DD); today by default. */
  generatedOn?: string;
  appVersion: string;
}

/**
 * The report's HTML, fonts embedded, ready to print. The desktop app loads this into a
 * hidden window and calls `webContents.printToPDF` with `reportFooter(embeddedFontCss())`; the CLI and the
 * preview print it with `reportPdf` below. Same HTML, same pages.
 */
export function reportHtml(opts: ReportOptions): string {
  const analysis = compareCohorts(opts.study, opts.sessions, { permutations: opts.permutations, seed: opts.seed });
  return buildReportHtml({
    study: opts.study,
    sessions: opts.sessions,
    analysis,
    text: opts.text ?? exportTextFor(opts.lang),
    lang: opts.lang ?? 'en',
    redact: opts.redact ?? true,
    fontCss: embeddedFontCss(),
    generatedOn: opts.generatedOn ?? new Date().toISOString().slice(0, 10),
    appVersion: opts.appVersion,
  });
}

/** The report as a PDF, printed by the system Chromium (a renderer of a running batch, or a new one). */
export async function reportPdf(opts: ReportOptions, renderer?: ExportRenderer): Promise<Buffer> {
  const html = reportHtml(opts);
  if (renderer) return renderer.htmlToPdf(html);
  return withRenderer((r) => r.htmlToPdf(html));
}
