import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/model/session';
import { stakeholderDescription, stakeholderLabel, type Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { moveStakeholder, retireStakeholder } from '../../../shared/ops/studyOps';
import { updateStudy } from '../store/actions';
import { useAppStore } from '../store/appStore';
import { LibraryDialog } from './LibraryDialog';
import { StakeholderDialog } from './StakeholderDialog';

/**
 * The study's stakeholder list: its order is the order of the tray in every session.
 * Reordering uses buttons (keyboard and pointer alike, never drag only); retiring keeps
 * every placement and only stops offering the stakeholder for mapping.
 */
export function StakeholdersTab({ study, sessions }: { study: Study; sessions: Session[] }) {
  const { t } = useTranslation('studies');
  // The list shows each stakeholder in the UI language (English where it has no label yet).
  const language = useAppStore((s) => s.prefs.language);
  const [editing, setEditing] = useState<Stakeholder | 'new' | null>(null);
  const [picking, setPicking] = useState(false);
  // After a move the row's DOM node moves and loses focus; put focus back on the same button.
  const [refocus, setRefocus] = useState<{ id: string; dir: 'up' | 'down' } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => {
    if (!refocus || !tableRef.current) return;
    const row = tableRef.current.querySelector(`[data-stakeholder="${refocus.id}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-move="${refocus.dir}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-move="${refocus.dir === 'up' ? 'down' : 'up'}"]`);
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    setRefocus(null);
  }, [refocus, study.stakeholders]);

  const placedIn = (id: string) => sessions.filter((s) => s.placements[id]).length;
  const move = (s: Stakeholder, dir: 'up' | 'down') => {
    updateStudy((st) => moveStakeholder(st, s.id, dir === 'up' ? -1 : 1));
    setRefocus({ id: s.id, dir });
  };
  const active = study.stakeholders.filter((s) => !s.retired).length;
  const last = study.stakeholders.length - 1;

  return (
    <section aria-labelledby="stakeholders-title">
      <div className="section-header">
        <div>
          <h2 id="stakeholders-title" className="visually-hidden">
            {t('stakeholders.title')}
          </h2>
          <p className="muted">{t('stakeholders.summary', { active, retired: study.stakeholders.length - active })}</p>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setPicking(true)}>
            {t('stakeholders.fromLibrary')}
          </button>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {t('stakeholders.addCustom')}
          </button>
        </div>
      </div>
      <p className="section-intro">{t('stakeholders.intro')}</p>

      {study.stakeholders.length === 0 ? (
        <p className="empty-state">{t('stakeholders.empty')}</p>
      ) : (
        <div className="card card-scroll">
          <table className="table stakeholder-table" ref={tableRef}>
            <thead>
              <tr>
                <th scope="col" className="num">{t('stakeholders.order')}</th>
                <th scope="col">{t('stakeholders.short')}</th>
                <th scope="col">{t('stakeholders.name')}</th>
                <th scope="col">{t('stakeholders.category')}</th>
                <th scope="col">{t('stakeholders.translations')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('stakeholders.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {study.stakeholders.map((s, i) => {
                const translations = (['bn', 'hi'] as const).filter((l) => s.labels[l]).map((l) => t(`languagesShort.${l}`));
                const used = placedIn(s.id);
                return (
                  <tr key={s.id} data-stakeholder={s.id} className={s.retired ? 'row-retired' : undefined}>
                    <td className="num">{i + 1}</td>
                    <th scope="row" className="stakeholder-short">
                      {stakeholderLabel(s, language).short}
                      {s.retired ? <span className="badge">{t('stakeholders.retired')}</span> : null}
                      {s.custom ? <span className="badge badge-quiet">{t('stakeholders.custom')}</span> : null}
                    </th>
                    <td>
                      <span className="stakeholder-name">{stakeholderLabel(s, language).name}</span>
                      {stakeholderDescription(s, language) ? <span className="stakeholder-description">{stakeholderDescription(s, language)}</span> : null}
                    </td>
                    <td>{t(`categories.${s.category}`)}</td>
                    <td>{translations.length ? translations.join(', ') : <span className="muted">{t('stakeholders.noTranslations')}</span>}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button-small button-icon"
                        data-move="up"
                        disabled={i === 0}
                        aria-label={t('stakeholders.moveUp', { name: stakeholderLabel(s, language).short })}
                        onClick={() => move(s, 'up')}
                      >
                        <span aria-hidden="true">↑</span>
                      </button>
                      <button
                        type="button"
                        className="button button-small button-icon"
                        data-move="down"
                        disabled={i === last}
                        aria-label={t('stakeholders.moveDown', { name: stakeholderLabel(s, language).short })}
                        onClick={() => move(s, 'down')}
                      >
                        <span aria-hidden="true">↓</span>
                      </button>
                      <button type="button" className="button button-small" aria-label={t('stakeholders.editLabel', { name: stakeholderLabel(s, language).short })} onClick={() => setEditing(s)}>
                        {t('stakeholders.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t(s.retired ? 'stakeholders.unretireLabel' : 'stakeholders.retireLabel', { name: stakeholderLabel(s, language).short })}
                        title={used ? t('stakeholders.usedIn', { count: used }) : undefined}
                        onClick={() => updateStudy((st) => retireStakeholder(st, s.id, !s.retired))}
                      >
                        {s.retired ? t('stakeholders.unretire') : t('stakeholders.retire')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {editing ? <StakeholderDialog stakeholder={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {picking ? <LibraryDialog study={study} onClose={() => setPicking(false)} /> : null}
    </section>
  );
}
