import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveStatus } from '../store/saveStatus';
import { PageHeading } from '../ui/PageHeading';
import { hrefFor, STUDY_TABS, type StudyTab } from '../ui/router';
import { SaveIndicator } from '../ui/SaveIndicator';
import { ExportDialog } from '../export/ExportDialog';
import { MergeDialog } from '../export/MergeDialog';
import { ImportCsvDialog } from '../import/ImportCsvDialog';
import { StudyNotOpen } from '../ui/StudyUnavailable';
import { useAppStore } from '../store/appStore';
import { useOpenStudy } from '../store/useOpenStudy';
import { retryFailedSaves, studyKey } from '../store/persistence';
import { resolveStudyConflict } from '../store/actions';
import { ChangedElsewhere } from '../ui/ChangedElsewhere';
import { GroupsTab } from './GroupsTab';
import { LoadProblems } from './LoadProblems';
import { SessionsTab } from './SessionsTab';
import { SettingsTab } from './SettingsTab';
import { StakeholdersTab } from './StakeholdersTab';

const IDLE: SaveStatus = { state: 'idle' };

/**
 * One status for everything of a study: a failure anywhere shows, then "Saving…" while
 * anything is being written, then "Saved" with the latest time.
 */
function combine(statuses: SaveStatus[]): SaveStatus {
  const failed = statuses.find((s) => s.state === 'conflict') ?? statuses.find((s) => s.state === 'error');
  if (failed) return failed;
  if (statuses.some((s) => s.state === 'saving')) return { state: 'saving' };
  const saved = statuses.filter((s): s is Extract<SaveStatus, { state: 'saved' }> => s.state === 'saved');
  if (saved.length) return saved.reduce((a, b) => (a.savedAt > b.savedAt ? a : b));
  return IDLE;
}

function useStudySaveStatus(studyId: string): SaveStatus {
  const saves = useAppStore((s) => s.saves);
  const mine = Object.entries(saves)
    .filter(([k]) => k === `study:${studyId}` || k.startsWith(`session:${studyId}/`))
    .map(([, v]) => v);
  return combine(mine);
}

export function StudyPage({ studyId, tab }: { studyId: string; tab: StudyTab }) {
  const { t } = useTranslation('studies');
  const { open, failure } = useOpenStudy(studyId);
  const saveStatus = useStudySaveStatus(studyId);
  const studyConflict = useAppStore((s) => s.saves[studyKey(studyId)]?.state === 'conflict');
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [merging, setMerging] = useState(false);

  if (!open) return <StudyNotOpen failure={failure} />;
  const { study, sessions } = open;
  const activeCount = study.stakeholders.filter((s) => !s.retired).length;
  const counts: Record<StudyTab, number | null> = { sessions: sessions.length, stakeholders: activeCount, groups: null, settings: null };

  return (
    <div className="page page-wide">
      <nav className="breadcrumbs" aria-label={t('common:breadcrumbs')}>
        <a href={hrefFor({ name: 'studies' })}>{t('list.title')}</a>
      </nav>
      <div className="page-header">
        <div className="page-header-text">
          <PageHeading>{study.title}</PageHeading>
          {study.description ? <p className="lead">{study.description}</p> : null}
        </div>
        <div className="page-header-actions">
          <SaveIndicator status={saveStatus} onRetry={() => void retryFailedSaves()} />
          <a className="button" href={hrefFor({ name: 'compare', studyId })}>
            {t('compare:link')}
          </a>
          <button type="button" className="button" onClick={() => setImporting(true)}>
            {t('import:open')}
          </button>
          <button type="button" className="button" onClick={() => setMerging(true)}>
            {t('export:open.merge')}
          </button>
          <button type="button" className="button" onClick={() => setExporting(true)}>
            {t('export:open.study')}
          </button>
        </div>
      </div>
      {importing ? <ImportCsvDialog studyId={study.id} studyTitle={study.title} onClose={() => setImporting(false)} /> : null}
      {merging ? <MergeDialog study={study} onClose={() => setMerging(false)} /> : null}
      {exporting ? <ExportDialog scope={{ kind: 'study', study, sessions }} onClose={() => setExporting(false)} /> : null}

      {studyConflict ? (
        <ChangedElsewhere
          kind="study"
          choices={[
            { id: 'theirs', label: t('common:changedElsewhere.theirs'), hint: t('common:changedElsewhere.theirsStudy'), run: () => resolveStudyConflict(study.id, 'theirs') },
            { id: 'mine', label: t('common:changedElsewhere.mine'), hint: t('common:changedElsewhere.mineHint'), run: () => resolveStudyConflict(study.id, 'mine') },
          ]}
        />
      ) : null}
      <LoadProblems studyId={study.id} problems={open.problems} />

      <nav className="tabs" aria-label={t('tabs.label')}>
        <ul>
          {STUDY_TABS.map((name) => (
            <li key={name}>
              <a className="tab" href={hrefFor({ name: 'study', studyId, tab: name })} aria-current={name === tab ? 'page' : undefined}>
                {t(`tabs.${name}`)}
                {counts[name] !== null ? <span className="tab-count">{counts[name]}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="tab-panel">
        {tab === 'sessions' ? <SessionsTab study={study} sessions={sessions} /> : null}
        {tab === 'stakeholders' ? <StakeholdersTab study={study} sessions={sessions} /> : null}
        {tab === 'groups' ? <GroupsTab study={study} sessions={sessions} /> : null}
        {tab === 'settings' ? <SettingsTab study={study} sessions={sessions} /> : null}
      </div>
    </div>
  );
}
