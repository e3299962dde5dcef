import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAKEHOLDER_CATEGORIES, type Stakeholder, type StakeholderCategory } from '../../../shared/model/stakeholder';
import { addCustomStakeholder, SHORT_LABEL_MAX, updateStakeholder, type StakeholderFields } from '../../../shared/ops/studyOps';
import { Dialog } from '../ui/Dialog';
import { updateStudy } from '../store/actions';
import { Field } from './Field';

type Labels = { name: string; short: string };

/** Add a custom stakeholder, or edit one: English name and short label, description, category, Bengali and Hindi labels. */
export function StakeholderDialog({ stakeholder, onClose }: { stakeholder: Stakeholder | null; onClose(): void }) {
  const { t } = useTranslation('studies');
  const [name, setName] = useState(stakeholder?.name ?? '');
  const [short, setShort] = useState(stakeholder?.short ?? '');
  const [description, setDescription] = useState(stakeholder?.description ?? '');
  const [category, setCategory] = useState<StakeholderCategory>(stakeholder?.category ?? 'other');
  const [bn, setBn] = useState<Labels>(stakeholder?.labels.bn ?? { name: '', short: '' });
  const [hi, setHi] = useState<Labels>(stakeholder?.labels.hi ?? { name: '', short: '' });
  const [submitted, setSubmitted] = useState(false);

  const shortError = (v: string, required: boolean) =>
    required && !v.trim() ? t('stakeholderForm.shortRequired') : v.trim().length > SHORT_LABEL_MAX ? t('stakeholderForm.shortTooLong', { max: SHORT_LABEL_MAX }) : null;
  const halfFilled = (l: Labels) => (!!l.name.trim() !== !!l.short.trim() ? t('stakeholderForm.translationHalf') : null);
  const errors = {
    name: !name.trim() ? t('stakeholderForm.nameRequired') : null,
    short: shortError(short, true),
    bn: shortError(bn.short, false) ?? halfFilled(bn),
    hi: shortError(hi.short, false) ?? halfFilled(hi),
  };
  const show = (e: string | null) => (submitted ? e : null);

  const submit = () => {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    const fields: StakeholderFields = { name, short, description: description.trim(), category, labels: { bn, hi } };
    updateStudy((s) => (stakeholder ? updateStakeholder(s, stakeholder.id, fields) : addCustomStakeholder(s, crypto.randomUUID(), fields)));
    onClose();
  };

  const translation = (lang: 'bn' | 'hi', value: Labels, set: (l: Labels) => void, error: string | null) => (
    <fieldset className="fieldset">
      <legend>{t('stakeholderForm.translation', { language: t(`common:languages.${lang}`) })}</legend>
      <div className="field-row">
        <Field label={t('stakeholderForm.name')} error={show(error)}>
          {(p) => <input {...p} lang={lang} className="input" value={value.name} maxLength={200} onChange={(e) => set({ ...value, name: e.target.value })} />}
        </Field>
        <Field label={t('stakeholderForm.short')}>
          {(p) => <input {...p} lang={lang} className="input" value={value.short} maxLength={SHORT_LABEL_MAX + 10} onChange={(e) => set({ ...value, short: e.target.value })} />}
        </Field>
      </div>
    </fieldset>
  );

  return (
    <Dialog
      title={stakeholder ? t('stakeholderForm.editTitle', { name: stakeholder.short }) : t('stakeholderForm.addTitle')}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary">
            {stakeholder ? t('stakeholderForm.save') : t('stakeholderForm.add')}
          </button>
        </>
      }
    >
      <div className="field-row">
        <Field label={t('stakeholderForm.name')} error={show(errors.name)}>
          {(p) => <input {...p} className="input" value={name} maxLength={200} autoFocus onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('stakeholderForm.short')} hint={t('stakeholderForm.shortHint', { count: short.trim().length, max: SHORT_LABEL_MAX })} error={show(errors.short)}>
          {(p) => <input {...p} className="input" value={short} maxLength={SHORT_LABEL_MAX + 10} onChange={(e) => setShort(e.target.value)} />}
        </Field>
      </div>
      <Field label={t('stakeholderForm.description')}>
        {(p) => <textarea {...p} className="input" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field label={t('stakeholderForm.category')}>
        {(p) => (
          <select {...p} className="select" value={category} onChange={(e) => setCategory(e.target.value as StakeholderCategory)}>
            {STAKEHOLDER_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {translation('bn', bn, setBn, errors.bn)}
      {translation('hi', hi, setHi, errors.hi)}
    </Dialog>
  );
}
