import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvImportError, CsvImportPreview } from '../../../shared/contract/hostContract';
import { Dialog } from '../ui/Dialog';
import { formatNumber } from '../i18n/format';
import { encodingMessage, readTextFile } from '../ui/readTextFile';
import { navigate } from '../ui/router';
import { callHost, HostCallError } from '../host/hostClient';
import { loadStudies, notify, openStudy } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { flushStudy } from '../store/persistence';
import { Field } from '../studies/Field';
import { csvErrorText } from './csvErrorText';
import './import.css';

/** Show at most this many problems; the count says how many there are in all. */
const MAX_SHOWN_ERRORS = 200;

type Stage =
  | { name: 'empty' }
  | { name: 'reading'; fileName: string }
  | { name: 'notText'; fileName: string; message: { key: string; values: Record<string, string> } }
  | { name: 'checked'; fileName: string; text: string; preview: CsvImportPreview }
  | { name: 'failed'; fileName: string; message: { key: string; values: Record<string, string> } };

/**
 * Import a long-format CSV: choose a file, read what it would create or change and every
 * row-level problem with its line number, and only then import. Importing is all or
 * nothing; the button stays disabled while the file has any problem.
 *
 * From the studies list (`studyId` null) the rows go into the study the file (or the title
 * typed here) names, created if there is none; from a study page they extend that study.
 */
export function ImportCsvDialog({ studyId, studyTitle, onClose }: { studyId: string | null; studyTitle?: string; onClose(): void }) {
  const { t, i18n } = useTranslation('import');
  const [stage, setStage] = useState<Stage>({ name: 'empty' });
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof errorMessage> | null>(null);
  const request = useRef(0);
  const summaryId = useId();

  const check = async (fileName: string, text: string, titleText: string) => {
    const mine = ++request.current;
    setError(null);
    setStage({ name: 'reading', fileName });
    try {
      // Edits still on their way to disk first, so the preview (and the import) see them.
      if (studyId) await flushStudy(studyId);
      const preview = await callHost('previewCsvImport', { studyId, title: studyId ? undefined : titleText.trim() || undefined, csvText: text });
      if (mine === request.current) setStage({ name: 'checked', fileName, text, preview });
    } catch (err) {
      if (mine === request.current) setStage({ name: 'failed', fileName, message: errorMessage(err) });
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) {
      setStage({ name: 'empty' });
      return;
    }
    const mine = ++request.current;
    setStage({ name: 'reading', fileName: file.name });
    const decoded = await readTextFile(file);
    if (mine !== request.current) return;
    // Names the encoding (UTF-16, probably Windows-1252) and where UTF-8 broke, as `pimap import` does.
    if (!decoded.ok) return setStage({ name: 'notText', fileName: file.name, message: encodingMessage(file.name, decoded.problem) });
    await check(file.name, decoded.text, title);
  };

  const commit = async () => {
    if (stage.name !== 'checked' || stage.preview.errors.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      // A save still queued for a session could otherwise land after the import and undo it.
      if (studyId && !(await flushStudy(studyId))) throw new HostCallError('io', t('unsavedEdits'));
      const result = await callHost('commitCsvImport', { studyId, title: studyId ? undefined : title.trim() || undefined, csvText: stage.text });
      const summary = stage.preview.summary;
      notify({
        tone: 'info',
        key: 'import:done',
        values: { title: stage.preview.target.title, count: (summary?.sessionsCreated ?? 0) + (summary?.sessionsUpdated ?? 0) },
      });
      void loadStudies();
      if (studyId) await openStudy(studyId, { reload: true });
      onClose();
      if (!studyId) navigate({ name: 'study', studyId: result.studyId, tab: 'sessions' });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const preview = stage.name === 'checked' ? stage.preview : null;
  const canImport = preview !== null && preview.errors.length === 0 && preview.summary !== null && !busy;
  const lang = i18n.language;

  return (
    <Dialog
      title={studyId ? t('titleExtend', { title: studyTitle ?? '' }) : t('titleNew')}
      onClose={onClose}
      onSubmit={() => void commit()}
      size="wide"
      error={error ? t(error.key, error.values) : null}
      describedBy={`${summaryId}-intro`}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!canImport} data-testid="import-submit">
            {busy ? t('importing') : preview?.summary ? t('submitCount', { count: preview.summary.sessionsCreated + preview.summary.sessionsUpdated }) : t('submit')}
          </button>
        </>
      }
    >
      <p id={`${summaryId}-intro`} className="dialog-lead">
        {studyId ? t('introExtend') : t('introNew')}
      </p>
      <Field label={t('file')} hint={t('fileHint')}>
        {(control) => (
          <input {...control} className="input input-file" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="import-file" />
        )}
      </Field>
      {studyId ? null : (
        <Field label={t('studyTitle')} hint={t('studyTitleHint')}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={title}
              maxLength={200}
              onChange={(e) => setTitle(e.target.value)}
              onBlur={() => {
                if (stage.name === 'checked') void check(stage.fileName, stage.text, title);
              }}
            />
          )}
        </Field>
      )}

      <div className="import-preview" aria-live="polite" data-testid="import-preview" data-state={stage.name === 'checked' ? (preview!.errors.length ? 'errors' : 'ok') : stage.name}>
        {stage.name === 'reading' ? <p className="muted">{t('checking', { file: stage.fileName })}</p> : null}
        {stage.name === 'notText' ? (
          <p className="import-problem" role="alert">
            {t(stage.message.key, stage.message.values)}
          </p>
        ) : null}
        {stage.name === 'failed' ? (
          <p className="import-problem" role="alert">
            {t(stage.message.key, stage.message.values)}
          </p>
        ) : null}
        {preview && preview.errors.length > 0 ? <ErrorList errors={preview.errors} rows={preview.rows} lang={lang} /> : null}
        {preview && preview.errors.length === 0 && preview.summary ? (
          <div className="import-summary" data-testid="import-summary">
            <p className="import-target">
              {preview.target.studyId ? t('target.existing', { title: preview.target.title }) : t('target.new', { title: preview.target.title })}
            </p>
            <dl className="import-counts">
              <div>
                <dt>{t('counts.rows')}</dt>
                <dd data-count="rows">{preview.rows}</dd>
              </div>
              <div>
                <dt>{t('counts.sessions')}</dt>
                <dd data-count="sessions">{t('counts.sessionsValue', { created: preview.summary.sessionsCreated, updated: preview.summary.sessionsUpdated })}</dd>
              </div>
              <div>
                <dt>{t('counts.stakeholders')}</dt>
                <dd data-count="stakeholders">{t('counts.newOf', { total: preview.summary.stakeholders, count: preview.summary.newStakeholders.length })}</dd>
              </div>
              <div>
                <dt>{t('counts.cohorts')}</dt>
                <dd data-count="cohorts">{t('counts.newOf', { total: preview.summary.cohorts, count: preview.summary.newCohorts.length })}</dd>
              </div>
              {preview.summary.newRounds.length > 0 ? (
                <div>
                  <dt>{t('counts.newRounds')}</dt>
                  <dd>{new Intl.ListFormat(lang, { type: 'conjunction' }).format(preview.summary.newRounds)}</dd>
                </div>
              ) : null}
            </dl>
            {preview.summary.newCohorts.length > 0 ? <p className="muted small">{t('newCohorts', { names: new Intl.ListFormat(lang, { type: 'conjunction' }).format(preview.summary.newCohorts) })}</p> : null}
            {preview.summary.newStakeholders.length > 0 ? (
              <p className="muted small">{t('newStakeholders', { names: new Intl.ListFormat(lang, { type: 'conjunction' }).format(preview.summary.newStakeholders) })}</p>
            ) : null}
            {preview.summary.sessionsCreated > 0 ? <p className="muted small">{t('consentNote')}</p> : null}
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}

function ErrorList({ errors, rows, lang }: { errors: readonly CsvImportError[]; rows: number; lang: string }) {
  const { t } = useTranslation('import');
  const lines = new Set(errors.map((e) => e.line)).size;
  const shown = errors.slice(0, MAX_SHOWN_ERRORS);
  return (
    <div className="import-errors" data-testid="import-errors">
      <p className="import-problem" role="alert">
        {t('errorsHeading', { count: errors.length, lines })} {t('nothingImported')}
      </p>
      {rows > 0 ? <p className="muted small">{t('rowsFine', { count: rows })}</p> : null}
      <div className="table-scroll import-errors-scroll">
        <table className="table import-errors-table">
          <caption className="visually-hidden">{t('errorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('line')}
              </th>
              <th scope="col">{t('column')}</th>
              <th scope="col">{t('problem')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e, i) => (
              <tr key={`${e.line}-${e.code}-${i}`} data-line={e.line} data-code={e.code}>
                <td className="num">{e.line > 0 ? formatNumber(e.line, lang) : t('wholeFile')}</td>
                <td>{e.column ? <code>{e.column}</code> : null}</td>
                <td>{csvErrorText(t, e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > shown.length ? <p className="muted small">{t('moreErrors', { count: errors.length - shown.length })}</p> : null}
    </div>
  );
}
