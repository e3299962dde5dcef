import type { CohortShape } from './study';
import type { ZoneId } from './zones';

/**
 * Okabe–Ito colours: distinguishable with the common forms of colour blindness and
 * strong enough for a projector. Used for cohorts in this order.
 */
export const OKABE_ITO = {
  orange: '#e69f00',
  skyBlue: '#56b4e9',
  bluishGreen: '#009e73',
  yellow: '#f0e442',
  blue: '#0072b2',
  vermillion: '#d55e00',
  reddishPurple: '#cc79a7',
  black: '#000000',
} as const;

export const COHORT_COLOURS = [
  OKABE_ITO.vermillion,
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
] as const;

export const COHORT_SHAPE_ORDER = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross'] as const satisfies readonly CohortShape[];

/**
 * Zone fills: a light tint for the area and a strong colour for its border and label.
 * Green (bluish green) is high power, high interest, as in the study's figure; every
 * zone also carries a text label so colour is never the only cue.
 */
export const ZONE_COLOURS: Record<ZoneId, { fill: string; stroke: string; text: string }> = {
  hp_hi: { fill: '#d3efe5', stroke: OKABE_ITO.bluishGreen, text: '#00573f' },
  hp_li: { fill: '#f9e0cf', stroke: OKABE_ITO.vermillion, text: '#8a3a00' },
  lp_hi: { fill: '#dcecf8', stroke: OKABE_ITO.blue, text: '#004a75' },
  lp_li: { fill: '#ebebeb', stroke: '#6b6b6b', text: '#3d3d3d' },
};
