import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Study } from '../../../shared/model/study';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import { isValidMidlineValue, updateStudySettings } from '../../../shared/ops/studyOps';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { navigate } from '../app/router';
import { deleteStudy, updateStudy } from '../store/actions';
import { parseNumber } from './Field';
import { InlineField } from './InlineField';

/** A small picture of the grid with the study's midline, so its effect is visible. */
function MidlinePreview({ study }: { study: Study }) {
  const { t } = useTranslation();
  const size = 160;
  const x = (study.midline.interest / 10) * size;
  const y = size - (study.midline.power / 10) * size;
  const zone = (id: keyof typeof ZONE_COLOURS, zx: number, zy: number, w: number, h: number) => (
    <rect x={zx} y={zy} width={w} height={h} fill={ZONE_COLOURS[id].fill} stroke={ZONE_COLOURS[id].stroke} strokeWidth={1} />
  );
  return (
    <figure className="midline-preview">
      <svg width={size} height={size} viewBox={`-1 -1 ${size + 2} ${size + 2}`} role="img" aria-label={t('studies:settings.previewLabel', { power: study.midline.power, interest: study.midline.interest })}>
        {zone('hp_li', 0, 0, x, y)}
        {zone('hp_hi', x, 0, size - x, y)}
        {zone('lp_li', 0, y, x, size - y)}
        {zone('lp_hi', x, y, size - x, size - y)}
      </svg>
      <figcaption className="field-hint">{t('studies:settings.previewCaption')}</figcaption>
    </figure>
  );
}

/** Title, description, axis wording and midline, saved as you type; and deleting the study. */
export function SettingsTab({ study, sessionCount }: { study: Study; sessionCount: number }) {
  const { t } = useTranslation('studies');
  const [deleting, setDeleting] = useState(false);
  const required = (msg: string) => (v: string) => (v.trim() ? null : msg);
  const midline = (v: string) => {
    const n = parseNumber(v);
    return n !== null && isValidMidlineValue(n) ? null : t('settings.midlineRange');
  };

  return (
    <div className="settings">
      <section aria-labelledby="settings-title" className="card card-padded">
        <h2 id="settings-title" className="section-title">
          {t('settings.title')}
        </h2>
        <p className="section-intro">{t('settings.intro')}</p>
        <InlineField
          label={t('create.titleLabel')}
          value={study.title}
          maxLength={200}
          validate={required(t('create.titleRequired'))}
          onCommit={(title) => updateStudy((s) => updateStudySettings(s, { title }))}
        />
        <InlineField
          label={t('create.descriptionLabel')}
          value={study.description}
          multiline
          onCommit={(description) => updateStudy((s) => updateStudySettings(s, { description }))}
        />
      </section>

      <section aria-labelledby="axes-title" className="card card-padded">
        <h2 id="axes-title" className="section-title">
          {t('settings.axesLegend')}
        </h2>
        <p className="section-intro">{t('settings.axesIntro')}</p>
        <InlineField
          label={t('settings.powerAxis')}
          value={study.axes.power}
          maxLength={200}
          validate={required(t('settings.axisRequired'))}
          onCommit={(power) => updateStudy((s) => updateStudySettings(s, { axes: { ...s.axes, power } }))}
        />
        <InlineField
          label={t('settings.interestAxis')}
          value={study.axes.interest}
          maxLength={200}
          validate={required(t('settings.axisRequired'))}
          onCommit={(interest) => updateStudy((s) => updateStudySettings(s, { axes: { ...s.axes, interest } }))}
        />
        <div className="midline-row">
          <div>
            <div className="field-row">
              <InlineField
                label={t('settings.midlinePower')}
                value={String(study.midline.power)}
                inputMode="decimal"
                validate={midline}
                onCommit={(v) => updateStudy((s) => updateStudySettings(s, { midline: { ...s.midline, power: parseNumber(v)! } }))}
              />
              <InlineField
                label={t('settings.midlineInterest')}
                value={String(study.midline.interest)}
                inputMode="decimal"
                validate={midline}
                onCommit={(v) => updateStudy((s) => updateStudySettings(s, { midline: { ...s.midline, interest: parseNumber(v)! } }))}
              />
            </div>
            <p className="field-hint">{t('settings.midlineHint')}</p>
          </div>
          <MidlinePreview study={study} />
        </div>
      </section>

      <section aria-labelledby="danger-title" className="card card-padded card-danger">
        <h2 id="danger-title" className="section-title">
          {t('settings.deleteTitle')}
        </h2>
        <p>{t('settings.deleteText')}</p>
        <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
          {t('settings.deleteButton')}
        </button>
      </section>

      {deleting ? (
        <ConfirmDialog
          title={t('list.deleteTitle', { title: study.title })}
          confirmLabel={t('list.deleteConfirm')}
          danger
          onConfirm={async () => {
            await deleteStudy(study.id, study.title);
            navigate({ name: 'studies' });
          }}
          onClose={() => setDeleting(false)}
        >
          <p>{t('list.deleteText', { count: sessionCount })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
