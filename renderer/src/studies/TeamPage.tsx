import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../ui/PageHeading';
import { hrefFor } from '../ui/router';
import { loadStudies, notify, updatePrefs } from '../store/actions';
import { useAppStore } from '../store/appStore';
import { BackupDialog } from './BackupDialog';
import { RestoreDialog } from './RestoreDialog';
import { LockTimeSetting } from '../ui/LockTimeSetting';

const SYNCTHING_STEPS = ['syncthing1', 'syncthing2', 'syncthing3', 'syncthing4'] as const;
const SEES = ['see1', 'see2', 'see3'] as const;

/**
 * "Work as a team" (`#/team`): several facilitators, each on a laptop, one study, no
 * server. How to share a study's folder with Syncthing or another sync tool, what each
 * facilitator sees, what happens offline and how a conflict looks; and this device's name,
 * which its saves carry (repository writer, set through the `deviceName` preference);
 * and backup and restore of a study, to carry it by USB or e-mail where nothing syncs.
 */
export function TeamPage() {
  const { t } = useTranslation('team');
  const prefs = useAppStore((s) => s.prefs);
  const dataDir = useAppStore((s) => s.appInfo?.dataDir ?? '');
  const studies = useAppStore((s) => s.studies);
  const [name, setName] = useState(prefs.deviceName ?? '');
  const nameId = useId();
  const hintId = useId();
  const [backingUp, setBackingUp] = useState<{ id: string; title: string } | null>(null);
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    void loadStudies();
  }, []);

  const save = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    // Empty: the computer's own name again.
    void updatePrefs({ deviceName: trimmed }).then(() => notify({ tone: 'info', key: 'team:device.saved' }));
  };
  // The separator of the data folder's own system (a Windows path has backslashes).
  const sep = dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/';

  return (
    <div className="page team-page">
      <nav className="breadcrumbs" aria-label={t('common:breadcrumbs')}>
        <a href={hrefFor({ name: 'studies' })}>{t('studies:list.title')}</a>
      </nav>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead')}</p>

      <section className="card team-card" aria-labelledby="team-device">
        <h2 id="team-device">{t('device.title')}</h2>
        <form className="team-device" onSubmit={save}>
          <label className="field" htmlFor={nameId}>
            <span className="field-label">{t('device.label')}</span>
            <input id={nameId} className="input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} aria-describedby={hintId} data-testid="device-name" />
          </label>
          <button type="submit" className="button button-primary">
            {t('device.save')}
          </button>
        </form>
        <p id={hintId} className="field-hint">
          {t('device.hint')}
        </p>
      </section>

      <LockTimeSetting />

      <section aria-labelledby="team-folders">
        <h2 id="team-folders">{t('folders.title')}</h2>
        <p>{t('folders.hint')}</p>
        {studies && studies.length > 0 ? (
          <ul className="team-folders">
            {studies.map((s) => (
              <li key={s.id}>
                <span className="team-folder-title">{s.title}</span> <code>{`${dataDir}${sep}${s.id}`}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('folders.none')}</p>
        )}
      </section>

      <section aria-labelledby="team-backup">
        <h2 id="team-backup">{t('backupSection.title')}</h2>
        <p>{t('backupSection.text')}</p>
        {studies && studies.length > 0 ? (
          <ul className="team-backups">
            {studies.map((s) => (
              <li key={s.id}>
                <span className="team-folder-title">{s.title}</span>
                <button type="button" className="button button-small" aria-label={t('backupSection.backUpLabel', { title: s.title })} onClick={() => setBackingUp(s)}>
                  {t('backupSection.backUp')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <button type="button" className="button" onClick={() => setRestoring(true)} data-testid="restore-open">
          {t('backupSection.restore')}
        </button>
      </section>

      <section aria-labelledby="team-syncthing">
        <h2 id="team-syncthing">{t('syncthing.title')}</h2>
        <ol>
          {SYNCTHING_STEPS.map((k) => (
            <li key={k}>{t(`syncthing.${k}`)}</li>
          ))}
        </ol>
        <h3>{t('other.title')}</h3>
        <p>{t('other.text')}</p>
      </section>

      <section aria-labelledby="team-sees">
        <h2 id="team-sees">{t('sees.title')}</h2>
        <ul>
          {SEES.map((k) => (
            <li key={k}>{t(`sees.${k}`)}</li>
          ))}
        </ul>
        <h3>{t('offline.title')}</h3>
        <p>{t('offline.text')}</p>
        <h3>{t('conflict.title')}</h3>
        <p>{t('conflict.text')}</p>
        <p className="notice-inline">{t('tip')}</p>
      </section>
      {backingUp ? <BackupDialog study={backingUp} onClose={() => setBackingUp(null)} /> : null}
      {restoring ? <RestoreDialog onClose={() => setRestoring(false)} /> : null}
    </div>
  );
}
