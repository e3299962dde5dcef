import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudySummary } from '../../../shared/contract/hostContract';
import { Dialog } from '../ui/Dialog';
import { renameStudy } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { Field } from './Field';

export function RenameStudyDialog({ study, onClose }: { study: Pick<StudySummary, 'id' | 'title'>; onClose(): void }) {
  const { t } = useTranslation('studies');
  const [title, setTitle] = useState(study.title);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof errorMessage> | null>(null);
  const titleError = touched && !title.trim() ? t('create.titleRequired') : null;

  const submit = async () => {
    setTouched(true);
    if (!title.trim()) return;
    setBusy(true);
    try {
      await renameStudy(study.id, title);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('rename.title')}
      size="narrow"
      onClose={onClose}
      onSubmit={() => void submit()}
      error={error ? t(error.key, error.values) : null}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('rename.submit')}
          </button>
        </>
      }
    >
      <Field label={t('create.titleLabel')} error={titleError}>
        {(p) => <input {...p} className="input" value={title} autoFocus maxLength={200} onChange={(e) => setTitle(e.target.value)} onBlur={() => setTouched(true)} />}
      </Field>
    </Dialog>
  );
}
