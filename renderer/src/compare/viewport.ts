/**
 * The compare grids' window onto the grid (zoom and pan). The definitions live in the
 * shared scene layer (shared/scene/frame.ts), next to the plot frame they work with.
 */
export { clampView, FULL_VIEW, isFullView, MIN_SPAN, panBy, pixelsToDomain, ticksFor, viewToPixels, viewTransform, zoomAt } from '../../../shared/scene/frame';
export type { View } from '../../../shared/scene/frame';
