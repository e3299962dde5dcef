import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/model/stakeholder';
import { updatePrefs } from '../store/actions';

/**
 * On first start (until a language has been picked) the app asks, in all three
 * languages at once: someone who reads no English must be able to find their own. The
 * choice is saved; the language menu in the top bar changes it at any time.
 */
export function LanguageChoice() {
  const { i18n } = useTranslation();
  const choose = (language: Language) => void updatePrefs({ language, languageChosen: true });
  return (
    <section className="language-choice" aria-labelledby="language-choice-title">
      <h2 id="language-choice-title" className="language-choice-title">
        {LANGUAGES.map((lang) => (
          <span key={lang} lang={lang}>
            {i18n.getFixedT(lang, 'app')('chooseLanguage.title')}
          </span>
        ))}
      </h2>
      <div className="language-choice-options">
        {LANGUAGES.map((lang) => (
          <button key={lang} type="button" lang={lang} className="button language-choice-option" aria-pressed={i18n.language === lang} onClick={() => choose(lang)}>
            {i18n.getFixedT(lang, 'common')(`languages.${lang}`)}
          </button>
        ))}
      </div>
      <p className="muted language-choice-hint">{i18n.getFixedT(i18n.language, 'app')('chooseLanguage.later')}</p>
    </section>
  );
}
