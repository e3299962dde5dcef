import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/app.css';
import { i18n, setLanguage } from '../i18n';
import { useAppStore } from '../store/appStore';
import { loadPrefs, reportError } from '../store/actions';
import { StudiesPage } from '../studies/StudiesPage';
import { StudyPage } from '../studies/StudyPage';
import { TeamPage } from '../studies/TeamPage';
import { TrashPage } from '../studies/TrashPage';
import { HelpPage } from '../present/HelpPage';
import { LanguageChoice } from './LanguageChoice';
import { NoticeArea } from './NoticeArea';
import { PageHeading } from '../ui/PageHeading';
import { navigate, useRoute } from '../ui/router';
import { TopBar } from './TopBar';
import { BlankScreen } from '../ui/BlankScreen';
import { useLockKeys } from '../ui/lockKeys';
import { useIdleLock, useOpenStudyEncrypted } from '../store/lock';
import { useUnloadGuard } from './useUnloadGuard';
import { CompareRoute, loadComparePage } from '../compare/CompareRoute';

// The pages that draw with Konva (the map editor, Compare, the audience window) load when
// first opened: the studies list a facilitator starts on does not wait for the canvas
// library, the analysis client or the compare views (issue 14: initial JavaScript).
const SessionPage = lazy(() => import('./SessionPage').then((m) => ({ default: m.SessionPage })));
const AudiencePage = lazy(() => import('../present/AudiencePage').then((m) => ({ default: m.AudiencePage })));

/** Whether the app was started without a place to go (not a reload of a page). */
const startedWithoutRoute = () => window.location.hash === '' || window.location.hash === '#';

/**
 * The shell: preferences (language, large text), the top bar, routing, the notice
 * area, and the guard that flushes saves on leaving. On a fresh start it reopens the
 * study used last.
 */
export function App() {
  const { t } = useTranslation();
  const [booted, setBooted] = useState(false);
  const prefs = useAppStore((s) => s.prefs);
  const route = useRoute();
  useUnloadGuard();
  // Issue 16: the idle lock, Ctrl+Shift+B (blank screen) and Ctrl+Shift+L (lock study).
  // The audience window has its own keys and nothing to lock (it loads nothing from the host).
  const isAudience = route.name === 'present';
  const canLock = useOpenStudyEncrypted();
  useIdleLock(!isAudience);
  useLockKeys(canLock, !isAudience);

  useEffect(() => {
    const fresh = startedWithoutRoute();
    loadPrefs()
      .then(() => {
        const last = useAppStore.getState().prefs.lastStudyId;
        if (fresh && last) navigate({ name: 'study', studyId: last, tab: 'sessions' }, { replace: true });
      })
      .catch(reportError)
      .finally(() => setBooted(true));
  }, []);

  useEffect(() => {
    const lang = prefs.language;
    void setLanguage(lang, prefs.bengaliDigits ?? false).then(() => {
      // Until a language has its own catalogue the words on screen are English; the
      // page must say so, or a screen reader reads English with a Bengali voice.
      if (!i18n.hasResourceBundle(lang, 'common')) document.documentElement.lang = 'en';
    });
  }, [prefs.language, prefs.bengaliDigits]);

  useEffect(() => {
    document.documentElement.classList.toggle('large-text', prefs.largeText);
  }, [prefs.largeText]);

  // On a study's page, fetch the compare view's code once the page is idle: the initial
  // JavaScript stays small, and Compare opens without waiting for its chunk to download and
  // run (about a third of its first draw at 500 sessions; issue 14).
  const onStudyPage = booted && route.name === 'study';
  useEffect(() => {
    if (!onStudyPage) return;
    const prefetch = () => void loadComparePage().catch(() => undefined); // fetched again when opened
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = setTimeout(prefetch, 1000);
      return () => clearTimeout(timer);
    }
    const handle = window.requestIdleCallback(prefetch, { timeout: 2000 });
    return () => window.cancelIdleCallback(handle);
  }, [onStudyPage]);

  // The audience window (the projector) is the picture alone: no bar, no notices.
  if (route.name === 'present')
    return booted ? (
      <Suspense fallback={null}>
        <AudiencePage />
      </Suspense>
    ) : null;

  let page: ReactNode;
  if (!booted) page = <p className="page">{t('loading')}</p>;
  else if (route.name === 'studies') page = <StudiesPage />;
  else if (route.name === 'trash') page = <TrashPage />;
  else if (route.name === 'help') page = <HelpPage />;
  else if (route.name === 'team') page = <TeamPage />;
  else if (route.name === 'study') page = <StudyPage key={route.studyId} studyId={route.studyId} tab={route.tab} />;
  else if (route.name === 'session') page = <SessionPage key={route.sessionId} studyId={route.studyId} sessionId={route.sessionId} />;
  else if (route.name === 'compare') page = <CompareRoute key={route.studyId} studyId={route.studyId} fallback={<p className="page">{t('loading')}</p>} />;
  else
    page = (
      <div className="page">
        <PageHeading>{t('app:notFound.title')}</PageHeading>
        <p>
          <a href="#/">{t('app:notFound.toStudies')}</a>
        </p>
      </div>
    );

  return (
    <div className={`app${route.name === 'session' ? ' app-editor' : ''}`}>
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('app:skipToContent')}
      </a>
      <TopBar compact={route.name === 'session'} canLock={canLock} />
      <main id="main" tabIndex={-1} className="app-main">
        {/* The first-start language card belongs on the studies list, where a first start
            lands; above the editor it would take the map's room (the bar's Language menu
            is on every page). */}
        {booted && !prefs.languageChosen && route.name === 'studies' && <LanguageChoice />}
        <Suspense fallback={<p className="page">{t('loading')}</p>}>{page}</Suspense>
        <NoticeArea />
      </main>
      <BlankScreen />
    </div>
  );
}
