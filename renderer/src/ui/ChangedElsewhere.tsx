import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../store/hostErrors';
import './changedElsewhere.css';

export interface ChangedElsewhereChoice {
  /** `theirs`, `copy` (sessions) or `mine` (study settings). */
  id: 'theirs' | 'copy' | 'mine';
  label: string;
  hint: string;
  run(): Promise<void>;
}

/**
 * "Changed elsewhere": a save was refused because the document was saved by someone
 * else after this window read it. The edits are still in memory; this asks what to do
 * with them and never decides alone. Shown in place of a silent overwrite or a silent loss.
 */
export function ChangedElsewhere({ kind, choices }: { kind: 'session' | 'study'; choices: ChangedElsewhereChoice[] }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const titleId = `changed-elsewhere-${kind}`;
  const choose = async (c: ChangedElsewhereChoice) => {
    setBusy(c.id);
    setFailure(null);
    try {
      await c.run();
    } catch (err) {
      const { key, values } = errorMessage(err);
      setFailure(t(key, values));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="changed-elsewhere" role="alert" aria-labelledby={titleId} data-testid="changed-elsewhere">
      <h2 id={titleId} className="changed-elsewhere-title">
        {t('changedElsewhere.title')}
      </h2>
      <p className="changed-elsewhere-text">{t(`changedElsewhere.${kind}`)}</p>
      <ul className="changed-elsewhere-choices">
        {choices.map((c) => (
          <li key={c.id}>
            <button type="button" className={c.id === 'theirs' ? 'button' : 'button button-primary'} disabled={busy !== null} onClick={() => void choose(c)}>
              {busy === c.id ? t('changedElsewhere.working') : c.label}
            </button>
            <span className="changed-elsewhere-hint">{c.hint}</span>
          </li>
        ))}
      </ul>
      {failure ? <p className="field-error">{failure}</p> : null}
    </section>
  );
}
