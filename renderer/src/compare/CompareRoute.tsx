import { startTransition, useEffect, useState, type ComponentType, type ReactNode } from 'react';

/**
 * The compare route, loaded when first opened (its code, Konva and the analysis client are
 * a chunk of their own) without React.lazy: a lazy component suspends, and React holds back
 * the content of a Suspense boundary that has just shown its fallback for at least 300 ms
 * (its fallback throttle), so the compare view appeared about 300 ms after its chunk had
 * arrived (profiled in the benchmark's 500 × 40 study: chunk in by 35 ms, page at 320 ms).
 * Here the fallback is plain state: the page renders as soon as the module has run.
 */
type Page = ComponentType<{ studyId: string }>;

let loaded: Page | null = null;
let loading: Promise<Page> | null = null;

export function loadComparePage(): Promise<Page> {
  loading ??= import('./ComparePage').then(
    (m) => (loaded = m.ComparePage),
    (err: unknown) => {
      // A failed download may succeed on the next visit.
      loading = null;
      throw err;
    },
  );
  return loading;
}

export function CompareRoute({ studyId, fallback }: { studyId: string; fallback: ReactNode }) {
  const [page, setPage] = useState<{ Page: Page } | { error: unknown } | null>(() => (loaded ? { Page: loaded } : null));
  // The download starts with the first render, as React.lazy's does, not after the commit.
  const ready = page ? null : loadComparePage();
  useEffect(() => {
    if (!ready) return;
    let live = true;
    ready.then(
      // A transition: the view (its scene of every mark) renders in slices between which the
      // browser stays responsive, rather than in one long main-thread task (issue 14).
      (Page) => live && startTransition(() => setPage({ Page })),
      (error: unknown) => live && setPage({ error }),
    );
    return () => {
      live = false;
    };
  }, [ready]);
  // As with React.lazy, a chunk that fails to load goes to the nearest error boundary.
  if (page && 'error' in page) throw page.error;
  return page ? <page.Page studyId={studyId} /> : fallback;
}
