import { useTranslation } from 'react-i18next';
import { PageHeading } from '../ui/PageHeading';

const STEPS = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6', 'step7'] as const;
const KEYS = ['keyArrows', 'keyEnter', 'keyBins', 'keyAlt', 'keyEscape', 'keyUndo'] as const;
const PRESENTING = ['present1', 'present2', 'present3'] as const;
/** The blank screen and the lock (issue 16): renderer/src/ui/lockKeys.ts. */
const PRIVACY = ['blankKey', 'lockKey'] as const;

/** "How to run a mapping session": the steps of an FGD mapping, the editor's keys (MapEditor's keyboard handling) and how to present. */
export function HelpPage() {
  const { t } = useTranslation('present');
  return (
    <div className="page help-page">
      <PageHeading>{t('help.title')}</PageHeading>
      <h2>{t('help.stepsTitle')}</h2>
      <ol>
        {STEPS.map((k) => (
          <li key={k}>{t(`help.${k}`)}</li>
        ))}
      </ol>
      <h2>{t('help.keysTitle')}</h2>
      <ul>
        {KEYS.map((k) => (
          <li key={k}>{t(`help.${k}`)}</li>
        ))}
      </ul>
      <h2>{t('help.presentTitle')}</h2>
      <ul>
        {PRESENTING.map((k) => (
          <li key={k}>{t(`help.${k}`)}</li>
        ))}
      </ul>
      <h2>{t('lock:help.title')}</h2>
      <ul data-testid="help-privacy-keys">
        {PRIVACY.map((k) => (
          <li key={k}>{t(`lock:help.${k}`)}</li>
        ))}
      </ul>
      <p>
        <button type="button" className="button" onClick={() => window.history.back()}>
          {t('help.back')}
        </button>
      </p>
    </div>
  );
}
