/**
 * The scene layer: what every picture of a map shares, pure and DOM-free — the plot frame
 * and view transform (frame.ts), the cohort markers (cohortShapes.ts) and the zone-title
 * placement (zoneLabels.ts). The editor's and compare view's Konva canvases and the SVG
 * exports draw with these, so screen and files agree by construction.
 */
export * from './frame';
export * from './cohortShapes';
export * from './zoneLabels';
