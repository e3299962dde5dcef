import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MERGE_RESOLUTIONS, type MergePreview } from '../../../shared/export/exportContract';
import { stakeholderLabel } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { Dialog } from '../app/Dialog';
import { callHost } from '../host/hostClient';
import { useAppStore } from '../store/appStore';
import { errorMessage, loadStudies, notify, openStudy } from '../store/actions';
import { flushStudy } from '../store/persistence';
import { Field } from '../studies/Field';
import './export.css';

type Resolution = (typeof MERGE_RESOLUTIONS)[number];
type Message = { key: string; values?: Record<string, string> };

/** How many stakeholders, cohorts and rounds the file's study lists, to tell matched from new. */
type FileCounts = { stakeholders: number; cohorts: number; rounds: number };

type Stage =
  | { name: 'empty' }
  | { name: 'reading'; fileName: string }
  | { name: 'notText'; fileName: string }
  | { name: 'failed'; fileName: string; message: Message }
  | { name: 'checked'; fileName: string; text: string; preview: MergePreview; counts: FileCounts };

/** Names shown in a "differs in" line before "and N more". */
const MAX_NAMES = 5;

function fileCounts(text: string): FileCounts {
  try {
    const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as { study?: { stakeholders?: unknown[]; cohorts?: unknown[]; rounds?: unknown[] } };
    return { stakeholders: doc.study?.stakeholders?.length ?? 0, cohorts: doc.study?.cohorts?.length ?? 0, rounds: doc.study?.rounds?.length ?? 0 };
  } catch {
    return { stakeholders: 0, cohorts: 0, rounds: 0 };
  }
}

/**
 * Import a study file (a facilitator's sessions) into this study. The host plans the
 * merge without changing anything; the dialog shows the sessions it adds, the ones it
 * skips as identical, the stakeholders, cohorts and rounds it matches or adds, and every
 * conflict (same session code and round, different content) with keep ours / take
 * theirs / keep both. Import stays disabled until every conflict has a choice.
 */
export function MergeDialog({ study, onClose }: { study: Study; onClose(): void }) {
  const { t, i18n } = useTranslation('export');
  const lang = i18n.language;
  const labelLanguage = useAppStore((s) => s.prefs.language);
  const [stage, setStage] = useState<Stage>({ name: 'empty' });
  const [resolutions, setResolutions] = useState<Record<string, Resolution>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const request = useRef(0);
  const alive = useRef(true);
  const ids = useId();

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const onFile = async (file: File | undefined) => {
    const mine = ++request.current;
    setError(null);
    setResolutions({});
    if (!file) return setStage({ name: 'empty' });
    setStage({ name: 'reading', fileName: file.name });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      if (mine === request.current) setStage({ name: 'notText', fileName: file.name });
      return;
    }
    try {
      // Edits still on their way to disk first, so the comparison sees this study as it is.
      await flushStudy(study.id);
      const preview = await callHost('previewMerge', { studyId: study.id, bundleText: text });
      if (mine === request.current && alive.current) setStage({ name: 'checked', fileName: file.name, text, preview, counts: fileCounts(text) });
    } catch (err) {
      if (mine === request.current && alive.current) setStage({ name: 'failed', fileName: file.name, message: errorMessage(err) });
    }
  };

  const preview = stage.name === 'checked' ? stage.preview : null;
  const unresolved = preview ? preview.conflicts.filter((c) => !resolutions[c.key]).length : 0;
  const nothing = preview !== null && preview.newSessions.length === 0 && preview.conflicts.length === 0;
  const canImport = preview !== null && !nothing && unresolved === 0 && !busy;

  const commit = async () => {
    if (stage.name !== 'checked' || !canImport) return;
    setBusy(true);
    setError(null);
    try {
      if (!(await flushStudy(study.id))) {
        setError({ key: 'export:unsavedEdits' });
        setBusy(false);
        return;
      }
      const result = await callHost('applyMerge', { studyId: study.id, bundleText: stage.text, resolutions, importedSuffix: t('merge.importedSuffix') });
      notify({
        tone: 'info',
        key: 'export:merge.done',
        values: { title: stage.preview.sourceTitle, added: result.sessionsAdded, replaced: result.sessionsReplaced, skipped: result.sessionsSkipped },
      });
      void loadStudies();
      await openStudy(study.id, { reload: true });
      if (alive.current) onClose();
    } catch (err) {
      if (!alive.current) return;
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  // Names of our ids and of what the merge adds (the conflicts speak in our ids).
  const cohortName = (id: string) => study.cohorts.find((c) => c.id === id)?.name ?? preview?.newCohorts.find((c) => c.id === id)?.name ?? id;
  const roundName = (id: string | null) => (id === null ? t('merge.noRound') : (study.rounds.find((r) => r.id === id)?.name ?? preview?.newRounds.find((r) => r.id === id)?.name ?? id));
  const stakeholderName = (id: string) => {
    const ours = study.stakeholders.find((s) => s.id === id);
    if (ours) return stakeholderLabel(ours, labelLanguage).short;
    return preview?.newStakeholders.find((s) => s.id === id)?.name ?? id;
  };
  const list = (items: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
  const shortList = (items: string[]) =>
    items.length > MAX_NAMES ? list([...items.slice(0, MAX_NAMES), t('merge.andMore', { count: items.length - MAX_NAMES })]) : list(items);

  const importCount = preview ? preview.newSessions.length + preview.conflicts.filter((c) => resolutions[c.key] && resolutions[c.key] !== 'keep_ours').length : 0;

  return (
    <Dialog
      title={t('merge.title', { title: study.title })}
      onClose={onClose}
      onSubmit={() => void commit()}
      size="wide"
      describedBy={`${ids}-lead`}
      error={error ? t(error.key, error.values) : null}
      footer={
        <>
          <div className="export-status" role="status" data-testid="merge-status">
            {busy ? (
              <>
                <span className="export-spinner" aria-hidden="true" />
                <span className="export-status-text">{t('merge.importing')}</span>
              </>
            ) : preview && unresolved > 0 ? (
              <span className="export-status-text">{t('merge.unresolved', { count: unresolved })}</span>
            ) : null}
          </div>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!canImport} data-testid="merge-submit">
            {t('merge.submit')}
            {preview && !nothing ? <span className="visually-hidden"> ({importCount})</span> : null}
          </button>
        </>
      }
    >
      <p id={`${ids}-lead`} className="dialog-lead">
        {t('merge.lead')}
      </p>
      <Field label={t('merge.file')} hint={t('merge.fileHint')}>
        {(control) => (
          <input
            {...control}
            className="input export-file-input"
            type="file"
            accept=".json,application/json"
            disabled={busy}
            onChange={(e) => void onFile(e.target.files?.[0])}
            data-testid="merge-file"
          />
        )}
      </Field>

      <div className="merge-preview" aria-live="polite" data-testid="merge-preview" data-state={stage.name}>
        {stage.name === 'reading' ? <p className="muted">{t('merge.reading', { file: stage.fileName })}</p> : null}
        {stage.name === 'notText' ? (
          <p className="export-problem" role="alert">
            {t('merge.notUtf8', { file: stage.fileName })}
          </p>
        ) : null}
        {stage.name === 'failed' ? (
          <p className="export-problem" role="alert">
            {t(stage.message.key, stage.message.values)}
          </p>
        ) : null}
        {stage.name === 'checked' && preview ? (
          <>
            <div className="merge-summary" data-testid="merge-summary">
              <p className="merge-source">{t('merge.from', { title: preview.sourceTitle })}</p>
              {preview.redacted ? <p className="notice-inline merge-redacted">{t('merge.redacted')}</p> : null}
              <dl className="merge-counts">
                <div>
                  <dt>{t('merge.counts.newSessions')}</dt>
                  <dd data-count="new">{preview.newSessions.length}</dd>
                </div>
                <div>
                  <dt>{t('merge.counts.identical')}</dt>
                  <dd data-count="identical">{preview.identical.length}</dd>
                </div>
                <div>
                  <dt>{t('merge.counts.conflicts')}</dt>
                  <dd data-count="conflicts" className={preview.conflicts.length > 0 ? 'merge-count-attention' : undefined}>
                    {preview.conflicts.length}
                  </dd>
                </div>
                <div>
                  <dt>{t('merge.counts.stakeholders')}</dt>
                  <dd data-count="stakeholders">
                    {t('merge.counts.matchedNew', { matched: Math.max(0, stage.counts.stakeholders - preview.newStakeholders.length), added: preview.newStakeholders.length })}
                  </dd>
                </div>
                <div>
                  <dt>{t('merge.counts.cohorts')}</dt>
                  <dd data-count="cohorts">{t('merge.counts.matchedNew', { matched: Math.max(0, stage.counts.cohorts - preview.newCohorts.length), added: preview.newCohorts.length })}</dd>
                </div>
                <div>
                  <dt>{t('merge.counts.rounds')}</dt>
                  <dd data-count="rounds">{t('merge.counts.matchedNew', { matched: Math.max(0, stage.counts.rounds - preview.newRounds.length), added: preview.newRounds.length })}</dd>
                </div>
              </dl>
              {preview.newSessions.length > 0 ? (
                <div className="merge-new">
                  <h3 className="merge-subtitle">{t('merge.newSessionsTitle')}</h3>
                  <ul className="merge-session-list" data-testid="merge-new-sessions">
                    {preview.newSessions.map((s, i) => (
                      <li key={`${s.code}-${s.roundId}-${i}`}>{t('merge.sessionLine', { code: s.code, cohort: cohortName(s.cohortId), round: roundName(s.roundId) })}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {preview.identical.length > 0 ? (
                <p className="muted small" data-testid="merge-identical">
                  {t('merge.identicalText', { count: preview.identical.length, list: shortList(preview.identical.map((s) => `${s.code} (${roundName(s.roundId)})`)) })}
                </p>
              ) : null}
              {preview.newStakeholders.length > 0 ? <p className="muted small">{t('merge.newStakeholders', { names: list(preview.newStakeholders.map((s) => s.name)) })}</p> : null}
              {preview.newCohorts.length > 0 ? <p className="muted small">{t('merge.newCohorts', { names: list(preview.newCohorts.map((c) => c.name)) })}</p> : null}
              {preview.newRounds.length > 0 ? <p className="muted small">{t('merge.newRounds', { names: list(preview.newRounds.map((r) => r.name)) })}</p> : null}
              {nothing ? <p className="merge-nothing">{t('merge.nothing')}</p> : null}
            </div>

            {preview.conflicts.length > 0 ? (
              <section className="merge-conflicts" aria-labelledby={`${ids}-conflicts`} data-testid="merge-conflicts">
                <h3 className="merge-subtitle" id={`${ids}-conflicts`}>
                  {t('merge.conflictsTitle', { count: preview.conflicts.length })}
                </h3>
                <p className="muted small">{t('merge.conflictsIntro')}</p>
                {preview.conflicts.map((c) => {
                  const differs = [
                    ...(c.changedStakeholders.length
                      ? [t('merge.placementsOf', { count: c.changedStakeholders.length, names: shortList(c.changedStakeholders.map(stakeholderName)) })]
                      : []),
                    ...c.changedFields.map((f) => t(`merge.fields.${f}`, { defaultValue: f })),
                  ];
                  const chosen = resolutions[c.key];
                  const name = `${ids}-conflict-${c.key}`;
                  return (
                    <fieldset
                      key={c.key}
                      className={`merge-conflict${chosen ? '' : ' merge-conflict-open'}`}
                      aria-describedby={`${name}-differs`}
                      data-testid="merge-conflict"
                      data-code={c.code}
                      disabled={busy}
                    >
                      <legend className="merge-conflict-legend">{t('merge.conflictLegend', { code: c.code, round: roundName(c.roundId) })}</legend>
                      <p className="merge-differs" id={`${name}-differs`}>
                        {t('merge.differs', { list: list(differs) })}
                      </p>
                      <div className="merge-choices">
                        {MERGE_RESOLUTIONS.map((r) => (
                          <label key={r} className={`merge-choice${chosen === r ? ' merge-choice-chosen' : ''}`}>
                            <input
                              type="radio"
                              name={name}
                              value={r}
                              checked={chosen === r}
                              onChange={() => setResolutions((prev) => ({ ...prev, [c.key]: r }))}
                              aria-describedby={`${name}-${r}`}
                            />
                            <span>
                              <span className="merge-choice-name">{t(`merge.${r}`)}</span>
                              <span className="merge-choice-hint" id={`${name}-${r}`}>
                                {t(`merge.${r}Hint`, { code: `${c.code} ${t('merge.importedSuffix')}` })}
                              </span>
                            </span>
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  );
                })}
              </section>
            ) : null}
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
