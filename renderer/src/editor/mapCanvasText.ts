import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ZONE_IDS } from '../../../shared/model/zones';
import type { MapCanvasText } from './MapCanvas';

/**
 * The map's wording in the UI language: zone names and roles, the axes' ends, the minority
 * chip's label. Memoised on the language (a new object would redraw the whole map); used by
 * the editor and the audience window, so both draw the same words.
 */
export function useMapCanvasText(): MapCanvasText {
  const { t } = useTranslation('editor');
  return useMemo(() => {
    const zoneTitle = {} as MapCanvasText['zoneTitle'];
    const zoneRole = {} as MapCanvasText['zoneRole'];
    for (const z of ZONE_IDS) {
      zoneTitle[z] = t(`common:zones.${z}`);
      zoneRole[z] = t(`common:zoneRoles.${z}`);
    }
    return { zoneTitle, zoneRole, low: t('low'), high: t('high'), minority: (label: string) => t('minority', { label }), mapLabel: t('mapLabel') };
    // t changes identity when the language changes
  }, [t]);
}
