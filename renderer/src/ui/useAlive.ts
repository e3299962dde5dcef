import { useEffect, useRef, type RefObject } from 'react';

/**
 * Whether the component is still mounted, for dialogs that await the host: a result that
 * arrives after the dialog was closed must not set state or hand over a file nobody wants.
 * (Set again on mount, so React's development double-mount leaves it true.)
 */
export function useAlive(): RefObject<boolean> {
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  return alive;
}
