import { useTranslation } from 'react-i18next';
import { Field } from '../Field';

/** The host's minimum (hostContract `Passphrase`): checked here first so the person is told before anything starts. */
export const MIN_PASSPHRASE = 8;

export interface PassphrasePair {
  first: string;
  second: string;
}

/**
 * What is wrong with a new passphrase and its repetition, as i18n keys (null: fine).
 * Length counts UTF-16 units, as the host's schema does, so the two never disagree.
 */
export function passphraseProblems({ first, second }: PassphrasePair): { first: string | null; second: string | null } {
  return {
    first: first.length < MIN_PASSPHRASE ? 'passphrase.tooShort' : null,
    second: first.length >= MIN_PASSPHRASE && first !== second ? 'passphrase.mismatch' : null,
  };
}

/**
 * A new passphrase typed twice, hidden unless the person asks to see it (someone may be
 * looking over a shoulder in an office; typing blind is why it is asked twice). Errors
 * show once `showErrors` is set (after a first try), not while the person is still typing.
 */
export function PassphraseFields({
  value,
  onChange,
  show,
  onShowChange,
  showErrors,
  label,
}: {
  value: PassphrasePair;
  onChange(next: PassphrasePair): void;
  show: boolean;
  onShowChange(show: boolean): void;
  showErrors: boolean;
  label?: string;
}) {
  const { t } = useTranslation('privacy');
  const problems = passphraseProblems(value);
  const type = show ? 'text' : 'password';
  return (
    <div className="passphrase-fields">
      <Field
        label={label ?? t('passphrase.label')}
        hint={t('passphrase.hint')}
        error={showErrors && problems.first ? t(problems.first, { count: MIN_PASSPHRASE }) : null}
      >
        {(p) => (
          <input
            {...p}
            className="input"
            type={type}
            autoComplete="new-password"
            spellCheck={false}
            value={value.first}
            onChange={(e) => onChange({ ...value, first: e.target.value })}
            data-testid="passphrase-first"
          />
        )}
      </Field>
      <Field label={t('passphrase.repeat')} error={showErrors && problems.second ? t(problems.second) : null}>
        {(p) => (
          <input
            {...p}
            className="input"
            type={type}
            autoComplete="new-password"
            spellCheck={false}
            value={value.second}
            onChange={(e) => onChange({ ...value, second: e.target.value })}
            data-testid="passphrase-second"
          />
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={show} onChange={(e) => onShowChange(e.target.checked)} />
        <span>{t('passphrase.show')}</span>
      </label>
    </div>
  );
}
