import { HostCallError } from '../../host/hostClient';
import { errorMessage } from '../../store/hostErrors';

/**
 * A failed encryption call as an i18n message. `study_locked` has its own sentence (the
 * idle lock can strike while a dialog is open); the rest read as every other host error.
 */
export function privacyError(err: unknown): { key: string; values?: Record<string, string> } {
  if (err instanceof HostCallError && err.code === 'study_locked') return { key: 'privacy:errors.locked' };
  return errorMessage(err);
}
