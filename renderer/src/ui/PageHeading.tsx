import { useEffect, useRef, type ReactNode } from 'react';
import { parseHash, type Route } from './router';

/**
 * The page's h1. After navigating to another page, focus moves here so keyboard and
 * screen-reader users start at the top of the new page instead of on a button that
 * no longer exists. Switching tabs inside a study does not move focus.
 */
const pageKey = (r: Route) => (r.name === 'study' ? `study:${r.studyId}` : r.name === 'session' ? `session:${r.sessionId}` : r.name);

let focusPending = true;
let lastPage = pageKey(parseHash(window.location.hash));

// Registered when this module loads, before React subscribes to the same event, so
// the flag is set before the new page renders.
window.addEventListener('hashchange', () => {
  const page = pageKey(parseHash(window.location.hash));
  if (page !== lastPage) focusPending = true;
  lastPage = page;
});

export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusPending && ref.current) {
      ref.current.focus({ preventScroll: false });
      focusPending = false;
    }
  });
  return (
    <h1 ref={ref} tabIndex={-1} className={className ?? 'page-title'}>
      {children}
    </h1>
  );
}
