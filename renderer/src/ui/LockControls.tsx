import { useTranslation } from 'react-i18next';
import { lockEverything, setScreenBlank, useLockStore } from '../store/lock';
import { BLANK_SHORTCUT, LOCK_SHORTCUT } from './lockKeys';
import './lock.css';

/**
 * The top bar's privacy buttons (issue 16): "Blank screen" on every page, and "Lock study"
 * while an encrypted study is open and unlocked (`canLock`).
 */
export function LockControls({ canLock }: { canLock: boolean }) {
  const { t } = useTranslation('lock');
  const locking = useLockStore((s) => s.locking);
  return (
    <div className="lock-controls">
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
          {locking ? t('lockNow.locking') : t('lockNow.button')}
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
        {t('blank.button')}
      </button>
    </div>
  );
}
