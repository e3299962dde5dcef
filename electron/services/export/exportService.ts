import { buildCompareSvg } from '../../../shared/export/compareSvg';
import type { SESSION_PICTURE_FORMATS, STUDY_FILE_FORMATS } from '../../../shared/export/exportContract';
import type { ExportText } from '../../../shared/export/exportText';
import { buildMapSvg } from '../../../shared/export/mapSvg';
import { redactSessions } from '../../../shared/export/redact';
import { buildBundle, serializeBundle } from '../../../shared/export/studyFile';
import { clustersOf } from '../../../shared/export/svgText';
import type { Session } from '../../../shared/model/session';
import type { Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { exportTextFor } from './exportTexts';
import { embeddedFontCss } from './fonts';
import { withRenderer, type ExportRenderer } from './render';
import { reportPdf } from './report';
import { studyCsv } from './csv';

/** Pictures of one session map. */
export type SessionExportFormat = (typeof SESSION_PICTURE_FORMATS)[number];
/** Files of a whole study or a selection of its sessions. */
export type StudyExportFormat = (typeof STUDY_FILE_FORMATS)[number];

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  data: Buffer;
}

/** The file extension of study files. */
export const BUNDLE_EXTENSION = '.pimap.json';

/**
 * A file name from the study title and session code: any character a file system
 * refuses becomes "-", letters in any script stay (a Bengali title stays Bengali).
 */
export function safeFileName(...parts: string[]): string {
  const joined = parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' - ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s-]+|[.\s]+$/g, '');
  // Cut between grapheme clusters, so a long Bengali title never ends on half a conjunct.
  return clustersOf(joined).slice(0, 120).join('') || 'export';
}

interface Common {
  study: Study;
  /** Leave out notes and quotes. Pictures and reports default to leaving them out. */
  redact?: boolean;
  /**
   * The language of the words and of the stakeholder names (English by default). In
   * CSV it changes only the stakeholder names; columns and status codes stay as they are.
   */
  lang?: Language;
  /** The words to print; the catalogue of `lang` unless given. */
  text?: ExportText;
  /** A renderer of a running batch; otherwise one is opened for this file. */
  renderer?: ExportRenderer;
}

async function render<T>(renderer: ExportRenderer | undefined, fn: (r: ExportRenderer) => Promise<T>): Promise<T> {
  return renderer ? fn(renderer) : withRenderer(fn);
}

/** One session's map as SVG, PNG at 2× or 4×, or PDF. */
export async function exportSession(opts: Common & { session: Session; format: SessionExportFormat }): Promise<ExportedFile> {
  const svg = buildMapSvg({
    study: opts.study,
    session: opts.session,
    text: opts.text ?? exportTextFor(opts.lang),
    lang: opts.lang ?? 'en',
    redact: opts.redact ?? true,
    fontCss: embeddedFontCss(),
  });
  const base = safeFileName(opts.study.title, opts.session.code);
  return pictureFile(svg, base, opts.format, opts.renderer);
}

async function pictureFile(svg: string, base: string, format: SessionExportFormat, renderer?: ExportRenderer): Promise<ExportedFile> {
  switch (format) {
    case 'svg':
      return { fileName: `${base}.svg`, mimeType: 'image/svg+xml', data: Buffer.from(svg, 'utf8') };
    case 'png2x':
    case 'png4x': {
      const scale = format === 'png2x' ? 2 : 4;
      const data = await render(renderer, (r) => r.svgToPng(svg, scale));
      return { fileName: `${base} (${scale}x).png`, mimeType: 'image/png', data };
    }
    case 'pdf':
      return { fileName: `${base}.pdf`, mimeType: 'application/pdf', data: await render(renderer, (r) => r.svgToPdf(svg)) };
  }
}

export interface StudyExportOptions extends Common {
  sessions: readonly Session[];
  format: StudyExportFormat;
  /** Only these sessions (default: all). */
  sessionIds?: readonly string[] | null;
  /** For the compare picture: one stakeholder in focus. */
  focusStakeholderId?: string | null;
  permutations?: number;
  seed?: number;
  appVersion: string;
  /** The export time (ISO); now by default. */
  now?: string;
}

/**
 * A study or a selection as CSV (long format, UTF-8 with BOM), a study file, the
 * printable report, or the compare picture. Redaction defaults: pictures and reports
 * leave notes out unless asked; CSV and study files carry what the caller says.
 */
export async function exportStudy(opts: StudyExportOptions): Promise<ExportedFile> {
  const sessions = opts.sessionIds ? opts.sessions.filter((s) => opts.sessionIds!.includes(s.id)) : [...opts.sessions];
  const redact = opts.redact ?? true;
  const lang = opts.lang ?? 'en';
  const text = opts.text ?? exportTextFor(lang);
  const now = opts.now ?? new Date().toISOString();
  const selected = opts.sessionIds ? `${sessions.length} sessions` : '';
  const base = safeFileName(opts.study.title, selected);
  switch (opts.format) {
    case 'csv':
      return { fileName: `${base}.csv`, mimeType: 'text/csv;charset=utf-8', data: Buffer.from(studyCsv(opts.study, redactSessions(sessions, redact), redact, lang), 'utf8') };
    case 'bundle': {
      const bundle = buildBundle(opts.study, sessions, { exportedAt: now, redact });
      return { fileName: `${base}${BUNDLE_EXTENSION}`, mimeType: 'application/json', data: Buffer.from(serializeBundle(bundle), 'utf8') };
    }
    case 'report-pdf': {
      const data = await reportPdf(
        { study: opts.study, sessions, redact, permutations: opts.permutations, seed: opts.seed, lang, text, appVersion: opts.appVersion, generatedOn: now.slice(0, 10) },
        opts.renderer,
      );
      return { fileName: `${base} - report.pdf`, mimeType: 'application/pdf', data };
    }
    case 'compare-svg':
    case 'compare-png2x':
    case 'compare-png4x':
    case 'compare-pdf': {
      // The compare picture shows positions only; notes never appear in it.
      const svg = buildCompareSvg({ study: opts.study, sessions, text, lang, focusStakeholderId: opts.focusStakeholderId ?? null, fontCss: embeddedFontCss() });
      const focus = opts.focusStakeholderId ? opts.study.stakeholders.find((s) => s.id === opts.focusStakeholderId)?.short ?? '' : '';
      const format = opts.format.slice('compare-'.length) as SessionExportFormat;
      return pictureFile(svg, safeFileName(opts.study.title, 'compare', focus, selected), format, opts.renderer);
    }
  }
}
