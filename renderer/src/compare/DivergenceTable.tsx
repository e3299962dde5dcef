import { useTranslation } from 'react-i18next';
import { MIN_COHORT_N_FOR_TEST, type CohortComparison, type StakeholderComparison } from '../../../shared/analysis/compareCohorts';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import type { Study } from '../../../shared/model/study';
import { CohortMarker } from '../studies/CohortMarker';
import { nextSort, sortStakeholders, type SortKey, type SortState } from './divergenceSort';
import { formatCount, formatP, formatShare, formatStat, formatValue } from './format';

export interface DivergenceTableProps {
  study: Study;
  comparison: CohortComparison;
  sort: SortState;
  onSort(next: SortState): void;
  focusId: string | null;
  onFocus(id: string | null): void;
  nameOf(s: StakeholderComparison): string;
}

/**
 * One row per stakeholder: n and centroid per cohort, modal zone and its share,
 * agreement, between-cohort variance, p and q (or why there is no test), the spread test, zone
 * consensus, divergent, unknown. Every column sorts; the stakeholder's name focuses it
 * on the grid.
 */
export function DivergenceTable({ study, comparison, sort, onSort, focusId, onFocus, nameOf }: DivergenceTableProps) {
  const { t, i18n } = useTranslation('compare');
  const lang = i18n.language;
  const rows = sortStakeholders(comparison.stakeholders, sort, nameOf, lang);
  const look = (id: string) => study.cohorts.find((c) => c.id === id);

  const header = (key: SortKey, label: React.ReactNode, className?: string, hint?: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={className} aria-sort={active ? sort.direction : undefined}>
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

  return (
    <div className="table-scroll divergence-scroll">
      <table className="table divergence-table" data-testid="divergence-table">
        <caption className="divergence-caption">{t('table.caption')}</caption>
        <thead>
          <tr>
            {header('stakeholder', t('table.stakeholder'), 'col-stakeholder')}
            {comparison.cohorts.map((c) => {
              const cohort = look(c.id);
              return (
                <th key={c.id} scope="col" className="col-cohort" aria-sort={sort.key === `cohort:${c.id}` ? sort.direction : undefined}>
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
            })}
            {header('modalZone', t('table.modalZone'), 'col-zone')}
            {header('agreement', t('table.agreement'), 'num')}
            {header('betweenVariance', t('table.betweenVariance'), 'num')}
            {header('pValue', t('table.p'), 'num', t('table.exploratory'))}
            {header('qValue', t('table.q'), 'num')}
            {header('dispersion', t('table.spread'), 'num', t('table.spreadHint'))}
            {header('zoneConsensus', t('table.zoneConsensus'), 'col-flag')}
            {header('divergent', t('table.divergent'), 'col-flag')}
            {header('unknown', t('table.unknown'), 'num')}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => {
            const focused = s.id === focusId;
            return (
              <tr key={s.id} className={focused ? 'row-focused' : undefined} data-stakeholder={s.id}>
                <th scope="row" className="col-stakeholder">
                  <button type="button" className="link-button" aria-pressed={focused} onClick={() => onFocus(focused ? null : s.id)}>
                    {nameOf(s)}
                  </button>
                </th>
                {s.cohorts.map((c) => (
                  <td key={c.id} className="col-cohort" data-cohort={c.id}>
                    <span className={`cohort-n${c.n > 0 && c.n < MIN_COHORT_N_FOR_TEST ? ' cohort-n-low' : ''}`}>
                      {t('table.n', { n: formatCount(c.n, lang) })}
                      {c.n > 0 && c.n < MIN_COHORT_N_FOR_TEST ? <span className="visually-hidden"> {t('table.lowN')}</span> : null}
                    </span>
                    <span className="cohort-centroid">
                      {c.centroid ? t('table.centroid', { power: formatValue(c.centroid.power, lang), interest: formatValue(c.centroid.interest, lang) }) : t('table.none')}
                    </span>
                  </td>
                ))}
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
                <td className="num">{s.agreement === null ? t('table.none') : formatStat(s.agreement, lang)}</td>
                <td className="num">{s.betweenVariance === null ? t('table.none') : formatStat(s.betweenVariance, lang)}</td>
                {s.testable && s.pValue !== null ? (
                  <>
                    <td className="num" data-col="p">
                      {formatP(s.pValue, lang)}
                    </td>
                    <td className="num" data-col="q">
                      {s.qValue === null ? t('table.none') : formatP(s.qValue, lang)}
                    </td>
                  </>
                ) : (
                  <td colSpan={3} className="not-tested" data-col="reason">
                    {t(`notTestable.${s.notTestableReason ?? 'fewer_than_two_cohorts_with_3'}`)}
                  </td>
                )}
                {s.testable && s.pValue !== null ? (
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
                <td className="col-flag">{s.zoneConsensus ? <span className="flag flag-consensus">{t('table.yes')}</span> : <span className="muted">{t('table.no')}</span>}</td>
                <td className="col-flag">{s.divergent ? <span className="flag flag-divergent">{t('table.yes')}</span> : <span className="muted">{t('table.no')}</span>}</td>
                <td className="num">{formatCount(s.unknown, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
