import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../i18n/format';

/** The 24 words as the host gives them (separated by spaces), one per entry. */
export function splitWords(words: string): string[] {
  return words.trim().split(/\s+/).filter(Boolean);
}

/**
 * The host's QR code as an image source. A data: URL is allowed by the page's CSP
 * (img-src data:), and an SVG drawn through <img> runs no script, so the host's markup is
 * never put into the page itself.
 */
export function qrSource(qrSvg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`;
}

/** The words in a numbered grid, in reading order down each column pair. */
export function WordGrid({ words, labelledBy }: { words: readonly string[]; labelledBy?: string }) {
  const { t } = useTranslation('privacy');
  return (
    <ol className="key-words" aria-label={labelledBy ? undefined : t('encrypt.wordsLabel')} aria-labelledby={labelledBy} data-testid="recovery-words">
      {words.map((w, i) => (
        <li key={i} className="key-word" data-position={i + 1}>
          <span className="key-word-n" aria-hidden="true">
            {i + 1}
          </span>
          <span className="key-word-text" lang="en">
            {w}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Today on this computer's calendar, as YYYY-MM-DD (the day the key was made, not UTC's). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The sheet `window.print()` prints: only the words, the QR code and what they are for.
 * Study-neutral on purpose — no title, no study id — so a sheet found in a drawer does not
 * say what it opens. Mounted in <body> outside the app (a portal) and shown in print only;
 * privacy.css's print rules hide everything else while it exists.
 */
export function PrintableKeySheet({ words, qrSvg }: { words: readonly string[]; qrSvg: string }) {
  const { t, i18n } = useTranslation('privacy');
  return createPortal(
    <section className="key-print-sheet" data-testid="key-print-sheet">
      <h1 className="key-print-title">{t('sheet.heading')}</h1>
      <p>{t('sheet.text')}</p>
      <div className="key-print-body">
        <WordGrid words={words} />
        <img className="key-qr" src={qrSource(qrSvg)} alt={t('encrypt.qrAlt')} />
      </div>
      <p className="key-print-made">{t('sheet.made', { date: formatDay(today(), i18n.language) })}</p>
    </section>,
    document.body,
  );
}
