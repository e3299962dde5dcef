import { useTranslation } from 'react-i18next';
import type { SessionProgress } from '../../../shared/ops/sessionMeta';

/** How far a session's map has got: counts as text, and a small bar that repeats them. */
export function ProgressBar({ progress }: { progress: SessionProgress }) {
  const { t } = useTranslation('studies');
  const { placed, unknown, notDiscussed, remaining, total } = progress;
  const pct = (n: number) => (total ? `${(n / total) * 100}%` : '0%');
  const handled = placed + unknown + notDiscussed;
  const parts = [
    t('progress.placed', { count: placed }),
    unknown ? t('progress.unknown', { count: unknown }) : null,
    notDiscussed ? t('progress.notDiscussed', { count: notDiscussed }) : null,
    remaining ? t('progress.remaining', { count: remaining }) : null,
  ].filter(Boolean);
  return (
    <div className="progress">
      <div className="progress-line">
        <div className="progress-bar" aria-hidden="true">
          <span className="progress-placed" style={{ width: pct(placed) }} />
          <span className="progress-unknown" style={{ width: pct(unknown) }} />
          <span className="progress-not-discussed" style={{ width: pct(notDiscussed) }} />
        </div>
        <span className={`progress-fraction${total > 0 && remaining === 0 ? ' progress-done' : ''}`}>{t('progress.handled', { handled, total })}</span>
      </div>
      <span className="progress-text">{parts.join(' · ')}</span>
    </div>
  );
}
