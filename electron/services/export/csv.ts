import { serializeLongFormat } from '../../../shared/csv/longFormat';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

/**
 * The study's sessions in the long CSV format, UTF-8 with a byte-order mark so Excel
 * shows Bengali and Hindi correctly. With `redact` the note column stays empty.
 */
export function studyCsv(study: Study, sessions: readonly Session[], redact: boolean): string {
  return serializeLongFormat(study, sessions, { redact, bom: true });
}
