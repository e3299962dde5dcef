import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFileResult } from '../../../shared/export/exportContract';
import type { Session } from '../../../shared/model/session';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { Dialog } from '../ui/Dialog';
import { callHost } from '../host/hostClient';
import { useAppStore } from '../store/appStore';
import { notify } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { flushStudy } from '../store/persistence';
import { deliverFile } from './deliverFile';
import { FileLanguage } from './FileLanguage';
import {
  carriesNotes,
  cohortCounts,
  contentsOf,
  countNotes,
  FORMATS_BY_SCOPE,
  labelKey,
  workKind,
  type ExportFormat,
  type ExportScope,
  type SessionFormat,
  type StudyFormat,
} from './exportChoices';
import './export.css';
import { useAlive } from '../ui/useAlive';

type Stage = { name: 'idle' } | { name: 'building' } | { name: 'saving' } | { name: 'notSaved' };
type Message = { key: string; values?: Record<string, string> };

/**
 * One export dialog for every entry point: a session's map (SVG, PNG 2×/4×, PDF), the
 * compare view's picture, or the study as CSV, study file or printable report. It says
 * what the file will hold and leave out, offers "Include notes, place and facilitator"
 * (unticked for every format: anything exported can leave the machine), shows a calm progress state while the host builds
 * the file, then downloads it (browser preview) or asks where to save it (desktop app).
 */
export function ExportDialog({ scope, onClose }: { scope: ExportScope; onClose(): void }) {
  const { t } = useTranslation('export');
  // The file's language: the interface's unless the user chooses another.
  const uiLanguage = useAppStore((s) => s.prefs.language);
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const formats = FORMATS_BY_SCOPE[scope.kind];
  const [format, setFormat] = useState<ExportFormat>(formats[0]!);
  // One choice per format: switching format shows that format's own choice, unticked until the user ticks it.
  const [withNotesFor, setWithNotesFor] = useState<Partial<Record<ExportFormat, boolean>>>({});
  const withNotes = carriesNotes(format) && (withNotesFor[format] ?? false);
  const redact = !withNotes;
  const allSessions = scope.kind === 'study' ? scope.sessions : [];
  const [chooseSome, setChooseSome] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(allSessions.map((s) => s.id)));
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  const [error, setError] = useState<Message | null>(null);
  const alive = useAlive();
  const ids = useId();


  const included: readonly Session[] = useMemo(() => {
    if (scope.kind === 'session') return [scope.session];
    if (scope.kind === 'compare') return scope.sessions;
    return chooseSome ? scope.sessions.filter((s) => chosen.has(s.id)) : scope.sessions;
  }, [scope, chooseSome, chosen]);

  const busy = stage.name === 'building' || stage.name === 'saving';
  const nothingChosen = included.length === 0;

  const build = (): Promise<ExportedFileResult> => {
    if (scope.kind === 'session') {
      return callHost('exportSession', { studyId: scope.study.id, sessionId: scope.session.id, format: format as SessionFormat, redact, language });
    }
    const some = scope.kind === 'compare' ? !scope.allSelected : chooseSome && included.length < scope.sessions.length;
    return callHost('exportStudy', {
      studyId: scope.study.id,
      format: format as StudyFormat,
      redact,
      language,
      ...(some ? { sessionIds: included.map((s) => s.id) } : {}),
      ...(scope.kind === 'compare' && scope.focusStakeholderId ? { focusStakeholderId: scope.focusStakeholderId } : {}),
    });
  };

  const run = async () => {
    if (busy || nothingChosen) return;
    setError(null);
    setStage({ name: 'building' });
    try {
      // Edits still on their way to disk first: the host builds the file from what is saved.
      if (!(await flushStudy(scope.study.id))) {
        if (alive.current) {
          setError({ key: 'export:unsavedEdits' });
          setStage({ name: 'idle' });
        }
        return;
      }
      const file = await build();
      if (!alive.current) return; // closed while the host worked: the file is not wanted
      if (window.pimapHost) setStage({ name: 'saving' });
      const delivered = await deliverFile(file);
      if (!alive.current) return;
      if (delivered.how === 'notSaved') {
        setStage({ name: 'notSaved' });
        return;
      }
      notify(
        delivered.how === 'saved'
          ? { tone: 'info', key: 'export:savedTo', values: { file: delivered.fileName, path: delivered.path } }
          : { tone: 'info', key: 'export:downloaded', values: { file: delivered.fileName } },
      );
      onClose();
    } catch (err) {
      if (!alive.current) return;
      setError(errorMessage(err));
      setStage({ name: 'idle' });
    }
  };

  const title =
    scope.kind === 'session' ? t('title.session', { code: scope.session.code }) : scope.kind === 'compare' ? t('title.compare') : t('title.study', { title: scope.study.title });
  const work = workKind(format);

  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={() => void run()}
      size="wide"
      describedBy={`${ids}-lead`}
      error={error ? t(error.key, error.values) : null}
      footer={
        <>
          <div className="export-status" role="status" data-testid="export-status" data-state={stage.name}>
            {busy ? (
              <>
                <span className="export-spinner" aria-hidden="true" />
                <span>
                  <span className="export-status-text">{stage.name === 'saving' ? t('working.saving') : t(`working.${work}`)}</span>
                  {stage.name === 'building' ? <span className="export-status-hint">{work === 'report' ? t('working.reportHint') : t('working.hint')}</span> : null}
                </span>
              </>
            ) : stage.name === 'notSaved' ? (
              <span className="export-status-text">{t('notSaved')}</span>
            ) : nothingChosen ? (
              <span className="export-status-text">{t('choose.none')}</span>
            ) : null}
          </div>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || nothingChosen} data-testid="export-submit">
            {t('submit')}
          </button>
        </>
      }
    >
      <p id={`${ids}-lead`} className="dialog-lead">
        {t(`lead.${scope.kind}`)}
      </p>
      <fieldset className="export-fields" disabled={busy}>
        <legend className="visually-hidden">{title}</legend>
        <div className="export-columns">
          <div className="export-choices">
            <fieldset className="fieldset-inline">
              <legend className="field-label">{t('format.legend')}</legend>
              <div className="export-formats">
                {formats.map((f) => (
                  <label key={f} className={`export-format${f === format ? ' export-format-chosen' : ''}`}>
                    <input type="radio" name={`${ids}-format`} value={f} checked={f === format} onChange={() => setFormat(f)} aria-describedby={`${ids}-${f}-hint`} />
                    <span>
                      <span className="export-format-name">{t(`format.${labelKey(f)}`)}</span>
                      <span className="export-format-hint" id={`${ids}-${f}-hint`}>
                        {t(`format.${labelKey(f)}Hint`)}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>

            <FileLanguage id={`${ids}-language`} value={language} format={format} onChange={setLanguage} />

            {scope.kind === 'study' ? (
              <SessionChooser
                study={scope.study}
                sessions={scope.sessions}
                chooseSome={chooseSome}
                chosen={chosen}
                onChooseSome={setChooseSome}
                onChosen={setChosen}
                name={`${ids}-sessions`}
              />
            ) : null}

            <div className="export-redact">
              <label className="check">
                <input
                  type="checkbox"
                  checked={withNotes}
                  disabled={!carriesNotes(format)}
                  onChange={(e) => setWithNotesFor((prev) => ({ ...prev, [format]: e.target.checked }))}
                  aria-describedby={`${ids}-redact-hint`}
                  data-testid="export-with-notes"
                />
                <span className="export-redact-label">{t('withNotes.label')}</span>
              </label>
              <p className="field-hint" id={`${ids}-redact-hint`}>
                {carriesNotes(format) ? t('withNotes.hint') : t('withNotes.hintCompare')}
              </p>
            </div>
          </div>

          <Included scope={scope} sessions={included} redact={redact} format={format} />
        </div>
      </fieldset>
    </Dialog>
  );
}

/** What the file will hold, updated as the user chooses: study, sessions, cohorts, notes. */
function Included({ scope, sessions, redact, format }: { scope: ExportScope; sessions: readonly Session[]; redact: boolean; format: ExportFormat }) {
  const { t, i18n } = useTranslation('export');
  const lang = i18n.language;
  const labelLanguage = useAppStore((s) => s.prefs.language);
  const titleId = useId();
  const { study } = scope;
  const list = (items: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
  const notes = countNotes(sessions);
  const cohorts = cohortCounts(study, sessions);
  const total = scope.kind === 'session' ? 1 : scope.kind === 'compare' ? null : scope.sessions.length;
  const notesText = !carriesNotes(format)
    ? t('included.notesNever')
    : notes === 0
      ? t('included.notesNone')
      : redact
        ? t('included.notesLeftOut', { count: notes })
        : t('included.notesIncluded', { count: notes });
  const focus = scope.kind === 'compare' && scope.focusStakeholderId ? study.stakeholders.find((s) => s.id === scope.focusStakeholderId) : undefined;
  const contents = contentsOf(format, !redact);
  const items = (keys: readonly string[]) => list(keys.map((k) => t(`contents.item.${k}`)));
  return (
    <section className="export-included" aria-labelledby={titleId} data-testid="export-included">
      <h3 id={titleId} className="export-included-title">
        {t('included.label')}
      </h3>
      <p className="export-contents" data-testid="export-contents">
        <span>{t('contents.included', { items: items(contents.included) })}</span>{' '}
        {contents.leftOut.length > 0 ? <span className="export-contents-out">{t('contents.leftOut', { items: items(contents.leftOut) })}</span> : null}
      </p>
      <dl className="export-included-list">
        <div>
          <dt>{t('included.study')}</dt>
          <dd>{study.title}</dd>
        </div>
        {scope.kind === 'session' ? (
          <div>
            <dt>{t('included.session')}</dt>
            <dd>{sessionLine(study, scope.session)}</dd>
          </div>
        ) : (
          <div>
            <dt>{t('included.sessions')}</dt>
            <dd data-testid="export-session-count">
              {total !== null && sessions.length !== total ? t('included.sessionsOf', { count: sessions.length, total }) : t('included.sessionsValue', { count: sessions.length })}
            </dd>
          </div>
        )}
        {scope.kind !== 'session' && cohorts.length > 0 ? (
          <div>
            <dt>{t('included.cohorts')}</dt>
            <dd>{list(cohorts.map((c) => t('included.cohortN', { name: c.name, n: c.n })))}</dd>
          </div>
        ) : null}
        {scope.kind === 'compare' ? (
          <div>
            <dt>{t('included.focus')}</dt>
            <dd>{focus ? stakeholderLabel(focus, labelLanguage).name : t('included.focusAll')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('included.notes')}</dt>
          <dd data-testid="export-notes" className={carriesNotes(format) && notes > 0 && !redact ? 'export-notes-in' : undefined}>
            {notesText}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function sessionLine(study: Study, session: Session): string {
  const cohort = study.cohorts.find((c) => c.id === session.cohortId)?.name;
  const round = study.rounds.find((r) => r.id === session.roundId)?.name;
  return [session.code, cohort, round].filter(Boolean).join(' · ');
}

/** All sessions, or the ones ticked, grouped by cohort (a study file for a trainer is often a few sessions). */
function SessionChooser({
  study,
  sessions,
  chooseSome,
  chosen,
  onChooseSome,
  onChosen,
  name,
}: {
  study: Study;
  sessions: readonly Session[];
  chooseSome: boolean;
  chosen: ReadonlySet<string>;
  onChooseSome(some: boolean): void;
  onChosen(next: ReadonlySet<string>): void;
  name: string;
}) {
  const { t } = useTranslation('export');
  const groups = cohortCounts(study, sessions).map((c) => ({
    ...c,
    sessions: sessions.filter((s) => s.cohortId === c.id).sort((a, b) => roundOrder(study, a) - roundOrder(study, b) || a.code.localeCompare(b.code, undefined, { numeric: true })),
  }));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChosen(next);
  };
  return (
    <fieldset className="fieldset-inline">
      <legend className="field-label">{t('choose.legend')}</legend>
      <div className="radio-row">
        <label className="check">
          <input type="radio" name={name} checked={!chooseSome} onChange={() => onChooseSome(false)} />
          <span>{t('choose.all', { count: sessions.length })}</span>
        </label>
        <label className="check">
          <input type="radio" name={name} checked={chooseSome} onChange={() => onChooseSome(true)} disabled={sessions.length === 0} />
          <span>{t('choose.some')}</span>
        </label>
      </div>
      {chooseSome ? (
        <div className="export-session-picker">
          <div className="button-row">
            <button type="button" className="button button-small" onClick={() => onChosen(new Set(sessions.map((s) => s.id)))}>
              {t('choose.selectAll')}
            </button>
            <button type="button" className="button button-small" onClick={() => onChosen(new Set())}>
              {t('choose.selectNone')}
            </button>
          </div>
          <div className="export-session-list" role="group" aria-label={t('choose.listLabel')}>
            {groups.map((g) => (
              <div key={g.id} className="export-session-group" role="group" aria-labelledby={`${name}-${g.id}`}>
                <p className="export-session-cohort" id={`${name}-${g.id}`}>
                  {g.name}
                </p>
                {g.sessions.map((s) => (
                  <label key={s.id} className="check">
                    <input type="checkbox" checked={chosen.has(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                    <span>
                      {s.code} <span className="muted">· {study.rounds.find((r) => r.id === s.roundId)?.name ?? t('choose.noRound')}</span>
                    </span>
                  </label>
                ))}
              </div>
            ))}
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}

function roundOrder(study: Study, s: Session): number {
  const i = study.rounds.findIndex((r) => r.id === s.roundId);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}
