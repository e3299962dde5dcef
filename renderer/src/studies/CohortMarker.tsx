import { shapePathData } from '../../../shared/scene/cohortShapes';
import type { CohortShape } from '../../../shared/model/study';

/**
 * A cohort's marker: its colour and its shape, so cohorts differ by more than colour.
 * The outline is the scene layer's (shared/scene/cohortShapes), the same as on the compare
 * grid and in exports. Decorative next to the cohort's name; the dark outline keeps yellow
 * visible on white.
 */
export function CohortMarker({ colour, shape, size = 16 }: { colour: string; shape: CohortShape; size?: number }) {
  return (
    <svg className="cohort-marker" width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={shapePathData(shape, 10, 10, 7.4)} fill={colour} stroke="#1f2328" strokeWidth={1.2} strokeLinejoin="round" />
    </svg>
  );
}
