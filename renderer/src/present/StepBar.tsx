import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/model/stakeholder';
import { formatCount } from '../compare/format';
import type { CompareSequence } from './useCompareSequence';
import { stepSentence, stepStakeholderName } from './stepPicture';

/**
 * The facilitator's controls for the step-by-step sequence, above the compare grid: where
 * in the sequence the room is, what the grid shows now, the plain sentence at the gap,
 * and Previous / Next (also ← and →).
 */
export function StepBar({ sequence, language }: { sequence: CompareSequence; language: Language }) {
  const { t } = useTranslation('present');
  const step = sequence.step;
  if (!step) return null;
  const name = stepStakeholderName(step, sequence.study, language);
  const cohortName = new Map(step.cohorts.map((c) => [c.id, c.name]));
  const sentence = step.gap ? stepSentence(step, sequence.study, language, t) : null;
  const caption =
    sentence ??
    (step.revealed.length === 0
      ? t('step.question', { name })
      : t('step.shown', {
          cohorts: new Intl.ListFormat(language, { type: 'conjunction' }).format(
            step.revealed.map((r) => t('step.cohortN', { cohort: cohortName.get(r.cohortId) ?? r.cohortId, n: formatCount(r.n, language) })),
          ),
        }));
  return (
    <section className="step-bar" aria-labelledby="step-bar-title" data-testid="step-bar" data-step={step.index} data-gap={step.gap || undefined}>
      <div className="step-bar__row">
        <button type="button" className="button button-small" onClick={() => sequence.move(-1)} disabled={step.index <= 1} aria-keyshortcuts="ArrowLeft">
          <span aria-hidden="true">← </span>
          {t('step.previous')}
        </button>
        <h2 id="step-bar-title" className="step-bar__title">
          <span className="step-bar__count">{t('step.count', { index: formatCount(step.index, language), total: formatCount(step.total, language) })}</span>
          <span className="step-bar__name">{name}</span>
        </h2>
        <button type="button" className="button button-small button-primary" onClick={() => sequence.move(1)} disabled={step.index >= step.total} aria-keyshortcuts="ArrowRight">
          {t('step.next')}
          <span aria-hidden="true"> →</span>
        </button>
        <button type="button" className="button button-small step-bar__end" onClick={sequence.stop}>
          {t('step.end')}
        </button>
      </div>
      <p className={`step-bar__caption${sentence ? ' is-sentence' : ''}`} aria-live="polite" data-testid="step-caption">
        {caption}
      </p>
    </section>
  );
}
