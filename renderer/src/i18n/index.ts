import i18next, { type FormatterModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/model/stakeholder';
import { numberFormat, setBengaliDigits } from './format';

/**
 * Catalogues are JSON files per language and namespace: locales/<lang>/<namespace>.json.
 * Every file found is loaded, so a feature adds its namespace by adding a file. Bengali
 * and Hindi are complete (tests/unit/i18n checks every English key has both); a key a
 * feature adds in English alone shows in English until it is translated.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, mod] of Object.entries(files)) {
  const m = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!m) continue;
  const [, lang, ns] = m as unknown as [string, string, string];
  (resources[lang] ??= {})[ns] = mod.default;
}

export const NAMESPACES = Object.keys(resources.en ?? {});

/**
 * Numbers interpolated into sentences ({{count}} and friends) are written with the UI
 * language's digits, the same as the numbers the pages format themselves (app/format).
 * Strings pass through untouched: callers that pre-format a number pass a string.
 */
const numberFormatter: FormatterModule = {
  type: 'formatter',
  init() {},
  add() {},
  addCached() {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- i18next's own signature: values are anything interpolated
  format(value: any, _format?: string, lng?: string): any {
    return typeof value === 'number' && Number.isFinite(value) ? numberFormat(lng ?? 'en').format(value) : value;
  },
};

export const i18n = i18next.createInstance();
void i18n
  .use(initReactI18next)
  .use(numberFormatter)
  .init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: ['en', 'bn', 'hi'],
    ns: NAMESPACES,
    defaultNS: 'common',
    interpolation: { escapeValue: false, alwaysFormat: true }, // React escapes already
    returnNull: false,
    initAsync: false,
  });

/**
 * Switch the UI language, the digits and the document's lang attribute (screen readers
 * pick their voice from it, and the browser picks fonts by it). A change of digits alone
 * re-renders too: react-i18next re-renders on every languageChanged.
 */
export async function setLanguage(lang: Language, bengaliDigits = false): Promise<void> {
  setBengaliDigits(bengaliDigits);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}
