/**
 * Date and time cells as the sheet shows them. A spreadsheet stores a date as a serial number of days (45797.3958…)
 * and shows it through the cell's number format (`dd/mm/yyyy hh:mm`); a contact list's "appointment" column must
 * reach the message as that text, never as the number. Both workbook readers use this module, so they agree.
 *
 * What is read of a format: its first section (dates are positive), y/m/d/h/s codes, AM/PM and A/P, elapsed [h] [mm]
 * [ss], fractions of a second (`ss.00`), quoted text, `\x` escapes, `_x` spaces; colours, conditions, locale tags
 * ([$-409]) and fill characters (`*x`) are dropped. The locale's own short date (built-in format 14, which Excel
 * shows in the reader's regional style) is shown day first, `dd/mm/yyyy`, and format 22 as `dd/mm/yyyy hh:mm`.
 */

type Code = 'y' | 'M' | 'd' | 'h' | 'm' | 's' | 'H' | 'N' | 'S' | 'f' | 'ampm' | 'ap';

interface Token {
  code: Code | 'text';
  /** How many letters (yyyy = 4), the digits of a fraction, or the literal text. */
  width: number;
  text: string;
}

/** A format read once, applied to many cells. */
export interface DateFormat {
  readonly tokens: readonly Token[];
  readonly twelveHour: boolean;
  /** Digits of a second shown (ss.00 = 2): values are rounded to this before they are cut into units. */
  readonly fraction: number;
}

/** Formats that stand for "the date as this computer writes it", as SheetJS names built-in formats 14 and 22. */
const LOCALE_DEFAULTS: Record<string, string> = {
  'm/d/yy': 'dd/mm/yyyy',
  'mm-dd-yy': 'dd/mm/yyyy',
  'm/d/yy h:mm': 'dd/mm/yyyy hh:mm',
};

/** The built-in date and time formats by id (as SheetJS's table names them, so both readers see the same text). */
export const BUILT_IN_DATE_FORMATS: Readonly<Record<number, string>> = {
  14: 'm/d/yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Excel's last day, 31 December 9999; past it (or below zero) Excel shows ####, and the number is kept. */
const MAX_SERIAL = 2_958_466;

/** The format compiled, or null when it shows no date or time (a plain number, text, General). */
export function compileDateFormat(format: string): DateFormat | null {
  const trimmed = format.trim();
  if (trimmed === '' || /^general$/i.test(trimmed)) return null;
  const source = LOCALE_DEFAULTS[trimmed] ?? trimmed;
  const tokens = resolveMinutes(tokenize(firstSection(source)));
  if (!tokens.some((t) => t.code !== 'text')) return null;
  const fraction = tokens.find((t) => t.code === 'f')?.width ?? 0;
  return { tokens, twelveHour: tokens.some((t) => t.code === 'ampm' || t.code === 'ap'), fraction };
}

/** The serial number shown through the format, or null when Excel could not show it as a date (below 0, past 9999). */
export function formatDateSerial(serial: number, format: DateFormat, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= MAX_SERIAL) return null;
  const scale = 10 ** format.fraction;
  const units = Math.round(serial * 86_400 * scale);
  const days = Math.floor(units / (86_400 * scale));
  const inDay = units - days * 86_400 * scale;
  const seconds = Math.floor(inDay / scale);
  const p = calendarDate(days, date1904);
  p.hour = Math.floor(seconds / 3600);
  p.minute = Math.floor(seconds / 60) % 60;
  p.second = seconds % 60;
  p.fraction = inDay % scale;
  p.totalSeconds = Math.floor(units / scale);
  // A plain loop: this runs for every date cell of a sheet.
  let out = '';
  for (const t of format.tokens) out += RENDER[t.code](t, p, format);
  return out;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
  fraction: number;
  totalSeconds: number;
}

/** Days from 1 January 1970 to day 0 of each date system (30 December 1899; 1 January 1904). */
const EPOCH_1900 = -25_569;
const EPOCH_1904 = -24_107;

/**
 * Day `days` of the date system (time fields 0). The 1900 system counts 29 February 1900, a day that never was, and
 * a day 0; its days before 1 March 1900 count from 31 December 1899.
 */
function calendarDate(days: number, date1904: boolean): Parts {
  const p: Parts = { year: 1900, month: 1, day: 0, weekday: 6, hour: 0, minute: 0, second: 0, fraction: 0, totalSeconds: 0 };
  if (!date1904 && days === 0) return p;
  if (!date1904 && days === 60) return Object.assign(p, { month: 2, day: 29, weekday: 3 });
  civilDate(days + (date1904 ? EPOCH_1904 : days < 60 ? EPOCH_1900 + 1 : EPOCH_1900), p);
  return p;
}

/** Year, month, day and weekday of a day counted from 1 January 1970 (H. Hinnant's civil_from_days), without a Date. */
function civilDate(epochDay: number, p: Parts): void {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  p.day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  p.month = mp < 10 ? mp + 3 : mp - 9;
  p.year = yoe + era * 400 + (p.month <= 2 ? 1 : 0);
  p.weekday = (((epochDay + 4) % 7) + 7) % 7; // 1 January 1970 was a Thursday
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

type Render = (t: Token, p: Parts, f: DateFormat) => string;

const RENDER: Record<Token['code'], Render> = {
  text: (t) => t.text,
  y: (t, p) => (t.width <= 2 ? pad(p.year % 100, 2) : String(p.year)),
  M: (t, p) => monthText(p.month, t.width),
  d: (t, p) => (t.width >= 4 ? DAYS[p.weekday]! : t.width === 3 ? DAYS[p.weekday]!.slice(0, 3) : pad(p.day, t.width)),
  h: (t, p, f) => pad(f.twelveHour ? p.hour % 12 || 12 : p.hour, Math.min(t.width, 2)),
  m: (t, p) => pad(p.minute, Math.min(t.width, 2)),
  s: (t, p) => pad(p.second, Math.min(t.width, 2)),
  H: (t, p) => pad(Math.floor(p.totalSeconds / 3600), t.width),
  N: (t, p) => pad(Math.floor(p.totalSeconds / 60), t.width),
  S: (t, p) => pad(p.totalSeconds, t.width),
  f: (t, p, f) => '.' + pad(p.fraction, f.fraction).slice(0, t.width),
  ampm: (_t, p) => (p.hour < 12 ? 'AM' : 'PM'),
  ap: (t, p) => (p.hour < 12 ? t.text[0]! : t.text[2]!),
};

function monthText(month: number, width: number): string {
  const name = MONTHS[month - 1]!;
  if (width === 5) return name[0]!;
  if (width === 3) return name.slice(0, 3);
  return width >= 4 ? name : pad(month, width);
}

/** The format's first section (`;` outside quotes, escapes and brackets ends it). */
function firstSection(format: string): string {
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '\\' && !quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '[') bracket = true;
    else if (!quoted && c === ']') bracket = false;
    else if (!quoted && !bracket && c === ';') return format.slice(0, i);
  }
  return format;
}

const LETTER_CODES: Record<string, Code> = { y: 'y', d: 'd', h: 'h', s: 's', m: 'M' };

function tokenize(format: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < format.length;) i = readToken(format, i, tokens);
  return tokens;
}

const text = (value: string): Token => ({ code: 'text', width: value.length, text: value });

/** Reads the token at `i` into `tokens`; returns where the next one starts. */
function readToken(format: string, i: number, tokens: Token[]): number {
  const c = format[i]!;
  switch (c) {
    case '"': {
      const end = format.indexOf('"', i + 1);
      tokens.push(text(format.slice(i + 1, end < 0 ? format.length : end)));
      return end < 0 ? format.length : end + 1;
    }
    case '\\':
      tokens.push(text(format[i + 1] ?? ''));
      return i + 2;
    case '_':
      tokens.push(text(' '));
      return i + 2;
    case '*':
      return i + 2;
    case '[':
      return bracket(format, i, tokens);
  }
  return readCode(format, i, tokens);
}

/** AM/PM, A/P, a run of one date letter, a fraction of a second, or one literal character. */
function readCode(format: string, i: number, tokens: Token[]): number {
  const ampm = /^(am\/pm|a\/p)/i.exec(format.slice(i, i + 5))?.[0];
  if (ampm) {
    tokens.push({ code: ampm.length === 5 ? 'ampm' : 'ap', width: ampm.length, text: ampm });
    return i + ampm.length;
  }
  const lower = format[i]!.toLowerCase();
  const code = LETTER_CODES[lower];
  if (code) {
    let end = i;
    while (end < format.length && format[end]!.toLowerCase() === lower) end++;
    tokens.push({ code, width: end - i, text: format.slice(i, end) });
    return end;
  }
  if (format[i] === '.' && format[i + 1] === '0' && isSeconds(tokens[tokens.length - 1])) {
    let end = i + 1;
    while (end < format.length && format[end] === '0' && end - i <= 3) end++;
    tokens.push({ code: 'f', width: end - i - 1, text: format.slice(i, end) });
    return end;
  }
  tokens.push(text(format[i]!));
  return i + 1;
}

const isSeconds = (t: Token | undefined) => t !== undefined && (t.code === 's' || t.code === 'S');

/** `[h]`, `[mm]`, `[ss]` are elapsed time; any other bracket (colour, condition, locale) shows nothing. */
function bracket(format: string, at: number, tokens: Token[]): number {
  const end = format.indexOf(']', at);
  if (end < 0) return format.length;
  const inner = format.slice(at + 1, end);
  const elapsed = /^(h+|m+|s+)$/i.exec(inner);
  if (elapsed) {
    const code: Code = inner[0]!.toLowerCase() === 'h' ? 'H' : inner[0]!.toLowerCase() === 'm' ? 'N' : 'S';
    tokens.push({ code, width: inner.length, text: inner });
  }
  return end + 1;
}

/** `m` and `mm` are minutes right after hours or right before seconds (text between them aside), months otherwise. */
function resolveMinutes(tokens: Token[]): Token[] {
  const codes = tokens.filter((t) => t.code !== 'text');
  return tokens.map((t) => {
    if (t.code !== 'M' || t.width > 2) return t;
    const k = codes.indexOf(t);
    const before = codes[k - 1]?.code;
    const after = codes[k + 1]?.code;
    const minute = before === 'h' || before === 'H' || after === 's' || after === 'S';
    return minute ? { ...t, code: 'm' } : t;
  });
}
