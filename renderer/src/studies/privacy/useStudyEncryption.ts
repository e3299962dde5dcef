import { useEffect } from 'react';
import type { StudySummary } from '../../../../shared/contract/hostContract';
import { useAppStore } from '../../store/appStore';
import { loadStudies } from '../../store/actions';

export type Encryption = NonNullable<StudySummary['encryption']>;

/**
 * Whether a study is encrypted, from the studies list (only the list's summaries carry
 * it; the study file itself does not say). A study page opened straight from a link has
 * no list yet, so it is read once; undefined until it is known.
 */
export function useStudyEncryption(studyId: string): Encryption | undefined {
  const summary = useAppStore((s) => s.studies?.find((x) => x.id === studyId));
  const listed = useAppStore((s) => s.studies !== null);
  useEffect(() => {
    if (!listed) void loadStudies();
  }, [listed]);
  return summary ? (summary.encryption ?? 'none') : undefined;
}
