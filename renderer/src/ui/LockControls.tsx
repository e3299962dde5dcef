import { useTranslation } from 'react-i18next';
import { lockEverything, setScreenBlank, useLockStore } from '../store/lock';
import { BLANK_SHORTCUT, LOCK_SHORTCUT } from './lockKeys';
import './lock.css';

/**
 * The top bar's privacy buttons (issue 16): "Blank screen" on every page, and "Lock study"
 * while an encrypted study is open and unlocked (`canLock`). `compact` (the map editor's
 * bar): icons, with the words for screen readers only.
 */
export function LockControls({ canLock, compact = false }: { canLock: boolean; compact?: boolean }) {
  const { t } = useTranslation('lock');
  const locking = useLockStore((s) => s.locking);
  const words = compact ? 'visually-hidden' : undefined;
  return (
    <div className={`lock-controls${compact ? ' lock-controls-compact' : ''}`}>
      {canLock || locking ? (
        <button
          type="button"
          className="button button-small lock-button"
          title={t('lockNow.title')}
          aria-keyshortcuts={LOCK_SHORTCUT}
          aria-disabled={locking || undefined}
          onClick={() => void lockEverything()}
          data-testid="lock-now"
        >
          <svg className="lock-button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <rect x="4" y="9" width="12" height="8.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M7 9V6.5a3 3 0 0 1 6 0V9" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          <span className={words}>{locking ? t('lockNow.locking') : t('lockNow.button')}</span>
        </button>
      ) : null}
      <button
        type="button"
        className="button button-small"
        title={t('blank.buttonTitle')}
        aria-keyshortcuts={BLANK_SHORTCUT}
        onClick={() => void setScreenBlank(true)}
        data-testid="blank-screen-button"
      >
        {/* A screen with nothing on it. */}
        <svg className="lock-button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <rect x="2" y="3" width="16" height="11" rx="1.5" fill="currentColor" opacity="0.85" />
          <path d="M10 14v3M6.5 17.5h7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        <span className={words}>{t('blank.button')}</span>
      </button>
    </div>
  );
}
