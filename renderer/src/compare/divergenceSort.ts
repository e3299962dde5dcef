import type { StakeholderComparison } from '../../../shared/analysis/compareCohorts';
import { ZONE_IDS } from '../../../shared/model/zones';

/** Columns of the divergence table that sort; `cohort:<id>` sorts by that cohort's n. */
export type SortKey =
  | 'stakeholder'
  | `cohort:${string}`
  | 'modalZone'
  | 'agreement'
  | 'betweenVariance'
  | 'pValue'
  | 'qValue'
  | 'dispersion'
  | 'zoneConsensus'
  | 'divergent'
  | 'unknown';

export interface SortState {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

/** Largest between-cohort variance first: where cohorts disagree most. */
export const DEFAULT_SORT: SortState = { key: 'betweenVariance', direction: 'descending' };

/** The direction a column starts in when first chosen: names A–Z, p and q smallest first, the rest largest first. */
export function firstDirection(key: SortKey): SortState['direction'] {
  return key === 'stakeholder' || key === 'pValue' || key === 'qValue' || key === 'dispersion' || key === 'modalZone' ? 'ascending' : 'descending';
}

/** The next sort after a click on a column header: the other direction, or a new column. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: firstDirection(key) };
}

type Value = number | string | null;

function valueOf(s: StakeholderComparison, key: SortKey, name: string): Value {
  if (key.startsWith('cohort:')) {
    const id = key.slice('cohort:'.length);
    return s.cohorts.find((c) => c.id === id)?.n ?? null;
  }
  switch (key) {
    case 'stakeholder':
      return name;
    case 'modalZone':
      // Zone order first, then a larger share first within a zone.
      return s.modalZone === null ? null : ZONE_IDS.indexOf(s.modalZone) * 10 + (1 - (s.modalZoneShare ?? 0));
    case 'agreement':
      return s.agreement;
    case 'betweenVariance':
      return s.betweenVariance;
    case 'pValue':
      return s.pValue;
    case 'qValue':
      return s.qValue;
    case 'dispersion':
      return s.dispersion?.pValue ?? null;
    case 'zoneConsensus':
      return s.zoneConsensus ? 1 : 0;
    case 'divergent':
      return s.divergent ? 1 : 0;
    case 'unknown':
      return s.unknown;
  }
  return null;
}

/**
 * Rows in the chosen order. Missing values (not tested, too few sessions) always go last
 * whatever the direction; ties keep the study's order, so sorting is stable and predictable.
 */
export function sortStakeholders(rows: readonly StakeholderComparison[], sort: SortState, nameOf: (s: StakeholderComparison) => string, lang: string): StakeholderComparison[] {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row, sort.key, nameOf(row)) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const c = typeof a.value === 'string' ? collator.compare(a.value, String(b.value)) : a.value - (b.value as number);
      return c !== 0 ? sign * c : a.index - b.index;
    })
    .map((x) => x.row);
}
