import { useEffect } from 'react';
import { callHost, HostCallError } from '../host/hostClient';
import { openStudy, readSinceMark, refreshOpenStudy, watchMark } from './actions';
import { useAppStore } from './appStore';
import { studyLockedByHost } from './lock';

/** How often a page asks the host whether the study's files changed (a local call, cheap). */
export const WATCH_INTERVAL_MS = 1500;

/**
 * The study a page is about, opening it when the page mounts or the id changes: `open`
 * once it is loaded, `failure` if it could not be (gone to the trash, unreadable), both
 * null while loading. Every page inside a study (its tabs, a session, compare) starts so.
 *
 * While the page is shown, the study is watched: when its files change on disk (a sync
 * tool brings another facilitator's work, another process saves) it is read again
 * (`refreshOpenStudy`); `openSessionId` is the map open in the editor, which says so.
 */
export function useOpenStudy(studyId: string, opts: { openSessionId?: string } = {}) {
  const open = useAppStore((s) => (s.open?.study.id === studyId ? s.open : null));
  const failure = useAppStore((s) => (s.openFailure?.studyId === studyId ? s.openFailure : null));
  const loaded = open !== null;
  const openSessionId = opts.openSessionId ?? null;
  useEffect(() => {
    void openStudy(studyId);
  }, [studyId]);
  useEffect(() => {
    if (!loaded) return;
    let live = true;
    let seen: string | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        const answer = await callHost('studyChanges', { studyId });
        const { version, locked } = answer;
        // The host wiped the key (another window's lock, the OS locked or slept): the map
        // goes and the page shows the unlock form; nothing here can be read or saved now.
        if (locked) {
          if (live) studyLockedByHost(studyId);
          return;
        }
        // Read again when the files changed since the study was last read completely (by
        // this page or the one before); a host that keeps no trustworthy watch is read at its
        // first answer and whenever its count moves, in case something changed between
        // opening the study (perhaps pages ago) and the watch starting.
        const mark = watchMark(answer);
        const key = mark ?? `count:${version}`;
        if (live && key !== seen && !readSinceMark(studyId, mark)) {
          seen = key;
          await refreshOpenStudy(studyId, openSessionId, mark);
        }
      } catch (err) {
        // A host that refuses the watch itself because the study is locked: the same.
        if (err instanceof HostCallError && err.code === 'study_locked') {
          if (live) studyLockedByHost(studyId);
          return;
        }
        // A host without a watch (or a failed call) leaves the page as it is: never a nag.
      }
      if (live) timer = setTimeout(() => void poll(), WATCH_INTERVAL_MS);
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [studyId, loaded, openSessionId]);
  return { open, failure };
}
