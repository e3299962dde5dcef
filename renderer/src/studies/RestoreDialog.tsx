import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreSummaryResult } from '../../../shared/contract/hostContract';
import { Dialog } from '../ui/Dialog';
import { encodingMessage, readTextFile } from '../ui/readTextFile';
import { hrefFor } from '../ui/router';
import { callHost } from '../host/hostClient';
import { loadStudies } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { Field } from './Field';
import { useAlive } from '../ui/useAlive';

type Message = { key: string; values?: Record<string, string | number> };
type Chosen = { fileName: string; text: string };

/** Names listed before "and N more": a backup can hold hundreds of sessions. */
const MAX_LISTED = 12;

/**
 * Restore a backup (the host's `restoreBackup`, the same rules as `pimap restore` and the
 * sync): a study not on this laptop is created as it was; one already here is merged —
 * everything either side added is kept, sessions only in the backup are added, a map
 * changed on both sides keeps this laptop's version with the backup's beside it, shown on
 * the study page to resolve. Nothing is overwritten or deleted, so there is no preview
 * step to confirm: the dialog says afterwards, in full, what it did.
 */
export function RestoreDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation('team');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [done, setDone] = useState<RestoreSummaryResult | null>(null);
  const alive = useAlive();
  const request = useRef(0);


  const onFile = async (file: File | undefined) => {
    const mine = ++request.current;
    setError(null);
    setChosen(null);
    if (!file) return;
    const read = await readTextFile(file);
    if (mine !== request.current || !alive.current) return;
    if (!read.ok) return setError(encodingMessage(file.name, read.problem));
    setChosen({ fileName: file.name, text: read.text });
  };

  const submit = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    try {
      const summary = await callHost('restoreBackup', { bundleText: chosen.text });
      if (!alive.current) return;
      setDone(summary);
      void loadStudies();
    } catch (err) {
      if (alive.current) setError(errorMessage(err));
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  const list = (names: readonly string[]) => {
    const shown = names.slice(0, MAX_LISTED);
    const joined = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(shown);
    return names.length > shown.length ? t('restore.andMore', { names: joined, count: names.length - shown.length }) : joined;
  };

  if (done) {
    const added = [
      done.added.stakeholders.length ? t('restore.addedStakeholders', { names: list(done.added.stakeholders) }) : null,
      done.added.cohorts.length ? t('restore.addedCohorts', { names: list(done.added.cohorts) }) : null,
      done.added.rounds.length ? t('restore.addedRounds', { names: list(done.added.rounds) }) : null,
    ].filter((x): x is string => x !== null);
    const conflicts = [...done.conflicts, ...done.alreadyKept];
    return (
      <Dialog
        title={t('restore.title')}
        onClose={onClose}
        footer={
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('common:close')}
            </button>
            <a className="button button-primary" href={hrefFor({ name: 'study', studyId: done.studyId, tab: 'sessions' })} onClick={onClose}>
              {t('restore.openStudy')}
            </a>
          </>
        }
      >
        <div role="status" data-testid="restore-summary" className="restore-summary">
          <p>
            <strong>{done.created ? t('restore.created', { title: done.title, count: done.addedSessions.length }) : t('restore.merged', { title: done.title })}</strong>
          </p>
          {!done.created ? (
            <ul>
              {added.map((line) => (
                <li key={line}>{line}</li>
              ))}
              {!added.length ? <li>{done.studyChanged ? t('restore.settingsUpdated') : t('restore.settingsSame')}</li> : null}
              <li>{done.addedSessions.length ? t('restore.addedSessions', { count: done.addedSessions.length, names: list(done.addedSessions) }) : t('restore.noSessionAdded')}</li>
              {done.unchangedSessions.length ? <li>{t('restore.unchanged', { count: done.unchangedSessions.length })}</li> : null}
              {done.localOnlySessions.length ? <li>{t('restore.localOnly', { count: done.localOnlySessions.length })}</li> : null}
            </ul>
          ) : null}
          {done.historyAdded ? <p>{t('restore.history', { count: done.historyAdded })}</p> : null}
          {conflicts.length ? (
            <div className="notice-inline">
              <p>{t('restore.conflicts', { count: conflicts.length, names: list(conflicts.map((c) => c.code)) })}</p>
            </div>
          ) : null}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={t('restore.title')}
      onClose={onClose}
      onSubmit={() => void submit()}
      error={error ? t(error.key, error.values) : null}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!chosen || busy} data-testid="restore-submit">
            {busy ? t('restore.working') : t('restore.submit')}
          </button>
        </>
      }
    >
      <p>{t('restore.lead')}</p>
      <Field label={t('restore.file')} hint={t('restore.fileHint')}>
        {(control) => <input {...control} className="input" type="file" accept=".json,application/json" disabled={busy} onChange={(e) => void onFile(e.target.files?.[0])} data-testid="restore-file" />}
      </Field>
    </Dialog>
  );
}
