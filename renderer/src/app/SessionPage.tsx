import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/appStore';
import { copyCode, notify, putSession, resolveSessionConflict } from '../store/actions';
import { useOpenStudy } from '../store/useOpenStudy';
import { retrySave, sessionKey } from '../store/persistence';
import { MapEditor } from '../editor/MapEditor';
import { ExportDialog } from '../export/ExportDialog';
import { PageHeading } from '../ui/PageHeading';
import { ChangedElsewhere } from '../ui/ChangedElsewhere';
import { hrefFor, navigate } from '../ui/router';
import { StudyNotOpen } from '../ui/StudyUnavailable';
import { APP_BAR_SLOT_ID } from './TopBar';
import { VersionsDialog } from './VersionsDialog';
import { toAudienceSession, toAudienceStudy, type AudiencePicture } from '../../../shared/present/audience';
import { PresentButton } from '../present/PresentControls';
import { useShowOnAudience } from '../present/presenter';

const IDLE = { state: 'idle' } as const;

/** One session's map: the page around the map editor, and its persistence. */
export function SessionPage({ studyId, sessionId }: { studyId: string; sessionId: string }) {
  const { t } = useTranslation('app');
  const { open, failure } = useOpenStudy(studyId, { openSessionId: sessionId });
  const language = useAppStore((s) => s.prefs.language);
  const key = sessionKey(studyId, sessionId);
  const saveStatus = useAppStore((s) => s.saves[key]) ?? IDLE;
  const resetCount = useAppStore((s) => s.resetKeys[sessionId] ?? 0);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  // The top bar is mounted by the shell before any page (pages wait for the
  // preferences); its middle is filled from here.
  const [barSlot] = useState(() => document.getElementById(APP_BAR_SLOT_ID));

  // What the projector shows while this map is open: positions and statuses only, redrawn
  // on every move, undo and status change (the store holds the editor's latest session).
  const current = open?.sessions.find((s) => s.id === sessionId) ?? null;
  const openStudy = open?.study ?? null;
  const gridStudy = useMemo(() => (openStudy ? toAudienceStudy(openStudy) : null), [openStudy]);
  const picture = useMemo<AudiencePicture | null>(
    () => (gridStudy && current ? { kind: 'map', language, study: gridStudy, session: toAudienceSession(current) } : null),
    [gridStudy, current, language],
  );
  useShowOnAudience(picture);

  if (!open) return <StudyNotOpen failure={failure} />;

  const { study } = open;
  const session = open.sessions.find((s) => s.id === sessionId);
  const studyHref = hrefFor({ name: 'study', studyId, tab: 'sessions' });
  if (!session) {
    return (
      <div className="page">
        <PageHeading>{t('editor.notFound')}</PageHeading>
        <p>{t('editor.notFoundText')}</p>
        <a className="button" href={studyHref}>
          {t('editor.backTo', { title: study.title })}
        </a>
      </div>
    );
  }

  const copyLabel = (n: number) => (n === 1 ? t('common:changedElsewhere.copyLabel') : t('common:changedElsewhere.copyLabelN', { n }));
  const resolve = async (choice: 'theirs' | 'copy') => {
    const { done, show } = await resolveSessionConflict(session, choice, copyLabel);
    if (!done) return; // the copy was not written: the notice stays, with the edits
    if (show === null) {
      notify({ tone: 'info', key: 'common:changedElsewhere.deletedElsewhere' });
      navigate({ name: 'study', studyId, tab: 'sessions' });
    } else if (show !== session.id) navigate({ name: 'session', studyId, sessionId: show });
  };
  const sameRound = open.sessions.filter((s) => s.roundId === session.roundId).map((s) => s.code);
  const cohort = study.cohorts.find((c) => c.id === session.cohortId);
  const round = study.rounds.find((r) => r.id === session.roundId);
  return (
    <div className="session-page">
      {barSlot
        ? createPortal(
            <>
              <a className="back-link" href={studyHref}>
                <span aria-hidden="true">← </span>
                <span className="visually-hidden">{t('editor.backToHidden')}</span>
                {study.title}
              </a>
              <div className="session-bar-title">
                <PageHeading className="session-title">{t('editor.heading', { code: session.code })}</PageHeading>
                <span className="session-bar-meta">
                  {[t(`studies:kindsShort.${session.kind}`), cohort?.name, round?.name].filter(Boolean).join(' · ')}
                </span>
              </div>
              <button type="button" className="button button-small" onClick={() => setVersionsOpen(true)}>
                {t('versions.open')}
              </button>
              <button type="button" className="button button-small" onClick={() => setExporting(true)}>
                {t('export:open.map')}
              </button>
              <PresentButton />
              <a className="button button-small" href={hrefFor({ name: 'help' })}>
                {t('present:help.open')}
              </a>
            </>,
            barSlot,
          )
        : null}
      {saveStatus.state === 'conflict' ? (
        <ChangedElsewhere
          kind="session"
          choices={[
            { id: 'theirs', label: t('common:changedElsewhere.theirs'), hint: t('common:changedElsewhere.theirsSession'), run: () => resolve('theirs') },
            {
              id: 'copy',
              label: t('common:changedElsewhere.copy'),
              hint: t('common:changedElsewhere.copyHint', { code: copyCode(session.code, sameRound, copyLabel) }),
              run: () => resolve('copy'),
            },
          ]}
        />
      ) : null}
      <MapEditor
        study={study}
        session={session}
        onChange={putSession}
        saveStatus={saveStatus}
        onRetrySave={() => void retrySave(key)}
        resetKey={`${session.id}:${resetCount}`}
        language={language}
      />
      {versionsOpen ? <VersionsDialog session={session} study={study} onClose={() => setVersionsOpen(false)} /> : null}
      {exporting ? <ExportDialog scope={{ kind: 'session', study, session }} onClose={() => setExporting(false)} /> : null}
    </div>
  );
}
