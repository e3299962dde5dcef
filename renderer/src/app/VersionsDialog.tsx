import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionVersion } from '../../../shared/contract/hostContract';
import type { Session } from '../../../shared/model/session';
import { callHost } from '../host/hostClient';
import { errorMessage, notify, restoreSessionVersion } from '../store/actions';
import { Dialog } from './Dialog';
import { formatDateTime } from './format';

/**
 * "Earlier versions" of one session: when each was saved and how far the map had got.
 * Restoring writes the chosen version as the current one; the map it replaces is
 * written first, so it stays in the history and the restore can itself be undone.
 */
export function VersionsDialog({ session, onClose }: { session: Session; onClose(): void }) {
  const { t, i18n } = useTranslation('app');
  const [versions, setVersions] = useState<SessionVersion[] | null>(null);
  const [error, setError] = useState<ReturnType<typeof errorMessage> | null>(null);
  const [chosen, setChosen] = useState<SessionVersion | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    callHost('listSessionVersions', { studyId: session.studyId, sessionId: session.id })
      .then((list) => live && setVersions([...list].sort((a, b) => b.savedAt.localeCompare(a.savedAt))))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [session.studyId, session.id]);

  const restore = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await restoreSessionVersion(session, chosen.versionId);
      notify({ tone: 'info', key: 'app:versions.restored', values: { code: session.code, time: formatDateTime(chosen.savedAt, i18n.language) } });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const when = (v: SessionVersion) => formatDateTime(v.savedAt, i18n.language);

  return (
    <Dialog
      title={t('versions.title', { code: session.code })}
      size="wide"
      onClose={onClose}
      error={error ? t(error.key, error.values) : null}
      footer={
        chosen ? (
          <>
            <button type="button" className="button" onClick={() => setChosen(null)} disabled={busy}>
              {t('common:cancel')}
            </button>
            <button type="button" className="button button-primary" onClick={() => void restore()} disabled={busy}>
              {t('versions.confirmRestore')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={onClose}>
            {t('common:close')}
          </button>
        )
      }
    >
      {chosen ? (
        <p className="dialog-lead">{t('versions.confirmText', { time: when(chosen), placed: chosen.placed })}</p>
      ) : versions === null && !error ? (
        <p>{t('common:loading')}</p>
      ) : versions && versions.length === 0 ? (
        <p>{t('versions.none')}</p>
      ) : versions ? (
        <>
          <p className="dialog-lead">{t('versions.intro')}</p>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('versions.savedAt')}</th>
                  <th scope="col" className="num">{t('common:status.placed')}</th>
                  <th scope="col" className="num">{t('common:status.unknown')}</th>
                  <th scope="col" className="num">{t('common:status.not_discussed')}</th>
                  <th scope="col">{t('versions.kind')}</th>
                  <th scope="col"><span className="visually-hidden">{t('versions.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.versionId}>
                    <td>{when(v)}</td>
                    <td className="num">{v.placed}</td>
                    <td className="num">{v.unknown}</td>
                    <td className="num">{v.notDiscussed}</td>
                    <td>{t(`versions.kinds.${v.kind}`)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('versions.restoreLabel', { time: when(v) })}
                        onClick={() => setChosen(v)}
                      >
                        {t('versions.restore')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
