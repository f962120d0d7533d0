import { describe, expect, it } from 'vitest';
import { columnLetter, columnNames, detectHeader, guessPhoneColumn, layoutKey } from '../../../src/core/columns';
import { sniffDelimiter, sniffFormat } from '../../../src/contacts/sniff';

describe('column mapping', () => {
  it('detects a header row, and its absence', () => {
    expect(
      detectHeader([
        ['Name', 'Mobile'],
        ['Ali', '0501234567'],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ['Ali', '0501234567'],
        ['Bea', '0527654321'],
      ]),
    ).toBe(false);
    expect(detectHeader([[''], ['Nombre', 'Celular'], ['x', '+34612345678']])).toBe(true);
    expect(detectHeader([['Ali'], ['Bea']])).toBe(false);
  });

  it('guesses the phone column by name in several languages and by content', () => {
    expect(guessPhoneColumn(['Name', 'Email', 'Teléfono'], [['a', 'a@x', '']])).toBe(2);
    expect(guessPhoneColumn(['الاسم', 'رقم الجوال'], [])).toBe(1);
    expect(guessPhoneColumn(['Name', 'Home', 'Handy'], [['a', '04 1234567', '0151 2345678']])).toBe(2);
    expect(
      guessPhoneColumn(null, [
        ['Ali', 'Dubai', '050 123 4567'],
        ['Bea', 'Ajman', '+971527654321'],
      ]),
    ).toBe(2);
  });

  it('names columns: header text, letters for blanks, numbered repeats', () => {
    expect(columnNames(['Name', '', 'name', 'Phone'], 5)).toEqual(['Name', 'Column B', 'name (2)', 'Phone', 'Column E']);
    expect(columnNames(null, 2)).toEqual(['Column A', 'Column B']);
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });

  it('gives one layout key per header layout, ignoring case, spacing and accents', () => {
    expect(layoutKey([' Name ', 'Téléphone'], 2)).toBe(layoutKey(['name', 'telephone'], 2));
    expect(layoutKey(['Name', 'Phone'], 2)).not.toBe(layoutKey(['Phone', 'Name'], 2));
    expect(layoutKey(null, 3)).not.toBe(layoutKey(null, 4));
  });
});

describe('sniffing', () => {
  it('picks the separator that splits lines consistently, ignoring quoted text', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(sniffDelimiter('"Doe, Jane";050\n"Roe, Bo";052\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|');
    expect(sniffDelimiter('0501234567\n0527654321\n')).toBe(',');
  });

  it('judges files by their bytes', () => {
    expect(sniffFormat(new Uint8Array())).toEqual({ kind: 'empty' });
    expect(sniffFormat(Buffer.from('PK\x03\x04rest'))).toEqual({ kind: 'zip' });
    expect(sniffFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toEqual({ kind: 'ole' });
    expect(sniffFormat(Buffer.from('a,b\n'))).toEqual({ kind: 'text', encoding: 'utf-8', bomLength: 0 });
    expect(sniffFormat(Buffer.from('caf\xe9\n', 'latin1'))).toEqual({ kind: 'text', encoding: 'windows-1252', bomLength: 0 });
    expect(sniffFormat(Buffer.from('phone\n0501234567\n', 'utf16le'))).toEqual({ kind: 'text', encoding: 'utf-16le', bomLength: 0 });
    // A multi-byte character cut at the end of the sample is still UTF-8.
    expect(sniffFormat(Buffer.from('caf\u00e9', 'utf8').subarray(0, 4))).toMatchObject({ encoding: 'utf-8' });
  });
});
