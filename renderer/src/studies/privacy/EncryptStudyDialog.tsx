import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudySummary } from '../../../../shared/contract/hostContract';
import { callHost, HostCallError } from '../../host/hostClient';
import { loadStudies, openStudy } from '../../store/actions';
import { useAppStore } from '../../store/appStore';
import { flushStudy } from '../../store/persistence';
import { Dialog } from '../../ui/Dialog';
import { useAlive } from '../../ui/useAlive';
import { BackupDialog } from '../BackupDialog';
import { Field } from '../Field';
import { PassphraseFields, passphraseProblems, type PassphrasePair } from './PassphraseFields';
import { privacyError } from './privacyErrors';
import { PrintableKeySheet, qrSource, splitWords, WordGrid } from './RecoveryKey';
import './privacy.css';

type Step = 'about' | 'passphrase' | 'key' | 'working' | 'done';
type Message = { key: string; values?: Record<string, string | number> };

/** The minutes of the idle lock when the person has not chosen any (hostContract `lockAfterMinutes`). */
const DEFAULT_LOCK_MINUTES = 10;

/**
 * Three different word positions (0-based, ascending) to ask for. Random each time the
 * key is shown, from the platform's CSPRNG, so the person has to have the whole key and
 * cannot learn which three will be asked.
 */
function pickPositions(n: number, count = 3): number[] {
  const picked = new Set<number>();
  const buf = new Uint32Array(1);
  while (picked.size < Math.min(count, n)) {
    crypto.getRandomValues(buf);
    picked.add(buf[0]! % n);
  }
  return [...picked].sort((a, b) => a - b);
}

/** A typed word compared with the key's: case and surrounding spaces do not matter (the host reads the key the same way). */
const sameWord = (typed: string, word: string) => typed.trim().toLowerCase() === word.toLowerCase();

/**
 * Turn on encryption for a study, in four steps: (1) what it protects and what not —
 * including that losing both the passphrase and the recovery key loses the study — said
 * before anything happens, with a backup offered first; (2) the passphrase, twice;
 * (3) the recovery key (words, QR code, a printable sheet), confirmed by typing three of
 * its words asked by position; only then (4) the host rewrites the study's files.
 * Nothing is written before the last step; closing earlier leaves the study as it was.
 * The passphrase and the words live only in this dialog's state and go when it closes.
 */
export function EncryptStudyDialog({ study, onClose }: { study: Pick<StudySummary, 'id' | 'title'>; onClose(): void }) {
  const { t } = useTranslation('privacy');
  const lockMinutes = useAppStore((s) => s.prefs.lockAfterMinutes ?? DEFAULT_LOCK_MINUTES);
  const [step, setStep] = useState<Step>('about');
  const [pair, setPair] = useState<PassphrasePair>({ first: '', second: '' });
  const [show, setShow] = useState(false);
  const [triedPassphrase, setTriedPassphrase] = useState(false);
  const [key, setKey] = useState<{ words: string[]; qrSvg: string } | null>(null);
  const [positions, setPositions] = useState<number[]>([]);
  const [answers, setAnswers] = useState<string[]>(['', '', '']);
  // Which confirmation fields were left once: a wrong word is pointed out then, not at the first letter typed.
  const [touched, setTouched] = useState<boolean[]>([false, false, false]);
  const [files, setFiles] = useState(0);
  const [error, setError] = useState<Message | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const alive = useAlive();
  const ids = useId();
  const stepHeading = useRef<HTMLHeadingElement>(null);

  // Each step starts at its heading, so a screen reader reads where the person now is
  // (the dialog itself only focuses its first field once, when it opens).
  useEffect(() => {
    if (step === 'passphrase') document.getElementById(`${ids}-passphrase`)?.querySelector('input')?.focus();
    else stepHeading.current?.focus();
  }, [step, ids]);

  const toKeyStep = async () => {
    setTriedPassphrase(true);
    const problems = passphraseProblems(pair);
    if (problems.first || problems.second) return;
    setError(null);
    setStep('key');
    // One key per visit of this step is enough: going back to change the passphrase
    // keeps the key already shown (it may have been written down or printed).
    if (key) return;
    try {
      const fresh = await callHost('newRecoveryKey', {});
      if (!alive.current) return;
      const words = splitWords(fresh.words);
      setKey({ words, qrSvg: fresh.qrSvg });
      setPositions(pickPositions(words.length));
      setAnswers(['', '', '']);
      setTouched([false, false, false]);
    } catch (err) {
      if (alive.current) setError(privacyError(err));
    }
  };

  const confirmed = key !== null && positions.length === 3 && positions.every((p, i) => sameWord(answers[i] ?? '', key.words[p] ?? ''));

  const encrypt = async () => {
    if (!key || !confirmed || step !== 'key') return;
    setError(null);
    setStep('working');
    try {
      // Edits still on their way to disk first, so they are encrypted with the rest and
      // no plain save lands after the rewrite.
      if (!(await flushStudy(study.id))) {
        if (alive.current) {
          setError({ key: 'export:unsavedEdits' });
          setStep('key');
        }
        return;
      }
      const result = await callHost('encryptStudy', { studyId: study.id, passphrase: pair.first, recoveryKey: key.words.join(' ') });
      // The list's badge, and the open study read again: the host rewrote every file, so
      // later saves are based on what is on disk now.
      void loadStudies();
      if (useAppStore.getState().open?.study.id === study.id) void openStudy(study.id, { reload: true });
      if (!alive.current) return;
      setFiles(result.files);
      setPair({ first: '', second: '' });
      setStep('done');
    } catch (err) {
      if (!alive.current) return;
      setError(err instanceof HostCallError && err.code === 'conflict' ? { key: 'privacy:encrypt.already' } : privacyError(err));
      setStep('key');
    }
  };

  const stepNumber = { about: 1, passphrase: 2, key: 3, working: 4, done: 4 }[step];
  const heading = (text: string) => (
    <>
      <p className="privacy-step" data-testid="encrypt-step">
        {t('encrypt.stepOf', { step: stepNumber, total: 4 })}
      </p>
      <h3 className="privacy-step-title" ref={stepHeading} tabIndex={-1} id={`${ids}-step`}>
        {text}
      </h3>
    </>
  );

  const cancel = (
    <button type="button" className="button" onClick={onClose}>
      {t('common:cancel')}
    </button>
  );
  const back = (to: Step) => (
    <button
      type="button"
      className="button"
      onClick={() => {
        setError(null);
        setStep(to);
      }}
    >
      {t('common:back')}
    </button>
  );

  let body: ReactNode;
  let footer: ReactNode;
  let onSubmit: (() => void) | undefined;

  if (step === 'about') {
    body = (
      <>
        {heading(t('encrypt.aboutTitle'))}
        <p id={`${ids}-lead`}>{t('encrypt.protects')}</p>
        <p>{t('encrypt.needs')}</p>
        <p className="privacy-warning" data-testid="encrypt-warning">
          {t('encrypt.warning')}
        </p>
        <h4 className="privacy-subtitle">{t('encrypt.notTitle')}</h4>
        <ul className="privacy-list">
          <li>{t('encrypt.notOld')}</li>
          <li>{t('encrypt.notUnlocked')}</li>
          <li>{t('encrypt.notSync')}</li>
        </ul>
        <div className="privacy-aside">
          <h4 className="privacy-subtitle">{t('encrypt.backupTitle')}</h4>
          <p>{t('encrypt.backupText')}</p>
          <button type="button" className="button button-small" onClick={() => setBackingUp(true)}>
            {t('encrypt.backupButton')}
          </button>
        </div>
      </>
    );
    onSubmit = () => setStep('passphrase');
    footer = (
      <>
        {cancel}
        <button type="submit" className="button button-primary">
          {t('encrypt.start')}
        </button>
      </>
    );
  } else if (step === 'passphrase') {
    body = (
      <>
        {heading(t('encrypt.passphraseTitle'))}
        <p>{t('encrypt.passphraseIntro')}</p>
        <div id={`${ids}-passphrase`}>
          <PassphraseFields value={pair} onChange={setPair} show={show} onShowChange={setShow} showErrors={triedPassphrase} />
        </div>
      </>
    );
    onSubmit = () => void toKeyStep();
    footer = (
      <>
        {back('about')}
        <button type="submit" className="button button-primary">
          {t('encrypt.next')}
        </button>
      </>
    );
  } else if (step === 'key') {
    body = (
      <>
        {heading(t('encrypt.keyTitle'))}
        <p>{t('encrypt.keyIntro')}</p>
        {key ? (
          <>
            <div className="key-sheet">
              <WordGrid words={key.words} />
              <img className="key-qr" src={qrSource(key.qrSvg)} alt={t('encrypt.qrAlt')} data-testid="recovery-qr" />
            </div>
            <button type="button" className="button" onClick={() => window.print()} data-testid="print-key">
              {t('encrypt.print')}
            </button>
            <PrintableKeySheet words={key.words} qrSvg={key.qrSvg} />
            <fieldset className="fieldset key-confirm">
              <legend>{t('encrypt.confirmTitle')}</legend>
              <p className="field-hint">{t('encrypt.confirmIntro')}</p>
              <div className="field-row">
                {positions.map((p, i) => {
                  const typed = answers[i] ?? '';
                  const wrong = touched[i] === true && typed.trim() !== '' && !sameWord(typed, key.words[p] ?? '');
                  return (
                    <Field key={p} label={t('encrypt.wordN', { n: p + 1 })} error={wrong ? t('encrypt.wordWrong', { n: p + 1 }) : null}>
                      {(fp) => (
                        <input
                          {...fp}
                          className="input key-confirm-input"
                          autoComplete="off"
                          autoCapitalize="off"
                          spellCheck={false}
                          lang="en"
                          value={typed}
                          data-position={p + 1}
                          onChange={(e) => setAnswers((a) => a.map((v, j) => (j === i ? e.target.value : v)))}
                          onBlur={() => setTouched((d) => d.map((v, j) => v || j === i))}
                        />
                      )}
                    </Field>
                  );
                })}
              </div>
              {!confirmed ? (
                <p className="field-hint" data-testid="confirm-missing">
                  {t('encrypt.confirmMissing')}
                </p>
              ) : null}
            </fieldset>
          </>
        ) : error ? null : (
          <p role="status">{t('encrypt.keyLoading')}</p>
        )}
      </>
    );
    onSubmit = () => void encrypt();
    footer = (
      <>
        {back('passphrase')}
        <button type="submit" className="button button-primary" disabled={!confirmed} data-testid="encrypt-submit">
          {t('encrypt.submit')}
        </button>
      </>
    );
  } else if (step === 'working') {
    body = (
      <>
        {heading(t('encrypt.submit'))}
        <p role="status" aria-live="polite" className="privacy-busy">
          <span className="privacy-spinner" aria-hidden="true" />
          {t('encrypt.working')}
        </p>
      </>
    );
    footer = null;
  } else {
    body = (
      <>
        {heading(t('encrypt.doneTitle'))}
        <div role="status" data-testid="encrypt-done">
          <p>
            {t('encrypt.done', { count: files })} {t('encrypt.doneLock', { count: lockMinutes })}
          </p>
          <p>{t('encrypt.doneKey')}</p>
        </div>
      </>
    );
    footer = (
      <button type="button" className="button button-primary" onClick={onClose}>
        {t('common:close')}
      </button>
    );
  }

  return (
    <>
      <Dialog
        title={t('encrypt.title', { title: study.title })}
        onClose={() => {
          // The host is rewriting files: closing now would hide whether it finished.
          if (step !== 'working') onClose();
        }}
        onSubmit={onSubmit ?? (() => undefined)}
        describedBy={`${ids}-step`}
        error={error ? t(error.key, error.values) : null}
        footer={footer}
      >
        {body}
      </Dialog>
      {backingUp ? <BackupDialog study={study} onClose={() => setBackingUp(false)} /> : null}
    </>
  );
}
