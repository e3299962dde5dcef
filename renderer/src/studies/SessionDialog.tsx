import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newSession } from '../../../shared/model/defaults';
import { SESSION_KINDS, type Session, type SessionKind } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { duplicateSession, nextRoundId, sessionWithCode, suggestSessionCode, updateSessionDetails, type SessionDetails } from '../../../shared/ops/sessionMeta';
import { Dialog } from '../ui/Dialog';
import { navigate } from '../ui/router';
import { createSession, putSession } from '../store/actions';
import { errorMessage } from '../store/hostErrors';
import { Field, parseNumber } from './Field';

export type SessionDialogMode = { kind: 'create' } | { kind: 'edit'; session: Session } | { kind: 'duplicate'; session: Session };

/**
 * Create, edit or duplicate a session's details. Sessions carry a code, never names:
 * the facilitator field asks for a code or initials.
 */
export function SessionDialog({ study, sessions, mode, onClose }: { study: Study; sessions: Session[]; mode: SessionDialogMode; onClose(): void }) {
  const { t } = useTranslation('studies');
  const source = mode.kind === 'create' ? null : mode.session;
  const firstRound = study.rounds[0]?.id ?? null;
  const initialRound = mode.kind === 'duplicate' ? (nextRoundId(study, mode.session.roundId) ?? mode.session.roundId) : (source?.roundId ?? firstRound);
  const initialKind: SessionKind = source?.kind ?? 'fgd';
  const prefix = (k: SessionKind) => t(`sessionForm.codePrefix.${k}`);

  const [code, setCode] = useState(source?.code ?? suggestSessionCode(sessions, initialKind, initialRound, prefix(initialKind)));
  const [codeTouched, setCodeTouched] = useState(!!source);
  const [kind, setKind] = useState<SessionKind>(initialKind);
  const [cohortId, setCohortId] = useState(source?.cohortId ?? study.cohorts[0]?.id ?? '');
  const [roundId, setRoundId] = useState<string | null>(initialRound);
  const [date, setDate] = useState(mode.kind === 'edit' ? mode.session.date : '');
  const [place, setPlace] = useState(source?.place ?? '');
  const [facilitator, setFacilitator] = useState(source?.facilitator ?? '');
  const [participants, setParticipants] = useState(source?.participants ? String(source.participants) : '');
  const [consent, setConsent] = useState(mode.kind === 'edit' ? mode.session.consent : false);
  const [copyPlacements, setCopyPlacements] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof errorMessage> | null>(null);

  const exceptId = mode.kind === 'edit' ? mode.session.id : undefined;
  const clash = sessionWithCode(sessions, code, roundId, exceptId);
  const roundName = study.rounds.find((r) => r.id === roundId)?.name ?? t('sessions.noRound');
  const n = parseNumber(participants);
  const errors = {
    code: !code.trim() ? t('sessionForm.codeRequired') : clash ? t('sessionForm.codeTaken', { code: clash.code, round: roundName }) : null,
    cohort: !study.cohorts.some((c) => c.id === cohortId) ? t('sessionForm.cohortRequired') : null,
    participants: participants.trim() && (n === null || !Number.isInteger(n) || n < 1 || n > 500) ? t('sessionForm.participantsRange') : null,
  };
  // The code clash shows at once (it is a warning about existing data); the rest after submit.
  const show = (e: string | null, always = false) => (submitted || always ? e : null);

  const changeKind = (k: SessionKind) => {
    setKind(k);
    if (!codeTouched) setCode(suggestSessionCode(sessions, k, roundId, prefix(k)));
  };

  const details = (): SessionDetails => ({
    code,
    kind,
    cohortId,
    roundId,
    date,
    place,
    facilitator,
    participants: participants.trim() ? n : null,
    consent,
  });

  const submit = async () => {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    setBusy(true);
    setError(null);
    try {
      const now = new Date().toISOString();
      if (mode.kind === 'edit') {
        putSession(updateSessionDetails(mode.session, details()));
        onClose();
        return;
      }
      const base =
        mode.kind === 'duplicate'
          ? duplicateSession(mode.session, { id: crypto.randomUUID(), now, roundId, copyPlacements })
          : newSession({ id: crypto.randomUUID(), studyId: study.id, code, kind, cohortId, roundId, now });
      const session = updateSessionDetails(base, details());
      await createSession(session);
      onClose();
      if (mode.kind === 'create') navigate({ name: 'session', studyId: study.id, sessionId: session.id });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const title = mode.kind === 'create' ? t('sessionForm.createTitle') : mode.kind === 'edit' ? t('sessionForm.editTitle', { code: mode.session.code }) : t('sessionForm.duplicateTitle', { code: mode.session.code });
  const submitLabel = mode.kind === 'create' ? t('sessionForm.createSubmit') : mode.kind === 'edit' ? t('sessionForm.editSubmit') : t('sessionForm.duplicateSubmit');

  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={() => void submit()}
      error={error ? t(error.key, error.values) : null}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {submitLabel}
          </button>
        </>
      }
    >
      {mode.kind === 'duplicate' ? <p className="dialog-lead">{t('sessionForm.duplicateIntro')}</p> : null}
      <div className="field-row">
        <Field label={t('sessionForm.code')} hint={t('sessionForm.codeHint')} error={show(errors.code, !!clash)}>
          {(p) => (
            <input
              {...p}
              className="input"
              value={code}
              maxLength={60}
              autoFocus
              onChange={(e) => {
                setCode(e.target.value);
                setCodeTouched(true);
              }}
            />
          )}
        </Field>
        <fieldset className="fieldset-inline">
          <legend className="field-label">{t('sessionForm.kind')}</legend>
          <div className="radio-row">
            {SESSION_KINDS.map((k) => (
              <label key={k} className="check">
                <input type="radio" name="session-kind" value={k} checked={kind === k} onChange={() => changeKind(k)} />
                <span>{t(`kinds.${k}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="field-row">
        <Field label={t('sessionForm.cohort')} error={show(errors.cohort)}>
          {(p) => (
            <select {...p} className="select" value={cohortId} onChange={(e) => setCohortId(e.target.value)}>
              {study.cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('sessionForm.round')}>
          {(p) => (
            <select {...p} className="select" value={roundId ?? ''} onChange={(e) => setRoundId(e.target.value || null)}>
              {study.rounds.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
              {study.rounds.length === 0 || roundId === null ? <option value="">{t('sessions.noRound')}</option> : null}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field label={t('sessionForm.date')}>
          {(p) => <input {...p} type="date" className="input" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label={t('sessionForm.place')} hint={t('sessionForm.placeHint')}>
          {(p) => <input {...p} className="input" value={place} maxLength={200} onChange={(e) => setPlace(e.target.value)} />}
        </Field>
      </div>
      <div className="field-row">
        <Field label={t('sessionForm.facilitator')} hint={t('sessionForm.facilitatorHint')}>
          {(p) => <input {...p} className="input" value={facilitator} maxLength={100} onChange={(e) => setFacilitator(e.target.value)} />}
        </Field>
        <Field label={t('sessionForm.participants')} error={show(errors.participants)}>
          {(p) => <input {...p} className="input input-number" inputMode="numeric" value={participants} onChange={(e) => setParticipants(e.target.value)} />}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>{t('sessionForm.consent')}</span>
      </label>
      {mode.kind === 'duplicate' ? (
        <label className="check">
          <input type="checkbox" checked={copyPlacements} onChange={(e) => setCopyPlacements(e.target.checked)} />
          <span>{t('sessionForm.copyPlacements')}</span>
        </label>
      ) : null}
      <p className="field-hint">{t('sessionForm.noNames')}</p>
    </Dialog>
  );
}
