/**
 * Numbers as the compare view shows them, in the UI language's digits and separators.
 * Positions have one decimal (the precision placements are recorded in); shares are
 * whole percentages; p- and q-values keep enough digits to show the permutation floor
 * (1 / 10,000 with 9,999 shuffles).
 */
import { numberFormat } from '../i18n/format';

// One place decides the digits (Latin, or Bengali when asked for): app/format.
const formatter = (lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat => numberFormat(lang, options);

export function formatValue(v: number, lang: string): string {
  return formatter(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
}

export function formatStat(v: number, lang: string): string {
  return formatter(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
}

export function formatShare(v: number, lang: string): string {
  return formatter(lang, { style: 'percent', maximumFractionDigits: 0 }).format(v);
}

export function formatCount(v: number, lang: string): string {
  return formatter(lang, { maximumFractionDigits: 0 }).format(v);
}

/**
 * p and q: three decimals, four below 0.01, and two significant digits below 0.001, so
 * the permutation floor shows as what it is (0.0001 with 9,999 shuffles, 0.00001 with
 * 99,999) and never as a misleading 0.
 */
export function formatP(v: number, lang: string): string {
  if (v > 0 && v < 0.001) return formatter(lang, { maximumSignificantDigits: 2 }).format(v);
  const digits = v < 0.01 ? 4 : 3;
  return formatter(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}
