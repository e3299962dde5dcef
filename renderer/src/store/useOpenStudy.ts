import { useEffect } from 'react';
import { openStudy } from './actions';
import { useAppStore } from './appStore';

/**
 * The study a page is about, opening it when the page mounts or the id changes: `open`
 * once it is loaded, `failure` if it could not be (gone to the trash, unreadable), both
 * null while loading. Every page inside a study (its tabs, a session, compare) starts so.
 */
export function useOpenStudy(studyId: string) {
  const open = useAppStore((s) => (s.open?.study.id === studyId ? s.open : null));
  const failure = useAppStore((s) => (s.openFailure?.studyId === studyId ? s.openFailure : null));
  useEffect(() => {
    void openStudy(studyId);
  }, [studyId]);
  return { open, failure };
}
