import { HostCallError } from '../host/hostClient';

/**
 * A host failure turned into words, in one place: every inline message, notice, "Not
 * saved: …" and "This study cannot be opened" goes through here, so the same failure reads
 * the same everywhere (`common:errors.<code>`, its message in `{{message}}`).
 */

/** What a failed host call says: the contract's error code and the host's message. */
export interface HostFailure {
  code: string;
  message: string;
}

/** An i18n key and its values, for `t(key, values)`. */
export interface ErrorText {
  key: string;
  values: Record<string, string>;
}

/** The code and message of a rejection: a HostCallError's own, anything else is `internal`. */
export function hostFailure(err: unknown): HostFailure {
  if (err instanceof HostCallError) return { code: err.code, message: err.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** The i18n key and values for a failure already reduced to its code and message (a stored one). */
export function failureMessage(failure: HostFailure): ErrorText {
  return { key: `common:errors.${failure.code}`, values: { message: failure.message } };
}

/** The i18n key and values for a host error, for notices and inline messages. */
export function errorMessage(err: unknown): ErrorText {
  return failureMessage(hostFailure(err));
}
