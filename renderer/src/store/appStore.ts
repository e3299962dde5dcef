import { create } from 'zustand';
import type { AppInfo, LoadProblem, Prefs, StudySummary, TrashEntry } from '../../../shared/contract/hostContract';
import type { Session } from '../../../shared/model/session';
import type { Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import type { SaveStatus } from './saveStatus';

/** The study being worked on, with its sessions as loaded and edited. */
export interface OpenStudy {
  study: Study;
  /** Sessions in the order the host listed them; grouping and sorting happen in views. */
  sessions: Session[];
  /** Files that could not be read when the study was opened (quarantined by the host). */
  problems: LoadProblem[];
}

/** A message in the notice area: host errors, confirmations with an undo. */
export interface Notice {
  id: number;
  tone: 'info' | 'error';
  /** i18n key and values, translated when shown so a language switch applies. */
  key: string;
  values?: Record<string, string | number>;
  action?: { key: string; run: () => void | Promise<void> };
  /** When it was shown (ms, from the notices' clock). */
  createdAt: number;
  /** When it goes by itself (ms), or null: errors stay until dismissed. */
  expiresAt: number | null;
  /** Kept when the user goes to another page; otherwise a notice belongs to the page it was shown on. */
  global?: boolean;
}

/**
 * Application state. Persistence state (what is saved, what is pending) lives in the
 * save queues (persistence.ts); the store only mirrors their status for display.
 *
 * | state        | saved to disk                 | undoable        |
 * |--------------|-------------------------------|-----------------|
 * | prefs        | yes, via setPrefs             | no              |
 * | open.study   | yes, autosave via saveStudy   | no (trash/undo notices for deletions) |
 * | open.sessions| yes, autosave via saveSession | in the editor   |
 * | studies, trash, library, appInfo | no, read from the host | no |
 * | saves, notices, resetKeys        | no                     | no |
 */
export interface AppState {
  prefs: Prefs;
  appInfo: AppInfo | null;
  library: Stakeholder[] | null;
  studies: StudySummary[] | null;
  trash: TrashEntry[] | null;
  open: OpenStudy | null;
  /** Which study is being loaded, so pages can show a loading state. */
  openingStudyId: string | null;
  /** A study that could not be opened, with the reason. */
  openFailure: { studyId: string; code: string; message: string } | null;
  /** Save status per document key (see persistence.ts `studyKey` / `sessionKey`). */
  saves: Record<string, SaveStatus>;
  /** Bumped when a session was replaced from outside the editor (restore): the editor reloads. */
  resetKeys: Record<string, number>;
  notices: Notice[];
}

export const DEFAULT_PREFS: Prefs = { language: 'en', largeText: false, lastStudyId: null, recentStudyIds: [] };

export function initialState(): AppState {
  return {
    prefs: { ...DEFAULT_PREFS },
    appInfo: null,
    library: null,
    studies: null,
    trash: null,
    open: null,
    openingStudyId: null,
    openFailure: null,
    saves: {},
    resetKeys: {},
    notices: [],
  };
}

export const useAppStore = create<AppState>()(() => initialState());

/** Reset everything (tests, and a fresh start). */
export function resetAppStore(): void {
  useAppStore.setState(initialState(), true);
}
