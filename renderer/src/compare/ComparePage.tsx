import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortComparison, RawPoint, StakeholderComparison } from '../../../shared/analysis/compareCohorts';
import { pairingKey } from '../../../shared/analysis/overTime';
import type { Session } from '../../../shared/model/session';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { ZONE_IDS, zoneOf } from '../../../shared/model/zones';
import { PageHeading } from '../ui/PageHeading';
import { hrefFor } from '../ui/router';
import { StudyNotOpen } from '../ui/StudyUnavailable';
import { CANVAS_FONT_FAMILY, CANVAS_WEIGHTS, useTextScale, useFontsReady } from '../editor/canvasText';
import { ExportDialog } from '../export/ExportDialog';
import { CohortMarker } from '../studies/CohortMarker';
import { useOpenStudy } from '../store/useOpenStudy';
import { DEFAULT_ANALYSIS, type AnalysisRequest } from './analysisRequest';
import { CompareCanvas, type CompareCanvasText } from './CompareCanvas';
import { provisionalInput, type SceneInput } from './compareScene';
import { CompareFilters } from './CompareFilters';
import { CompareSummary } from './CompareSummary';
import { DivergenceTable } from './DivergenceTable';
import { DEFAULT_SORT, type SortState } from './divergenceSort';
import { formatCount, formatValue } from './format';
import type { GridText } from './GridBackground';
import { OverTimeView } from './OverTimeView';
import { PointsTwin } from './PointsTwin';
import { roundKey, roundsInUse, SELECT_ALL, selectedCohortIds, selectedSessions, sessionsForPairing, type CompareSelection } from './selection';
import { defaultCompareRound, PERMUTATIONS_RANGE, SEED_RANGE } from '../../../shared/analysis/compareCohorts';
import { SideBySide } from './SideBySide';
import { useAnalysis } from './useAnalysis';
import { PresentButton } from '../present/PresentControls';
import { StepBar } from '../present/StepBar';
import { useStepCanvasText } from '../present/stepCanvasText';
import { useCompareSequence } from '../present/useCompareSequence';
import './compare.css';

const NOOP = () => {};

export const COMPARE_VIEWS = ['overlay', 'sideBySide', 'overTime'] as const;
export type CompareViewName = (typeof COMPARE_VIEWS)[number];

/** What the user chose on the compare page, kept per study while the app runs (not saved). */
interface CompareUiState {
  selection: CompareSelection;
  focusId: string | null;
  view: CompareViewName;
  sort: SortState;
  permutations: number;
  seed: number;
  roundPair: { fromRoundId: string; toRoundId: string } | null;
  show: { marks: boolean; ellipses: boolean; labels: boolean };
}

const remembered = new Map<string, CompareUiState>();

/**
 * The selection a study's compare view starts with: every cohort and session, and — when
 * sessions were mapped in more than one round — only the latest round that has sessions,
 * since the same group mapped at baseline and endline must not count as two independent
 * sessions in the between-cohort test.
 */
export function initialSelection(study: Study, sessions: readonly Session[]): CompareSelection {
  const inUse = roundsInUse(study, sessions);
  const latest = defaultCompareRound(study, sessions);
  if (inUse.length < 2 || latest === null) return SELECT_ALL;
  return { ...SELECT_ALL, excludedRounds: inUse.map((r) => r.key).filter((k) => k !== latest) };
}

function initialUi(study: Study, sessions: readonly Session[]): CompareUiState {
  return (
    remembered.get(study.id) ?? {
      selection: initialSelection(study, sessions),
      focusId: null,
      view: 'overlay',
      sort: DEFAULT_SORT,
      permutations: DEFAULT_ANALYSIS.permutations,
      seed: DEFAULT_ANALYSIS.seed,
      roundPair: null,
      show: { marks: true, ellipses: true, labels: true },
    }
  );
}

export function ComparePage({ studyId }: { studyId: string }) {
  const { open, failure } = useOpenStudy(studyId);

  if (!open) return <StudyNotOpen failure={failure} />;
  return <CompareView study={open.study} sessions={open.sessions} />;
}

/** Whether every face the canvas draws with is loaded now (synchronous; the same samples as useFontsReady, not text shown). */
function canvasFontsLoaded(): boolean {
  const fonts = typeof document === 'undefined' ? undefined : document.fonts;
  if (!fonts || typeof fonts.check !== 'function') return false;
  return ['অআ', 'अआ', 'Aa'].every((sample) => CANVAS_WEIGHTS.every((w) => fonts.check(`${w} 16px ${CANVAS_FONT_FAMILY}`, sample)));
}

/** The compare view of a loaded study (the page minus loading; tests render it directly). */
export function CompareView({ study, sessions }: { study: Study; sessions: Session[] }) {
  const { t, i18n } = useTranslation('compare');
  const lang = i18n.language as Language;
  const [ui, setUiState] = useState<CompareUiState>(() => initialUi(study, sessions));
  const setUi = useCallback(
    (change: (prev: CompareUiState) => CompareUiState) =>
      setUiState((prev) => {
        const next = change(prev);
        remembered.set(study.id, next);
        return next;
      }),
    [study.id],
  );
  const textScale = useTextScale();
  // Coming from the study page the faces are loaded already: draw the grid in the first
  // commit instead of a placeholder that waits a round trip through the font promises.
  const [fontsLoaded] = useState(canvasFontsLoaded);
  const fontsReady = useFontsReady() || fontsLoaded;
  const [announcement, setAnnouncement] = useState('');
  const [pointedSessionId, setPointedSessionId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const selected = useMemo(() => selectedSessions(sessions, ui.selection), [sessions, ui.selection]);
  const cohortIds = useMemo(() => selectedCohortIds(study, sessions, ui.selection), [study, sessions, ui.selection]);
  const request = useMemo<AnalysisRequest | null>(() => {
    if (selected.length === 0) return null;
    const rounds = new Set(selected.map(roundKey));
    return {
      study,
      sessions: sessionsForPairing(sessions, ui.selection),
      roundKeys: [...rounds],
      cohortIds,
      permutations: ui.permutations,
      seed: ui.seed,
      roundPair: ui.roundPair,
    };
  }, [study, sessions, selected, cohortIds, ui.selection, ui.permutations, ui.seed, ui.roundPair]);
  const { state, retry } = useAnalysis(request);
  const result = state?.result ?? null;
  const comparison = result?.comparison ?? null;

  const labelOf = useCallback(
    (id: string) => {
      const st = study.stakeholders.find((s) => s.id === id);
      return st ? stakeholderLabel(st, lang).short : id;
    },
    [study, lang],
  );
  const fullNameOf = (id: string) => {
    const st = study.stakeholders.find((s) => s.id === id);
    return st ? stakeholderLabel(st, lang).name : id;
  };
  const cohortName = (id: string) => study.cohorts.find((c) => c.id === id)?.name ?? id;
  const nameOfRow = useCallback((s: StakeholderComparison) => labelOf(s.id), [labelOf]);

  // The grid draws the selected sessions' marks at once; centroids and ellipses join them
  // when the worker's result for this very selection arrives.
  const provisional = useMemo(() => provisionalInput(study, selected, cohortIds), [study, selected, cohortIds]);
  const current = state?.status === 'ready' ? comparison : null;
  const gridData: SceneInput = current ?? provisional;
  const focusId = ui.focusId && gridData.stakeholders.some((s) => s.id === ui.focusId) ? ui.focusId : null;
  const focused = focusId && comparison ? (comparison.stakeholders.find((s) => s.id === focusId) ?? null) : null;
  const setFocus = useCallback(
    (id: string | null) => {
      setUi((prev) => ({ ...prev, focusId: id }));
      setPointedSessionId(null);
      setAnnouncement(id ? t('announce.focused', { name: labelOf(id) }) : t('announce.unfocused'));
    },
    [setUi, t, labelOf],
  );

  // Choosing a stakeholder in the table below the grid brings the grid back into view.
  const focusFromTable = (id: string | null) => {
    setFocus(id);
    const grid = document.querySelector('.compare-grid-column');
    if (!id || !grid) return;
    const box = grid.getBoundingClientRect();
    if (box.bottom < box.height / 2 || box.top > window.innerHeight - box.height / 2) {
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      grid.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' });
    }
  };

  const gridText: GridText = useMemo(() => {
    const zoneTitle = {} as GridText['zoneTitle'];
    const zoneRole = {} as GridText['zoneRole'];
    for (const z of ZONE_IDS) {
      zoneTitle[z] = t(`common:zones.${z}`);
      zoneRole[z] = t(`common:zoneRoles.${z}`);
    }
    return { zoneTitle, zoneRole, low: t('grid.low'), high: t('grid.high') };
    // The language is a dependency through t.
  }, [t]);

  const canvasText: CompareCanvasText = useMemo(() => {
    const roundOf = new Map(sessions.map((x) => [x.id, x.roundId]));
    const roundName = new Map(study.rounds.map((r) => [r.id, r.name]));
    const cohortNameOf = (id: string) => study.cohorts.find((c) => c.id === id)?.name ?? id;
    return {
      ...gridText,
      mapLabel: focusId ? t('grid.labelFocused', { name: labelOf(focusId) }) : t('grid.label'),
      mark: (si: number, p: RawPoint) => {
        const round = roundOf.get(p.sessionId) ?? null;
        return t('grid.markTip', {
          code: p.sessionCode,
          cohort: cohortNameOf(p.cohortId),
          round: round ? ` · ${roundName.get(round) ?? round}` : '',
          name: labelOf(gridData.stakeholders[si]!.id),
          power: formatValue(p.position.power, lang),
          interest: formatValue(p.position.interest, lang),
          zone: t(`zoneInSentence.${zoneOf(p.position, study.midline)}`),
        });
      },
      centroid: (si: number, ci: number) => {
        const st = gridData.stakeholders[si]!;
        const c = st.cohorts[ci]!;
        return t('grid.centroidTip', {
          cohort: c.name,
          name: labelOf(st.id),
          n: formatCount(c.n, lang),
          power: formatValue(c.centroid?.power ?? 0, lang),
          interest: formatValue(c.centroid?.interest ?? 0, lang),
        });
      },
      cohortTag: (si: number, ci: number) => {
        const c = gridData.stakeholders[si]!.cohorts[ci]!;
        return t('grid.cohortTag', { cohort: c.name, n: formatCount(c.n, lang) });
      },
      zoomIn: t('zoom.in'),
      zoomOut: t('zoom.out'),
      zoomReset: t('zoom.reset'),
      zoomLevel: (percent: number) => t('zoom.level', { percent }),
    };
  }, [gridData, gridText, focusId, labelOf, lang, study, sessions, t]);

  // The presentation sequence (one stakeholder, one cohort at a time): while it runs, the
  // grid shows only the current step, the same picture the audience window shows.
  const sequence = useCompareSequence({ study, comparison: current, focusId, language: lang });
  const stepName = sequence.step ? labelOf(sequence.step.stakeholderId) : '';
  const stepText = useStepCanvasText(sequence.input ?? gridData, lang, t('present:step.gridLabel', { name: stepName }));
  const startSequence = () => {
    if (!sequence.active) sequence.start();
    setUi((prev) => ({ ...prev, view: 'overlay' }));
    // The step bar and the grid are what the facilitator works with now: bring them into view.
    requestAnimationFrame(() => document.querySelector('.compare-grid-column')?.scrollIntoView({ block: 'start' }));
  };

  // Both rounds in the cohort test: a group mapped twice would count twice, so no test is run.
  const repeatedGroups = useMemo(() => {
    const rounds = new Set(selected.map(roundKey));
    if (rounds.size < 2) return 0;
    const seen = new Map<string, Set<string>>();
    for (const s of selected) {
      const k = pairingKey(s.code);
      seen.set(k, (seen.get(k) ?? new Set()).add(roundKey(s)));
    }
    return [...seen.values()].filter((r) => r.size > 1).length;
  }, [selected]);

  // Say why only one round is compared when the study has others (the default selection).
  const oneRoundOf = useMemo(() => {
    const inUse = roundsInUse(study, sessions);
    const kept = new Set(selected.map(roundKey));
    if (inUse.length < 2 || kept.size !== 1) return null;
    const only = inUse.find((r) => kept.has(r.key));
    return only?.name ? { name: only.name, others: inUse.length - 1 } : null;
  }, [study, sessions, selected]);

  const roundOptions = roundsInUse(study, sessions)
    .filter((r) => r.name !== null)
    .map((r) => ({ id: r.key, name: r.name! }));

  const computing = state?.status === 'computing';
  const busyText = t('status.computing', { permutations: formatCount(ui.permutations, lang) });

  return (
    <div className="page page-full compare-page">
      <nav className="breadcrumbs" aria-label={t('common:breadcrumbs')}>
        <a href={hrefFor({ name: 'studies' })}>{t('studies:list.title')}</a>
        <span aria-hidden="true"> / </span>
        <a href={hrefFor({ name: 'study', studyId: study.id, tab: 'sessions' })}>{study.title}</a>
      </nav>
      <div className="page-header compare-header">
        <div className="page-header-text">
          <PageHeading>{t('title')}</PageHeading>
          <p className="lead">{t('lead', { title: study.title })}</p>
        </div>
        <div className="compare-status" role="status" data-testid="compare-status" data-state={state?.status ?? 'empty'}>
          {computing ? (
            <span className="computing">
              <span className="computing-dot" aria-hidden="true" />
              {busyText}
            </span>
          ) : state?.status === 'error' ? (
            <span className="compare-error">
              {t('status.error', { message: state.message })}{' '}
              <button type="button" className="button button-small" onClick={retry}>
                {t('common:retry')}
              </button>
            </span>
          ) : comparison ? (
            <span className="muted">{t('status.ready', { sessions: formatCount(comparison.sessions, lang), count: comparison.sessions })}</span>
          ) : null}
        </div>
      </div>

      <CompareFilters study={study} sessions={sessions} selection={ui.selection} selectedCount={selected.length} onChange={(selection) => setUi((prev) => ({ ...prev, selection }))} />

      {sessions.length === 0 ? (
        <div className="empty-state">
          <h2>{t('empty.noSessionsTitle')}</h2>
          <p>{t('empty.noSessions')}</p>
        </div>
      ) : selected.length === 0 ? (
        <div className="empty-state">
          <h2>{t('empty.nothingSelectedTitle')}</h2>
          <p>{t('empty.nothingSelected')}</p>
        </div>
      ) : (
        <>
          <div className="compare-toolbar">
            <ViewTabs view={ui.view} onChange={(view) => setUi((prev) => ({ ...prev, view }))} />
            <label className="focus-picker">
              <span>{t('focus.label')}</span>
              <select
                className="select select-compact"
                value={focusId ?? ''}
                onChange={(e) => setFocus(e.target.value === '' ? null : e.target.value)}
                data-testid="focus-select"
              >
                <option value="">{t('focus.all')}</option>
                {gridData.stakeholders.map((s) => (
                  <option key={s.id} value={s.id}>
                    {labelOf(s.id)}
                  </option>
                ))}
              </select>
            </label>
            {focusId ? (
              <button type="button" className="button button-small" onClick={() => setFocus(null)}>
                {t('focus.clear')}
              </button>
            ) : null}
            <button
              type="button"
              className="button button-small toggle compare-steps-toggle"
              aria-pressed={sequence.active}
              disabled={!sequence.available}
              title={sequence.available ? t('present:step.toggleTitle') : t('present:step.unavailable')}
              onClick={sequence.active ? sequence.stop : startSequence}
              data-testid="step-toggle"
            >
              {t('present:step.toggle')}
            </button>
            <PresentButton onStart={startSequence} disabled={!sequence.available} />
            <button type="button" className="button button-small compare-export" onClick={() => setExporting(true)}>
              {t('export:open.picture')}
            </button>
          </div>
          {exporting ? (
            <ExportDialog
              scope={{ kind: 'compare', study, sessions: selected, allSelected: selected.length === sessions.length, focusStakeholderId: focusId }}
              onClose={() => setExporting(false)}
            />
          ) : null}

          <div className="compare-results" aria-busy={computing} id={`compare-panel-${ui.view}`} role="tabpanel" aria-labelledby={`compare-tab-${ui.view}`}>
            {ui.view === 'overlay' ? (
              <div className="compare-overlay">
                <div className="compare-grid-column">
                  {sequence.active && sequence.step ? <StepBar sequence={sequence} language={lang} /> : null}
                  {sequence.active && sequence.step && sequence.input ? (
                    <CompareCanvas
                      study={study}
                      comparison={sequence.input}
                      language={lang}
                      focusId={sequence.step.stakeholderId}
                      pointedSessionId={null}
                      show={{ marks: true, ellipses: false, labels: true, arrows: sequence.step.gap }}
                      textScale={textScale}
                      fontsReady={fontsReady}
                      text={stepText}
                      describedBy="step-bar-title compare-legend"
                      onFocus={NOOP}
                      onPoint={NOOP}
                      onAnnounce={setAnnouncement}
                    />
                  ) : (
                    <CompareCanvas
                      study={study}
                      comparison={gridData}
                      language={lang}
                      focusId={focusId}
                      pointedSessionId={pointedSessionId}
                      show={ui.show}
                      textScale={textScale}
                      fontsReady={fontsReady}
                      text={canvasText}
                      describedBy="compare-grid-help compare-legend"
                      onFocus={setFocus}
                      onPoint={setPointedSessionId}
                      onAnnounce={setAnnouncement}
                    />
                  )}
                  <Legend study={study} data={sequence.active && sequence.input ? sequence.input : gridData} focusId={sequence.active && sequence.step ? sequence.step.stakeholderId : focusId} />
                  {sequence.active ? null : (
                  <div className="grid-options" role="group" aria-label={t('show.label')}>
                    {(['marks', 'ellipses', 'labels'] as const).map((k) => (
                      <label key={k} className="filter-check">
                        <input type="checkbox" checked={ui.show[k]} onChange={(e) => setUi((prev) => ({ ...prev, show: { ...prev.show, [k]: e.target.checked } }))} />
                        <span>{t(`show.${k}`)}</span>
                      </label>
                    ))}
                  </div>
                  )}
                  <p id="compare-grid-help" className="muted small">
                    {t('grid.help')}
                  </p>
                </div>
                {!comparison || !result ? (
                  <div className="compare-side-column compare-placeholder">
                    <span className="computing-dot" aria-hidden="true" /> {busyText}
                  </div>
                ) : (
                  <>
                    {/* While a new selection computes, the previous findings stay, faded. */}
                    <div className={`compare-side-column${computing ? ' compare-stale' : ''}`}>
                      {repeatedGroups > 0 ? <p className="notice-inline">{t('repeatedGroups', { count: repeatedGroups })}</p> : null}
                      {oneRoundOf ? (
                        <p className="notice-inline" data-testid="compare-one-round">
                          {t('oneRound', { round: oneRoundOf.name, count: oneRoundOf.others })}
                        </p>
                      ) : null}
                      <CompareSummary items={result.summary} comparison={comparison} nameOf={labelOf} cohortName={cohortName} />
                      {focused ? (
                        <PointsTwin
                          study={study}
                          comparison={comparison}
                          stakeholder={focused}
                          name={t('twin.name', { short: labelOf(focused.id), name: fullNameOf(focused.id) })}
                          pointedSessionId={pointedSessionId}
                          onPoint={setPointedSessionId}
                        />
                      ) : (
                        <p className="twin-hint">{t('twin.hint')}</p>
                      )}
                    </div>
                    <div className={`compare-table-column${computing ? ' compare-stale' : ''}`}>
                      <DivergenceTable
                        title={t('table.title')}
                        study={study}
                        comparison={comparison}
                        sort={ui.sort}
                        onSort={(sort) => setUi((prev) => ({ ...prev, sort }))}
                        focusId={focusId}
                        onFocus={focusFromTable}
                        nameOf={nameOfRow}
                      />
                    </div>
                  </>
                )}
              </div>
            ) : ui.view === 'sideBySide' ? (
              <SideBySide study={study} sessions={selected} focusId={focusId} language={lang} />
            ) : !result ? (
              <div className="compare-placeholder">
                <span className="computing-dot" aria-hidden="true" /> {busyText}
              </div>
            ) : (
              <div className={computing ? 'compare-stale' : undefined}>
                <OverTimeView
                  study={study}
                  overTime={result.overTime}
                  focusId={focusId}
                  language={lang}
                  textScale={textScale}
                  gridText={gridText}
                  roundOptions={roundOptions}
                  roundPair={ui.roundPair}
                  onRoundPair={(roundPair) => setUi((prev) => ({ ...prev, roundPair }))}
                  nameOf={labelOf}
                  onFocus={setFocus}
                  roundFilterActive={ui.selection.excludedRounds.length > 0}
                />
              </div>
            )}
          </div>

          {comparison ? (
            <HonestNote
              study={study}
              comparison={comparison}
              permutations={ui.permutations}
              seed={ui.seed}
              onSettings={(permutations, seed) => setUi((prev) => ({ ...prev, permutations, seed }))}
            />
          ) : null}
        </>
      )}
      <div className="visually-hidden" aria-live="polite" data-testid="compare-announcer">
        {announcement}
      </div>
    </div>
  );
}

/** Overlay, side by side, over time: a tab list (arrow keys move between tabs). */
function ViewTabs({ view, onChange }: { view: CompareViewName; onChange(view: CompareViewName): void }) {
  const { t } = useTranslation('compare');
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = COMPARE_VIEWS.indexOf(view);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % COMPARE_VIEWS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + COMPARE_VIEWS.length) % COMPARE_VIEWS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = COMPARE_VIEWS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onChange(COMPARE_VIEWS[next]!);
    refs.current[next]?.focus();
  };
  return (
    <div className="view-tabs" role="tablist" aria-label={t('views.label')} onKeyDown={onKeyDown}>
      {COMPARE_VIEWS.map((name, i) => (
        <button
          key={name}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`compare-tab-${name}`}
          aria-selected={view === name}
          aria-controls={`compare-panel-${name}`}
          tabIndex={view === name ? 0 : -1}
          className="view-tab"
          onClick={() => onChange(name)}
        >
          {t(`views.${name}`)}
        </button>
      ))}
    </div>
  );
}

/** Which marker is which cohort, with n, and what the marks mean. */
function Legend({ study, data, focusId }: { study: Study; data: SceneInput; focusId: string | null }) {
  const { t, i18n } = useTranslation('compare');
  const focused = focusId ? data.stakeholders.find((s) => s.id === focusId) : undefined;
  return (
    <div id="compare-legend" className="compare-legend">
      <ul className="legend-list" aria-label={t('legend.label')}>
        {data.cohorts.map((c) => {
          const look = study.cohorts.find((x) => x.id === c.id);
          const n = focused ? (focused.cohorts.find((x) => x.id === c.id)?.n ?? 0) : null;
          return (
            <li key={c.id} className="legend-item">
              {look ? <CohortMarker colour={look.colour} shape={look.shape} size={15} /> : null}
              <span>
                {c.name}{' '}
                <span className="muted">
                  {n === null ? t('legend.sessions', { count: c.sessions, n: formatCount(c.sessions, i18n.language) }) : t('legend.placedBy', { n: formatCount(n, i18n.language), sessions: formatCount(c.sessions, i18n.language) })}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <p className="legend-key muted small">{focused ? t('legend.keyFocused') : t('legend.key')}</p>
    </div>
  );
}

/**
 * What every result on this page rests on: sessions, not individuals; exploratory
 * p-values from a seeded permutation test; the axes' wording and the midline. The
 * permutations and seed can be changed here.
 */
function HonestNote({
  study,
  comparison,
  permutations,
  seed,
  onSettings,
}: {
  study: Study;
  comparison: CohortComparison;
  permutations: number;
  seed: number;
  onSettings(permutations: number, seed: number): void;
}) {
  const { t, i18n } = useTranslation('compare');
  const lang = i18n.language;
  const [draft, setDraft] = useState({ permutations: String(permutations), seed: String(seed) });
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const p = Number(draft.permutations.replace(/[\s,]/g, ''));
    const s = Number(draft.seed.replace(/[\s,]/g, ''));
    if (!Number.isInteger(p) || p < PERMUTATIONS_RANGE.interactiveMin || p > PERMUTATIONS_RANGE.max) return setError(t('settings.permutationsRange'));
    if (!Number.isInteger(s) || s < SEED_RANGE.interactiveMin || s > SEED_RANGE.interactiveMax) return setError(t('settings.seedRange'));
    setError(null);
    onSettings(p, s);
  };
  return (
    <section className="honest-note" aria-labelledby="honest-title" data-testid="honest-note">
      <h2 id="honest-title" className="compare-section-title">
        {t('honest.title')}
      </h2>
      <ul className="honest-list">
        <li>{t('honest.sessions', { sessions: formatCount(comparison.sessions, lang), count: comparison.sessions })}</li>
        <li>{t('honest.exploratory', { permutations: formatCount(comparison.permutations, lang), seed: comparison.seed })}</li>
        <li>{t('honest.minimum')}</li>
        <li>{t('honest.spread')}</li>
        <li>{t('honest.consensus')}</li>
        <li>{t('honest.axes', { power: study.axes.power, interest: study.axes.interest, midlinePower: formatValue(comparison.midline.power, lang), midlineInterest: formatValue(comparison.midline.interest, lang) })}</li>
      </ul>
      <details className="analysis-settings">
        <summary>{t('settings.title')}</summary>
        <form
          className="settings-row"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
          noValidate
        >
          <label className="field">
            <span className="field-label">{t('settings.permutations')}</span>
            <input className="input input-number" inputMode="numeric" value={draft.permutations} onChange={(e) => setDraft({ ...draft, permutations: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t('settings.seed')}</span>
            <input className="input input-number" inputMode="numeric" value={draft.seed} onChange={(e) => setDraft({ ...draft, seed: e.target.value })} />
          </label>
          <button type="submit" className="button">
            {t('settings.apply')}
          </button>
        </form>
        {error ? <p className="field-error">{error}</p> : <p className="field-hint">{t('settings.hint')}</p>}
      </details>
    </section>
  );
}
