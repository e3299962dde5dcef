import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_COHORT_N_FOR_TEST, type CohortComparison, type StakeholderComparison } from '../../../shared/analysis/compareCohorts';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import type { Study } from '../../../shared/model/study';
import { CohortMarker } from '../studies/CohortMarker';
import { nextSort, sortStakeholders, type SortKey, type SortState } from './divergenceSort';
import { formatCount, formatP, formatShare, formatStat, formatValue } from './format';

/** Columns a user can show or hide; the stakeholder and the cohorts' n and centroid always show. */
export const OPTIONAL_COLUMNS = ['modalZone', 'agreement', 'betweenVariance', 'p', 'q', 'spread', 'zoneConsensus', 'divergent', 'unknown'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
/** The spread test (PERMDISP) is secondary; it is one click away. */
export const DEFAULT_COLUMNS: readonly OptionalColumn[] = ['modalZone', 'agreement', 'betweenVariance', 'p', 'q', 'zoneConsensus', 'divergent', 'unknown'];
/** With more cohorts than this, each row shows every cohort's n and centroid stacked in one cell. */
export const STACK_COHORTS_ABOVE = 4;

const STORAGE_KEY = 'pimap.compare.columns';
let chosenColumns: OptionalColumn[] | null = null;

/** The columns chosen in this app session (kept in sessionStorage too, so a reload keeps them). */
export function shownColumns(): OptionalColumn[] {
  if (chosenColumns) return chosenColumns;
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(parsed)) {
      chosenColumns = OPTIONAL_COLUMNS.filter((c) => parsed.includes(c));
      return chosenColumns;
    }
  } catch {
    // No storage (or a broken value): the defaults.
  }
  return [...DEFAULT_COLUMNS];
}

function rememberColumns(columns: OptionalColumn[]): void {
  chosenColumns = columns;
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(columns));
  } catch {
    // Kept in memory only.
  }
}

/** Back to the default columns (tests). */
export function resetColumnChoice(): void {
  chosenColumns = null;
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

export interface DivergenceTableProps {
  study: Study;
  comparison: CohortComparison;
  sort: SortState;
  onSort(next: SortState): void;
  focusId: string | null;
  onFocus(id: string | null): void;
  nameOf(s: StakeholderComparison): string;
  /** The section's heading, drawn on one line with the "Columns" menu. */
  title?: string;
}

/**
 * One row per stakeholder: n and centroid per cohort, modal zone and its share,
 * agreement, between-cohort variance, p and q (or why there is no test), the spread test, zone
 * consensus, divergent, unknown. Every column sorts; the stakeholder's name focuses it
 * on the grid. The "Columns" menu shows or hides the secondary columns, so the table fits
 * its column without scrolling sideways; with many cohorts their n and centroid stack in
 * one cell.
 */
export function DivergenceTable({ study, comparison, sort, onSort, focusId, onFocus, nameOf, title }: DivergenceTableProps) {
  const { t, i18n } = useTranslation('compare');
  const lang = i18n.language;
  const [columns, setColumns] = useState<OptionalColumn[]>(shownColumns);
  const show = (c: OptionalColumn) => columns.includes(c);
  const toggle = (c: OptionalColumn, on: boolean) => {
    const next = OPTIONAL_COLUMNS.filter((x) => (x === c ? on : columns.includes(x)));
    rememberColumns(next);
    setColumns(next);
  };
  const rows = sortStakeholders(comparison.stakeholders, sort, nameOf, lang);
  const look = (id: string) => study.cohorts.find((c) => c.id === id);
  // Cohorts side by side while they fit; stacked in one cell when there are many, or when
  // the table would otherwise scroll sideways (large text, a narrow window).
  const scrollRef = useRef<HTMLDivElement>(null);
  const [squeezed, setSqueezed] = useState(false);
  const [boxWidth, setBoxWidth] = useState(0);
  const stacked = squeezed || comparison.cohorts.length > STACK_COHORTS_ABOVE;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && !stacked && el.scrollWidth > el.clientWidth + 1) setSqueezed(true);
  }, [stacked, columns, comparison, lang, boxWidth]);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      // Wider again: try the cohorts side by side once more (the layout effect re-checks).
      if (el.clientWidth > width + 1) setSqueezed(false);
      width = el.clientWidth;
      setBoxWidth(width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const testCols = (['p', 'q', 'spread'] as const).filter(show).length;
  const chooserId = useId();

  const header = (key: SortKey, label: React.ReactNode, className?: string, hint?: string, col?: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={className} aria-sort={active ? sort.direction : undefined} data-column={col}>
        <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, key))}>
          <span className="sort-label">{label}</span>
          {hint ? <span className="sort-hint">{hint}</span> : null}
          <span className={`sort-icon${active ? ' sort-icon-active' : ''}`} aria-hidden="true">
            {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const cohortCell = (c: StakeholderComparison['cohorts'][number]) => (
    <>
      <span className={`cohort-n${c.n > 0 && c.n < MIN_COHORT_N_FOR_TEST ? ' cohort-n-low' : ''}`}>
        {t('table.n', { n: formatCount(c.n, lang) })}
        {c.n > 0 && c.n < MIN_COHORT_N_FOR_TEST ? <span className="visually-hidden"> {t('table.lowN')}</span> : null}
      </span>
      <span className="cohort-centroid">
        {c.centroid ? t('table.centroid', { power: formatValue(c.centroid.power, lang), interest: formatValue(c.centroid.interest, lang) }) : t('table.none')}
      </span>
    </>
  );

  const labelOf: Record<OptionalColumn, string> = {
    modalZone: t('table.modalZone'),
    agreement: t('table.agreement'),
    betweenVariance: t('table.betweenVariance'),
    p: t('table.pColumn'),
    q: t('table.qColumn'),
    spread: t('table.spread'),
    zoneConsensus: t('table.zoneConsensus'),
    divergent: t('table.divergent'),
    unknown: t('table.unknown'),
  };

  return (
    <div className="divergence">
      <div className="divergence-title-row">
        {title ? <h2 className="compare-section-title">{title}</h2> : null}
        <details className="column-chooser" data-testid="column-chooser">
          <summary className="button button-small">{t('table.columns', { shown: formatCount(columns.length, lang), total: formatCount(OPTIONAL_COLUMNS.length, lang) })}</summary>
          <fieldset className="column-chooser-body" aria-describedby={`${chooserId}-hint`}>
            <legend className="column-chooser-title">{t('table.columnsLegend')}</legend>
            <p id={`${chooserId}-hint`} className="muted small column-chooser-hint">
              {t('table.columnsHint')}
            </p>
            {OPTIONAL_COLUMNS.map((c) => (
              <label key={c} className="filter-check">
                <input type="checkbox" checked={show(c)} onChange={(e) => toggle(c, e.target.checked)} />
                <span>{labelOf[c]}</span>
              </label>
            ))}
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => {
                rememberColumns([...DEFAULT_COLUMNS]);
                setColumns([...DEFAULT_COLUMNS]);
              }}
            >
              {t('table.columnsDefault')}
            </button>
          </fieldset>
        </details>
      </div>
      <div ref={scrollRef} className="table-scroll divergence-scroll" data-testid="divergence-scroll" data-stacked={stacked}>
        <table className={`table divergence-table${stacked ? ' divergence-stacked' : ''}`} data-testid="divergence-table">
          <caption className="divergence-caption">{t('table.caption')}</caption>
          <thead>
            <tr>
              {header('stakeholder', t('table.stakeholder'), 'col-stakeholder', undefined, 'stakeholder')}
              {stacked ? (
                <th scope="col" className="col-cohorts" data-column="cohorts">
                  <span className="th-plain">{t('table.byCohort')}</span>
                </th>
              ) : (
                comparison.cohorts.map((c) => {
                  const cohort = look(c.id);
                  return (
                    <th key={c.id} scope="col" className="col-cohort" data-column="cohort" aria-sort={sort.key === `cohort:${c.id}` ? sort.direction : undefined}>
                      <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, `cohort:${c.id}`))}>
                        <span className="sort-label cohort-head">
                          {cohort ? <CohortMarker colour={cohort.colour} shape={cohort.shape} size={13} /> : null}
                          <span>{c.name}</span>
                        </span>
                        <span className="sort-hint">{t('table.cohortHint', { count: c.sessions, sessions: formatCount(c.sessions, lang) })}</span>
                        <span className={`sort-icon${sort.key === `cohort:${c.id}` ? ' sort-icon-active' : ''}`} aria-hidden="true">
                          {sort.key === `cohort:${c.id}` ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    </th>
                  );
                })
              )}
              {show('modalZone') ? header('modalZone', t('table.modalZone'), 'col-zone', undefined, 'zone') : null}
              {show('agreement') ? header('agreement', t('table.agreement'), 'num', undefined, 'agreement') : null}
              {show('betweenVariance') ? header('betweenVariance', t('table.betweenVariance'), 'num', undefined, 'betweenVariance') : null}
              {show('p') ? header('pValue', t('table.p'), 'num', t('table.exploratory'), 'p') : null}
              {show('q') ? header('qValue', t('table.q'), 'num', show('p') ? undefined : t('table.exploratory'), 'q') : null}
              {show('spread') ? header('dispersion', t('table.spread'), 'num', t('table.spreadHint'), 'spread') : null}
              {show('zoneConsensus') ? header('zoneConsensus', t('table.zoneConsensus'), 'col-flag', undefined, 'zoneConsensus') : null}
              {show('divergent') ? header('divergent', t('table.divergent'), 'col-flag', undefined, 'divergent') : null}
              {show('unknown') ? header('unknown', t('table.unknown'), 'num', undefined, 'unknown') : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => {
              const focused = s.id === focusId;
              const tested = s.testable && s.pValue !== null;
              return (
                <tr key={s.id} className={focused ? 'row-focused' : undefined} data-stakeholder={s.id}>
                  <th scope="row" className="col-stakeholder">
                    <button type="button" className="link-button" aria-pressed={focused} onClick={() => onFocus(focused ? null : s.id)}>
                      {nameOf(s)}
                    </button>
                  </th>
                  {stacked ? (
                    <td className="col-cohorts">
                      <ul className="cohort-stack">
                        {s.cohorts.map((c) => {
                          const cohort = look(c.id);
                          return (
                            <li key={c.id} data-cohort={c.id}>
                              {cohort ? <CohortMarker colour={cohort.colour} shape={cohort.shape} size={11} /> : null}
                              <span className="visually-hidden">{cohort?.name ?? c.id}: </span>
                              {cohortCell(c)}
                            </li>
                          );
                        })}
                      </ul>
                    </td>
                  ) : (
                    s.cohorts.map((c) => (
                      <td key={c.id} className="col-cohort" data-cohort={c.id}>
                        {cohortCell(c)}
                      </td>
                    ))
                  )}
                  {show('modalZone') ? (
                    <td className="col-zone">
                      {s.modalZone ? (
                        <span className="zone-cell">
                          <span className="zone-swatch" style={{ background: ZONE_COLOURS[s.modalZone].fill, borderColor: ZONE_COLOURS[s.modalZone].stroke }} aria-hidden="true" />
                          <span>
                            <span className="zone-name">{t(`zoneShort.${s.modalZone}`)}</span> <span className="zone-share">{formatShare(s.modalZoneShare ?? 0, lang)}</span>
                          </span>
                        </span>
                      ) : (
                        t('table.none')
                      )}
                    </td>
                  ) : null}
                  {show('agreement') ? <td className="num">{s.agreement === null ? t('table.none') : formatStat(s.agreement, lang)}</td> : null}
                  {show('betweenVariance') ? <td className="num">{s.betweenVariance === null ? t('table.none') : formatStat(s.betweenVariance, lang)}</td> : null}
                  {tested ? (
                    <>
                      {show('p') ? (
                        <td className="num" data-col="p">
                          {formatP(s.pValue!, lang)}
                        </td>
                      ) : null}
                      {show('q') ? (
                        <td className="num" data-col="q">
                          {s.qValue === null ? t('table.none') : formatP(s.qValue, lang)}
                        </td>
                      ) : null}
                      {show('spread') ? (
                        <td className="num" data-col="spread">
                          {s.dispersion?.pValue == null ? (
                            t('table.none')
                          ) : s.dispersion.differs ? (
                            <span className="flag flag-spread" title={t('table.spreadDiffersTip')}>
                              {t('table.spreadDiffers', { p: formatP(s.dispersion.pValue, lang) })}
                            </span>
                          ) : (
                            formatP(s.dispersion.pValue, lang)
                          )}
                        </td>
                      ) : null}
                    </>
                  ) : testCols > 0 ? (
                    <td colSpan={testCols} className="not-tested" data-col="reason">
                      {t(`notTestable.${s.notTestableReason ?? 'fewer_than_two_cohorts_with_3'}`)}
                    </td>
                  ) : null}
                  {show('zoneConsensus') ? (
                    <td className="col-flag">{s.zoneConsensus ? <span className="flag flag-consensus">{t('table.yes')}</span> : <span className="muted">{t('table.no')}</span>}</td>
                  ) : null}
                  {show('divergent') ? (
                    <td className="col-flag">{s.divergent ? <span className="flag flag-divergent">{t('table.yes')}</span> : <span className="muted">{t('table.no')}</span>}</td>
                  ) : null}
                  {show('unknown') ? <td className="num">{formatCount(s.unknown, lang)}</td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
