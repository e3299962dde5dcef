import { useTranslation } from 'react-i18next';
import { PageHeading } from './PageHeading';
import { hrefFor } from './router';

/** A study that could not be opened (gone to the trash, or its file is unreadable). */
export function StudyUnavailable({ failure }: { failure: { code: string; message: string } }) {
  const { t } = useTranslation('app');
  return (
    <div className="page">
      <PageHeading>{t('unavailable.title')}</PageHeading>
      <p className="lead">{failure.code === 'not_found' ? t('unavailable.notFound') : t(`common:errors.${failure.code}`, { message: failure.message })}</p>
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
export function StudyNotOpen({ failure }: { failure: { code: string; message: string } | null }) {
  const { t } = useTranslation('common');
  if (failure) return <StudyUnavailable failure={failure} />;
  return (
    <div className="page">
      <PageHeading>{t('loading')}</PageHeading>
    </div>
  );
}
