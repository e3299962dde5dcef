import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CohortComparison } from '../../../shared/analysis/compareCohorts';
import type { Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { toAudienceStudy, type AudiencePicture, type AudienceStep } from '../../../shared/present/audience';
import { buildCompareSteps, toAudienceStep } from '../../../shared/present/compareSteps';
import type { SceneInput } from '../compare/compareScene';
import { typingInto } from './PresentControls';
import { onAudienceStep, useShowOnAudience } from './presenter';
import { stepSceneInput } from './stepPicture';

export interface CompareSequence {
  /** A result to step through exists (at least one stakeholder placed by a cohort). */
  available: boolean;
  active: boolean;
  start(): void;
  stop(): void;
  /** Move by one step; false at either end. */
  move(delta: 1 | -1): boolean;
  step: AudienceStep | null;
  /** The step as the compare grid's input (only the revealed cohorts). */
  input: SceneInput | null;
  study: ReturnType<typeof toAudienceStudy>;
}

/** Keys that move the sequence, on the page (outside fields and the grid's own arrow keys). */
const NEXT = new Set(['ArrowRight', 'PageDown']);
const PREV = new Set(['ArrowLeft', 'PageUp']);

/**
 * The compare view's presentation sequence for a dialogue meeting: one stakeholder at a
 * time, each cohort's marks and centroid revealed in turn, then the arrows between the
 * centroids and one plain sentence. It starts at the focused stakeholder; → and ← (or a
 * clicker's PageDown/PageUp, here or in the audience window) move it; the audience window
 * shows each step as it is reached.
 */
export function useCompareSequence(opts: { study: Study; comparison: CohortComparison | null; focusId: string | null; language: Language }): CompareSequence {
  const { study, comparison, focusId, language } = opts;
  const [state, setState] = useState<{ first: string | null; index: number } | null>(null);
  const steps = useMemo(() => (comparison ? buildCompareSteps(comparison.stakeholders, state ? state.first : focusId) : []), [comparison, state, focusId]);
  const gridStudy = useMemo(() => toAudienceStudy(study), [study]);
  const index = state ? Math.min(state.index, Math.max(0, steps.length - 1)) : 0;
  const active = state !== null && steps.length > 0;

  const step = useMemo<AudienceStep | null>(() => {
    if (!active || !comparison) return null;
    const s = steps[index]!;
    const source = comparison.stakeholders.find((x) => x.id === s.stakeholderId)!;
    return toAudienceStep(source, comparison.cohorts, s, index + 1, steps.length);
  }, [active, comparison, steps, index]);
  const input = useMemo(() => (step ? stepSceneInput(step, gridStudy) : null), [step, gridStudy]);

  const start = useCallback(() => setState({ first: focusId, index: 0 }), [focusId]);
  const stop = useCallback(() => setState(null), []);
  const move = useCallback(
    (delta: 1 | -1) => {
      const next = index + delta;
      if (!active || next < 0 || next >= steps.length) return false;
      setState((prev) => (prev ? { ...prev, index: next } : prev));
      return true;
    },
    [active, index, steps.length],
  );

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (!NEXT.has(e.key) && !PREV.has(e.key)) return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || typingInto(e.target)) return;
      // The grid and the view tabs use the arrow keys themselves.
      if (e.target instanceof Element && e.target.closest('[role="tablist"], .compare-canvas__surface, [role="grid"], table')) return;
      e.preventDefault();
      move(NEXT.has(e.key) ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = onAudienceStep((delta) => move(delta));
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [active, move]);

  const picture = useMemo<AudiencePicture | null>(() => (step ? { kind: 'step', language, study: gridStudy, step } : null), [step, language, gridStudy]);
  useShowOnAudience(picture);

  return { available: steps.length > 0, active, start, stop, move, step, input, study: gridStudy };
}
