import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
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

  const keyDown = (e: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
    const target = rovingTarget(e.key, index, rows.length, false);
    if (target !== null) {
      e.preventDefault();
      const next = rows[target];
      if (next) refs.current.get(next.id)?.focus();
      return;
    }
    onRowKeyDown(e, id);
  };

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
        {rows.map((row, index) => {
          const p = row.placement;
          const placed = p?.status === 'placed' && p.position ? p.position : null;
          const zone = placed ? zoneOf(placed, midline) : null;
          const name = row.retired ? t('twin.retired', { name: row.name }) : row.name;
          return (
            <tr
              key={row.id}
              ref={(el) => {
                if (el) refs.current.set(row.id, el);
                else refs.current.delete(row.id);
              }}
              data-stakeholder-id={row.id}
              data-status={p?.status ?? 'remaining'}
              data-zone={zone ?? ''}
              data-label-box={labelBoxes[row.id]}
              data-alt-label-box={labelBoxes[`${row.id}::alt`]}
              data-alt-zone={p?.contested && p.alt ? zoneOf(p.alt, midline) : undefined}
              tabIndex={row.id === tabStop ? 0 : -1}
              aria-current={row.id === selectedId ? 'true' : undefined}
              onFocus={() => row.id !== selectedId && onSelect(row.id)}
              onClick={() => onSelect(row.id)}
              onKeyDown={(e) => keyDown(e, index, row.id)}
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
        })}
      </tbody>
    </table>
  );
}
