/** Locale for dates and numbers per UI language (Indian conventions for all three). */
function localeOf(language: string): string {
  if (language.startsWith('bn')) return 'bn-IN';
  if (language.startsWith('hi')) return 'hi-IN';
  return 'en-IN';
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
