import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultAxes, defaultCohorts, defaultRounds, newStudy } from '../../../shared/model/defaults';
import { DEFAULT_MIDLINE } from '../../../shared/model/zones';
import { isValidMidlineValue, updateStudySettings } from '../../../shared/ops/studyOps';
import { Dialog } from '../ui/Dialog';
import { navigate } from '../ui/router';
import { useAppStore } from '../store/appStore';
import { createStudy, loadLibrary } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { Field, parseNumber } from './Field';
import { EncryptStudyDialog } from './privacy/EncryptStudyDialog';

/**
 * New study: title and description, with the axis wording and midline pre-filled
 * from the study this product grows from. Cohorts, rounds and the stakeholder list
 * start from the defaults and are edited on the study's own pages.
 */
export function CreateStudyDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('studies');
  const library = useAppStore((s) => s.library);
  // A study created in Bengali or Hindi starts with its axes, cohorts and rounds in that language.
  const language = useAppStore((s) => s.prefs.language);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [power, setPower] = useState(() => defaultAxes(language).power);
  const [interest, setInterest] = useState(() => defaultAxes(language).interest);
  const [midPower, setMidPower] = useState(String(DEFAULT_MIDLINE.power));
  const [midInterest, setMidInterest] = useState(String(DEFAULT_MIDLINE.interest));
  const [withLibrary, setWithLibrary] = useState(true);
  // Issue 16: encrypted before its first session, so no map of it ever lies on the disk in the clear.
  const [encrypt, setEncrypt] = useState(false);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof errorMessage> | null>(null);

  useEffect(() => {
    loadLibrary().catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const midP = parseNumber(midPower);
  const midI = parseNumber(midInterest);
  const errors = {
    title: !title.trim() ? t('create.titleRequired') : null,
    power: !power.trim() ? t('settings.axisRequired') : null,
    interest: !interest.trim() ? t('settings.axisRequired') : null,
    midPower: midP === null || !isValidMidlineValue(midP) ? t('settings.midlineRange') : null,
    midInterest: midI === null || !isValidMidlineValue(midI) ? t('settings.midlineRange') : null,
  };
  const show = (e: string | null) => (submitted ? e : null);

  const submit = async () => {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    setBusy(true);
    setError(null);
    try {
      const stakeholders = withLibrary ? await loadLibrary() : [];
      const base = newStudy({ id: crypto.randomUUID(), title, description: description.trim(), now: new Date().toISOString(), stakeholders, language });
      const study = updateStudySettings(base, { axes: { power, interest }, midline: { power: midP!, interest: midI! } });
      await createStudy(study);
      if (encrypt) {
        setCreated({ id: study.id, title: study.title });
        return;
      }
      onClose();
      navigate({ name: 'study', studyId: study.id, tab: 'sessions' });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  if (created)
    return (
      <EncryptStudyDialog
        study={created}
        onClose={() => {
          onClose();
          navigate({ name: 'study', studyId: created.id, tab: 'sessions' });
        }}
      />
    );

  return (
    <Dialog
      title={t('create.title')}
      onClose={onClose}
      onSubmit={() => void submit()}
      error={error ? t(error.key, error.values) : null}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('create.submit')}
          </button>
        </>
      }
    >
      <Field label={t('create.titleLabel')} error={show(errors.title)}>
        {(p) => <input {...p} className="input" value={title} autoFocus maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t('create.descriptionLabel')} hint={t('create.descriptionHint')}>
        {(p) => <textarea {...p} className="input" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <fieldset className="fieldset">
        <legend>{t('settings.axesLegend')}</legend>
        <Field label={t('settings.powerAxis')} error={show(errors.power)}>
          {(p) => <input {...p} className="input" value={power} maxLength={200} onChange={(e) => setPower(e.target.value)} />}
        </Field>
        <Field label={t('settings.interestAxis')} error={show(errors.interest)}>
          {(p) => <input {...p} className="input" value={interest} maxLength={200} onChange={(e) => setInterest(e.target.value)} />}
        </Field>
        <div className="field-row">
          <Field label={t('settings.midlinePower')} error={show(errors.midPower)}>
            {(p) => <input {...p} className="input input-number" inputMode="decimal" value={midPower} onChange={(e) => setMidPower(e.target.value)} />}
          </Field>
          <Field label={t('settings.midlineInterest')} error={show(errors.midInterest)}>
            {(p) => <input {...p} className="input input-number" inputMode="decimal" value={midInterest} onChange={(e) => setMidInterest(e.target.value)} />}
          </Field>
        </div>
        <p className="field-hint">{t('settings.midlineHint')}</p>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={withLibrary} onChange={(e) => setWithLibrary(e.target.checked)} />
        <span>{t('create.withLibrary', { count: library?.length ?? 24 })}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
        <span>{t('create.encrypt')}</span>
      </label>
      <p className="field-hint">{t('create.encryptHint')}</p>
      <p className="field-hint">
        {t('create.defaultsNote', {
          cohorts: defaultCohorts(language).map((c) => c.name).join(', '),
          rounds: defaultRounds(language).map((r) => r.name).join(', '),
        })}
      </p>
    </Dialog>
  );
}
