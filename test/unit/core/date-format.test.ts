import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_DATE_FORMATS, compileDateFormat, formatDateSerial } from '../../../src/core/date-format';

/** The serial shown through the format (1900 date system unless told). */
function show(serial: number, format: string, date1904 = false): string | null {
  const compiled = compileDateFormat(format);
  return compiled ? formatDateSerial(serial, compiled, date1904) : null;
}

/** 18 May 2025, 09:30 (what Excel stores for that appointment). */
const APPOINTMENT = 45795.395833333336;

describe('date and time cells shown through their number format', () => {
  it('custom formats as Excel shows them', () => {
    expect(show(APPOINTMENT, 'dd/mm/yyyy hh:mm')).toBe('18/05/2025 09:30');
    expect(show(APPOINTMENT, 'dd/mm/yyyy\\ hh:mm')).toBe('18/05/2025 09:30');
    expect(show(APPOINTMENT, 'd mmm yyyy')).toBe('18 May 2025');
    expect(show(APPOINTMENT, 'h:mm AM/PM')).toBe('9:30 AM');
    expect(show(APPOINTMENT + 0.5, 'h:mm AM/PM')).toBe('9:30 PM');
    expect(show(APPOINTMENT, 'dddd, mmmm d, yyyy')).toBe('Sunday, May 18, 2025');
    expect(show(APPOINTMENT, '[$-409]d\\ mmm\\ yyyy;@')).toBe('18 May 2025');
    expect(show(APPOINTMENT, 'yyyy-mm-dd"T"hh:mm:ss')).toBe('2025-05-18T09:30:00');
    expect(show(APPOINTMENT, '[Red]dd.mm.yy')).toBe('18.05.25');
    expect(show(APPOINTMENT, 'mmmmm')).toBe('M');
    expect(show(APPOINTMENT, 'h:mm a/p')).toBe('9:30 a');
  });

  it('the built-in formats, the locale short date day first', () => {
    const shown = Object.fromEntries(Object.entries(BUILT_IN_DATE_FORMATS).map(([id, f]) => [id, show(APPOINTMENT + 1.25 / 86400, f)]));
    expect(shown).toEqual({
      14: '18/05/2025',
      15: '18-May-25',
      16: '18-May',
      17: 'May-25',
      18: '9:30 AM',
      19: '9:30:01 AM',
      20: '9:30',
      21: '9:30:01',
      22: '18/05/2025 09:30',
      45: '30:01',
      46: '1099089:30:01',
      47: '3001.3',
    });
  });

  it('rounds to the second shown before cutting into units, as Excel does', () => {
    expect(show(45795 + (9 * 3600 + 29 * 60 + 59.6) / 86400, 'hh:mm')).toBe('09:30');
    expect(show(45795 + (9 * 3600 + 29 * 60 + 40) / 86400, 'hh:mm')).toBe('09:29');
    expect(show(45795 + (23 * 3600 + 59 * 60 + 59.7) / 86400, 'dd/mm/yyyy hh:mm:ss')).toBe('19/05/2025 00:00:00');
    expect(show(0.5 + 1.234 / 86400, 'hh:mm:ss.00')).toBe('12:00:01.23');
  });

  it('the 1904 date system, and the 1900 system around its false 29 February', () => {
    expect(show(APPOINTMENT - 1462, 'dd/mm/yyyy hh:mm', true)).toBe('18/05/2025 09:30');
    expect(show(60, 'dd/mm/yyyy')).toBe('29/02/1900');
    expect(show(61, 'dd/mm/yyyy')).toBe('01/03/1900');
    expect(show(59, 'dd/mm/yyyy')).toBe('28/02/1900');
    expect(show(1, 'dd/mm/yyyy')).toBe('01/01/1900');
    expect(show(0.75, 'h:mm')).toBe('18:00');
  });

  it('leaves plain number formats alone, and values Excel cannot show as a date', () => {
    for (const format of [
      'General',
      '0',
      '0000000000',
      '#,##0.00',
      '0.00E+00',
      '0%',
      '@',
      '[<=9999999]###-####;(###) ###-####',
      '#,##0 "days"',
      '0 \\d',
    ]) {
      expect({ format, compiled: compileDateFormat(format) }).toEqual({ format, compiled: null });
    }
    const dateFormat = compileDateFormat('dd/mm/yyyy')!;
    expect(formatDateSerial(-1, dateFormat, false)).toBeNull();
    expect(formatDateSerial(3e6, dateFormat, false)).toBeNull();
    expect(formatDateSerial(Number.NaN, dateFormat, false)).toBeNull();
  });

  it('agrees with SheetJS on explicit formats over many serials', () => {
    const formats = [
      'dd/mm/yyyy hh:mm',
      'd mmm yyyy',
      'h:mm AM/PM',
      'yyyy-mm-dd',
      'dddd d mmmm yy',
      'hh:mm:ss',
      'mm:ss',
      '[h]:mm',
      'd-mmm-yy',
      'm/d/yyyy h:mm:ss AM/PM',
    ];
    let compared = 0;
    for (let serial = 61; serial < 60000; serial += 613.2371) {
      for (const format of formats) {
        expect({ serial, format, text: show(serial, format) }).toEqual({ serial, format, text: XLSX.SSF.format(format, serial) });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(900);
    for (let serial = 0.25; serial < 60000; serial += 1733.417) {
      const ssf = XLSX.SSF.format('yyyy-mm-dd dddd hh:mm', serial, { date1904: true }) as string;
      expect({ serial, text: show(serial, 'yyyy-mm-dd dddd hh:mm', true) }).toEqual({ serial, text: ssf });
    }
  });
});
