import { compileDateFormat, formatDateSerial, type DateFormat } from '../../core/date-format';

/**
 * Cell values turned into the text the SheetJS path gives (workbook-reader.ts cellText): whole numbers as their
 * digits (padded to a "0000000000" format), other numbers as JS prints them, numbers with a date or time format as
 * the sheet shows them (core/date-format.ts), booleans as TRUE/FALSE.
 */

/** How a cell style changes a number's text; undefined for a style that shows the number as it is. */
export interface NumberStyle {
  padWidth: number;
  date: DateFormat | null;
}

/** The NumberStyle of each cell style, from its number format. */
export function numberStylesOf(formats: readonly (string | undefined)[]): (NumberStyle | undefined)[] {
  return formats.map((format) => {
    const padWidth = padWidthOf(format);
    const date = format === undefined ? null : compileDateFormat(format);
    return padWidth > 0 || date ? { padWidth, date } : undefined;
  });
}

/** A number cell's text under its style: a date or time as the format shows it, else as numberText writes it. */
export function styledNumberText(value: number, style: NumberStyle | undefined, date1904: boolean): string {
  if (!style) return numberText(value, 0);
  const date = style.date ? formatDateSerial(value, style.date, date1904) : null;
  return date ?? numberText(value, style.padWidth);
}

/** Width to pad whole numbers to for a cell style: a format of only zeros shows leading zeros. */
export function padWidthOf(format: string | undefined): number {
  return format !== undefined && /^0+$/.test(format) ? format.length : 0;
}

export function numberText(v: number, padWidth: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) {
    const digits = v.toFixed(0);
    return padWidth > 0 ? digits.padStart(padWidth, '0') : digits;
  }
  return String(v);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EPOCH_1900 = Date.UTC(1899, 11, 30, 0, 0, 0);
const TIME_BASE_1900 = Date.UTC(1899, 11, 31, 0, 0, 0);
const TIME_BASE_1904 = Date.UTC(1904, 0, 1, 0, 0, 0);
const TIME_ONLY = /^(\d+):(\d+)(:\d+)?(\.\d+)?$/;
const DATE_ONLY = /^(\d+)-(\d+)-(\d+)$/;
const DATE_TIME = /^(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)(:\d+)?(\.\d+)?$/;

/** A t="d" cell's ISO text as the serial number SheetJS makes of it (its parseDate + datenum). */
export function dateSerial(text: string, date1904: boolean): number {
  let time: number;
  let m: RegExpMatchArray | null;
  if ((m = text.match(TIME_ONLY))) {
    const seconds = (parseInt(m[1]!, 10) * 60 + parseInt(m[2]!, 10)) * 60 + (m[3] ? parseInt(m[3].slice(1), 10) : 0);
    time = (date1904 ? TIME_BASE_1904 : TIME_BASE_1900) + seconds * 1000 + (m[4] ? parseInt((m[4] + '000').slice(1, 4), 10) : 0);
  } else if ((m = text.match(DATE_ONLY))) {
    time = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 0, 0, 0, 0);
  } else if ((m = text.match(DATE_TIME))) {
    time = Date.UTC(
      +m[1]!,
      +m[2]! - 1,
      +m[3]!,
      +m[4]!,
      +m[5]!,
      (m[6] && parseInt(m[6].slice(1), 10)) || 0,
      (m[7] && parseInt((m[7] + '0000').slice(1, 4), 10)) || 0,
    );
  } else time = new Date(text).getTime();
  const serial = (time - EPOCH_1900) / DAY_MS;
  if (date1904) {
    const shifted = serial - 1462;
    return shifted < -1402 ? shifted - 1 : shifted;
  }
  return serial < 60 ? serial - 1 : serial;
}

export function booleanText(value: string | undefined): string {
  return value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
}
