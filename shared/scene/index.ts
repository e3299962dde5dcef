/**
 * The scene layer: what every picture of a map shares, pure and DOM-free — the plot frame
 * and view transform (frame.ts), the cohort markers (cohortShapes.ts), the zone-title
 * placement (zoneLabels.ts), the axis wording (axisWording.ts), one session's whole map
 * as drawing primitives (mapScene.ts) and the one text measure it is laid out with
 * (textMeasure.ts). The editor's and compare view's Konva canvases and the SVG exports
 * draw with these, so screen and files agree by construction.
 */
export * from './frame';
export * from './cohortShapes';
export * from './zoneLabels';
export { fitAxisWording, MIN_TITLE_SCALE, type AxisWordingFit } from './axisWording';
export * from './mapScene';
export * from './textMeasure';
