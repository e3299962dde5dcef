import type { ExportText } from '../../../shared/export/exportText';
import type { Language } from '../../../shared/model/stakeholder';
import { BENGALI_EXPORT_TEXT } from './exportText.bn';
import { HINDI_EXPORT_TEXT } from './exportText.hi';
import { ENGLISH_EXPORT_TEXT } from './englishText';

/**
 * The words of every export per language, one source of truth each (englishText.ts,
 * exportText.bn.ts, exportText.hi.ts). The host, the preview and the CLI all choose
 * from here, so a Bengali report is worded the same whichever door asked for it.
 */
export const EXPORT_TEXTS: Readonly<Record<Language, ExportText>> = {
  en: ENGLISH_EXPORT_TEXT,
  bn: BENGALI_EXPORT_TEXT,
  hi: HINDI_EXPORT_TEXT,
};

/** The export words of `lang` (English when none is asked for). */
export function exportTextFor(lang: Language | undefined): ExportText {
  return EXPORT_TEXTS[lang ?? 'en'];
}
