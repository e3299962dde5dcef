import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MERGE_RESOLUTIONS, type MergePreview } from '../../../shared/export/exportContract';
import { parseBundle, type StudyBundle } from '../../../shared/export/studyFile';
import { stakeholderLabel } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { Dialog } from '../ui/Dialog';
import { encodingMessage, readTextFile } from '../ui/readTextFile';
import { navigate } from '../ui/router';
import { callHost } from '../host/hostClient';
import { useAppStore } from '../store/appStore';
import { loadStudies, notify, openStudy } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { flushStudy } from '../store/persistence';
import { Field } from '../studies/Field';
import './export.css';
import { useAlive } from '../ui/useAlive';

type Resolution = (typeof MERGE_RESOLUTIONS)[number];
type Message = { key: string; values?: Record<string, string> };

/** Where the file's sessions go: a study of this app, or a new study made from the file. */
type Target = { kind: 'study'; studyId: string } | { kind: 'new' };

type Stage =
  | { name: 'empty' }
  | { name: 'reading'; fileName: string }
  | { name: 'failed'; fileName: string; message: Message }
  /** `preview` is null for a new study: everything in the file is new. */
  | { name: 'checked'; fileName: string; text: string; bundle: StudyBundle; target: Target; preview: MergePreview | null };

/** Names shown in a "differs in" line before "and N more". */
const MAX_NAMES = 5;
/** Sessions listed by name before "…and N more" (a whole study's file can hold hundreds). */
const MAX_SESSIONS_LISTED = 12;
const NEW = '';

/**
 * Import a study file (a facilitator's sessions). From a study page the sessions go into
 * that study; from the studies list the user picks the study (the one the file came from
 * is preselected) or makes a new study from the file. For an existing study the host
 * plans the merge without changing anything, and the dialog shows the sessions it adds,
 * the ones it skips as identical, the stakeholders, cohorts and rounds it matches or
 * adds, and every conflict (same session code and round, different content) with keep
 * ours / take theirs / keep both. Import stays disabled until every conflict has a choice.
 */
export function MergeDialog({ study, onClose }: { study: Study | null; onClose(): void }) {
  const { t, i18n } = useTranslation('export');
  const lang = i18n.language;
  const labelLanguage = useAppStore((s) => s.prefs.language);
  const studies = useAppStore((s) => s.studies);
  const [stage, setStage] = useState<Stage>({ name: 'empty' });
  const [resolutions, setResolutions] = useState<Record<string, Resolution>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const request = useRef(0);
  const alive = useAlive();
  const ids = useId();


  /** Ask the host what merging into `target` would do (nothing to ask for a new study). */
  const check = async (fileName: string, text: string, bundle: StudyBundle, target: Target) => {
    const mine = ++request.current;
    setError(null);
    setResolutions({});
    if (target.kind === 'new') return setStage({ name: 'checked', fileName, text, bundle, target, preview: null });
    setStage({ name: 'reading', fileName });
    try {
      // Edits still on their way to disk first, so the comparison sees the study as it is.
      await flushStudy(target.studyId);
      const preview = await callHost('previewMerge', { studyId: target.studyId, bundleText: text });
      if (mine === request.current && alive.current) setStage({ name: 'checked', fileName, text, bundle, target, preview });
    } catch (err) {
      if (mine === request.current && alive.current) setStage({ name: 'failed', fileName, message: errorMessage(err) });
    }
  };

  const onFile = async (file: File | undefined) => {
    const mine = ++request.current;
    setError(null);
    setResolutions({});
    if (!file) return setStage({ name: 'empty' });
    setStage({ name: 'reading', fileName: file.name });
    const decoded = await readTextFile(file);
    if (mine !== request.current) return;
    if (!decoded.ok) return setStage({ name: 'failed', fileName: file.name, message: encodingMessage(file.name, decoded.problem) });
    const text = decoded.text;
    const read = parseBundle(text);
    if (!read.ok) return setStage({ name: 'failed', fileName: file.name, message: { key: 'export:merge.badFile', values: { problem: read.problem } } });
    // From the studies list: the study the file came from, if this app has it.
    const target: Target = study
      ? { kind: 'study', studyId: study.id }
      : studies?.some((s) => s.id === read.bundle.study.id)
        ? { kind: 'study', studyId: read.bundle.study.id }
        : { kind: 'new' };
    await check(file.name, text, read.bundle, target);
  };

  const checked = stage.name === 'checked' ? stage : null;
  const preview = checked?.preview ?? null;
  const unresolved = preview ? preview.conflicts.filter((c) => !resolutions[c.key]).length : 0;
  const nothing = preview !== null && preview.newSessions.length === 0 && preview.conflicts.length === 0;
  const canImport = checked !== null && !nothing && unresolved === 0 && !busy;

  const commit = async () => {
    if (!checked || !canImport) return;
    setBusy(true);
    setError(null);
    try {
      const { bundle, text, target } = checked;
      let studyId: string;
      if (target.kind === 'new') {
        // The file's own study id, so later files from the same study match it; a new one if it is taken.
        studyId = studies?.some((s) => s.id === bundle.study.id) ? crypto.randomUUID() : bundle.study.id;
        await callHost('createStudy', { study: { ...bundle.study, id: studyId, updatedAt: new Date().toISOString() } });
        if (bundle.sessions.length > 0) await callHost('applyMerge', { studyId, bundleText: text, resolutions: {}, importedSuffix: t('merge.importedSuffix') });
        notify({ tone: 'info', key: 'export:merge.created', values: { title: bundle.study.title, count: bundle.sessions.length } });
      } else {
        studyId = target.studyId;
        if (!(await flushStudy(studyId))) {
          setError({ key: 'export:unsavedEdits' });
          setBusy(false);
          return;
        }
        const result = await callHost('applyMerge', { studyId, bundleText: text, resolutions, importedSuffix: t('merge.importedSuffix') });
        notify({
          tone: 'info',
          key: 'export:merge.done',
          values: { title: bundle.study.title, added: result.sessionsAdded, replaced: result.sessionsReplaced, skipped: result.sessionsSkipped },
        });
      }
      void loadStudies();
      if (study) await openStudy(study.id, { reload: true });
      if (!alive.current) return;
      onClose();
      if (!study) navigate({ name: 'study', studyId, tab: 'sessions' });
    } catch (err) {
      if (!alive.current) return;
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  // Names for ids: the target study's own, then what the merge adds, then the file's.
  const fileStudy = checked?.bundle.study;
  const cohortName = (id: string) =>
    study?.cohorts.find((c) => c.id === id)?.name ?? preview?.newCohorts.find((c) => c.id === id)?.name ?? fileStudy?.cohorts.find((c) => c.id === id)?.name ?? id;
  const roundName = (id: string | null) =>
    id === null
      ? t('merge.noRound')
      : (study?.rounds.find((r) => r.id === id)?.name ?? preview?.newRounds.find((r) => r.id === id)?.name ?? fileStudy?.rounds.find((r) => r.id === id)?.name ?? id);
  const stakeholderName = (id: string) => {
    const known = study?.stakeholders.find((s) => s.id === id) ?? fileStudy?.stakeholders.find((s) => s.id === id);
    if (known) return stakeholderLabel(known, labelLanguage).short;
    return preview?.newStakeholders.find((s) => s.id === id)?.name ?? id;
  };
  const list = (items: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
  const shortList = (items: string[]) =>
    items.length > MAX_NAMES ? list([...items.slice(0, MAX_NAMES), t('merge.andMore', { count: items.length - MAX_NAMES })]) : list(items);
  const matchedNew = (inFile: number, added: number) => t('merge.counts.matchedNew', { matched: Math.max(0, inFile - added), added });

  const sessionsToAdd = checked ? (preview ? preview.newSessions : checked.bundle.sessions.map((s) => ({ code: s.code, roundId: s.roundId, cohortId: s.cohortId }))) : [];

  return (
    <Dialog
      title={study ? t('merge.title', { title: study.title }) : t('merge.titleAny')}
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
            {checked?.target.kind === 'new' ? t('merge.submitNew') : t('merge.submit')}
          </button>
        </>
      }
    >
      <p id={`${ids}-lead`} className="dialog-lead">
        {study ? t('merge.lead') : t('merge.leadAny')}
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
      {!study && checked ? (
        <Field label={t('merge.into')} hint={t('merge.intoHint')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={checked.target.kind === 'new' ? NEW : checked.target.studyId}
              disabled={busy}
              onChange={(e) => void check(checked.fileName, checked.text, checked.bundle, e.target.value === NEW ? { kind: 'new' } : { kind: 'study', studyId: e.target.value })}
              data-testid="merge-target"
            >
              <option value={NEW}>{t('merge.intoNew', { title: checked.bundle.study.title })}</option>
              {(studies ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id === checked.bundle.study.id ? t('merge.intoSame', { title: s.title }) : s.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}

      <div className="merge-preview" aria-live="polite" data-testid="merge-preview" data-state={stage.name}>
        {stage.name === 'reading' ? <p className="muted">{t('merge.reading', { file: stage.fileName })}</p> : null}
        {stage.name === 'failed' ? (
          <p className="export-problem" role="alert">
            {t(stage.message.key, stage.message.values)}
          </p>
        ) : null}
        {checked ? (
          <>
            <div className="merge-summary" data-testid="merge-summary">
              <p className="merge-source">{checked.target.kind === 'new' ? t('merge.createsNew', { title: checked.bundle.study.title }) : t('merge.from', { title: checked.bundle.study.title })}</p>
              {checked.bundle.redacted ? <p className="notice-inline merge-redacted">{checked.target.kind === 'new' ? t('merge.redactedNew') : t('merge.redacted')}</p> : null}
              {preview ? (
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
                    <dd data-count="stakeholders">{matchedNew(checked.bundle.study.stakeholders.length, preview.newStakeholders.length)}</dd>
                  </div>
                  <div>
                    <dt>{t('merge.counts.cohorts')}</dt>
                    <dd data-count="cohorts">{matchedNew(checked.bundle.study.cohorts.length, preview.newCohorts.length)}</dd>
                  </div>
                  <div>
                    <dt>{t('merge.counts.rounds')}</dt>
                    <dd data-count="rounds">{matchedNew(checked.bundle.study.rounds.length, preview.newRounds.length)}</dd>
                  </div>
                </dl>
              ) : (
                <dl className="merge-counts">
                  <div>
                    <dt>{t('merge.counts.sessions')}</dt>
                    <dd data-count="new">{checked.bundle.sessions.length}</dd>
                  </div>
                  <div>
                    <dt>{t('merge.counts.stakeholders')}</dt>
                    <dd data-count="stakeholders">{checked.bundle.study.stakeholders.length}</dd>
                  </div>
                  <div>
                    <dt>{t('merge.counts.cohorts')}</dt>
                    <dd data-count="cohorts">{checked.bundle.study.cohorts.length}</dd>
                  </div>
                </dl>
              )}
              {sessionsToAdd.length > 0 ? (
                <div className="merge-new">
                  <h3 className="merge-subtitle">{t('merge.newSessionsTitle')}</h3>
                  <ul className="merge-session-list" data-testid="merge-new-sessions">
                    {sessionsToAdd.slice(0, MAX_SESSIONS_LISTED).map((s, i) => (
                      <li key={`${s.code}-${s.roundId}-${i}`}>{t('merge.sessionLine', { code: s.code, cohort: cohortName(s.cohortId), round: roundName(s.roundId) })}</li>
                    ))}
                  </ul>
                  {sessionsToAdd.length > MAX_SESSIONS_LISTED ? <p className="muted small">{t('merge.moreSessions', { count: sessionsToAdd.length - MAX_SESSIONS_LISTED })}</p> : null}
                </div>
              ) : null}
              {preview && preview.identical.length > 0 ? (
                <p className="muted small" data-testid="merge-identical">
                  {t('merge.identicalText', { count: preview.identical.length, list: shortList(preview.identical.map((s) => t('merge.codeRound', { code: s.code, round: roundName(s.roundId) }))) })}
                </p>
              ) : null}
              {preview && preview.newStakeholders.length > 0 ? <p className="muted small">{t('merge.newStakeholders', { names: list(preview.newStakeholders.map((s) => s.name)) })}</p> : null}
              {preview && preview.newCohorts.length > 0 ? <p className="muted small">{t('merge.newCohorts', { names: list(preview.newCohorts.map((c) => c.name)) })}</p> : null}
              {preview && preview.newRounds.length > 0 ? <p className="muted small">{t('merge.newRounds', { names: list(preview.newRounds.map((r) => r.name)) })}</p> : null}
              {nothing ? <p className="merge-nothing">{t('merge.nothing')}</p> : null}
            </div>

            {preview && preview.conflicts.length > 0 ? (
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
