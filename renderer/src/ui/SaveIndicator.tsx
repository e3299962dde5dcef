import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { failureMessage } from '../store/hostErrors';
import type { SaveStatus } from '../store/saveStatus';
import { formatTime } from '../i18n/format';

/**
 * "Saving…", "Saved" (only after the host reported the write durable),
 * "Not saved: <reason>" with Retry, or "Changed elsewhere: not saved" when the host
 * refused a stale save. Announced politely; the failure is an alert.
 */
export function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry(): void }) {
  const { t, i18n } = useTranslation();
  let body: ReactNode = null;
  if (status.state === 'saving') body = <span className="save-state save-saving">{t('saveStatus.saving')}</span>;
  else if (status.state === 'saved')
    body = (
      <span className="save-state save-saved" title={t('app:savedAt', { time: formatTime(status.savedAt, i18n.language) })}>
        <span aria-hidden="true" className="save-icon">
          ✓
        </span>
        <span>{t('saveStatus.saved')}</span>
      </span>
    );
  else if (status.state === 'conflict')
    // Never "Saved" for a refused edit; the choices are in the Changed elsewhere notice.
    body = <span className="save-state save-conflict">{t('saveStatus.changedElsewhere')}</span>;
  else if (status.state === 'error') {
    // An unknown code still says something: the host's own message.
    const reason = failureMessage({ code: status.code, message: status.reason });
    body = (
      <span className="save-state save-error">
        <span>{t('saveStatus.notSaved', { reason: t(reason.key, { ...reason.values, defaultValue: status.reason }) })}</span>
        <button type="button" className="button button-small" onClick={onRetry}>
          {t('retry')}
        </button>
      </span>
    );
  }
  return (
    <div className="save-indicator" role="status">
      {body}
    </div>
  );
}
