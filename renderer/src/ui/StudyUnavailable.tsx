import { useTranslation } from 'react-i18next';
import { failureMessage, type HostFailure } from '../store/hostErrors';
import { PageHeading } from './PageHeading';
import { hrefFor } from './router';
import { UnlockForm } from './UnlockForm';

type Failure = HostFailure & { studyId?: string };

/**
 * A study that could not be opened: gone to the trash, its file unreadable — or encrypted
 * and locked (issue 16), where the page asks for its passphrase instead.
 */
export function StudyUnavailable({ failure }: { failure: Failure }) {
  const { t } = useTranslation('app');
  if (failure.code === 'study_locked' && failure.studyId) return <UnlockForm key={failure.studyId} studyId={failure.studyId} />;
  const reason = failureMessage(failure);
  return (
    <div className="page">
      <PageHeading>{t('unavailable.title')}</PageHeading>
      <p className="lead">{failure.code === 'not_found' ? t('unavailable.notFound') : t(reason.key, reason.values)}</p>
      <p>
        <a className="button" href={hrefFor({ name: 'studies' })}>
          {t('unavailable.toStudies')}
        </a>{' '}
        <a className="button button-quiet" href={hrefFor({ name: 'trash' })}>
          {t('unavailable.toTrash')}
        </a>
      </p>
    </div>
  );
}

/** What a page inside a study shows until the study is open: loading, or why it cannot be. */
export function StudyNotOpen({ failure }: { failure: Failure | null }) {
  const { t } = useTranslation('common');
  if (failure) return <StudyUnavailable failure={failure} />;
  return (
    <div className="page">
      <PageHeading>{t('loading')}</PageHeading>
    </div>
  );
}
