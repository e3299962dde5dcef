import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadProblem } from '../../../shared/contract/hostContract';
import { recoverProblem, resolveSyncCopy } from '../store/actions';
import { errorMessage } from '../store/hostErrors';

/**
 * Files that could not be read when the study was opened. Each is named in one clear
 * sentence; the host has moved it to quarantine (never deleted it), and when an earlier
 * valid version exists it can be restored from here.
 */
export function LoadProblems({ studyId, problems }: { studyId: string; problems: LoadProblem[] }) {
  const { t } = useTranslation('studies');
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<Record<string, string>>({});
  if (!problems.length) return null;
  // A sync tool's second version of a session is not a file that could not be read.
  const unreadable = problems.filter((p) => p.kind !== 'sync_copy').length;

  const otherLabel = (n: number) => (n === 1 ? t('problems.otherVersion') : t('problems.otherVersionN', { n }));
  const resolve = async (p: LoadProblem, choice: 'keep_current' | 'use_copy' | 'keep_both') => {
    setBusy(p.file);
    try {
      await resolveSyncCopy(studyId, p, choice, otherLabel);
    } catch (err) {
      const { key, values } = errorMessage(err);
      setFailed((f) => ({ ...f, [p.file]: t(key, values) }));
    } finally {
      setBusy(null);
    }
  };

  const recover = async (p: LoadProblem) => {
    setBusy(p.file);
    try {
      await recoverProblem(studyId, p);
    } catch (err) {
      const { key, values } = errorMessage(err);
      setFailed((f) => ({ ...f, [p.file]: t(key, values) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    // Only second versions from a sync or a restore: something to decide, not damage.
    <section className={unreadable > 0 ? 'problems' : 'problems problems-sync'} aria-labelledby="problems-title">
      <h2 id="problems-title" className="problems-title">
        {unreadable > 0 ? t('problems.title', { count: unreadable }) : t('problems.syncTitle', { count: problems.length })}
      </h2>
      <ul className="problems-list">
        {problems.map((p) => {
          if (p.kind === 'sync_copy') {
            const session = p.sessionCode ?? p.sessionId ?? p.file;
            return (
              <li key={p.file} className="problem problem-sync-copy" data-kind="sync_copy">
                <p>
                  {p.source === 'restore'
                    ? p.device
                      ? t('problems.restoreCopyFrom', { code: session, device: p.device })
                      : t('problems.restoreCopy', { code: session })
                    : p.device
                      ? t('problems.syncCopyFrom', { code: session, device: p.device })
                      : t('problems.syncCopy', { code: session })}
                </p>
                <p className="muted">{t('problems.syncCopyKept', { file: p.file })}</p>
                {/* The facilitator decides; whatever is chosen, the other file is archived, not deleted. */}
                <div className="problem-actions" role="group" aria-label={t('problems.syncChoose', { code: session })}>
                  <button type="button" className="button button-small" disabled={busy === p.file} onClick={() => void resolve(p, 'keep_current')}>
                    {t('problems.syncKeepCurrent')}
                  </button>
                  <button type="button" className="button button-small" disabled={busy === p.file} onClick={() => void resolve(p, 'use_copy')}>
                    {t('problems.syncUseCopy')}
                  </button>
                  <button type="button" className="button button-small" disabled={busy === p.file} onClick={() => void resolve(p, 'keep_both')}>
                    {t('problems.syncKeepBoth')}
                  </button>
                </div>
                {failed[p.file] ? (
                  <p className="field-error" role="alert">
                    {failed[p.file]}
                  </p>
                ) : null}
              </li>
            );
          }
          const name = p.sessionCode ? t('problems.session', { code: p.sessionCode }) : t('problems.file', { file: p.file });
          const moved = p.quarantinedTo ? t('problems.quarantined', { name, why: p.problem }) : t('problems.notMoved', { name, why: p.problem });
          const canRecover = p.recoverable && p.sessionId;
          return (
            <li key={p.file} className="problem">
              <p>
                {moved} {canRecover ? t('problems.recoverable') : t('problems.notRecoverable')}
              </p>
              {canRecover ? (
                <button type="button" className="button button-small" disabled={busy === p.file} onClick={() => void recover(p)}>
                  {t('problems.restore', { name })}
                </button>
              ) : null}
              {failed[p.file] ? (
                <p className="field-error" role="alert">
                  {failed[p.file]}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
