import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostOutput, StudySummary } from '../../../shared/contract/hostContract';
import { Dialog } from '../ui/Dialog';
import { deliverFile } from '../export/deliverFile';
import { callHost } from '../host/hostClient';
import { notify } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { flushStudy } from '../store/persistence';
import { useAlive } from '../ui/useAlive';
import { useStudyEncryption } from './privacy/useStudyEncryption';

type Message = { key: string; values?: Record<string, string | number> };
type Backup = HostOutput<'backupStudy'>;

/**
 * Back up a whole study to one file (the host's `backupStudy`, the same as `pimap
 * backup`): every session, notes included, optionally the earlier versions of each map.
 * The file is handed over like an export (downloaded in the preview, saved through the
 * save dialog in the desktop app). What the study folder holds that the backup cannot
 * carry — a damaged file, a sync conflict not yet resolved — is named, not hidden.
 */
export function BackupDialog({ study, onClose }: { study: Pick<StudySummary, 'id' | 'title'>; onClose(): void }) {
  const { t } = useTranslation('team');
  const [withHistory, setWithHistory] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  // Files the backup left out: shown before the dialog closes, so they are not missed.
  const [leftOut, setLeftOut] = useState<Backup['leftOut'] | null>(null);
  const alive = useAlive();
  const ids = useId();
  // An encrypted study's backup is a plain file: said here, where the file is made.
  const encrypted = useStudyEncryption(study.id) === 'unlocked';


  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      // Edits still on their way to disk first: the backup is built from what is saved.
      if (!(await flushStudy(study.id))) {
        if (alive.current) setError({ key: 'export:unsavedEdits' });
        return;
      }
      const { sessions, historyVersions, leftOut: missing, ...file } = await callHost('backupStudy', { studyId: study.id, withHistory });
      if (!alive.current) return;
      const delivered = await deliverFile(file);
      if (!alive.current) return;
      if (delivered.how === 'notSaved') {
        setError({ key: 'export:notSaved' });
        return;
      }
      const where = delivered.how === 'saved' ? t('backup.savedTo', { file: delivered.fileName, path: delivered.path }) : t('backup.downloaded', { file: delivered.fileName });
      const what = withHistory ? t('backup.doneHistory', { count: sessions, versions: historyVersions }) : t('backup.done', { count: sessions });
      notify({ tone: 'info', key: 'team:backup.notice', values: { what, where } });
      if (missing.length) setLeftOut(missing);
      else onClose();
    } catch (err) {
      if (alive.current) setError(errorMessage(err));
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  if (leftOut)
    return (
      <Dialog
        title={t('backup.title', { title: study.title })}
        size="narrow"
        onClose={onClose}
        footer={
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('common:close')}
          </button>
        }
      >
        <div className="notice-inline" role="status" data-testid="backup-left-out">
          <p>{t('backup.leftOut', { count: leftOut.length })}</p>
          <ul>
            {leftOut.map((p) => (
              <li key={p.file}>
                <code>{p.file}</code>
                {p.sessionCode ? ` — ${p.sessionCode}` : ''}
              </li>
            ))}
          </ul>
        </div>
      </Dialog>
    );

  return (
    <Dialog
      title={t('backup.title', { title: study.title })}
      size="narrow"
      onClose={onClose}
      onSubmit={() => void submit()}
      describedBy={`${ids}-lead`}
      error={error ? t(error.key, error.values) : null}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="backup-save">
            {busy ? t('backup.working') : t('backup.submit')}
          </button>
        </>
      }
    >
      <p id={`${ids}-lead`}>{t('backup.lead')}</p>
      <label className="check">
        <input type="checkbox" checked={withHistory} onChange={(e) => setWithHistory(e.target.checked)} aria-describedby={`${ids}-history`} data-testid="backup-history" />
        <span>{t('backup.withHistory')}</span>
      </label>
      <p className="field-hint" id={`${ids}-history`}>
        {t('backup.withHistoryHint')}
      </p>
      <p className="notice-inline">{t('backup.safe')}</p>
      {encrypted ? (
        <p className="notice-inline" data-testid="backup-plain">
          {t('privacy:backupPlain')}
        </p>
      ) : null}
    </Dialog>
  );
}
