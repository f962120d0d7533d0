import { describe, expect, it } from 'vitest';
import { looksLikePhone } from '../../../src/core/columns';
import { findHeaderRow } from '../../../src/core/header-row';

const contacts = [
  ['Ali', '0501234567', 'Dubai'],
  ['Bea', '+971 52 765 4321', 'Ajman'],
  ['Cem', '050-111-2233', 'Sharjah'],
];

describe('findHeaderRow', () => {
  it('row 1 when the sheet starts with its header', () => {
    expect(findHeaderRow([['Name', 'Phone', 'City'], ...contacts])).toBe(0);
  });

  it('below a title merged across the columns, a blank row and a note', () => {
    const rows = [
      ['Al Noor Clinic: patients, May 2025', 'Al Noor Clinic: patients, May 2025', 'Al Noor Clinic: patients, May 2025'],
      [],
      ['Exported 18/05/2025 by reception'],
      ['', '', ''],
      ['Patient', 'Mobile', 'Branch'],
      ...contacts,
    ];
    expect(findHeaderRow(rows)).toBe(4);
  });

  it('below a title in one cell, with column names that do not say "phone"', () => {
    expect(findHeaderRow([['Class 5B parents'], ['Parent', 'Number 1', 'Child'], ...contacts])).toBe(1);
  });

  it('the row naming the phone column wins over a note that looks like names', () => {
    expect(findHeaderRow([['Printed:', 'May 2025'], ['Name', 'WhatsApp', 'City'], ...contacts])).toBe(1);
  });

  it('keeps the header when the first contact has no usable number', () => {
    expect(findHeaderRow([['Name', 'Cell number', 'City'], ['Dan', 'n/a', 'Dubai'], ...contacts])).toBe(0);
    expect(findHeaderRow([['Name', 'Reach', 'City'], ['Dan', 'ask', 'Dubai'], ...contacts])).toBe(0);
  });

  it('a one-column list with a header, and with none', () => {
    expect(findHeaderRow([['Numbers'], ['0501234567'], ['0527654321']])).toBe(0);
    expect(findHeaderRow([['0501234567'], ['0527654321']])).toBe(-1);
  });

  it('no header in a list of contacts only, nor in a list without numbers', () => {
    expect(findHeaderRow(contacts)).toBe(-1);
    expect(
      findHeaderRow([
        ['Ali', 'Dubai'],
        ['Bea', 'Ajman'],
      ]),
    ).toBe(-1);
    expect(findHeaderRow([])).toBe(-1);
  });

  it('a phone number in a note above the list does not count as the start of the contacts', () => {
    const rows = [['Questions? call'], ['0501112233'], [], ['Name', 'Phone', 'City'], ...contacts];
    expect(findHeaderRow(rows)).toBe(3);
  });
});

describe('looksLikePhone and dates', () => {
  it('a date as a sheet shows it is not a phone number; numbers written with dots and dashes still are', () => {
    for (const date of ['18/05/2025', '5/18/25', '2025-05-18', '18.05.2025', '18-05-2025'])
      expect({ date, phone: looksLikePhone(date) }).toEqual({ date, phone: false });
    for (const phone of ['050-123-4567', '050.123.4567', '+971 50 123 4567', '04 123 4567', '(050) 1234567', '06.12.34.56.78']) {
      expect({ phone, looks: looksLikePhone(phone) }).toEqual({ phone, looks: true });
    }
  });

  it('a date column below the header does not make the header look like data', () => {
    expect(
      findHeaderRow([
        ['Visit', 'Name'],
        ['18/05/2025', 'Ali'],
        ['19/05/2025', 'Bea'],
      ]),
    ).toBe(-1);
    expect(findHeaderRow([['Title'], ['Visit', 'Name', 'Phone'], ['18/05/2025', 'Ali', '0501234567'], ['19/05/2025', 'Bea', '0527654321']])).toBe(1);
  });
});
