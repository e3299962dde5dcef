import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { canonicalSessionOrder } from '../../../shared/analysis/compareCohorts';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import type { Session } from '../../../shared/model/session';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { CohortShape, Study } from '../../../shared/model/study';
import { shapePathData } from '../../../shared/scene/cohortShapes';
import { interestToX, powerToY, squareFrame, toPixels, zoneRects } from '../../../shared/scene/frame';
import { ZONE_IDS } from '../../../shared/model/zones';
import { hrefFor } from '../ui/router';
import { CohortMarker } from '../studies/CohortMarker';
import { formatValue } from './format';
import { cohortsInUse } from './selection';

const SIZE = 100;
/** The mini map's plot: a 100-unit square at the origin of its viewBox. */
const FRAME = squareFrame(0, 0, SIZE);

/**
 * One small static map: zone tints, the midline and every placed stakeholder as the
 * cohort's marker; the focused stakeholder large and ringed, the others faint.
 */
const MiniMap = memo(function MiniMap({ study, session, shape, colour, focusId, label }: { study: Study; session: Session; shape: CohortShape; colour: string; focusId: string | null; label: string }) {
  const mx = interestToX(study.midline.interest, FRAME);
  const my = powerToY(study.midline.power, FRAME);
  const zones = zoneRects(FRAME, study.midline);
  const placed = study.stakeholders.filter((st) => session.placements[st.id]?.status === 'placed' && session.placements[st.id]!.position);
  const focused = focusId ? placed.find((st) => st.id === focusId) : undefined;
  const at = (id: string) => {
    return toPixels(session.placements[id]!.position!, FRAME);
  };
  return (
    <svg className="mini-map" viewBox={`-8 -8 ${SIZE + 16} ${SIZE + 16}`} role="img" aria-label={label}>
      {ZONE_IDS.map((id) => (
        <rect key={id} {...zones[id]} fill={ZONE_COLOURS[id].fill} />
      ))}
      <rect x={0} y={0} width={SIZE} height={SIZE} fill="none" stroke="#8c959f" strokeWidth={0.6} />
      <line x1={mx} y1={0} x2={mx} y2={SIZE} stroke="#1f2328" strokeWidth={0.8} opacity={0.6} />
      <line x1={0} y1={my} x2={SIZE} y2={my} stroke="#1f2328" strokeWidth={0.8} opacity={0.6} />
      <g opacity={focused ? 0.25 : 0.85}>
        {placed
          .filter((st) => st !== focused)
          .map((st) => {
            const p = at(st.id);
            return <path key={st.id} d={shapePathData(shape, p.x, p.y, 2.6)} fill={colour} stroke="#1f2328" strokeWidth={0.4} />;
          })}
      </g>
      {focused ? (
        <g>
          <circle cx={at(focused.id).x} cy={at(focused.id).y} r={7} fill="none" stroke="#0b5cad" strokeWidth={1.6} />
          <path d={shapePathData(shape, at(focused.id).x, at(focused.id).y, 4)} fill={colour} stroke="#1f2328" strokeWidth={0.8} />
        </g>
      ) : null}
    </svg>
  );
});

/**
 * Small multiples: each selected session's map, grouped by cohort, so a reader can see
 * the raw maps behind every average. Static SVG (a few hundred elements for 40 sessions),
 * each a link to the session's own map.
 */
export function SideBySide({ study, sessions, focusId, language }: { study: Study; sessions: readonly Session[]; focusId: string | null; language: Language }) {
  const { t, i18n } = useTranslation('compare');
  const ordered = canonicalSessionOrder(study, sessions);
  const roundName = new Map(study.rounds.map((r) => [r.id, r.name]));
  const focused = focusId ? study.stakeholders.find((s) => s.id === focusId) : undefined;
  const focusName = focused ? stakeholderLabel(focused, language).short : null;
  return (
    <div className="side-by-side" data-testid="side-by-side">
      <p className="section-intro">{focusName ? t('sideBySide.introFocused', { name: focusName }) : t('sideBySide.intro')}</p>
      {cohortsInUse(study, sessions).map((c) => {
        const look = study.cohorts.find((x) => x.id === c.id);
        const own = ordered.filter((s) => s.cohortId === c.id);
        return (
          <section key={c.id} className="multiples-group" aria-labelledby={`multiples-${c.id}`}>
            <h2 id={`multiples-${c.id}`} className="multiples-title">
              {look ? <CohortMarker colour={look.colour} shape={look.shape} /> : null}
              {c.name}
              <span className="cohort-count">{t('sideBySide.count', { count: own.length })}</span>
            </h2>
            <ul className="multiples">
              {own.map((s) => {
                const values = Object.values(s.placements);
                const placed = values.filter((p) => p.status === 'placed').length;
                const unknown = values.filter((p) => p.status === 'unknown').length;
                const fp = focusId ? s.placements[focusId] : undefined;
                const focusState = !focusName
                  ? null
                  : fp?.status === 'placed' && fp.position
                    ? t('sideBySide.focusAt', { name: focusName, power: formatValue(fp.position.power, i18n.language), interest: formatValue(fp.position.interest, i18n.language) })
                    : fp?.status === 'unknown'
                      ? t('sideBySide.focusUnknown', { name: focusName })
                      : t('sideBySide.focusMissing', { name: focusName });
                const round = s.roundId ? (roundName.get(s.roundId) ?? s.roundId) : null;
                const label = [t('sideBySide.mapLabel', { code: s.code, placed }), focusState].filter(Boolean).join('. ');
                return (
                  <li key={s.id} className="multiple">
                    <a className="multiple-link" href={hrefFor({ name: 'session', studyId: study.id, sessionId: s.id })}>
                      <MiniMap study={study} session={s} shape={look?.shape ?? 'circle'} colour={look?.colour ?? '#6e7781'} focusId={focusId} label={label} />
                      <span className="multiple-code">{s.code}</span>
                      <span className="multiple-meta">
                        {round ? `${round} · ` : ''}
                        {t('sideBySide.placed', { placed, unknown })}
                      </span>
                      {focusState ? <span className="multiple-focus">{focusState}</span> : null}
                    </a>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
