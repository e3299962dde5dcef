import { memo, useCallback, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Placement } from '../../../shared/model/session';
import type { Midline } from '../../../shared/model/zones';
import { zoneOf } from '../../../shared/model/zones';
import { formatValue } from './announce';
import { rovingTarget } from './roving';

export interface TwinRow {
  id: string;
  name: string;
  short: string;
  retired: boolean;
  placement: Placement | undefined;
}

export interface TwinTableProps {
  rows: readonly TwinRow[];
  midline: Midline;
  /** The canvas's label boxes ("x,y,w,h", page pixels) by stakeholder id, `<id>::alt` for the minority chip. */
  labelBoxes?: Readonly<Record<string, string>>;
  selectedId: string | null;
  onSelect(id: string): void;
  /** Shortcuts on a row (U, N, Delete, Enter), the same as on the map. */
  onRowKeyDown(e: KeyboardEvent<HTMLTableRowElement>, id: string): void;
}

/**
 * The accessible twin of the canvas: every stakeholder with its status, zone and
 * values as text. Rows are one tab stop (arrow keys move between them); focusing a row
 * selects its chip, and selecting a chip marks its row. Tests read the map from here.
 */
export function TwinTable({ rows, midline, labelBoxes = {}, selectedId, onSelect, onRowKeyDown }: TwinTableProps) {
  const { t } = useTranslation('editor');
  const refs = useRef(new Map<string, HTMLTableRowElement>());
  const tabStop = rows.some((r) => r.id === selectedId) ? selectedId : (rows[0]?.id ?? null);
  // Handlers that stay the same function across renders (reading the latest props), so a
  // row whose stakeholder did not change is not rendered again: a drop on a map with
  // thousands of chips re-renders one row, not all of them.
  const latest = useRef({ rows, onSelect, onRowKeyDown, selectedId });
  useLayoutEffect(() => {
    latest.current = { rows, onSelect, onRowKeyDown, selectedId };
  });
  const register = useCallback((id: string, el: HTMLTableRowElement | null) => {
    if (el) refs.current.set(id, el);
    else refs.current.delete(id);
  }, []);
  const select = useCallback((id: string) => latest.current.onSelect(id), []);
  const focusSelect = useCallback((id: string) => id !== latest.current.selectedId && latest.current.onSelect(id), []);
  const keyDown = useCallback((e: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
    const { rows: all, onRowKeyDown: onKey } = latest.current;
    const target = rovingTarget(e.key, index, all.length, false);
    if (target !== null) {
      e.preventDefault();
      const next = all[target];
      if (next) refs.current.get(next.id)?.focus();
      return;
    }
    onKey(e, id);
  }, []);

  return (
    <table className="ed-twin-table">
      <caption>
        <span className="ed-twin-table__title">{t('twin.title')}</span>
        <span className="ed-twin-table__caption">{t('twin.caption')}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('twin.name')}</th>
          <th scope="col">{t('twin.status')}</th>
          <th scope="col">{t('twin.zone')}</th>
          <th scope="col" className="num">
            {t('twin.power')}
          </th>
          <th scope="col" className="num">
            {t('twin.interest')}
          </th>
          <th scope="col">{t('twin.minority')}</th>
          <th scope="col">{t('twin.note')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <Row
            key={row.id}
            row={row}
            index={index}
            midline={midline}
            t={t}
            tabStop={row.id === tabStop}
            current={row.id === selectedId}
            labelBox={labelBoxes[row.id]}
            altLabelBox={labelBoxes[`${row.id}::alt`]}
            register={register}
            onSelect={select}
            onFocusSelect={focusSelect}
            onKeyDown={keyDown}
          />
        ))}
      </tbody>
    </table>
  );
}

interface RowProps {
  row: TwinRow;
  index: number;
  midline: Midline;
  t: TFunction;
  tabStop: boolean;
  current: boolean;
  labelBox: string | undefined;
  altLabelBox: string | undefined;
  register(id: string, el: HTMLTableRowElement | null): void;
  onSelect(id: string): void;
  onFocusSelect(id: string): void;
  onKeyDown(e: KeyboardEvent<HTMLTableRowElement>, index: number, id: string): void;
}

/** Rows are rebuilt as new objects on every change of the session: compare what they show. */
const sameRow = (a: RowProps, b: RowProps) =>
  a.row.id === b.row.id &&
  a.row.name === b.row.name &&
  a.row.short === b.row.short &&
  a.row.retired === b.row.retired &&
  a.row.placement === b.row.placement &&
  a.index === b.index &&
  a.midline === b.midline &&
  a.t === b.t &&
  a.tabStop === b.tabStop &&
  a.current === b.current &&
  a.labelBox === b.labelBox &&
  a.altLabelBox === b.altLabelBox &&
  a.register === b.register &&
  a.onSelect === b.onSelect &&
  a.onFocusSelect === b.onFocusSelect &&
  a.onKeyDown === b.onKeyDown;

const Row = memo(function Row({ row, index, midline, t, tabStop, current, labelBox, altLabelBox, register, onSelect, onFocusSelect, onKeyDown }: RowProps) {
  const p = row.placement;
  const placed = p?.status === 'placed' && p.position ? p.position : null;
  const zone = placed ? zoneOf(placed, midline) : null;
  const name = row.retired ? t('twin.retired', { name: row.name }) : row.name;
  return (
    <tr
      ref={(el) => register(row.id, el)}
      data-stakeholder-id={row.id}
      data-status={p?.status ?? 'remaining'}
      data-zone={zone ?? ''}
      data-label-box={labelBox}
      data-alt-label-box={altLabelBox}
      data-alt-zone={p?.contested && p.alt ? zoneOf(p.alt, midline) : undefined}
      tabIndex={tabStop ? 0 : -1}
      aria-current={current ? 'true' : undefined}
      onFocus={() => onFocusSelect(row.id)}
      onClick={() => onSelect(row.id)}
      onKeyDown={(e) => onKeyDown(e, index, row.id)}
    >
      <th scope="row">
        {name}
        {row.short !== row.name && <span className="ed-twin-table__short"> ({row.short})</span>}
      </th>
      <td data-col="status">{t(`common:status.${p?.status ?? 'remaining'}`)}</td>
      <td data-col="zone">{zone ? t(`common:zones.${zone}`) : t('twin.none')}</td>
      <td data-col="power" className="num">
        {placed ? formatValue(placed.power) : t('twin.none')}
      </td>
      <td data-col="interest" className="num">
        {placed ? formatValue(placed.interest) : t('twin.none')}
      </td>
      <td data-col="minority">{p?.contested && p.alt ? `${formatValue(p.alt.power)}, ${formatValue(p.alt.interest)}` : t('twin.none')}</td>
      <td data-col="note" className="ed-twin-table__note">
        {p?.note || t('twin.none')}
      </td>
    </tr>
  );
}, sameRow);
