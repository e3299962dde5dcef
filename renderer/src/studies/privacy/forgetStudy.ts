import { callHost } from '../../host/hostClient';
import { loadStudies, loadTrash, notify, updatePrefs } from '../../store/actions';
import { useAppStore } from '../../store/appStore';
import { dropStudyQueues, flushStudy } from '../../store/persistence';
import { navigate } from '../../ui/router';

/**
 * Forget a study on this device (the host's `forgetStudy`, the one operation that
 * deletes), then go to the studies list and say what was removed. `title` is null for a
 * locked study, whose title cannot be read.
 *
 * Order matters: a save already on its way is let finish first (flushStudy), so no write
 * lands after the folder is gone and brings part of it back; then the queues are
 * dropped, the study is closed and taken out of "recent" in the preferences (which
 * would otherwise keep its id and offer to reopen it).
 */
export async function forgetStudyOnDevice(study: { id: string; title: string | null }): Promise<void> {
  await flushStudy(study.id);
  const { removedFiles } = await callHost('forgetStudy', { studyId: study.id });
  dropStudyQueues(study.id);
  const state = useAppStore.getState();
  if (state.open?.study.id === study.id) useAppStore.setState({ open: null });
  const { prefs } = state;
  if (prefs.lastStudyId === study.id || prefs.recentStudyIds.includes(study.id))
    void updatePrefs({
      lastStudyId: prefs.lastStudyId === study.id ? null : prefs.lastStudyId,
      recentStudyIds: prefs.recentStudyIds.filter((id) => id !== study.id),
    });
  navigate({ name: 'studies' });
  // A locked study's title is encrypted: the notice says which kind of study went instead.
  if (study.title === null) notify({ tone: 'info', key: 'privacy:forget.doneLocked', values: { count: removedFiles } });
  else notify({ tone: 'info', key: 'privacy:forget.done', values: { title: study.title, count: removedFiles } });
  await Promise.all([loadStudies(), loadTrash()]);
}
