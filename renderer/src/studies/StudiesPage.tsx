import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudySummary } from '../../../shared/contract/hostContract';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDateTime } from '../i18n/format';
import { PageHeading } from '../ui/PageHeading';
import { hrefFor } from '../ui/router';
import { useAppStore } from '../store/appStore';
import { deleteStudy, loadStudies, loadTrash } from '../store/actions';
import { ImportCsvDialog } from '../import/ImportCsvDialog';
import { MergeDialog } from '../export/MergeDialog';
import { BackupDialog } from './BackupDialog';
import { CreateStudyDialog } from './CreateStudyDialog';
import { RenameStudyDialog } from './RenameStudyDialog';
import { EncryptStudyDialog } from './privacy/EncryptStudyDialog';
import { ForgetStudyDialog } from './privacy/ForgetStudyDialog';
import { LockBadge } from './privacy/LockBadge';
import './privacy/privacy.css';

/** The list of studies: open, create, rename, move to the trash. */
export function StudiesPage() {
  const { t, i18n } = useTranslation('studies');
  const studies = useAppStore((s) => s.studies);
  const trashCount = useAppStore((s) => s.trash?.length ?? 0);
  const lastStudyId = useAppStore((s) => s.prefs.lastStudyId);
  const dataDir = useAppStore((s) => s.appInfo?.dataDir ?? '');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [openingFile, setOpeningFile] = useState(false);
  const [renaming, setRenaming] = useState<StudySummary | null>(null);
  const [deleting, setDeleting] = useState<StudySummary | null>(null);
  const [backingUp, setBackingUp] = useState<StudySummary | null>(null);
  const [encrypting, setEncrypting] = useState<StudySummary | null>(null);

  useEffect(() => {
    void loadStudies();
    void loadTrash();
  }, []);

  const sorted = studies ? [...studies].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) : null;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <PageHeading>{t('list.title')}</PageHeading>
          <p className="lead">{t('list.intro')}</p>
        </div>
        <div className="page-header-actions">
          <button type="button" className="button" onClick={() => setImporting(true)}>
            {t('import:open')}
          </button>
          <button type="button" className="button" onClick={() => setOpeningFile(true)}>
            {t('export:open.merge')}
          </button>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            {t('list.create')}
          </button>
        </div>
      </div>

      {sorted === null ? (
        <p>{t('common:loading')}</p>
      ) : sorted.length === 0 ? (
        <div className="empty-state">
          <h2>{t('list.emptyTitle')}</h2>
          <p>{t('list.emptyText')}</p>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            {t('list.create')}
          </button>
        </div>
      ) : (
        <ul className="study-list" aria-label={t('list.title')}>
          {sorted.map((s) =>
            s.encryption === 'locked' ? (
              <LockedStudyCard key={s.id} study={s} />
            ) : (
              <li key={s.id} className="study-card">
                <div className="study-card-main">
                  <h2 className="study-card-title">
                    <a href={hrefFor({ name: 'study', studyId: s.id, tab: 'sessions' })}>{s.title}</a>
                    {s.id === lastStudyId ? <span className="badge">{t('list.lastOpened')}</span> : null}
                    <LockBadge encryption={s.encryption} />
                  </h2>
                  {s.description ? <p className="study-card-description">{s.description}</p> : null}
                  <p className="study-card-meta">
                    <span>{t('list.sessionCount', { count: s.sessionCount })}</span>
                    <span>{t('list.cohortCount', { count: s.cohortCount })}</span>
                    <span>{t('list.changed', { when: formatDateTime(s.updatedAt, i18n.language) })}</span>
                  </p>
                </div>
                <div className="study-card-actions">
                  <button type="button" className="button button-small" aria-label={t('list.renameLabel', { title: s.title })} onClick={() => setRenaming(s)}>
                    {t('list.rename')}
                  </button>
                  <button type="button" className="button button-small" aria-label={t('team:backupSection.backUpLabel', { title: s.title })} onClick={() => setBackingUp(s)}>
                    {t('team:backupSection.backUp')}
                  </button>
                  {(s.encryption ?? 'none') === 'none' ? (
                    <button type="button" className="button button-small" aria-label={t('privacy:card.encryptLabel', { title: s.title })} onClick={() => setEncrypting(s)}>
                      {t('privacy:card.encrypt')}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button button-small button-quiet-danger"
                    aria-label={t('list.deleteLabel', { title: s.title })}
                    onClick={() => setDeleting(s)}
                  >
                    {t('list.delete')}
                  </button>
                </div>
              </li>
            ),
          )}
        </ul>
      )}

      <footer className="page-footer">
        <a href={hrefFor({ name: 'trash' })}>{t('trash.link', { count: trashCount })}</a>
        <a href={hrefFor({ name: 'team' })}>{t('team:open')}</a>
        {dataDir ? <span className="muted">{t('list.dataDir', { dir: dataDir })}</span> : null}
      </footer>

      {creating ? <CreateStudyDialog onClose={() => setCreating(false)} /> : null}
      {importing ? <ImportCsvDialog studyId={null} onClose={() => setImporting(false)} /> : null}
      {openingFile ? <MergeDialog study={null} onClose={() => setOpeningFile(false)} /> : null}
      {backingUp ? <BackupDialog study={backingUp} onClose={() => setBackingUp(null)} /> : null}
      {encrypting ? <EncryptStudyDialog study={encrypting} onClose={() => setEncrypting(null)} /> : null}
      {renaming ? <RenameStudyDialog study={renaming} onClose={() => setRenaming(null)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('list.deleteTitle', { title: deleting.title })}
          confirmLabel={t('list.deleteConfirm')}
          danger
          onConfirm={() => deleteStudy(deleting.id, deleting.title)}
          onClose={() => setDeleting(null)}
        >
          <p>{t('list.deleteText', { count: deleting.sessionCount })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/**
 * A study encrypted and locked on this host: its title and description are encrypted too,
 * so the card says what it is, when it changed and how many sessions it has (the host
 * counts files, not contents), and offers to unlock it — the study's page shows the
 * unlock screen. Renaming, backing up or moving it to the trash need the data, so they
 * wait for that; forgetting it does not, and is the way out for a study whose passphrase
 * and recovery key are both lost.
 */
function LockedStudyCard({ study }: { study: StudySummary }) {
  const { t, i18n } = useTranslation('studies');
  const [forgetting, setForgetting] = useState(false);
  const when = formatDateTime(study.updatedAt, i18n.language);
  return (
    <li className="study-card study-card-locked" data-testid="locked-study-card">
      <div className="study-card-main">
        <h2 className="study-card-title">
          {t('privacy:card.lockedTitle')}
          <LockBadge encryption="locked" />
        </h2>
        <p className="study-card-locked-hint">{t('privacy:card.lockedHint')}</p>
        <p className="study-card-meta">
          <span>{t('list.sessionCount', { count: study.sessionCount })}</span>
          <span>{t('list.changed', { when })}</span>
          {/* The folder's (random) name is not secret and tells two locked cards apart. */}
          <span>{t('privacy:card.folder', { folder: study.id.slice(0, 8) })}</span>
        </p>
      </div>
      <div className="study-card-actions">
        <a className="button button-small button-primary" href={hrefFor({ name: 'study', studyId: study.id, tab: 'sessions' })} aria-label={t('privacy:card.unlockLabel', { when })}>
          {t('privacy:card.unlock')}
        </a>
        <button type="button" className="button button-small button-quiet-danger" aria-label={t('privacy:card.forgetLabel', { when })} onClick={() => setForgetting(true)}>
          {t('privacy:card.forget')}
        </button>
      </div>
      {forgetting ? <ForgetStudyDialog studyId={study.id} open={null} onClose={() => setForgetting(false)} /> : null}
    </li>
  );
}
