import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../../shared/model/session';
import type { Study } from '../../../../shared/model/study';
import { ExportDialog } from '../../export/ExportDialog';
import { Dialog } from '../../ui/Dialog';
import { useAlive } from '../../ui/useAlive';
import { BackupDialog } from '../BackupDialog';
import { Field } from '../Field';
import { forgetStudyOnDevice } from './forgetStudy';
import { privacyError } from './privacyErrors';
import './privacy.css';

/** Titles compared as people type them: outer and repeated spaces, and Unicode forms (Bengali vowel signs), do not matter. */
const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');

/**
 * Forget this study on this device. Unlike Delete (the trash, with Undo) this removes the
 * study's folder, history and trash entries for good, so the dialog first says so, offers
 * a backup or an export, says what deleting cannot promise (SSDs, copies elsewhere), and
 * asks for the study's title to be typed — a deliberate act, not a click through.
 */
export function ForgetStudyDialog({ study, sessions, onClose }: { study: Study; sessions: readonly Session[]; onClose(): void }) {
  const { t } = useTranslation('privacy');
  const [typed, setTyped] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: string; values?: Record<string, string> } | null>(null);
  const [copy, setCopy] = useState<'backup' | 'export' | null>(null);
  const alive = useAlive();
  const ids = useId();
  const matches = normalise(typed) === normalise(study.title);

  const submit = async () => {
    if (busy) return;
    setTried(true);
    if (!matches) return;
    setBusy(true);
    setError(null);
    try {
      await forgetStudyOnDevice(study);
    } catch (err) {
      if (alive.current) setError(privacyError(err));
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  return (
    <>
      <Dialog
        title={t('forget.title', { title: study.title })}
        onClose={onClose}
        onSubmit={() => void submit()}
        describedBy={`${ids}-lead`}
        error={error ? t(error.key, error.values) : null}
        footer={
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('common:cancel')}
            </button>
            <button type="submit" className="button button-danger" disabled={busy || !matches} data-testid="forget-submit">
              {busy ? t('forget.working') : t('forget.submit')}
            </button>
          </>
        }
      >
        <p id={`${ids}-lead`} className="privacy-warning">
          {t('forget.intro')}
        </p>
        <div className="privacy-aside">
          <p>{t('forget.first')}</p>
          <div className="button-row">
            <button type="button" className="button button-small" onClick={() => setCopy('backup')}>
              {t('forget.backup')}
            </button>
            <button type="button" className="button button-small" onClick={() => setCopy('export')}>
              {t('forget.export')}
            </button>
          </div>
        </div>
        <h3 className="privacy-subtitle">{t('forget.cannotTitle')}</h3>
        <ul className="privacy-list">
          <li>{t('forget.ssd')}</li>
          <li>{t('forget.copies')}</li>
        </ul>
        <Field label={t('forget.confirmLabel', { title: study.title })} error={tried && !matches && typed.trim() ? t('forget.confirmWrong') : null}>
          {(p) => (
            <input
              {...p}
              className="input"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onBlur={() => setTried(true)}
              data-testid="forget-confirm"
            />
          )}
        </Field>
      </Dialog>
      {copy === 'backup' ? <BackupDialog study={study} onClose={() => setCopy(null)} /> : null}
      {copy === 'export' ? <ExportDialog scope={{ kind: 'study', study, sessions }} onClose={() => setCopy(null)} /> : null}
    </>
  );
}
