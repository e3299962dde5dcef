import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameKey } from '../../../../shared/model/names';
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

/** The English confirmation word, accepted in every language: a Bengali or Hindi user may only have a Latin keyboard. */
const ENGLISH_WORD = 'forget';

/**
 * Forget a study on this device. Unlike Delete (the trash, with Undo) this removes the
 * study's folder, history and trash entries for good, so the dialog first says so, offers
 * a backup or an export, says what deleting cannot promise (SSDs, copies elsewhere), and
 * asks for the study's title to be typed — a deliberate act, not a click through.
 *
 * `open`: the study as loaded, for its title and for a copy first. Without it the study
 * is encrypted and locked (from its card): no title to type and nothing to copy, so the
 * dialog asks for a word instead. It is offered at all because a study whose passphrase
 * and recovery key are both lost could otherwise never leave the list.
 */
export function ForgetStudyDialog({
  studyId,
  open,
  onClose,
}: {
  studyId: string;
  open: { study: Study; sessions: readonly Session[] } | null;
  onClose(): void;
}) {
  const { t } = useTranslation('privacy');
  const [typed, setTyped] = useState('');
  const [left, setLeft] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: string; values?: Record<string, string> } | null>(null);
  const [copy, setCopy] = useState<'backup' | 'export' | null>(null);
  const alive = useAlive();
  const ids = useId();
  const word = t('forget.word');
  // The title (or the word) compared as names are (`nameKey`): outer and repeated spaces,
  // Unicode forms (Bengali vowel signs) and case do not matter.
  const matches = open ? nameKey(typed) === nameKey(open.study.title) : [word, ENGLISH_WORD].some((w) => nameKey(typed) === nameKey(w));

  const submit = async () => {
    if (busy || !matches) return;
    setBusy(true);
    setError(null);
    try {
      await forgetStudyOnDevice({ id: studyId, title: open?.study.title ?? null });
    } catch (err) {
      if (alive.current) setError(privacyError(err));
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  const wrong = left && typed.trim() !== '' && !matches;
  return (
    <>
      <Dialog
        title={open ? t('forget.title', { title: open.study.title }) : t('forget.titleLocked')}
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
          {open ? (
            <>
              <p>{t('forget.first')}</p>
              <div className="button-row">
                <button type="button" className="button button-small" onClick={() => setCopy('backup')}>
                  {t('forget.backup')}
                </button>
                <button type="button" className="button button-small" onClick={() => setCopy('export')}>
                  {t('forget.export')}
                </button>
              </div>
            </>
          ) : (
            <p>{t('forget.lockedNoCopy')}</p>
          )}
        </div>
        <h3 className="privacy-subtitle">{t('forget.cannotTitle')}</h3>
        <ul className="privacy-list">
          <li>{t('forget.ssd')}</li>
          <li>{t('forget.copies')}</li>
        </ul>
        <Field
          label={open ? t('forget.confirmLabel', { title: open.study.title }) : t('forget.confirmWordLabel', { word })}
          error={wrong ? t(open ? 'forget.confirmWrong' : 'forget.confirmWordWrong') : null}
        >
          {(p) => (
            <input
              {...p}
              className="input"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onBlur={() => setLeft(true)}
              data-testid="forget-confirm"
            />
          )}
        </Field>
      </Dialog>
      {open && copy === 'backup' ? <BackupDialog study={open.study} onClose={() => setCopy(null)} /> : null}
      {open && copy === 'export' ? <ExportDialog scope={{ kind: 'study', study: open.study, sessions: open.sessions }} onClose={() => setCopy(null)} /> : null}
    </>
  );
}
