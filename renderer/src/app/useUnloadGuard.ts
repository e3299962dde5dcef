import { useEffect } from 'react';
import { flushAll, hasUnsavedChanges, sendUnsavedOnUnload } from '../store/persistence';
import { useHash } from '../ui/router';

/**
 * Closing, reloading or leaving a page never drops an edit:
 * - on `beforeunload`, every unsaved document is sent at once (over HTTP with keepalive,
 *   so the request outlives the page) and the browser is asked to confirm leaving. In
 *   the desktop app the main process waits for these calls to finish before it quits,
 *   and a cancelled unload there would silently keep the window open, so it does not ask;
 * - when the page is hidden (tab switch, laptop lid) and on every route change,
 *   pending saves are written at once instead of after the debounce.
 */
export function useUnloadGuard(): void {
  const hash = useHash();

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      sendUnsavedOnUnload();
      if (window.pimapHost) return;
      e.preventDefault();
      // Older engines (and Electron) look at returnValue rather than preventDefault.
      e.returnValue = '';
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flushAll();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  useEffect(() => {
    void flushAll();
  }, [hash]);
}
