import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stakeholderLabel } from '../../../shared/model/stakeholder';
import { zoneOf } from '../../../shared/model/zones';
import { PRESENT_CHANNEL, readPresentMessage, type AudiencePicture, type PresentMessage } from '../../../shared/present/audience';
import { CompareCanvas } from '../compare/CompareCanvas';
import { useFontsReady } from '../editor/canvasText';
import { formatCount } from '../compare/format';
import { CohortMarker } from '../studies/CohortMarker';
import { MapCanvas } from '../editor/MapCanvas';
import { useMapCanvasText } from '../editor/mapCanvasText';
import { i18n, setLanguage } from '../i18n';
import { useAppStore } from '../store/appStore';
import { isBlankScreenKey } from '../ui/lockKeys';
import { useStepCanvasText } from './stepCanvasText';
import { stepSceneInput, stepSentence, stepStakeholderName } from './stepPicture';
import './present.css';

const NOOP = () => {};
/** The least room beside the compare grid for the name, the cohorts and the sentence (rem). */
const SIDE_REM = 22;

/** Keys a facilitator (or a presenter's clicker) uses in the audience window. */
const BLANK_KEYS = new Set(['b', 'B', '.']);
const NEXT_KEYS = new Set(['ArrowRight', 'PageDown']);
const PREV_KEYS = new Set(['ArrowLeft', 'PageUp']);

/** How large text is on the projector: large labels, growing with the window. */
function audienceScale(): number {
  const k = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
  return Math.max(1.25, Math.min(2.4, 1.35 * k));
}

/**
 * The audience window (`#/present`): what the room sees on the projector. Only the grid,
 * the chips with large labels and the zone names — or one step of the compare sequence —
 * with nothing of the session (no notes, consent, place, facilitator, code): it is sent
 * only what `shared/present/audience` lets through, and loads nothing itself.
 * B (or .) blanks it; F goes full screen, Esc leaves it; → and ← move the compare sequence.
 */
export function AudiencePage() {
  const { t } = useTranslation('present');
  const [picture, setPicture] = useState<AudiencePicture | null>(null);
  const [blank, setBlank] = useState(false);
  const [scale, setScale] = useState(audienceScale);
  const channelRef = useRef<BroadcastChannel | null>(null);
  const fontsReady = useFontsReady();
  const bengaliDigits = useAppStore((s) => s.prefs.bengaliDigits ?? false);

  useEffect(() => {
    const channel = new BroadcastChannel(PRESENT_CHANNEL);
    channelRef.current = channel;
    channel.onmessage = (e: MessageEvent) => {
      const m = readPresentMessage(e.data);
      if (!m) return;
      if (m.kind === 'picture') {
        setPicture(m.picture);
        setBlank(m.blank);
      } else if (m.kind === 'blank') setBlank(m.blank);
      else if (m.kind === 'end') window.close();
    };
    channel.postMessage({ kind: 'hello' } satisfies PresentMessage);
    const bye = () => channel.postMessage({ kind: 'bye' } satisfies PresentMessage);
    window.addEventListener('pagehide', bye);
    const onResize = () => setScale(audienceScale());
    window.addEventListener('resize', onResize);
    document.documentElement.classList.add('audience-window');
    return () => {
      bye();
      window.removeEventListener('pagehide', bye);
      window.removeEventListener('resize', onResize);
      document.documentElement.classList.remove('audience-window');
      channel.close();
      channelRef.current = null;
    };
  }, []);

  // The facilitator's language, whatever this window was started in.
  const language = picture?.language;
  useEffect(() => {
    if (language && i18n.language !== language) void setLanguage(language, bengaliDigits);
  }, [language, bengaliDigits]);

  const toggleBlank = useCallback(() => {
    setBlank((was) => {
      channelRef.current?.postMessage({ kind: 'blank', blank: !was } satisfies PresentMessage);
      return !was;
    });
  }, []);
  const toggleFullScreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(NOOP);
    else void document.documentElement.requestFullscreen().catch(NOOP);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // The facilitator's blank-screen key (issue 16) blanks the projector here as well.
      if (isBlankScreenKey(e)) {
        e.preventDefault();
        if (!e.repeat) toggleBlank();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (BLANK_KEYS.has(e.key)) {
        e.preventDefault();
        toggleBlank();
      } else if (e.key === 'f' || e.key === 'F') {
        e.preventDefault();
        toggleFullScreen();
      } else if (e.key === 'Escape' && document.fullscreenElement) {
        // Chromium leaves full screen on Esc by itself; this covers windows where it does not.
        void document.exitFullscreen().catch(NOOP);
      } else if (NEXT_KEYS.has(e.key) || PREV_KEYS.has(e.key)) {
        e.preventDefault();
        channelRef.current?.postMessage({ kind: 'step', delta: NEXT_KEYS.has(e.key) ? 1 : -1 } satisfies PresentMessage);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleBlank, toggleFullScreen]);

  const state = blank ? 'blank' : (picture?.kind ?? 'waiting');
  return (
    <main className="audience" data-testid="audience" data-state={state} lang={language}>
      <h1 className="visually-hidden">{t('audience.title')}</h1>
      {blank ? (
        <div className="audience-blank">
          <p className="visually-hidden" role="status">
            {t('audience.blanked')}
          </p>
        </div>
      ) : !picture ? (
        <div className="audience-waiting" role="status">
          <p className="audience-waiting__title">{t('audience.waiting')}</p>
          <p className="audience-waiting__keys">{t('audience.keys')}</p>
        </div>
      ) : !fontsReady ? null : picture.kind === 'map' ? (
        <AudienceMap picture={picture} scale={scale} />
      ) : (
        <AudienceStepView picture={picture} scale={scale} />
      )}
      <div className="audience-controls">
        <button type="button" className="audience-button" aria-pressed={blank} aria-keyshortcuts="B" onClick={toggleBlank}>
          {blank ? t('audience.unblank') : t('audience.blank')}
        </button>
        <button type="button" className="audience-button" aria-keyshortcuts="F" onClick={toggleFullScreen}>
          {t('audience.fullScreen')}
        </button>
      </div>
    </main>
  );
}

function AudienceMap({ picture, scale }: { picture: Extract<AudiencePicture, { kind: 'map' }>; scale: number }) {
  const { t } = useTranslation('present');
  const text = useMapCanvasText();
  const { study, session, language } = picture;
  const [boxes, setBoxes] = useState<Record<string, string>>({});
  // A text twin of the projected map, for screen readers and for checking what is shown.
  const rows = study.stakeholders.flatMap((st) => {
    const p = session.placements[st.id];
    if (!p || p.status !== 'placed' || !p.position) return [];
    const zone = zoneOf(p.position, study.midline);
    return [{ id: st.id, label: stakeholderLabel(st, language).short, zone, position: p.position }];
  });
  return (
    <div className="audience-map">
      <MapCanvas
        study={study}
        session={session}
        language={language}
        selected={null}
        dragging={null}
        zoom={1}
        textScale={scale}
        placing={false}
        text={text}
        describedBy="audience-twin"
        onPointerDown={NOOP}
        onHover={NOOP}
        onKeyDown={NOOP}
        onLabelBoxes={setBoxes}
      />
      <ul id="audience-twin" className="visually-hidden" data-testid="audience-twin" aria-label={t('audience.twin')}>
        {rows.map((r) => (
          <li key={r.id} data-stakeholder-id={r.id} data-zone={r.zone} data-position={`${r.position.power},${r.position.interest}`} data-label-box={boxes[r.id]}>
            {t('audience.row', { name: r.label, zone: t(`compare:zoneInSentence.${r.zone}`) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AudienceStepView({ picture, scale }: { picture: Extract<AudiencePicture, { kind: 'step' }>; scale: number }) {
  const { t } = useTranslation('present');
  const { study, step, language } = picture;
  const name = stepStakeholderName(step, study, language);
  const input = useMemo(() => stepSceneInput(step, study), [step, study]);
  const text = useStepCanvasText(input, language, t('step.gridLabel', { name }));
  const sentence = step.gap ? stepSentence(step, study, language, t) : null;
  // A projector is wide: the square grid takes the window's height on the left, and the
  // stakeholder's name, the cohorts and the sentence stand beside it. (The compare stage is
  // a few pixels less tall than wide.) In a tall window they go under the grid instead.
  const rootRef = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    const update = () => setRoom((prev) => (prev && prev.width === el.clientWidth && prev.height === el.clientHeight ? prev : { width: el.clientWidth, height: el.clientHeight }));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const sideMin = SIDE_REM * 16;
  const wide = room ? room.width - sideMin >= room.height * 0.9 : true;
  const width = room ? Math.max(300, Math.floor(wide ? Math.min(room.width - sideMin, room.height + 6 * scale) : Math.min(room.width, room.height * 0.62))) : 0;
  const revealed = new Map(step.revealed.map((r) => [r.cohortId, r]));
  return (
    <div className={`audience-step${wide ? ' audience-step--wide' : ''}`} ref={rootRef}>
      <div className="audience-step__grid" style={{ width: width || undefined }}>
        {width > 0 ? (
          <CompareCanvas
            study={study}
            comparison={input}
            language={language}
            focusId={step.stakeholderId}
            pointedSessionId={null}
            show={{ marks: true, ellipses: false, labels: true, arrows: step.gap }}
            interactive={false}
            textScale={scale}
            text={text}
            describedBy="audience-step-sentence"
            onFocus={NOOP}
            onPoint={NOOP}
            onAnnounce={NOOP}
          />
        ) : null}
      </div>
      <div className="audience-step__side">
        <p className="audience-step__name">{name}</p>
        {/* Which mark is which cohort, and how many sessions placed the stakeholder; cohorts not yet shown are faint. */}
        <ul className="audience-legend" aria-label={t('audience.legend')}>
          {step.cohorts.map((c) => {
            const look = study.cohorts.find((x) => x.id === c.id);
            const r = revealed.get(c.id);
            return (
              <li key={c.id} className={r ? undefined : 'is-hidden'} data-cohort-id={c.id} data-revealed={r ? 'true' : 'false'}>
                {look ? <CohortMarker colour={look.colour} shape={look.shape} size={Math.round(18 * Math.min(1.6, scale))} /> : null}
                <span className="audience-legend__name">{c.name}</span>
                {r ? <span className="audience-legend__n">{t('audience.legendN', { n: formatCount(r.n, language) })}</span> : null}
              </li>
            );
          })}
        </ul>
        <p id="audience-step-sentence" className="audience-step__sentence" data-testid="audience-sentence" aria-live="polite">
          {sentence ?? ''}
        </p>
      </div>
    </div>
  );
}
