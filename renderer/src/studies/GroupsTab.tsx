import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COHORT_COLOURS, OKABE_ITO } from '../../../shared/model/palette';
import type { Session } from '../../../shared/model/session';
import { COHORT_SHAPES, type CohortShape, type Study } from '../../../shared/model/study';
import { addCohort, addRound, removeCohort, removeRound, renameRound, updateCohort } from '../../../shared/ops/studyOps';
import { updateStudy } from '../store/actions';
import { CohortMarker } from './CohortMarker';
import { InlineField } from './InlineField';

const colourName = (hex: string) => (Object.entries(OKABE_ITO).find(([, v]) => v === hex.toLowerCase())?.[0] ?? null);

/** Cohorts (name, colour, shape) and rounds of the study. In-use ones cannot be removed. */
export function GroupsTab({ study, sessions }: { study: Study; sessions: Session[] }) {
  const { t } = useTranslation('studies');
  const countIn = (pred: (s: Session) => boolean) => sessions.filter(pred).length;
  const required = (v: string) => (v.trim() ? null : t('groups.nameRequired'));

  return (
    <div className="groups">
      <section aria-labelledby="cohorts-title" className="card card-padded">
        <h2 id="cohorts-title" className="section-title">
          {t('groups.cohorts')}
        </h2>
        <p className="section-intro">{t('groups.cohortsIntro')}</p>
        <table className="table groups-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('groups.marker')}</span>
              </th>
              <th scope="col">{t('groups.name')}</th>
              <th scope="col">{t('groups.colour')}</th>
              <th scope="col">{t('groups.shape')}</th>
              <th scope="col" className="num">{t('groups.sessions')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('groups.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {study.cohorts.map((c) => {
              const used = countIn((s) => s.cohortId === c.id);
              const known = colourName(c.colour);
              return (
                <tr key={c.id}>
                  <td>
                    <CohortMarker colour={c.colour} shape={c.shape} size={22} />
                  </td>
                  <td>
                    <InlineField
                      label={t('groups.cohortNameLabel', { name: c.name })}
                      hiddenLabel
                      value={c.name}
                      maxLength={80}
                      validate={required}
                      onCommit={(name) => updateStudy((s) => updateCohort(s, c.id, { name }))}
                    />
                  </td>
                  <td>
                    <select
                      className="select"
                      aria-label={t('groups.colourLabel', { name: c.name })}
                      value={c.colour.toLowerCase()}
                      onChange={(e) => updateStudy((s) => updateCohort(s, c.id, { colour: e.target.value }))}
                    >
                      {COHORT_COLOURS.map((hex) => (
                        <option key={hex} value={hex}>
                          {t(`colours.${colourName(hex)}`)}
                        </option>
                      ))}
                      {known && (COHORT_COLOURS as readonly string[]).includes(c.colour.toLowerCase()) ? null : (
                        <option value={c.colour.toLowerCase()}>{t('colours.custom', { hex: c.colour })}</option>
                      )}
                    </select>
                  </td>
                  <td>
                    <select
                      className="select"
                      aria-label={t('groups.shapeLabel', { name: c.name })}
                      value={c.shape}
                      onChange={(e) => updateStudy((s) => updateCohort(s, c.id, { shape: e.target.value as CohortShape }))}
                    >
                      {COHORT_SHAPES.map((shape) => (
                        <option key={shape} value={shape}>
                          {t(`shapes.${shape}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="num">{used}</td>
                  <td className="actions">
                    <RemoveButton label={t('groups.removeCohort', { name: c.name })} used={used} onRemove={() => updateStudy((s) => removeCohort(s, c.id, sessions))} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="field-hint">{t('groups.removeHint')}</p>
        <AddRow label={t('groups.newCohort')} submit={t('groups.addCohort')} onAdd={(name) => updateStudy((s) => addCohort(s, { id: crypto.randomUUID(), name }))} />
      </section>

      <section aria-labelledby="rounds-title" className="card card-padded">
        <h2 id="rounds-title" className="section-title">
          {t('groups.rounds')}
        </h2>
        <p className="section-intro">{t('groups.roundsIntro')}</p>
        <table className="table groups-table">
          <thead>
            <tr>
              <th scope="col">{t('groups.name')}</th>
              <th scope="col" className="num">{t('groups.sessions')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('groups.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {study.rounds.map((r) => {
              const used = countIn((s) => s.roundId === r.id);
              return (
                <tr key={r.id}>
                  <td>
                    <InlineField
                      label={t('groups.roundNameLabel', { name: r.name })}
                      hiddenLabel
                      value={r.name}
                      maxLength={80}
                      validate={required}
                      onCommit={(name) => updateStudy((s) => renameRound(s, r.id, name))}
                    />
                  </td>
                  <td className="num">{used}</td>
                  <td className="actions">
                    <RemoveButton label={t('groups.removeRound', { name: r.name })} used={used} onRemove={() => updateStudy((s) => removeRound(s, r.id, sessions))} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <AddRow label={t('groups.newRound')} submit={t('groups.addRound')} onAdd={(name) => updateStudy((s) => addRound(s, { id: crypto.randomUUID(), name }))} />
      </section>
    </div>
  );
}

/** Remove a cohort or round; disabled, saying why, while sessions still use it. */
function RemoveButton({ label, used, onRemove }: { label: string; used: number; onRemove: () => void }) {
  const { t } = useTranslation('studies');
  return (
    <button
      type="button"
      className="button button-small button-quiet-danger"
      disabled={used > 0}
      aria-label={label}
      title={used > 0 ? t('groups.inUse', { count: used }) : undefined}
      onClick={onRemove}
    >
      {t('groups.remove')}
    </button>
  );
}

/** The "New cohort" / "New round" field under a table: adds the name typed, then clears. */
function AddRow({ label, submit, onAdd }: { label: string; submit: string; onAdd: (name: string) => void }) {
  const [name, setName] = useState('');
  const inputId = useId();
  return (
    <form
      className="add-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        onAdd(name);
        setName('');
      }}
    >
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <input id={inputId} className="input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="button" disabled={!name.trim()}>
        {submit}
      </button>
    </form>
  );
}
