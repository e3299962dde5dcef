import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/model/session';

export interface SessionPanelProps {
  session: Session;
  onConsent(consent: boolean): void;
  onNotes(notes: string): void;
}

/** Consent and the session's notes, editable beside the map (read-only when locked). */
export function SessionPanel({ session, onConsent, onNotes }: SessionPanelProps) {
  const { t } = useTranslation('editor');
  const ids = useId();
  const locked = session.locked;
  return (
    <section className="ed-panel session-panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="ed-panel__title">
        {t('session.title')}
      </h2>
      <fieldset className="consent" aria-describedby={session.consent ? undefined : `${ids}-consent-warning`}>
        <legend>{t('session.consent')}</legend>
        <div className="consent__options">
          <label>
            <input type="radio" name={`${ids}-consent`} checked={session.consent} disabled={locked && !session.consent} onChange={() => !locked && onConsent(true)} />
            {t('session.yes')}
          </label>
          <label>
            <input type="radio" name={`${ids}-consent`} checked={!session.consent} disabled={locked && session.consent} onChange={() => !locked && onConsent(false)} />
            {t('session.no')}
          </label>
        </div>
        {!session.consent && (
          <p id={`${ids}-consent-warning`} className="ed-warning">
            <span aria-hidden="true">⚠ </span>
            {t('session.noConsent')}
          </p>
        )}
      </fieldset>
      <div className="ed-field">
        <label htmlFor={`${ids}-notes`}>{t('session.notes')}</label>
        <textarea id={`${ids}-notes`} rows={4} value={session.notes} readOnly={locked} aria-describedby={`${ids}-notes-help`} onChange={(e) => onNotes(e.target.value)} />
        <p id={`${ids}-notes-help`} className="ed-help">
          {t('session.notesHelp')}
        </p>
      </div>
    </section>
  );
}
