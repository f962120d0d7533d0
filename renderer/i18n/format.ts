// Dates, times, numbers and durations in the operator's language, through Intl (issue 12). Plain functions: they
// read the language the I18nProvider set (active-locale.ts), so helpers outside components can call them.
// Words around them ("about {duration}", "{count} contacts") belong in the messages, not here.
import { intlLocale as localeOf, type Language } from '../../src/shared/languages';
import { activeLanguage } from './active-locale';

/** The Intl locale of the language in use (Arabic with Western digits: src/shared/languages.ts). */
export const intlLocale = (language: Language = activeLanguage()): string => localeOf(language);

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  kind: string,
  options: object,
  make: (locale: string) => T,
): T {
  const locale = intlLocale();
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as T | undefined;
  if (!format) cache.set(key, (format = make(locale)));
  return format;
}
const numberFormat = (options: Intl.NumberFormatOptions = {}) => cached('n', options, (l) => new Intl.NumberFormat(l, options));
const dateFormat = (options: Intl.DateTimeFormatOptions) => cached('d', options, (l) => new Intl.DateTimeFormat(l, options));

/** 1234567 -> "1,234,567" (en), "1.234.567" (es), "12,34,567" (hi). */
export const formatNumber = (n: number, options?: Intl.NumberFormatOptions): string => numberFormat(options).format(n);

/** A count an operator reads at a glance: a whole number with the language's grouping. */
export const formatCount = (n: number): string => numberFormat({ maximumFractionDigits: 0 }).format(n);

/** 0.425 -> "43%" (en), "43 %" (fr), "%43" (ar, as Arabic writes it); `digits` after the decimal point. */
export const formatPercent = (fraction: number, digits = 0): string =>
  numberFormat({ style: 'percent', maximumFractionDigits: digits }).format(fraction);

/** A file size: "840 KB", "12.5 MB" in the language's units and decimal mark. */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return formatNumber(value, {
    style: 'unit',
    unit: units[unit],
    // Short bytes read "67 byte" in English; spelled out, they agree with the number.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  });
}

/** "30 Nov 2026" (en), "30 nov 2026" (es). */
export const formatDate = (ms: number): string => dateFormat({ dateStyle: 'medium' }).format(ms);

/** "15:40" or "3:40 PM", as the language writes a time; with seconds when asked (a log). */
export const formatTime = (ms: number, seconds = false): string =>
  dateFormat({ hour: 'numeric', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) }).format(ms);

/** "30 Nov 2026, 15:40". */
export const formatDateTime = (ms: number): string => dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(ms);

/** "Mon 30 Nov, 15:40": a moment within the coming weeks (a scheduled start). */
export const formatDayTime = (ms: number): string =>
  dateFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(ms);

/** An hour of the day ("09:00", "9 AM"…) for a sending window. */
export const formatHour = (hour: number): string => formatTime(new Date(2000, 0, 1, hour, 0).getTime());

/** A moment relative to `now`: "today 15:40", "tomorrow 09:00", "yesterday 18:02", else "Wed 2 Dec, 15:40". */
export function formatWhen(ms: number, now: number): string {
  const startOf = (t: number) => new Date(new Date(t).toDateString()).getTime();
  const days = Math.round((startOf(ms) - startOf(now)) / 86_400_000);
  if (days >= -1 && days <= 1) {
    const day = cached('r', {}, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' })).format(days, 'day');
    return `${day} ${formatTime(ms)}`;
  }
  return formatDayTime(ms);
}

type DurationParts = { days?: number; hours?: number; minutes?: number; seconds?: number };
interface DurationFormatLike {
  format(duration: DurationParts): string;
}
type DurationFormatCtor = new (locale: string, options: { style: 'short' | 'long' | 'narrow' }) => DurationFormatLike;

/**
 * A duration as an operator reads it, rounded as far as matters: "45 sec", "12 min", "3 hr, 20 min",
 * "2 days, 4 hr" (en); "12 min", "3 h y 20 min" (es); "12 دقيقة" (ar). Intl.DurationFormat where the browser has it,
 * else each unit through Intl.NumberFormat.
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const min = Math.round(s / 60);
  const h = Math.floor(min / 60);
  const parts: DurationParts =
    s < 60 ? { seconds: s } : min < 60 ? { minutes: min } : h < 48 ? { hours: h, minutes: min % 60 } : { days: Math.floor(h / 24), hours: h % 24 };
  const shown = Object.fromEntries(Object.entries(parts).filter(([unit, n]) => n > 0 || unit === 'seconds')) as DurationParts;
  const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatCtor }).DurationFormat;
  if (DurationFormat) return new DurationFormat(intlLocale(), { style: 'short' }).format(shown);
  const unitOf = { days: 'day', hours: 'hour', minutes: 'minute', seconds: 'second' } as const;
  return Object.entries(shown)
    .map(([unit, n]) => formatNumber(n, { style: 'unit', unit: unitOf[unit as keyof DurationParts], unitDisplay: 'short' }))
    .join(' ');
}
