import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrashEntry } from '../../../shared/contract/hostContract';
import { formatDateTime } from '../i18n/format';
import { PageHeading } from '../ui/PageHeading';
import { hrefFor } from '../ui/router';
import { useAppStore } from '../store/appStore';
import { loadStudies, loadTrash, notify, restoreFromTrash } from '../store/actions';

/** Deleted studies and sessions. Nothing here is ever removed by the app. */
export function TrashPage() {
  const { t, i18n } = useTranslation('studies');
  const trash = useAppStore((s) => s.trash);
  const studies = useAppStore((s) => s.studies);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    void loadTrash();
    void loadStudies();
  }, []);

  const studyTitle = (id: string) => studies?.find((s) => s.id === id)?.title ?? trash?.find((e) => e.kind === 'study' && e.studyId === id)?.label ?? null;

  const restore = async (entry: TrashEntry) => {
    setBusy(entry.trashId);
    const studyId = await restoreFromTrash(entry.trashId);
    setBusy(null);
    if (studyId) notify({ tone: 'info', key: entry.kind === 'study' ? 'studies:trash.restoredStudy' : 'studies:trash.restoredSession', values: { label: entry.label || t('trash.encryptedLocked') } });
  };

  const sorted = trash ? [...trash].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt)) : null;

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common:breadcrumbs')}>
        <a href={hrefFor({ name: 'studies' })}>{t('list.title')}</a>
      </nav>
      <div className="page-header">
        <div>
          <PageHeading>{t('trash.title')}</PageHeading>
          <p className="lead">{t('trash.intro')}</p>
        </div>
      </div>
      {sorted === null ? (
        <p>{t('common:loading')}</p>
      ) : sorted.length === 0 ? (
        <p className="empty-state">{t('trash.empty')}</p>
      ) : (
        <div className="card">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('trash.what')}</th>
                <th scope="col">{t('trash.kind')}</th>
                <th scope="col">{t('trash.study')}</th>
                <th scope="col">{t('trash.deletedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('trash.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((e) => {
                const owner = e.kind === 'session' ? studyTitle(e.studyId) : null;
                // An encrypted study's entry has no label in the clear; the host reads it only while the study is unlocked.
                const label = e.label || (e.encrypted ? t('trash.encryptedLocked') : '');
                return (
                  <tr key={e.trashId}>
                    <th scope="row">{label}</th>
                    <td>{t(`trash.kinds.${e.kind}`)}</td>
                    <td>{e.kind === 'session' ? (owner ?? t('trash.unknownStudy')) : ''}</td>
                    <td>{formatDateTime(e.deletedAt, i18n.language)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy === e.trashId}
                        aria-label={t('trash.restoreLabel', { label })}
                        onClick={() => void restore(e)}
                      >
                        {t('trash.restore')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
