/**
 * How an axis's wording fits: the definition lives in the shared scene layer
 * (shared/scene/axisWording.ts), which the editor's canvas and the map export both use;
 * this module keeps the names the editor imports.
 */
export { fitAxisWording, MIN_TITLE_SCALE } from '../../../shared/scene/axisWording';
export type { AxisWordingFit, MeasureText } from '../../../shared/scene/axisWording';
