import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAKEHOLDER_CATEGORIES, stakeholderDescription, stakeholderLabel, type Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { addLibraryStakeholders, libraryStakeholdersNotInStudy } from '../../../shared/ops/studyOps';
import { Dialog } from '../ui/Dialog';
import { loadLibrary, updateStudy } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { useAppStore } from '../store/appStore';

/** Pick stakeholders from the default library that the study does not have yet. */
export function LibraryDialog({ study, onClose }: { study: Study; onClose(): void }) {
  const { t } = useTranslation('studies');
  // Names and descriptions in the UI language, so a Bengali or Hindi reader can choose.
  const language = useAppStore((s) => s.prefs.language);
  const [library, setLibrary] = useState<Stakeholder[] | null>(null);
  const [error, setError] = useState<ReturnType<typeof errorMessage> | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());

  useEffect(() => {
    loadLibrary()
      .then(setLibrary)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const missing = library ? libraryStakeholdersNotInStudy(study, library) : [];
  const toggle = (id: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const add = () => {
    const chosen = missing.filter((s) => picked.has(s.id));
    if (chosen.length) updateStudy((s) => addLibraryStakeholders(s, chosen));
    onClose();
  };

  return (
    <Dialog
      title={t('library.title')}
      size="wide"
      onClose={onClose}
      onSubmit={add}
      error={error ? t(error.key, error.values) : null}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={picked.size === 0}>
            {t('library.add', { count: picked.size })}
          </button>
        </>
      }
    >
      {library === null && !error ? (
        <p>{t('common:loading')}</p>
      ) : missing.length === 0 ? (
        <p>{t('library.allIn')}</p>
      ) : (
        <>
          <div className="button-row">
            <button type="button" className="button button-small" onClick={() => setPicked(new Set(missing.map((s) => s.id)))}>
              {t('library.selectAll')}
            </button>
            <button type="button" className="button button-small" onClick={() => setPicked(new Set())}>
              {t('library.selectNone')}
            </button>
          </div>
          {STAKEHOLDER_CATEGORIES.map((c) => {
            const inCategory = missing.filter((s) => s.category === c);
            if (!inCategory.length) return null;
            return (
              <fieldset key={c} className="fieldset library-group">
                <legend>{t(`categories.${c}`)}</legend>
                {inCategory.map((s) => (
                  <label key={s.id} className="check library-item">
                    <input type="checkbox" checked={picked.has(s.id)} onChange={() => toggle(s.id)} />
                    <span>
                      <strong>{stakeholderLabel(s, language).short}</strong> — {stakeholderLabel(s, language).name}
                      {stakeholderDescription(s, language) ? <span className="library-description">{stakeholderDescription(s, language)}</span> : null}
                    </span>
                  </label>
                ))}
              </fieldset>
            );
          })}
        </>
      )}
    </Dialog>
  );
}
