import type { CohortShape } from '../../../shared/model/study';

/**
 * A cohort's marker: its colour and its shape, so cohorts differ by more than colour.
 * Decorative next to the cohort's name; the dark outline keeps yellow visible on white.
 */
export function CohortMarker({ colour, shape, size = 16 }: { colour: string; shape: CohortShape; size?: number }) {
  const common = { fill: colour, stroke: '#1f2328', strokeWidth: 1.2, strokeLinejoin: 'round' as const };
  let mark;
  switch (shape) {
    case 'circle':
      mark = <circle cx="10" cy="10" r="7.5" {...common} />;
      break;
    case 'square':
      mark = <rect x="3" y="3" width="14" height="14" rx="1" {...common} />;
      break;
    case 'triangle':
      mark = <polygon points="10,2.5 18,17 2,17" {...common} />;
      break;
    case 'diamond':
      mark = <polygon points="10,1.5 18.5,10 10,18.5 1.5,10" {...common} />;
      break;
    case 'star':
      mark = <polygon points="10,1.5 12.4,7.2 18.5,7.6 13.8,11.6 15.3,17.6 10,14.3 4.7,17.6 6.2,11.6 1.5,7.6 7.6,7.2" {...common} />;
      break;
    case 'cross':
      mark = <polygon points="7,2 13,2 13,7 18,7 18,13 13,13 13,18 7,18 7,13 2,13 2,7 7,7" {...common} />;
      break;
  }
  return (
    <svg className="cohort-marker" width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {mark}
    </svg>
  );
}
