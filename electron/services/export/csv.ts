import { serializeLongFormat } from '../../../shared/csv/longFormat';
import type { Session } from '../../../shared/model/session';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';

/**
 * The study's sessions in the long CSV format, UTF-8 with a byte-order mark so Excel
 * shows Bengali and Hindi correctly. With `redact` the note column stays empty.
 *
 * `lang` changes one thing only: the `stakeholder` column carries the stakeholder's name
 * in that language (English where the study has no label). Columns, status codes,
 * numbers and cohort and round names stay as they are, so an R script reads every
 * language's file the same way, and `pimap import` matches the translated names back
 * to the same stakeholders.
 */
export function studyCsv(study: Study, sessions: readonly Session[], redact: boolean, lang: Language = 'en'): string {
  const named = lang === 'en' ? study : { ...study, stakeholders: study.stakeholders.map((s) => ({ ...s, name: stakeholderLabel(s, lang).name })) };
  return serializeLongFormat(named, sessions, { redact, bom: true });
}
