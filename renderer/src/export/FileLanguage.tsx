import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/model/stakeholder';
import type { ExportFormat } from './exportChoices';

/**
 * The language of the exported file: the interface's language unless the user picks
 * another (a facilitator working in English can hand a collective its map in Bengali).
 * A study file carries every language's names, so the choice does not apply to it.
 */
export function FileLanguage({ id, value, format, onChange }: { id: string; value: Language; format: ExportFormat; onChange(lang: Language): void }) {
  const { t } = useTranslation('export');
  const applies = format !== 'bundle';
  return (
    <div className="export-language">
      <label className="field-label" htmlFor={id}>
        {t('language.label')}
      </label>
      <select id={id} className="select" value={value} disabled={!applies} onChange={(e) => onChange(e.target.value as Language)} aria-describedby={`${id}-hint`} data-testid="export-language">
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`common:languages.${l}`)}
          </option>
        ))}
      </select>
      <p className="field-hint" id={`${id}-hint`}>
        {!applies ? t('language.hintBundle') : format === 'csv' ? t('language.hintCsv') : t('language.hint')}
      </p>
    </div>
  );
}
