import { useSyncExternalStore } from 'react';

/**
 * Hash routes, so a reload (or the Electron window restoring) comes back to the same
 * place without a server that knows about paths:
 *   #/                                  the studies
 *   #/trash                             deleted studies and sessions
 *   #/study/<id>[/<tab>]                one study (tab: sessions, stakeholders, groups, settings)
 *   #/study/<id>/session/<id>           the map editor for one session
 *   #/study/<id>/compare                compare cohorts (overlay, divergence, side by side, over time)
 *   #/help                              how to run a mapping session
 *   #/present                           the audience window (the projector), see present/presenter.ts
 *   #/team                              work as a team: sharing a study through a sync tool
 */
export const STUDY_TABS = ['sessions', 'stakeholders', 'groups', 'settings'] as const;
export type StudyTab = (typeof STUDY_TABS)[number];

export type Route =
  | { name: 'studies' }
  | { name: 'trash' }
  | { name: 'help' }
  | { name: 'present' }
  | { name: 'team' }
  | { name: 'study'; studyId: string; tab: StudyTab }
  | { name: 'session'; studyId: string; sessionId: string }
  | { name: 'compare'; studyId: string }
  | { name: 'notFound'; hash: string };

const ID = '([A-Za-z0-9_-]{1,100})';

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '') return { name: 'studies' };
  if (path === '/trash') return { name: 'trash' };
  if (path === '/help') return { name: 'help' };
  if (path === '/present') return { name: 'present' };
  if (path === '/team') return { name: 'team' };
  let m = new RegExp(`^/study/${ID}/session/${ID}$`).exec(path);
  if (m) return { name: 'session', studyId: m[1]!, sessionId: m[2]! };
  m = new RegExp(`^/study/${ID}/compare$`).exec(path);
  if (m) return { name: 'compare', studyId: m[1]! };
  m = new RegExp(`^/study/${ID}(?:/(\\w+))?$`).exec(path);
  if (m) {
    const tab = (m[2] ?? 'sessions') as StudyTab;
    if (STUDY_TABS.includes(tab)) return { name: 'study', studyId: m[1]!, tab };
  }
  return { name: 'notFound', hash };
}

export function hrefFor(route: Exclude<Route, { name: 'notFound' }>): string {
  switch (route.name) {
    case 'studies':
      return '#/';
    case 'trash':
      return '#/trash';
    case 'help':
      return '#/help';
    case 'present':
      return '#/present';
    case 'team':
      return '#/team';
    case 'study':
      return route.tab === 'sessions' ? `#/study/${route.studyId}` : `#/study/${route.studyId}/${route.tab}`;
    case 'session':
      return `#/study/${route.studyId}/session/${route.sessionId}`;
    case 'compare':
      return `#/study/${route.studyId}/compare`;
  }
}

export function navigate(route: Exclude<Route, { name: 'notFound' }>, opts: { replace?: boolean } = {}): void {
  const href = hrefFor(route);
  if (opts.replace) {
    const url = new URL(window.location.href);
    url.hash = href;
    window.history.replaceState(window.history.state, '', url);
    // replaceState fires no hashchange; tell the subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current hash; components re-render when it changes. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, currentHash);
}

export function useRoute(): Route {
  return parseHash(useHash());
}
