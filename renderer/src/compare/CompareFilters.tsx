import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canonicalSessionOrder } from '../../../shared/analysis/compareCohorts';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { CohortMarker } from '../studies/CohortMarker';
import { cohortsInUse, roundKey, roundsInUse, toggled, type CompareSelection } from './selection';

/**
 * Which cohorts, rounds and sessions to compare: native checkboxes, all ticked by default.
 * Sessions are listed by cohort inside a disclosure so the common case (everything) stays
 * out of the way.
 */
export function CompareFilters({
  study,
  sessions,
  selection,
  selectedCount,
  onChange,
}: {
  study: Study;
  sessions: readonly Session[];
  selection: CompareSelection;
  selectedCount: number;
  onChange(next: CompareSelection): void;
}) {
  const { t } = useTranslation('compare');
  const cohorts = cohortsInUse(study, sessions);
  const rounds = roundsInUse(study, sessions);
  const excludedCohorts = new Set(selection.excludedCohorts);
  const excludedRounds = new Set(selection.excludedRounds);
  const excludedSessions = new Set(selection.excludedSessions);
  const roundName = (key: string) => rounds.find((r) => r.key === key)?.name ?? t('filters.noRound');
  const ordered = canonicalSessionOrder(study, sessions);

  return (
    <div className="compare-filters" role="group" aria-label={t('filters.label')}>
      <fieldset className="filter-group">
        <legend>{t('filters.cohorts')}</legend>
        <div className="filter-options">
          {cohorts.map((c) => {
            const look = study.cohorts.find((x) => x.id === c.id);
            return (
              <label key={c.id} className="filter-check">
                <input
                  type="checkbox"
                  checked={!excludedCohorts.has(c.id)}
                  onChange={(e) => onChange({ ...selection, excludedCohorts: toggled(selection.excludedCohorts, c.id, e.target.checked) })}
                />
                {look ? <CohortMarker colour={look.colour} shape={look.shape} size={14} /> : null}
                <span>{c.name}</span>
                <span className="filter-count">{c.sessions}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {rounds.length > 0 ? (
        <fieldset className="filter-group">
          <legend>{t('filters.rounds')}</legend>
          <div className="filter-options">
            {rounds.map((r) => (
              <label key={r.key} className="filter-check">
                <input
                  type="checkbox"
                  checked={!excludedRounds.has(r.key)}
                  onChange={(e) => onChange({ ...selection, excludedRounds: toggled(selection.excludedRounds, r.key, e.target.checked) })}
                />
                <span>{r.name ?? t('filters.noRound')}</span>
                <span className="filter-count">{r.sessions}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <SessionPicker
        summary={t('filters.sessionsSummary', { selected: selectedCount, total: sessions.length })}
        onAll={() => onChange({ ...selection, excludedSessions: [] })}
        onNone={() => onChange({ ...selection, excludedSessions: sessions.map((s) => s.id) })}
      >
        {cohorts.map((c) => {
          const own = ordered.filter((s) => s.cohortId === c.id);
          return (
            <fieldset key={c.id} className="session-picker-group" disabled={excludedCohorts.has(c.id)}>
              <legend>{c.name}</legend>
              <div className="session-picker-options">
                {own.map((s) => (
                  <label key={s.id} className="filter-check filter-check-session">
                    <input
                      type="checkbox"
                      checked={!excludedSessions.has(s.id)}
                      onChange={(e) => onChange({ ...selection, excludedSessions: toggled(selection.excludedSessions, s.id, e.target.checked) })}
                    />
                    <span>{s.code}</span>
                    {rounds.length > 1 ? <span className="filter-count">{roundName(roundKey(s))}</span> : null}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </SessionPicker>
    </div>
  );
}

function SessionPicker({ summary, onAll, onNone, children }: { summary: string; onAll(): void; onNone(): void; children: React.ReactNode }) {
  const { t } = useTranslation('compare');
  const [open, setOpen] = useState(false);
  return (
    <details className="filter-group session-picker" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="session-picker-title">{t('filters.sessions')}</span> <span className="filter-count">{summary}</span>
      </summary>
      {open ? (
        <div className="session-picker-body">
          <div className="button-row">
            <button type="button" className="button button-small" onClick={onAll}>
              {t('filters.all')}
            </button>
            <button type="button" className="button button-small" onClick={onNone}>
              {t('filters.none')}
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </details>
  );
}
