import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionVersion } from '../../../shared/contract/hostContract';
import type { Placement, Session } from '../../../shared/model/session';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { callHost } from '../host/hostClient';
import { notify, restoreSessionVersion } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { Dialog } from '../ui/Dialog';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useAppStore } from '../store/appStore';
import './versions.css';

/**
 * "Earlier versions" of one session: when each was saved and how far the map had got.
 * Choosing one shows that version's map and what differs from the current map before
 * anything is restored. Restoring writes the chosen version as the current one; the map
 * it replaces is written first, so it stays in the history and the restore can itself
 * be undone.
 */
export function VersionsDialog({ session, study, onClose }: { session: Session; study?: Study; onClose(): void }) {
  const { t, i18n } = useTranslation('app');
  const [versions, setVersions] = useState<SessionVersion[] | null>(null);
  const [error, setError] = useState<ReturnType<typeof errorMessage> | null>(null);
  const [chosen, setChosen] = useState<SessionVersion | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    callHost('listSessionVersions', { studyId: session.studyId, sessionId: session.id })
      .then((list) => live && setVersions([...list].sort((a, b) => b.savedAt.localeCompare(a.savedAt))))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [session.studyId, session.id]);

  const restore = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await restoreSessionVersion(session, chosen.versionId);
      notify({ tone: 'info', key: 'app:versions.restored', values: { code: session.code, time: formatDateTime(chosen.savedAt, i18n.language) } });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const when = (v: SessionVersion) => formatDateTime(v.savedAt, i18n.language);

  return (
    <Dialog
      title={t('versions.title', { code: session.code })}
      size="wide"
      onClose={onClose}
      error={error ? t(error.key, error.values) : null}
      footer={
        chosen ? (
          <>
            <button type="button" className="button" onClick={() => setChosen(null)} disabled={busy}>
              {t('common:cancel')}
            </button>
            <button type="button" className="button button-primary" onClick={() => void restore()} disabled={busy}>
              {t('versions.confirmRestore')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={onClose}>
            {t('common:close')}
          </button>
        )
      }
    >
      {chosen ? (
        <>
          <p className="dialog-lead">{t('versions.confirmText', { time: when(chosen), placed: chosen.placed })}</p>
          {chosen.placements ? <VersionPreview study={study} current={session} placements={chosen.placements} time={when(chosen)} /> : null}
        </>
      ) : versions === null && !error ? (
        <p>{t('common:loading')}</p>
      ) : versions && versions.length === 0 ? (
        <p>{t('versions.none')}</p>
      ) : versions ? (
        <>
          <p className="dialog-lead">{t('versions.intro')}</p>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('versions.savedAt')}</th>
                  <th scope="col" className="num">{t('common:status.placed')}</th>
                  <th scope="col" className="num">{t('common:status.unknown')}</th>
                  <th scope="col" className="num">{t('common:status.not_discussed')}</th>
                  <th scope="col">{t('versions.kind')}</th>
                  <th scope="col"><span className="visually-hidden">{t('versions.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.versionId}>
                    <td>{when(v)}</td>
                    <td className="num">{v.placed}</td>
                    <td className="num">{v.unknown}</td>
                    <td className="num">{v.notDiscussed}</td>
                    <td>{t(`versions.kinds.${v.kind}`)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('versions.restoreLabel', { time: when(v) })}
                        onClick={() => setChosen(v)}
                      >
                        {t('versions.restore')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}

type Placements = Record<string, Placement>;

/** Power and interest, or null when the stakeholder is not placed on the map. */
function positionOf(p: Placement | undefined): { power: number; interest: number } | null {
  return p && p.status === 'placed' && p.position ? p.position : null;
}

/**
 * The chosen version before it is restored: a small drawing of its map (placed
 * stakeholders by short label, on the same axes as the editor) and, in words, what
 * differs from the current map — for a screen reader the list is the preview.
 */
function VersionPreview({ study, current, placements, time }: { study?: Study; current: Session; placements: Placements; time: string }) {
  const { t, i18n } = useTranslation('app');
  const language = useAppStore((s) => s.prefs.language) as Language;
  const label = (id: string) => {
    const st = study?.stakeholders.find((s) => s.id === id);
    return st ? stakeholderLabel(st, language) : { name: id, short: id };
  };
  const num = (v: number) => formatNumber(v, i18n.language);
  const size = 220;
  const pad = 14;
  const x = (interest: number) => pad + (interest / 10) * (size - 2 * pad);
  const y = (power: number) => size - pad - (power / 10) * (size - 2 * pad);
  const mid = study?.midline ?? { power: 5, interest: 5 };
  const dots = Object.entries(placements)
    .map(([id, p]) => ({ id, at: positionOf(p) }))
    .filter((d): d is { id: string; at: { power: number; interest: number } } => d.at !== null)
    .sort((a, b) => a.id.localeCompare(b.id));

  const ids = [...new Set([...Object.keys(placements), ...Object.keys(current.placements)])].sort((a, b) => label(a).name.localeCompare(label(b).name));
  const changes: string[] = [];
  for (const id of ids) {
    const then = positionOf(placements[id]);
    const now = positionOf(current.placements[id]);
    const name = label(id).name;
    if (then && now && (then.power !== now.power || then.interest !== now.interest))
      changes.push(t('versions.preview.moved', { name, nowPower: num(now.power), nowInterest: num(now.interest), thenPower: num(then.power), thenInterest: num(then.interest) }));
    else if (then && !now) changes.push(t('versions.preview.onlyThen', { name }));
    else if (!then && now) changes.push(t('versions.preview.onlyNow', { name }));
  }
  const shown = changes.slice(0, 8);
  return (
    <div className="version-preview" data-testid="version-preview">
      <svg
        className="version-preview-map"
        viewBox={`0 0 ${size} ${size}`}
        width={size}
        height={size}
        role="img"
        aria-label={t('versions.preview.mapLabel', { time, count: dots.length })}
      >
        <rect x={pad} y={pad} width={size - 2 * pad} height={size - 2 * pad} className="version-preview-frame" />
        <line x1={x(mid.interest)} x2={x(mid.interest)} y1={pad} y2={size - pad} className="version-preview-mid" />
        <line x1={pad} x2={size - pad} y1={y(mid.power)} y2={y(mid.power)} className="version-preview-mid" />
        {study ? (
          <>
            <text x={size / 2} y={size - 2} textAnchor="middle" className="version-preview-axis">
              {study.axes.interest} →
            </text>
            <text x={9} y={size / 2} textAnchor="middle" transform={`rotate(-90 9 ${size / 2})`} className="version-preview-axis">
              {study.axes.power} →
            </text>
          </>
        ) : null}
        {dots.map((d) => (
          <g key={d.id} data-stakeholder={d.id}>
            <circle cx={x(d.at.interest)} cy={y(d.at.power)} r={4} className="version-preview-dot" />
            <text x={x(d.at.interest) + 6} y={y(d.at.power) + 3} className="version-preview-label">
              {label(d.id).short}
            </text>
          </g>
        ))}
      </svg>
      <div className="version-preview-changes">
        <p className="version-preview-title">{t('versions.preview.changesTitle')}</p>
        {changes.length === 0 ? (
          <p>{t('versions.preview.same')}</p>
        ) : (
          <ul data-testid="version-changes">
            {shown.map((c) => (
              <li key={c}>{c}</li>
            ))}
            {changes.length > shown.length ? <li>{t('versions.preview.more', { count: changes.length - shown.length })}</li> : null}
          </ul>
        )}
      </div>
    </div>
  );
}
