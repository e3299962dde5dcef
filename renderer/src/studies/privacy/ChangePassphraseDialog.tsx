import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callHost } from '../../host/hostClient';
import { notify } from '../../store/actions';
import { Dialog } from '../../ui/Dialog';
import { useAlive } from '../../ui/useAlive';
import { PassphraseFields, passphraseProblems, type PassphrasePair } from './PassphraseFields';
import { privacyError } from './privacyErrors';
import './privacy.css';

/**
 * A new passphrase for an encrypted, unlocked study. The host re-wraps the study's data
 * key only — no file is rewritten and the recovery key stays valid — and the dialog says
 * so, since "change the passphrase" often makes people expect their files to change too.
 */
export function ChangePassphraseDialog({ studyId, onClose }: { studyId: string; onClose(): void }) {
  const { t } = useTranslation('privacy');
  const [pair, setPair] = useState<PassphrasePair>({ first: '', second: '' });
  const [show, setShow] = useState(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: string; values?: Record<string, string> } | null>(null);
  const alive = useAlive();
  const ids = useId();

  const submit = async () => {
    if (busy) return;
    setTried(true);
    const problems = passphraseProblems(pair);
    if (problems.first || problems.second) return;
    setBusy(true);
    setError(null);
    try {
      await callHost('changePassphrase', { studyId, newPassphrase: pair.first });
      notify({ tone: 'info', key: 'privacy:change.done' });
      if (alive.current) onClose();
    } catch (err) {
      if (alive.current) setError(privacyError(err));
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('change.title')}
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
          <button type="submit" className="button button-primary" disabled={busy} data-testid="change-passphrase-submit">
            {busy ? t('change.working') : t('change.submit')}
          </button>
        </>
      }
    >
      <p id={`${ids}-lead`}>{t('change.intro')}</p>
      <PassphraseFields value={pair} onChange={setPair} show={show} onShowChange={setShow} showErrors={tried} label={t('passphrase.newLabel')} />
      <p className="field-hint">{t('change.sync')}</p>
    </Dialog>
  );
}
