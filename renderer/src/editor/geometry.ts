/**
 * The editor's plot frame and pixel ⇄ domain conversion. The definitions live in the
 * shared scene layer (shared/scene/frame.ts), so the editor, the compare grids and the
 * exports use one frame; this module keeps the names the editor imports.
 */
export { AXIS_ROW, interestToX, plotFrame, plotMargins, powerToY, px, toDomain, toPixels, zoneRects } from '../../../shared/scene/frame';
export type { AxisRows, PlotFrame, Px, PxPoint } from '../../../shared/scene/frame';
