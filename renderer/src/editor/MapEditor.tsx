import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Position } from '../../../shared/model/position';
import type { PlacementStatus, Session } from '../../../shared/model/session';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { zoneOf } from '../../../shared/model/zones';
import {
  moveAlt,
  movePlacement,
  nudge,
  placeStakeholder,
  setConsent,
  setContested,
  setLocked,
  setNote,
  setSessionNotes,
  setStatus,
  unplace,
} from '../../../shared/ops/placementOps';
import { sessionProgress } from '../../../shared/ops/sessionMeta';
import { Dialog } from '../ui/Dialog';
import { SaveIndicator } from '../ui/SaveIndicator';
import type { SaveStatus } from '../store/saveStatus';
import { describeChange, formatValue } from './announce';
import { useFontsReady, useTextScale } from './canvasText';
import { useMapCanvasText } from './mapCanvasText';
import { ChipList, type ChipItem } from './ChipList';
import { EditorModel, type ApplyOptions } from './editorModel';
import { MapCanvas, type CanvasHit, type ChipPart, type MapCanvasHandle } from './MapCanvas';
import { beginGesture, gestureActive } from './pointerGesture';
import { PadlockIcon } from './icons';
import { SelectionPanel } from './SelectionPanel';
import { SessionPanel } from './SessionPanel';
import { TwinTable, type TwinRow } from './TwinTable';
import './editor.css';

export interface MapEditorProps {
  study: Study;
  session: Session;
  /** After every editing action (and undo/redo); never during a drag. */
  onChange(next: Session): void;
  saveStatus: SaveStatus;
  onRetrySave(): void;
  /** When it changes, reload `session` and clear the undo history. */
  resetKey: string;
  language: Language;
}

type BinStatus = Exclude<PlacementStatus, 'placed'>;
type DropKind = 'grid' | 'tray' | BinStatus;
type DropTarget = { kind: 'grid'; position: Position } | { kind: 'tray' } | { kind: BinStatus } | { kind: 'none' };
interface Selection {
  id: string;
  part: ChipPart;
}

const ZOOM_STEPS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2] as const;
/** Arrow keys on the map: a coarse step, and a fine one with Shift. */
const STEP = { coarse: 0.5, fine: 0.1 } as const;

/**
 * The map editor for one session: the grid (Konva), the tray of stakeholders not yet
 * handled, the two bins, the selected stakeholder's panel, the session panel, and the
 * accessible table twin. Every change goes through a pure operation in
 * shared/ops/placementOps and the editor's undoable model; the result is handed to
 * `onChange`, which saves it.
 */
export function MapEditor(props: MapEditorProps): JSX.Element {
  const { study, language } = props;
  const { t, i18n } = useTranslation('editor');
  const ids = useId();
  const [model] = useState(() => new EditorModel(props.session));
  const session = useStore(model.store, (s) => s.session);
  const pastCount = useStore(model.store.temporal, (s) => s.pastStates.length);
  const futureCount = useStore(model.store.temporal, (s) => s.futureStates.length);
  const locked = session.locked;

  const [selection, setSelection] = useState<Selection | null>(null);
  const [placing, setPlacing] = useState(false);
  const [zoom, setZoom] = useState(1);
  // Where the canvas drew each label, for the twin's data-label-box (see MapCanvas). Written
  // onto the twin's rows directly, in the same commit that drew the labels: as React state
  // it would cost every drop a second commit.
  const labelBoxes = useRef<Record<string, string>>({});
  const twinRef = useRef<HTMLElement>(null);
  const onLabelBoxes = useCallback((next: Record<string, string>) => {
    labelBoxes.current = next;
    if (twinRef.current) writeLabelBoxes(twinRef.current, next);
  }, []);
  // Rows that mounted or re-rendered since get theirs too.
  useLayoutEffect(() => {
    if (twinRef.current) writeLabelBoxes(twinRef.current, labelBoxes.current);
  });
  // While a drag moves nothing is written to React state: the highlighted drop target
  // (tray or bin) is a class set on it directly, and the dragged chip is faded on the canvas.
  const dropTarget = useRef<DropKind | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [unlockOpen, setUnlockOpen] = useState(false);
  const canvasRef = useRef<MapCanvasHandle>(null);
  const domGhostRef = useRef<HTMLDivElement>(null);
  const textScale = useTextScale();
  const fontsReady = useFontsReady();
  const rootRef = useRef<HTMLDivElement>(null);

  // The working area fills the window below whatever the page shows above the editor.
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const measure = () => root.style.setProperty('--ed-offset', `${Math.max(0, Math.round(root.getBoundingClientRect().top + window.scrollY))}px`);
    measure();
    // Large text in a short window (editor.css): the working area takes the whole window
    // and the page's header scrolls away, so bring the working area into view once.
    if (getComputedStyle(root).getPropertyValue('--ed-fill').trim() === '1') {
      window.scrollTo({ top: Math.round(root.getBoundingClientRect().top + window.scrollY), behavior: 'instant' });
    }
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [textScale]);

  // Latest props for callbacks that outlive a render (store subscription, gestures).
  const latest = useRef({ props, session });
  useEffect(() => {
    latest.current = { props, session };
  });

  // A new resetKey means another session, or this one restored from disk: reload it.
  const loadedKey = useRef(props.resetKey);
  useEffect(() => {
    if (props.resetKey === loadedKey.current) return;
    loadedKey.current = props.resetKey;
    model.reset(latest.current.props.session);
  }, [props.resetKey, model]);

  // Every change of the session: hand it to the saver and say what happened.
  useEffect(() => {
    const unsubscribe = model.store.subscribe((state, prev) => {
      if (state.session === prev.session) return;
      const kind = model.lastChange;
      const { props: p } = latest.current;
      if (kind !== 'reset') p.onChange(state.session);
      const sentence = describeChange(i18n.getFixedT(null, 'editor'), p.study, p.language, prev.session, state.session, kind);
      if (sentence) setAnnouncement((old) => (old === sentence ? `${sentence}\u00a0` : sentence));
    });
    return () => {
      unsubscribe();
      model.endBurst();
    };
  }, [model, i18n]);

  const apply = (op: (s: Session) => Session, options?: ApplyOptions) => model.apply(op, options);

  // ----- what is where ---------------------------------------------------------------
  const rows: TwinRow[] = useMemo(
    () =>
      study.stakeholders
        .filter((s) => !s.retired || session.placements[s.id])
        .map((s) => {
          const label = stakeholderLabel(s, language);
          return { id: s.id, name: label.name, short: label.short, retired: s.retired, placement: session.placements[s.id] };
        }),
    [study.stakeholders, session.placements, language],
  );
  const { trayItems, unknownItems, notDiscussedItems } = useMemo(() => {
    const items = (filter: (r: TwinRow) => boolean): ChipItem[] => rows.filter(filter).map((r) => ({ id: r.id, short: r.short, name: r.name }));
    return {
      trayItems: items((r) => !r.retired && !r.placement),
      unknownItems: items((r) => r.placement?.status === 'unknown'),
      notDiscussedItems: items((r) => r.placement?.status === 'not_discussed'),
    };
  }, [rows]);
  const progress = sessionProgress(study, session);

  const selectedRow = selection ? rows.find((r) => r.id === selection.id) : undefined;
  const selectedPlacement = selectedRow?.placement;
  const part: ChipPart = selection?.part === 'alt' && selectedPlacement?.contested ? 'alt' : 'main';
  const onMap = (id: string) => {
    const p = session.placements[id];
    return p?.status === 'placed' && !!p.position;
  };
  const labelOf = (id: string) => rows.find((r) => r.id === id)?.short ?? id;

  // ----- actions -----------------------------------------------------------------------
  const select = (id: string, nextPart: ChipPart = 'main', options: { pickUp?: boolean } = {}) => {
    setSelection({ id, part: nextPart });
    setPlacing(!!options.pickUp && !locked);
  };
  const placeAt = (id: string, position: Position) => {
    apply((s) => placeStakeholder(s, id, position));
    setSelection({ id, part: 'main' });
    setPlacing(false);
  };
  /** From the tray or a bin without a position: the middle; from a bin: where it was. */
  const putOnMap = (id: string) => {
    const p = session.placements[id];
    if (p?.position) apply((s) => setStatus(s, id, 'placed'));
    else apply((s) => placeStakeholder(s, id, { power: study.midline.power, interest: study.midline.interest }));
    setSelection({ id, part: 'main' });
    setPlacing(false);
  };
  const moveTo = (id: string, which: ChipPart, position: Position, options?: ApplyOptions) => {
    apply((s) => (which === 'alt' ? moveAlt(s, id, position) : onMap(id) ? movePlacement(s, id, position) : placeStakeholder(s, id, position)), options);
  };
  const toBin = (id: string, status: BinStatus) => {
    apply((s) => setStatus(s, id, status));
    setSelection({ id, part: 'main' });
    setPlacing(false);
  };
  const toTray = (id: string) => {
    apply((s) => unplace(s, id));
    setSelection({ id, part: 'main' });
    setPlacing(false);
  };
  const undo = () => !gestureActive() && model.undo();
  const redo = () => !gestureActive() && model.redo();
  const zoomBy = (dir: 1 | -1) =>
    setZoom((z) => {
      const i = ZOOM_STEPS.findIndex((s) => s >= z - 1e-9);
      return ZOOM_STEPS[Math.max(0, Math.min(ZOOM_STEPS.length - 1, i + dir))] ?? 1;
    });

  // ----- keyboard ----------------------------------------------------------------------
  /** Shortcuts shared by the map, the tray, the bins and the table. True when handled. */
  const itemShortcut = (e: KeyboardEvent, id: string): boolean => {
    if (e.ctrlKey || e.metaKey || e.altKey || locked) return false;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 'u') toBin(id, 'unknown');
    else if (key === 'n') toBin(id, 'not_discussed');
    else if (key === 'Delete' || key === 'Backspace') toTray(id);
    else return false;
    e.preventDefault();
    return true;
  };

  const onMapKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      if (placing) setPlacing(false);
      else if (selection) setSelection(null);
      return;
    }
    if (!selection) return;
    const id = selection.id;
    if (itemShortcut(e, id)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const step = e.shiftKey ? STEP.fine : STEP.coarse;
    const delta: Record<string, [number, number]> = { ArrowUp: [step, 0], ArrowDown: [-step, 0], ArrowRight: [0, step], ArrowLeft: [0, -step] };
    const d = delta[e.key];
    if (d) {
      e.preventDefault();
      if (!locked && onMap(id)) apply((s) => nudge(s, id, part, d[0], d[1]), { burst: `nudge:${id}:${part}` });
      return;
    }
    if (e.key === 'Enter' && !locked && !onMap(id)) {
      e.preventDefault();
      putOnMap(id);
    } else if ((e.key === 'a' || e.key === 'A') && selectedPlacement?.contested) {
      e.preventDefault();
      setSelection({ id, part: part === 'alt' ? 'main' : 'alt' });
    }
  };

  const onRootKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) undo();
    else if ((key === 'z' && e.shiftKey) || key === 'y') redo();
    else if (key === '=' || key === '+') zoomBy(1);
    else if (key === '-') zoomBy(-1);
    else if (key === '0') setZoom(1);
    else return;
    e.preventDefault();
  };

  // ----- pointer -----------------------------------------------------------------------
  const locate = (x: number, y: number, which: ChipPart): DropTarget => {
    const zone = document.elementFromPoint(x, y)?.closest('[data-drop]');
    const kind = zone?.getAttribute('data-drop');
    if (kind === 'grid') {
      const position = canvasRef.current?.positionAt(x, y);
      return position ? { kind: 'grid', position } : { kind: 'none' };
    }
    // A minority position only moves on the grid; it has no status of its own.
    if (which === 'alt') return { kind: 'none' };
    if (kind === 'tray' || kind === 'unknown' || kind === 'not_discussed') return { kind };
    return { kind: 'none' };
  };

  const readout = (p: Position) => t('readout', { power: formatValue(p.power), interest: formatValue(p.interest), zone: t(`zoneInSentence.${zoneOf(p, study.midline)}`) });

  const showDomGhost = (label: string | null, x = 0, y = 0) => {
    const g = domGhostRef.current;
    if (!g) return;
    if (label === null) {
      g.hidden = true;
      return;
    }
    g.textContent = label;
    g.style.transform = `translate(${Math.round(x + 12)}px, ${Math.round(y + 10)}px)`;
    g.hidden = false;
  };

  const highlightDropTarget = (kind: DropKind | null) => {
    if (dropTarget.current === kind) return;
    const root = rootRef.current;
    if (dropTarget.current) root?.querySelector(`[data-drop="${dropTarget.current}"]`)?.classList.remove('is-drop-target');
    // The grid shows its own preview (the ghost); only the tray and bins light up.
    if (kind && kind !== 'grid') root?.querySelector(`[data-drop="${kind}"]`)?.classList.add('is-drop-target');
    dropTarget.current = kind;
  };

  /**
   * A drag is one React commit: nothing is set in React state while it starts or moves
   * (the ghost, the faded chip and the highlighted target are drawn directly), and the
   * drop sets the new position, the selection and the end of placing in one update.
   */
  const startDrag = (e: ReactPointerEvent, id: string, which: ChipPart, from: 'grid' | 'list') => {
    const label = which === 'alt' ? t('minority', { label: labelOf(id) }) : labelOf(id);
    const clear = () => {
      canvasRef.current?.showGhost(null);
      canvasRef.current?.setDragged(null);
      showDomGhost(null);
      highlightDropTarget(null);
    };
    beginGesture(
      e.nativeEvent,
      {
        onDragStart: () => {
          if (from === 'grid') canvasRef.current?.setDragged({ id, part: which });
        },
        onDragMove: (x, y) => {
          const target = locate(x, y, which);
          if (target.kind === 'grid') {
            canvasRef.current?.showGhost({ label, part: which, position: target.position, readout: readout(target.position) });
            showDomGhost(null);
          } else {
            canvasRef.current?.showGhost(null);
            showDomGhost(label, x, y);
          }
          highlightDropTarget(target.kind === 'none' ? null : target.kind);
        },
        onDrop: (x, y) => {
          const target = locate(x, y, which);
          clear();
          if (target.kind === 'grid') moveTo(id, which, target.position);
          else if (target.kind === 'tray') toTray(id);
          else if (target.kind === 'unknown' || target.kind === 'not_discussed') toBin(id, target.kind);
          // The dragged chip is the selected one, as if it had been picked up; what the drop
          // did and this selection reach the screen in one commit.
          if (target.kind === 'grid' || target.kind === 'none') setSelection({ id, part: which });
          setPlacing(false);
        },
        onCancel: () => {
          clear();
          setSelection({ id, part: which });
          setPlacing(false);
          setAnnouncement(t('announce.dragCancelled'));
        },
        // Buttons in the tray and bins select on their own click; chips on the canvas here.
        onClick: from === 'grid' ? () => select(id, which) : undefined,
      },
      { draggable: !locked },
    );
  };

  const onCanvasPointerDown = (e: ReactPointerEvent<HTMLDivElement>, hit: CanvasHit) => {
    canvasRef.current?.focus();
    if (hit.kind === 'chip') {
      startDrag(e, hit.id, hit.part, 'grid');
      return;
    }
    beginGesture(
      e.nativeEvent,
      {
        onClick: (x, y) => {
          const position = canvasRef.current?.positionAt(x, y);
          if (placing && selection && position && !locked) {
            canvasRef.current?.showGhost(null);
            if (part === 'alt') moveTo(selection.id, 'alt', position);
            else placeAt(selection.id, position);
            setPlacing(false);
          } else if (!placing) setSelection(null);
        },
      },
      { draggable: false },
    );
  };

  const onCanvasHover = (x: number, y: number, inside: boolean) => {
    if (!placing || !selection || gestureActive()) return;
    const position = inside ? canvasRef.current?.positionAt(x, y) : null;
    const label = part === 'alt' ? t('minority', { label: labelOf(selection.id) }) : labelOf(selection.id);
    canvasRef.current?.showGhost(position ? { label, part, position, readout: readout(position) } : null);
  };
  useEffect(() => {
    if (!placing) canvasRef.current?.showGhost(null);
  }, [placing]);

  const onListPointerDown = (e: ReactPointerEvent<HTMLButtonElement>, id: string) => startDrag(e, id, 'main', 'list');
  const onListSelect = (id: string) => {
    select(id, 'main', { pickUp: true });
    if (!locked) canvasRef.current?.focus();
  };
  const onListKeyDown = (e: KeyboardEvent<HTMLButtonElement>, id: string) => {
    itemShortcut(e, id);
  };
  const onRowKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (itemShortcut(e, id)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      select(id);
      canvasRef.current?.focus();
    }
  };

  const canvasText = useMapCanvasText();

  const helpId = `${ids}-map-help`;
  const selectedName = selectedRow ? selectedRow.short : '';

  return (
    <div ref={rootRef} className="map-editor" data-locked={locked || undefined} onKeyDown={onRootKeyDown}>
      <div className="map-editor__main">
        <div className="ed-toolbar">
          <div className="ed-toolbar__group">
            <button type="button" className="ed-btn" onClick={undo} disabled={locked || pastCount === 0} title={t('toolbar.undoTitle')} aria-keyshortcuts="Control+Z Meta+Z">
              <span aria-hidden="true">↶ </span>
              {t('toolbar.undo')}
            </button>
            <button type="button" className="ed-btn" onClick={redo} disabled={locked || futureCount === 0} title={t('toolbar.redoTitle')} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y">
              <span aria-hidden="true">↷ </span>
              {t('toolbar.redo')}
            </button>
          </div>
          <div className="ed-toolbar__group">
            <button type="button" className="ed-btn ed-btn--icon" onClick={() => zoomBy(-1)} disabled={zoom <= ZOOM_STEPS[0]} aria-label={t('toolbar.zoomOut')} title={t('toolbar.zoomOut')} aria-keyshortcuts="Control+-">
              −
            </button>
            <button type="button" className="ed-btn ed-btn--zoom" onClick={() => setZoom(1)} title={t('toolbar.zoomFit')} aria-keyshortcuts="Control+0">
              {Math.round(zoom * 100)}%<span className="visually-hidden"> {t('toolbar.zoomReset')}</span>
            </button>
            <button type="button" className="ed-btn ed-btn--icon" onClick={() => zoomBy(1)} disabled={zoom >= ZOOM_STEPS[ZOOM_STEPS.length - 1]!} aria-label={t('toolbar.zoomIn')} title={t('toolbar.zoomIn')} aria-keyshortcuts="Control+=">
              +
            </button>
          </div>
          <p className="ed-toolbar__progress">
            {t('toolbar.progress', { placed: progress.placed, unknown: progress.unknown, notDiscussed: progress.notDiscussed, remaining: progress.remaining })}
          </p>
          <details className="keys-help">
            <summary>{t('keys.title')}</summary>
            <div className="keys-help__body">
              <p>{t('keys.map')}</p>
              <p>{t('keys.lists')}</p>
              <p>{t('keys.global')}</p>
            </div>
          </details>
          <SaveIndicator status={props.saveStatus} onRetry={props.onRetrySave} />
          {!locked && (
            <button
              type="button"
              className="ed-btn ed-btn--lock"
              title={t('toolbar.lockTitle')}
              onClick={() => {
                setPlacing(false);
                apply((s) => setLocked(s, true), { untracked: true });
              }}
            >
              <PadlockIcon />
              {t('toolbar.lock')}
            </button>
          )}
        </div>

        {locked && (
          <div className="ed-locked-banner">
            <PadlockIcon />
            <p>{t('locked.banner')}</p>
            <button type="button" className="ed-btn ed-btn--lock is-locked" onClick={() => setUnlockOpen(true)}>
              <PadlockIcon open />
              {t('toolbar.unlock')}
            </button>
          </div>
        )}

        <div className="ed-workspace">
          <div className="ed-left">
            <section className="tray" data-drop="tray" aria-labelledby={`${ids}-tray`}>
              <h2 id={`${ids}-tray`} className="ed-heading">
                {t('tray.title')} <span className="ed-count">{t('tray.count', { count: trayItems.length })}</span>
              </h2>
              {trayItems.length ? (
                <ChipList items={trayItems} selectedId={selection?.id ?? null} label={t('tray.label')} onSelect={onListSelect} onPointerDown={onListPointerDown} onItemKeyDown={onListKeyDown} />
              ) : (
                <p className="ed-empty">{t('tray.empty')}</p>
              )}
            </section>
            {(['unknown', 'not_discussed'] as const).map((status) => {
              const items = status === 'unknown' ? unknownItems : notDiscussedItems;
              return (
                <section key={status} className={`bin bin--${status}`} data-drop={status} aria-labelledby={`${ids}-${status}`}>
                  <h2 id={`${ids}-${status}`} className="ed-heading">
                    <span className="bin__icon" aria-hidden="true">
                      {status === 'unknown' ? '?' : '–'}
                    </span>
                    {t(`common:status.${status}`)} <span className="ed-count">{items.length}</span>
                  </h2>
                  {items.length ? (
                    <ChipList items={items} selectedId={selection?.id ?? null} label={t(`common:status.${status}`)} onSelect={onListSelect} onPointerDown={onListPointerDown} onItemKeyDown={onListKeyDown} />
                  ) : (
                    <p className="ed-empty">{t(status === 'unknown' ? 'bins.unknownHint' : 'bins.notDiscussedHint')}</p>
                  )}
                </section>
              );
            })}
          </div>

          <div className="ed-center">
            {fontsReady && (
              <MapCanvas
                ref={canvasRef}
                study={study}
                session={session}
                language={language}
                selected={selection ? { id: selection.id, part } : null}
                zoom={zoom}
                textScale={textScale}
                placing={placing}
                text={canvasText}
                describedBy={helpId}
                onPointerDown={onCanvasPointerDown}
                onHover={onCanvasHover}
                onKeyDown={onMapKeyDown}
                onLabelBoxes={onLabelBoxes}
              />
            )}
            {/* One line under the map: what just happened, or what to do while placing. It is
                the polite live region too, so what a facilitator sees is what is announced. */}
            <div className={`map-status${placing && selection ? ' map-status--placing' : ''}`}>
              <p role="status" aria-live="polite" data-testid="map-announcer">
                {placing && selection ? t('placing.hint', { name: selectedName }) : announcement || t('idleHint')}
              </p>
              {placing && selection && (
                <button type="button" className="ed-btn ed-btn--small" onClick={() => setPlacing(false)}>
                  {t('placing.cancel')}
                </button>
              )}
            </div>
            <p id={helpId} className="visually-hidden">
              {t('keys.map')}
            </p>
          </div>

          <div className="ed-right">
            {selectedRow ? (
              <SelectionPanel
                key={selectedRow.id}
                stakeholder={{ id: selectedRow.id, name: selectedRow.name, short: selectedRow.short }}
                placement={selectedPlacement}
                midline={study.midline}
                part={part}
                locked={locked}
                placing={placing}
                onPlace={(pos) => placeAt(selectedRow.id, pos)}
                onMove={(which, pos, viaStep) => moveTo(selectedRow.id, which, pos, viaStep ? { burst: `step:${selectedRow.id}:${which}` } : undefined)}
                onStatus={(status) => toBin(selectedRow.id, status)}
                onToTray={() => toTray(selectedRow.id)}
                onPlaceByClick={() => setPlacing((p) => !p)}
                onPlaceCentre={() => putOnMap(selectedRow.id)}
                onNote={(note) => apply((s) => setNote(s, selectedRow.id, note), { burst: `note:${selectedRow.id}` })}
                onContested={(on) => {
                  apply((s) => setContested(s, selectedRow.id, on, undefined, study.midline));
                  setSelection({ id: selectedRow.id, part: 'main' });
                }}
                onPart={(which) => setSelection({ id: selectedRow.id, part: which })}
              />
            ) : (
              <section className="ed-panel ed-panel--empty">
                <p>{t('selection.none')}</p>
              </section>
            )}
            <SessionPanel
              session={session}
              onConsent={(consent) => apply((s) => setConsent(s, consent))}
              onNotes={(notes) => apply((s) => setSessionNotes(s, notes), { burst: 'session-notes' })}
            />
          </div>
        </div>
      </div>

      <section ref={twinRef} className="ed-twin" aria-label={t('twin.title')}>
        <TwinTable rows={rows} midline={study.midline} selectedId={selection?.id ?? null} onSelect={(id) => select(id)} onRowKeyDown={onRowKeyDown} />
      </section>

      <div ref={domGhostRef} className="drag-ghost" hidden aria-hidden="true" />

      {unlockOpen && (
        <Dialog
          title={t('locked.confirmTitle')}
          size="narrow"
          onClose={() => setUnlockOpen(false)}
          onSubmit={() => {
            apply((s) => setLocked(s, false), { untracked: true });
            setUnlockOpen(false);
          }}
          footer={
            <>
              <button type="button" className="button" onClick={() => setUnlockOpen(false)}>
                {t('common:cancel')}
              </button>
              <button type="submit" className="button button-primary">
                {t('locked.confirm')}
              </button>
            </>
          }
        >
          <p>{t('locked.confirmText')}</p>
        </Dialog>
      )}
    </div>
  );
}

/** Set each twin row's data-label-box (and data-alt-label-box) to where its label was drawn. */
function writeLabelBoxes(twin: HTMLElement, boxes: Readonly<Record<string, string>>): void {
  for (const row of twin.querySelectorAll<HTMLElement>('tr[data-stakeholder-id]')) {
    const id = row.dataset.stakeholderId!;
    for (const [attr, key] of [
      ['labelBox', id],
      ['altLabelBox', `${id}::alt`],
    ] as const) {
      const box = boxes[key];
      if (box === undefined) {
        if (attr in row.dataset) delete row.dataset[attr];
      } else if (row.dataset[attr] !== box) row.dataset[attr] = box;
    }
  }
}
