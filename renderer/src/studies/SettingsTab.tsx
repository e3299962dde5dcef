import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import type { Midline } from '../../../shared/model/zones';
import { midlineChange, type MidlineChange } from '../../../shared/ops/midlineChange';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import { isValidMidlineValue, updateStudySettings } from '../../../shared/ops/studyOps';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { navigate } from '../ui/router';
import { deleteStudy, updateStudy } from '../store/actions';
import { Field, parseNumber } from './Field';
import { InlineField } from './InlineField';
import { PrivacySection } from './privacy/PrivacySection';

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

/**
 * The midline, applied with a button rather than as you type: zones are derived from the
 * midline, so a new one reclassifies every placement of every session. Before saving, the
 * user is told how many placements in how many sessions change zone, and asked.
 */
function MidlineForm({ study, sessions }: { study: Study; sessions: readonly Session[] }) {
  const { t } = useTranslation('studies');
  const [power, setPower] = useState(String(study.midline.power));
  const [interest, setInterest] = useState(String(study.midline.interest));
  const [asking, setAsking] = useState<{ to: Midline; change: MidlineChange } | null>(null);
  const error = (v: string) => {
    const n = parseNumber(v);
    return n !== null && isValidMidlineValue(n) ? null : t('settings.midlineRange');
  };
  const valid = !error(power) && !error(interest);
  const to = valid ? { power: parseNumber(power)!, interest: parseNumber(interest)! } : null;
  const changed = to !== null && (to.power !== study.midline.power || to.interest !== study.midline.interest);
  const save = (midline: Midline) => updateStudy((s) => updateStudySettings(s, { midline }));
  const apply = () => {
    if (!to || !changed) return;
    const change = midlineChange(sessions, study.midline, to);
    if (change.placements === 0) save(to);
    else setAsking({ to, change });
  };
  return (
    <div className="midline-row">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <div className="field-row">
          <Field label={t('settings.midlinePower')} error={error(power)}>
            {(p) => <input {...p} className="input input-number" inputMode="decimal" value={power} onChange={(e) => setPower(e.target.value)} />}
          </Field>
          <Field label={t('settings.midlineInterest')} error={error(interest)}>
            {(p) => <input {...p} className="input input-number" inputMode="decimal" value={interest} onChange={(e) => setInterest(e.target.value)} />}
          </Field>
        </div>
        <p className="field-hint">{t('settings.midlineHint')}</p>
        <button type="submit" className="button" disabled={!changed}>
          {t('settings.midlineApply')}
        </button>
      </form>
      <MidlinePreview study={study} />
      {asking ? (
        <ConfirmDialog
          title={t('settings.midlineConfirmTitle')}
          confirmLabel={t('settings.midlineConfirm')}
          onConfirm={() => save(asking.to)}
          onClose={() => setAsking(null)}
        >
          <p data-testid="midline-change">
            {t('settings.midlineConfirmText', {
              power: asking.to.power,
              interest: asking.to.interest,
              placements: t('settings.placementsN', { count: asking.change.placements }),
              sessions: t('settings.sessionsN', { count: asking.change.sessions }),
            })}
          </p>
          <p>{t('settings.midlineConfirmNote')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** Title, description, axis wording and midline; privacy on this laptop (encryption, forgetting); and deleting the study. */
export function SettingsTab({ study, sessions }: { study: Study; sessions: readonly Session[] }) {
  const { t } = useTranslation('studies');
  const [deleting, setDeleting] = useState(false);
  const required = (msg: string) => (v: string) => (v.trim() ? null : msg);
  const sessionCount = sessions.length;

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
        {/* Keyed by the saved midline, so a change saved elsewhere resets the fields. */}
        <MidlineForm key={`${study.midline.power}|${study.midline.interest}`} study={study} sessions={sessions} />
      </section>

      <PrivacySection study={study} sessions={sessions} />

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
