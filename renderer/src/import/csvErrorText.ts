import type { TFunction } from 'i18next';
import type { CsvImportError } from '../../../shared/contract/hostContract';

/**
 * A CSV problem in the user's language. Codes come from shared/csv (and the host, for
 * problems about the data folder); a code this version does not know is still shown.
 */
export function csvErrorText(t: TFunction, e: CsvImportError): string {
  const params = { ...(e.params ?? {}) };
  return t(`errors.${e.code}`, { ns: 'import', ...params, defaultValue: t('errors.unknown', { ns: 'import', code: e.code }) });
}
