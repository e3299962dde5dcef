import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../store/hostErrors';
import { isWrongPassphrase, unlockAndOpen } from '../store/lock';
import { PageHeading } from './PageHeading';
import { hrefFor } from './router';
import './lock.css';

type Mode = 'passphrase' | 'recovery';

/**
 * The unlock screen of an encrypted, locked study: its passphrase (hidden, with Show), or
 * its 24-word recovery key instead. A wrong one gets one message under the field, focus
 * goes back into it with its text selected for retyping, and nothing else changes. Once
 * unlocked, the study is opened again and the page that asked for it shows it.
 *
 * The secret lives in this component's state only, and goes with it when the study opens.
 */
export function UnlockForm({ studyId }: { studyId: string }) {
  const { t } = useTranslation('lock');
  const [mode, setMode] = useState<Mode>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const leadId = useId();
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  // The map was just taken away (Lock now, the idle lock) and focus went with it: start in
  // the field. After a page change the heading has focus, which a screen reader reads first.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) fieldRef.current?.focus();
  }, []);

  const refocus = () => {
    // After React has rendered the message, so the field is read with it.
    requestAnimationFrame(() => {
      fieldRef.current?.focus();
      fieldRef.current?.select();
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const secret = mode === 'passphrase' ? passphrase : recoveryKey.trim();
    if (secret === '') {
      setError(t(mode === 'passphrase' ? 'unlock.empty' : 'unlock.emptyRecovery'));
      refocus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unlockAndOpen(studyId, mode === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret });
      // Opened: this form is replaced by the study.
    } catch (err) {
      if (!live.current) return;
      if (isWrongPassphrase(err)) setError(t(mode === 'passphrase' ? 'unlock.wrongPassphrase' : 'unlock.wrongRecovery'));
      else {
        const { key, values } = errorMessage(err);
        setError(t(key, values));
      }
      refocus();
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const switchMode = () => {
    setMode((m) => (m === 'passphrase' ? 'recovery' : 'passphrase'));
    setError(null);
    requestAnimationFrame(() => fieldRef.current?.focus());
  };

  const describedBy = [mode === 'recovery' ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className="page unlock-page" data-testid="unlock-screen">
      <PageHeading>{t('unlock.title')}</PageHeading>
      <p id={leadId} className="lead">
        {t(mode === 'passphrase' ? 'unlock.lead' : 'unlock.leadRecovery')}
      </p>
      <form className="card unlock-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field-label" htmlFor={fieldId}>
          {t(mode === 'passphrase' ? 'unlock.passphrase' : 'unlock.recoveryKey')}
        </label>
        {mode === 'passphrase' ? (
          <div className="unlock-form__row">
            <input
              ref={fieldRef}
              id={fieldId}
              className="input unlock-form__input"
              type={shown ? 'text' : 'password'}
              autoComplete="current-password"
              autoCapitalize="off"
              spellCheck={false}
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              data-testid="unlock-passphrase"
            />
            {/* One word that does not change, with its pressed state: a name that changed
                with the state would be read as another button. */}
            <button type="button" className="button toggle" aria-pressed={shown} aria-controls={fieldId} onClick={() => setShown((s) => !s)} data-testid="unlock-show">
              {t('unlock.show')}
            </button>
          </div>
        ) : (
          <>
            <textarea
              ref={fieldRef}
              id={fieldId}
              className="input unlock-form__words"
              rows={4}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              value={recoveryKey}
              onChange={(e) => setRecoveryKey(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              data-testid="unlock-recovery"
            />
            <p id={hintId} className="field-hint">
              {t('unlock.recoveryHint')}
            </p>
          </>
        )}
        {error ? (
          <p id={errorId} className="field-error" role="alert" data-testid="unlock-error">
            {error}
          </p>
        ) : null}
        <div className="unlock-form__actions">
          <button type="submit" className="button button-primary" aria-disabled={busy || undefined} data-testid="unlock-submit">
            {busy ? t('unlock.working') : t('unlock.submit')}
          </button>
          <button type="button" className="button button-quiet" onClick={switchMode}>
            {mode === 'passphrase' ? t('unlock.useRecovery') : t('unlock.usePassphrase')}
          </button>
        </div>
      </form>
      <p>
        <a href={hrefFor({ name: 'studies' })}>{t('unlock.toStudies')}</a>
      </p>
    </div>
  );
}
