/**
 * Locales for numbers and dates on screen, per UI language (Indian conventions for all
 * three). Bengali shows Latin digits unless the person asked for Bengali digits
 * (preference `bengaliDigits`): both are common in West Bengal, and many people read
 * prices and phone numbers in Latin digits. Files never come through here: CSV, JSON
 * and CLI output keep Latin digits and ISO dates for Excel and R.
 */
let bengaliDigits = false;

/** Called when the preference changes (App); every formatter below follows it. */
export function setBengaliDigits(on: boolean): void {
  bengaliDigits = on;
}

export function localeOf(language: string): string {
  if (language.startsWith('bn')) return bengaliDigits ? 'bn-IN-u-nu-beng' : 'bn-IN-u-nu-latn';
  if (language.startsWith('hi')) return 'hi-IN-u-nu-latn';
  return 'en-IN';
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A cached Intl.NumberFormat for the UI language and the digits preference. */
export function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const locale = localeOf(language);
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}

export function formatNumber(v: number, language: string): string {
  return numberFormat(language).format(v);
}

export function formatDateTime(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatTime(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'medium' }).format(d);
}

/** A YYYY-MM-DD session date shown as "4 Mar 2026"; empty stays empty. */
export function formatDay(day: string, language: string): string {
  if (!day) return '';
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
