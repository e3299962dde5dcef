/**
 * Small inline icons. Emoji are not used: machines without an emoji font (common on
 * the field laptops this runs on) draw them as empty boxes.
 */
export function PadlockIcon({ open = false }: { open?: boolean }) {
  return (
    <svg className="ed-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={open ? 'M5 7V4.5a3 3 0 0 1 5.8-1.1' : 'M5 7V4.5a3 3 0 0 1 6 0V7'} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  );
}
