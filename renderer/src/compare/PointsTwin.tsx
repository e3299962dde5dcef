import { useTranslation } from 'react-i18next';
import type { CohortComparison, StakeholderComparison } from '../../../shared/analysis/compareCohorts';
import type { Study } from '../../../shared/model/study';
import { zoneOf } from '../../../shared/model/zones';
import { hrefFor } from '../ui/router';
import { CohortMarker } from '../studies/CohortMarker';
import { formatCount, formatShare, formatStat, formatValue } from './format';

/**
 * The DOM twin of the focused stakeholder on the grid: every session's point (the raw
 * points under every centroid), grouped by cohort with the cohort's n and centroid.
 * Pointing at a row rings its mark on the grid; the session code opens that session's map.
 */
export function PointsTwin({
  study,
  comparison,
  stakeholder,
  name,
  pointedSessionId,
  onPoint,
}: {
  study: Study;
  comparison: CohortComparison;
  stakeholder: StakeholderComparison;
  name: string;
  pointedSessionId: string | null;
  onPoint(sessionId: string | null): void;
}) {
  const { t, i18n } = useTranslation('compare');
  const lang = i18n.language;
  const roundName = new Map(study.rounds.map((r) => [r.id, r.name]));
  const sessionRound = new Map(comparison.sessionList.map((s) => [s.id, s.roundId]));

  return (
    <section className="points-twin" aria-labelledby="points-twin-title" data-testid="points-twin" data-stakeholder={stakeholder.id}>
      <h3 id="points-twin-title" className="compare-section-title">
        {t('twin.title', { name })}
      </h3>
      <p className="twin-lead">
        {t('twin.lead', {
          n: formatCount(stakeholder.n, lang),
          sessions: formatCount(comparison.sessions, lang),
          unknown: formatCount(stakeholder.unknown, lang),
          notDiscussed: formatCount(stakeholder.notDiscussed, lang),
        })}
        {stakeholder.agreement !== null ? ` ${t('twin.agreement', { value: formatStat(stakeholder.agreement, lang) })}` : null}
        {stakeholder.contestedShare ? ` ${t('twin.contested', { share: formatShare(stakeholder.contestedShare, lang) })}` : null}
      </p>
      <div className="twin-scroll">
        <table className="table twin-table">
          <caption className="visually-hidden">{t('twin.caption', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('twin.session')}</th>
              <th scope="col">{t('twin.cohort')}</th>
              <th scope="col">{t('twin.round')}</th>
              <th scope="col" className="num">
                {t('twin.power')}
              </th>
              <th scope="col" className="num">
                {t('twin.interest')}
              </th>
              <th scope="col">{t('twin.zone')}</th>
            </tr>
          </thead>
          {stakeholder.cohorts.map((c) => {
            const cohort = study.cohorts.find((x) => x.id === c.id);
            const points = stakeholder.points.filter((p) => p.cohortId === c.id);
            return (
              <tbody key={c.id} data-cohort={c.id}>
                <tr className="twin-cohort-row">
                  <th scope="rowgroup" colSpan={6}>
                    <span className="twin-cohort">
                      {cohort ? <CohortMarker colour={cohort.colour} shape={cohort.shape} size={14} /> : null}
                      <span className="twin-cohort-name">{c.name}</span>
                      <span className="twin-cohort-stats">
                        {t('twin.cohortStats', { n: formatCount(c.n, lang), sessions: formatCount(c.sessions, lang) })}
                        {c.centroid ? ` · ${t('twin.centroid', { power: formatValue(c.centroid.power, lang), interest: formatValue(c.centroid.interest, lang) })}` : ''}
                        {c.unknown > 0 ? ` · ${t('twin.cohortUnknown', { count: c.unknown })}` : ''}
                      </span>
                    </span>
                  </th>
                </tr>
                {points.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="muted">
                      {t('twin.noPoints')}
                    </td>
                  </tr>
                ) : (
                  points.map((p) => {
                    const round = sessionRound.get(p.sessionId) ?? null;
                    const pointed = p.sessionId === pointedSessionId;
                    return (
                      <tr
                        key={p.sessionId}
                        className={pointed ? 'row-pointed' : undefined}
                        data-session={p.sessionId}
                        onPointerEnter={() => onPoint(p.sessionId)}
                        onPointerLeave={() => onPoint(null)}
                      >
                        <td>
                          <a
                            href={hrefFor({ name: 'session', studyId: study.id, sessionId: p.sessionId })}
                            onFocus={() => onPoint(p.sessionId)}
                            onBlur={() => onPoint(null)}
                            aria-label={t('twin.openSession', { code: p.sessionCode })}
                          >
                            {p.sessionCode}
                          </a>
                          {p.contested ? <span className="badge badge-quiet">{t('twin.contestedBadge')}</span> : null}
                        </td>
                        <td className="twin-cohort-cell">
                          {cohort ? <CohortMarker colour={cohort.colour} shape={cohort.shape} size={12} /> : null}
                          <span className="visually-hidden">{c.name}</span>
                        </td>
                        <td>{round === null ? t('twin.noRound') : (roundName.get(round) ?? round)}</td>
                        <td className="num">{formatValue(p.position.power, lang)}</td>
                        <td className="num">{formatValue(p.position.interest, lang)}</td>
                        <td>{t(`zoneShort.${zoneOf(p.position, comparison.midline)}`)}</td>
                      </tr>
                    );
                  })
                )}
              </tbody>
            );
          })}
        </table>
      </div>
    </section>
  );
}
