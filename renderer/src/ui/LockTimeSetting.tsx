import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notify, updatePrefs } from '../store/actions';
import { useAppStore } from '../store/appStore';
import { DEFAULT_LOCK_MINUTES, LOCK_MINUTES_MAX, LOCK_MINUTES_MIN } from '../store/lock';
import './lock.css';

/**
 * This device's idle time before encrypted studies lock (`prefs.lockAfterMinutes`, issue
 * 16), beside the other settings of this laptop (the Work as a team page, where its device
 * name is set). A self-contained card, so that page needs one line for it.
 */
export function LockTimeSetting() {
  const { t } = useTranslation('lock');
  const current = useAppStore((s) => s.prefs.lockAfterMinutes ?? DEFAULT_LOCK_MINUTES);
  const [value, setValue] = useState(String(current));
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();

  const save = (e: FormEvent) => {
    e.preventDefault();
    const minutes = Number(value.trim());
    if (!Number.isInteger(minutes) || minutes < LOCK_MINUTES_MIN || minutes > LOCK_MINUTES_MAX) {
      setError(t('setting.invalid'));
      return;
    }
    setError(null);
    void updatePrefs({ lockAfterMinutes: minutes }).then(() => notify({ tone: 'info', key: 'lock:setting.saved', values: { count: minutes } }));
  };

  return (
    <section className="card lock-setting" aria-labelledby={`${fieldId}-title`}>
      <h2 id={`${fieldId}-title`}>{t('setting.title')}</h2>
      <form className="lock-setting__form" onSubmit={save} noValidate>
        <label className="field" htmlFor={fieldId}>
          <span className="field-label">{t('setting.label')}</span>
          <input
            id={fieldId}
            className="input lock-setting__input"
            type="number"
            inputMode="numeric"
            min={LOCK_MINUTES_MIN}
            max={LOCK_MINUTES_MAX}
            step={1}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            data-testid="lock-minutes"
          />
        </label>
        <button type="submit" className="button button-primary">
          {t('setting.save')}
        </button>
      </form>
      <p id={hintId} className="field-hint">
        {t('setting.hint')}
      </p>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
