import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/model/stakeholder';
import type { CompareCanvasText } from '../compare/CompareCanvas';
import type { SceneInput } from '../compare/compareScene';
import { formatCount } from '../compare/format';
import { useMapCanvasText } from '../editor/mapCanvasText';

/**
 * The compare grid's wording for a step: each revealed cohort's name and n beside its
 * centroid; no tooltips (nobody points at the projector) and no session codes.
 */
export function useStepCanvasText(input: SceneInput, lang: Language, mapLabel: string): CompareCanvasText {
  const { t } = useTranslation('compare');
  const grid = useMapCanvasText();
  return useMemo(
    () => ({
      zoneTitle: grid.zoneTitle,
      zoneRole: grid.zoneRole,
      low: t('grid.low'),
      high: t('grid.high'),
      mapLabel,
      mark: () => '',
      centroid: () => '',
      cohortTag: (si: number, ci: number) => {
        const c = input.stakeholders[si]!.cohorts[ci]!;
        return t('grid.cohortTag', { cohort: c.name, n: formatCount(c.n, lang) });
      },
      zoomIn: t('zoom.in'),
      zoomOut: t('zoom.out'),
      zoomReset: t('zoom.reset'),
      zoomLevel: (percent: number) => t('zoom.level', { percent }),
    }),
    [grid, t, mapLabel, input, lang],
  );
}

