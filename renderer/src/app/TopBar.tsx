import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/model/stakeholder';
import { useAppStore } from '../store/appStore';
import { updatePrefs } from '../store/actions';
import { PresentingBar } from '../present/PresentControls';
import { hrefFor } from '../ui/router';
import { LockControls } from '../ui/LockControls';

/** "১২", the digits the toggle switches to, written by Intl rather than typed in. */
const BENGALI_SAMPLE = new Intl.NumberFormat('bn-u-nu-beng').format(12);

/** Where the session page puts its title and tools, inside the top bar (one bar leaves the map more room). */
export const APP_BAR_SLOT_ID = 'app-bar-slot';

/**
 * The bar on every page: the app's name (back to the studies), language, large text.
 * On the map editor it is compact: the name shrinks to the logo and the session's own
 * title and tools fill the middle. `canLock`: an encrypted study is open and unlocked, so
 * "Lock study" is offered beside "Blank screen".
 */
export function TopBar({ compact = false, canLock = false }: { compact?: boolean; canLock?: boolean }) {
  const { t } = useTranslation();
  const prefs = useAppStore((s) => s.prefs);
  const languageId = useId();
  return (
    <header className={`app-bar${compact ? ' app-bar-compact' : ''}`}>
      <a className="app-brand" href={hrefFor({ name: 'studies' })}>
        <svg className="app-logo" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <rect x="1" y="1" width="8.5" height="8.5" rx="1.5" className="logo-hp-li" />
          <rect x="10.5" y="1" width="8.5" height="8.5" rx="1.5" className="logo-hp-hi" />
          <rect x="1" y="10.5" width="8.5" height="8.5" rx="1.5" className="logo-lp-li" />
          <rect x="10.5" y="10.5" width="8.5" height="8.5" rx="1.5" className="logo-lp-hi" />
        </svg>
        <span className="app-brand-name">{t('appName')}</span>
      </a>
      <div className="app-bar-middle" id={APP_BAR_SLOT_ID} />
      <div className="app-bar-tools">
        <PresentingBar />
        <LockControls canLock={canLock} compact={compact} />
        <label className="app-bar-field" htmlFor={languageId}>
          {t('app:language')}
        </label>
        <select
          id={languageId}
          className="select select-compact"
          value={prefs.language}
          onChange={(e) => void updatePrefs({ language: e.target.value as Language, languageChosen: true })}
        >
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {t(`languages.${lang}`)}
            </option>
          ))}
        </select>
        {prefs.language === 'bn' && (
          <button
            type="button"
            className="button button-small toggle"
            aria-pressed={prefs.bengaliDigits ?? false}
            title={t('app:bengaliDigitsTitle')}
            onClick={() => void updatePrefs({ bengaliDigits: !prefs.bengaliDigits })}
          >
            <span aria-hidden="true" className="toggle-icon">
              {BENGALI_SAMPLE}
            </span>
            {t('app:bengaliDigits')}
          </button>
        )}
        <button
          type="button"
          className="button button-small toggle"
          aria-pressed={prefs.largeText}
          onClick={() => void updatePrefs({ largeText: !prefs.largeText })}
        >
          <span aria-hidden="true" className="toggle-icon">
            A<span className="toggle-icon-big">A</span>
          </span>
          {t('app:largeText')}
        </button>
      </div>
    </header>
  );
}
