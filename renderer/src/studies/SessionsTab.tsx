import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { groupSessions, sessionProgress } from '../../../shared/ops/sessionMeta';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDay } from '../i18n/format';
import { hrefFor } from '../ui/router';
import { deleteSession } from '../store/actions';
import { CohortMarker } from './CohortMarker';
import { ProgressBar } from './ProgressBar';
import { SessionDialog, type SessionDialogMode } from './SessionDialog';

/** All sessions of the study, grouped by cohort and round, with their progress. */
export function SessionsTab({ study, sessions }: { study: Study; sessions: Session[] }) {
  const { t, i18n } = useTranslation('studies');
  const [dialog, setDialog] = useState<SessionDialogMode | null>(null);
  const [deleting, setDeleting] = useState<Session | null>(null);
  const groups = groupSessions(study, sessions);
  const canCreate = study.cohorts.length > 0;

  return (
    <section aria-labelledby="sessions-title">
      <div className="section-header">
        <div>
          <h2 id="sessions-title" className="visually-hidden">
            {t('sessions.title')}
          </h2>
          <p className="muted">{t('sessions.summary', { count: sessions.length, cohorts: t('list.cohortCount', { count: study.cohorts.length }), stakeholders: t('stakeholders.count', { count: study.stakeholders.filter((s) => !s.retired).length }) })}</p>
        </div>
        <button type="button" className="button button-primary" disabled={!canCreate} onClick={() => setDialog({ kind: 'create' })}>
          {t('sessions.create')}
        </button>
      </div>
      {!canCreate ? <p className="notice-inline">{t('sessions.needCohort')}</p> : null}

      {groups.map((g) => (
        <section key={g.cohort?.id ?? 'none'} className="cohort-group card" aria-labelledby={`cohort-${g.cohort?.id ?? 'none'}`}>
          <h3 id={`cohort-${g.cohort?.id ?? 'none'}`} className="cohort-title">
            {g.cohort ? <CohortMarker colour={g.cohort.colour} shape={g.cohort.shape} /> : null}
            {g.cohort?.name ?? t('sessions.noCohort')}
            <span className="cohort-count">{t('sessions.count', { count: g.count })}</span>
          </h3>
          {g.count === 0 ? (
            <p className="muted empty-row">{t('sessions.noneInCohort')}</p>
          ) : (
            <table className="table sessions-table">
              <colgroup>
                <col className="col-code" />
                <col className="col-kind" />
                <col className="col-date" />
                <col className="col-progress" />
                <col className="col-actions" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t('sessions.code')}</th>
                  <th scope="col">{t('sessions.kind')}</th>
                  <th scope="col">{t('sessions.dateAndPlace')}</th>
                  <th scope="col">{t('sessions.progress')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('sessions.actions')}</span>
                  </th>
                </tr>
              </thead>
              {g.rounds.map((r) => (
                <tbody key={r.round?.id ?? 'none'}>
                  <tr className="round-row">
                    <th scope="rowgroup" colSpan={5}>
                      {r.round?.name ?? t('sessions.noRound')}
                    </th>
                  </tr>
                  {r.sessions.map((s) => (
                    <tr key={s.id}>
                      <th scope="row" className="session-code">
                        <a href={hrefFor({ name: 'session', studyId: study.id, sessionId: s.id })} aria-label={t('sessions.openLabel', { code: s.code })}>
                          {s.code}
                        </a>
                        {s.locked || !s.consent ? (
                          <span className="badges">
                            {s.locked ? <span className="badge">{t('sessions.locked')}</span> : null}
                            {!s.consent ? <span className="badge badge-warning">{t('sessions.noConsent')}</span> : null}
                          </span>
                        ) : null}
                      </th>
                      <td>{t(`kindsShort.${s.kind}`)}</td>
                      <td>
                        {[formatDay(s.date, i18n.language), s.place].filter(Boolean).join(' · ') || <span className="muted">{t('sessions.noDate')}</span>}
                      </td>
                      <td>
                        <ProgressBar progress={sessionProgress(study, s)} />
                        {/* Who saved it last: in a shared study, the facilitator's device. */}
                        {s.writer?.name ? <span className="session-writer">{t('sessions.savedBy', { name: s.writer.name })}</span> : null}
                      </td>
                      <td className="actions">
                        <button type="button" className="button button-small" aria-label={t('sessions.editLabel', { code: s.code })} onClick={() => setDialog({ kind: 'edit', session: s })}>
                          {t('sessions.edit')}
                        </button>
                        <button type="button" className="button button-small" aria-label={t('sessions.duplicateLabel', { code: s.code })} onClick={() => setDialog({ kind: 'duplicate', session: s })}>
                          {t('sessions.duplicate')}
                        </button>
                        <button type="button" className="button button-small button-quiet-danger" aria-label={t('sessions.deleteLabel', { code: s.code })} onClick={() => setDeleting(s)}>
                          {t('sessions.delete')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          )}
        </section>
      ))}

      {dialog ? <SessionDialog study={study} sessions={sessions} mode={dialog} onClose={() => setDialog(null)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('sessions.deleteTitle', { code: deleting.code })}
          confirmLabel={t('sessions.deleteConfirm')}
          danger
          onConfirm={() => deleteSession(deleting)}
          onClose={() => setDeleting(null)}
        >
          <p>{t('sessions.deleteText')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
