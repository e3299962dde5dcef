/**
 * The editor's zone labels above and below the plot. The placement lives in the shared
 * scene layer (shared/scene/zoneLabels.ts), with the inside placement of the compare
 * grids and the exports; this module keeps the names the editor imports.
 */
export { fitZoneLabels, LEGIBLE_FLOOR, placeZoneLabels } from '../../../shared/scene/zoneLabels';
export type { PlacedZoneLabel, ZoneLabelFit, ZoneLabelSegment } from '../../../shared/scene/zoneLabels';
