import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../store/actions';
import { closeAudience, openAudience, toggleAudienceBlank, usePresenter } from './presenter';
import './present.css';

/** True when a key press belongs to a text field, a list box or the like. */
export function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * "Present": opens the audience window (or brings it to the front). `onStart` runs when it
 * opens (the compare view starts its step-by-step sequence then).
 */
export function PresentButton({ onStart, disabled = false }: { onStart?(): void; disabled?: boolean }) {
  const { t } = useTranslation('present');
  const presenting = usePresenter((s) => s.audience !== 'closed');
  return (
    <button
      type="button"
      className="button button-small present-button"
      disabled={disabled}
      title={t('controls.presentTitle')}
      data-testid="present-button"
      onClick={() => {
        if (!openAudience()) {
          notify({ tone: 'error', key: 'present:controls.blocked' });
          return;
        }
        onStart?.();
      }}
    >
      <svg className="present-button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <rect x="2" y="3" width="16" height="10" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M10 13v3M6.5 17h7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      {presenting ? t('controls.showWindow') : t('controls.present')}
    </button>
  );
}

/**
 * In the top bar, on every page while the audience window is open: that it is, "Blank"
 * (also the B key, anywhere but in a text field) and "Stop".
 */
export function PresentingBar() {
  const { t } = useTranslation('present');
  const audience = usePresenter((s) => s.audience);
  const blank = usePresenter((s) => s.blank);
  const presenting = audience !== 'closed';

  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'b' && e.key !== 'B') return;
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      e.preventDefault();
      toggleAudienceBlank();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting]);

  if (!presenting) return null;
  return (
    <div className="present-controls" role="group" aria-label={t('controls.presenting')} data-testid="present-controls" data-audience={audience} data-blank={blank || undefined}>
      <span className="present-controls__state">
        <span className="present-controls__dot" aria-hidden="true" />
        {audience === 'open' ? (blank ? t('controls.blanked') : t('controls.presenting')) : t('controls.opening')}
      </span>
      <button type="button" className="button button-small" aria-pressed={blank} aria-keyshortcuts="B" onClick={toggleAudienceBlank} data-testid="present-blank">
        {blank ? t('controls.unblank') : t('controls.blank')}
      </button>
      <button type="button" className="button button-small" onClick={closeAudience} data-testid="present-stop">
        {t('controls.stop')}
      </button>
    </div>
  );
}
