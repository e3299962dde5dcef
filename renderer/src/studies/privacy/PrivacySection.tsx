import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../../shared/model/session';
import type { Study } from '../../../../shared/model/study';
import { useAppStore } from '../../store/appStore';
import { ChangePassphraseDialog } from './ChangePassphraseDialog';
import { EncryptStudyDialog } from './EncryptStudyDialog';
import { ForgetStudyDialog } from './ForgetStudyDialog';
import { LockIcon } from './LockBadge';
import { useStudyEncryption } from './useStudyEncryption';
import './privacy.css';

/**
 * The study's privacy on this laptop, on its Settings tab: whether it is encrypted,
 * turning encryption on, changing the passphrase, and forgetting the study here. (An open
 * study is never locked: a locked one shows the unlock screen instead of this page.)
 */
export function PrivacySection({ study, sessions }: { study: Study; sessions: readonly Session[] }) {
  const { t } = useTranslation('privacy');
  const encryption = useStudyEncryption(study.id);
  const lockMinutes = useAppStore((s) => s.prefs.lockAfterMinutes ?? 10);
  const [dialog, setDialog] = useState<'encrypt' | 'change' | 'forget' | null>(null);
  const encrypted = encryption === 'unlocked' || encryption === 'locked';

  return (
    <section aria-labelledby="privacy-title" className="card card-padded privacy-section" data-testid="privacy-section">
      <h2 id="privacy-title" className="section-title">
        {t('section.title')}
      </h2>
      <p className="section-intro">{t('section.intro')}</p>
      {encryption === undefined ? null : encrypted ? (
        <p className="privacy-state privacy-state-on" data-testid="privacy-state">
          <LockIcon />
          {t('section.unlocked', { minutes: lockMinutes })}
        </p>
      ) : (
        <p className="privacy-state" data-testid="privacy-state">
          {t('section.none')}
        </p>
      )}
      <div className="button-row">
        {encryption === 'none' ? (
          <button type="button" className="button button-primary" onClick={() => setDialog('encrypt')}>
            {t('section.encrypt')}
          </button>
        ) : null}
        {encryption === 'unlocked' ? (
          <button type="button" className="button" onClick={() => setDialog('change')}>
            {t('section.changePassphrase')}
          </button>
        ) : null}
        <button type="button" className="button button-quiet-danger" onClick={() => setDialog('forget')}>
          {t('section.forget')}
        </button>
      </div>
      {dialog === 'encrypt' ? <EncryptStudyDialog study={study} onClose={() => setDialog(null)} /> : null}
      {dialog === 'change' ? <ChangePassphraseDialog studyId={study.id} onClose={() => setDialog(null)} /> : null}
      {dialog === 'forget' ? <ForgetStudyDialog studyId={study.id} open={{ study, sessions }} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}
