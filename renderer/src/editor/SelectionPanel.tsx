import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZONE_COLOURS } from '../../../shared/model/palette';
import type { Position } from '../../../shared/model/position';
import type { Placement, PlacementStatus } from '../../../shared/model/session';
import type { Midline } from '../../../shared/model/zones';
import { zoneOf } from '../../../shared/model/zones';
import { AxisInput } from './AxisInput';
import type { ChipPart } from './MapCanvas';

export interface SelectionPanelProps {
  stakeholder: { id: string; name: string; short: string };
  placement: Placement | undefined;
  midline: Midline;
  part: ChipPart;
  locked: boolean;
  placing: boolean;
  onPlace(position: Position): void;
  onMove(part: ChipPart, position: Position, viaStep: boolean): void;
  onStatus(status: Exclude<PlacementStatus, 'placed'>): void;
  onToTray(): void;
  onPlaceByClick(): void;
  onPlaceCentre(): void;
  onNote(note: string): void;
  onContested(contested: boolean): void;
  onPart(part: ChipPart): void;
}

/**
 * The selected stakeholder: what happened to it, exact values, the reason, and the
 * "contested" split. Every map action has a button here, so nothing needs a drag.
 * Keyed by stakeholder in the parent, so half-typed values never leak to another.
 */
export function SelectionPanel(props: SelectionPanelProps) {
  const { t } = useTranslation('editor');
  const ids = useId();
  const { stakeholder: st, placement: p, locked } = props;
  const onMap = p?.status === 'placed' && !!p.position;
  const status: PlacementStatus | 'remaining' = p?.status ?? 'remaining';
  // Values typed for a stakeholder not yet on the map wait until both are given.
  const [pending, setPending] = useState<{ power?: number; interest?: number }>({});

  const commitMain = (axis: keyof Position, v: number, viaStep: boolean) => {
    if (onMap && p?.position) {
      props.onMove('main', { ...p.position, [axis]: v }, viaStep);
      return;
    }
    const next = { ...pending, [axis]: v };
    if (next.power !== undefined && next.interest !== undefined) {
      setPending({});
      props.onPlace({ power: next.power, interest: next.interest });
    } else setPending(next);
  };

  const zone = onMap && p?.position ? zoneOf(p.position, props.midline) : null;
  const mainPower = onMap ? (p?.position?.power ?? null) : (pending.power ?? null);
  const mainInterest = onMap ? (p?.position?.interest ?? null) : (pending.interest ?? null);

  return (
    <section className="ed-panel selection-panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="ed-panel__title">
        {st.name}
        {st.short !== st.name && <span className="selection-panel__short"> ({st.short})</span>}
      </h2>
      <dl className="selection-panel__facts">
        <div>
          <dt>{t('selection.status')}</dt>
          <dd>{t(`common:status.${status}`)}</dd>
        </div>
        <div>
          <dt>{t('selection.zone')}</dt>
          <dd>
            {zone ? (
              <>
                <span className="ed-zone-swatch" data-zone={zone} aria-hidden="true" style={{ background: ZONE_COLOURS[zone].fill, borderColor: ZONE_COLOURS[zone].stroke }} />
                {t(`common:zones.${zone}`)} — {t(`common:zoneRoles.${zone}`)}
              </>
            ) : (
              t('selection.notOnMap')
            )}
          </dd>
        </div>
      </dl>

      <fieldset className="axis-pair">
        <legend>{t('selection.position')}</legend>
        <AxisInput id={`${ids}-power`} label={t('selection.power')} value={mainPower} readOnly={locked} describedBy={`${ids}-values`} onCommit={(v, s) => commitMain('power', v, s)} />
        <AxisInput id={`${ids}-interest`} label={t('selection.interest')} value={mainInterest} readOnly={locked} describedBy={`${ids}-values`} onCommit={(v, s) => commitMain('interest', v, s)} />
        <p id={`${ids}-values`} className="visually-hidden">
          {t('selection.valuesHelp')}
        </p>
      </fieldset>

      <div className="selection-panel__actions">
        <button type="button" className="ed-btn" aria-pressed={props.placing} disabled={locked} onClick={props.onPlaceByClick}>
          {onMap ? t('selection.moveByClick') : t('selection.placeByClick')}
        </button>
        {!onMap && (
          <button type="button" className="ed-btn" disabled={locked} onClick={props.onPlaceCentre}>
            {t('selection.placeCentre')}
          </button>
        )}
        <button type="button" className="ed-btn" aria-pressed={status === 'unknown'} disabled={locked || status === 'unknown'} onClick={() => props.onStatus('unknown')} aria-keyshortcuts="U">
          {t('selection.toUnknown')}
        </button>
        <button type="button" className="ed-btn" aria-pressed={status === 'not_discussed'} disabled={locked || status === 'not_discussed'} onClick={() => props.onStatus('not_discussed')} aria-keyshortcuts="N">
          {t('selection.toNotDiscussed')}
        </button>
        {p && (
          <button type="button" className="ed-btn" disabled={locked} onClick={props.onToTray} aria-keyshortcuts="Delete">
            {t('selection.toTray')}
          </button>
        )}
      </div>

      <div className="ed-field">
        <label htmlFor={`${ids}-note`}>{t('selection.note')}</label>
        <textarea
          id={`${ids}-note`}
          rows={3}
          value={p?.note ?? ''}
          readOnly={locked || !p}
          aria-describedby={`${ids}-note-help`}
          onChange={(e) => props.onNote(e.target.value)}
        />
        <p id={`${ids}-note-help`} className="ed-help">
          {p ? t('selection.noteHelp') : t('selection.noteNeedsStatus')}
        </p>
      </div>

      <div className="ed-check">
        <input
          id={`${ids}-contested`}
          type="checkbox"
          checked={p?.contested ?? false}
          disabled={locked || !onMap}
          aria-describedby={`${ids}-contested-help`}
          onChange={(e) => props.onContested(e.target.checked)}
        />
        <label htmlFor={`${ids}-contested`}>{t('selection.contested')}</label>
        <p id={`${ids}-contested-help`} className="ed-help">
          {t('selection.contestedHelp')}
        </p>
      </div>

      {p?.contested && p.alt && (
        <fieldset className="axis-pair axis-pair--minority">
          <legend>{t('selection.minority')}</legend>
          <AxisInput id={`${ids}-alt-power`} label={t('selection.power')} value={p.alt.power} readOnly={locked} onCommit={(v, s) => props.onMove('alt', { ...p.alt!, power: v }, s)} />
          <AxisInput id={`${ids}-alt-interest`} label={t('selection.interest')} value={p.alt.interest} readOnly={locked} onCommit={(v, s) => props.onMove('alt', { ...p.alt!, interest: v }, s)} />
          <button type="button" className="ed-btn ed-btn--quiet" aria-pressed={props.part === 'alt'} onClick={() => props.onPart(props.part === 'alt' ? 'main' : 'alt')} aria-keyshortcuts="A">
            {props.part === 'alt' ? t('selection.editMinority') : t('selection.editMain')}
          </button>
        </fieldset>
      )}
    </section>
  );
}
