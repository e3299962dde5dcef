import { useTranslation } from 'react-i18next';
import type { Encryption } from './useStudyEncryption';

/** A small padlock, always beside words (the badge or a sentence say what it means). */
export function LockIcon() {
  return (
    <svg className="lock-icon" width="12" height="14" viewBox="0 0 12 14" aria-hidden="true" focusable="false">
      <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
      <path d="M3.2 6V4.2a2.8 2.8 0 0 1 5.6 0V6" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

/** "Encrypted", and "Locked" beside it when this host holds no key: text, not the icon alone. */
export function LockBadge({ encryption }: { encryption: Encryption | undefined }) {
  const { t } = useTranslation('privacy');
  if (encryption !== 'locked' && encryption !== 'unlocked') return null;
  return (
    <>
      <span className="badge badge-lock" data-testid="badge-encrypted">
        <LockIcon />
        {t('badge.encrypted')}
      </span>
      {encryption === 'locked' ? (
        <span className="badge badge-locked" data-testid="badge-locked">
          {t('badge.locked')}
        </span>
      ) : null}
    </>
  );
}
