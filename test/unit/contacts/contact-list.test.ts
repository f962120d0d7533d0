import { describe, expect, it } from 'vitest';
import { ContactList } from '../../../src/contacts/contact-list';
import { KeptDuplicates } from '../../../src/contacts/kept-duplicates';
import { leftOutRows } from '../../../src/contacts/left-out-rows';
import { NumberIndex } from '../../../src/contacts/number-set';
import { BLANK_ROW, reasonCode } from '../../../src/contacts/phone-codes';
import type { RowSource } from '../../../src/contacts/row-table';

/** Rows as a RowSource (what the importer's packed rows give the list). */
function source(rows: string[][]): RowSource {
  return {
    length: rows.length,
    row: (i) => [...rows[i]!],
    cell: (i, c) => rows[i]![c] ?? '',
    isBlank: (i) => rows[i]!.every((c) => c.trim() === ''),
  };
}

// Row 2 is the first data row (row 1 is the header).
const ROWS = [
  ['Jane Smith', '07400 123456'], // 2
  ['John Smith', '07400123456'], // 3 repeats 2
  ['Bad', 'abc'], // 4
  ['', ''], // 5 blank
  ['Ali', '+971501234567'], // 6
  ['Jane Smith', '+44 7400 123456'], // 7 repeats 2
];
const PHONES = Float64Array.from([447400123456, 447400123456, reasonCode('letters in the number'), BLANK_ROW, 971501234567, 447400123456]);

const listOf = () => {
  const list = new ContactList(source(ROWS), PHONES.slice(), 2, 1);
  list.classify(null);
  return list;
};

describe('ContactList duplicates', () => {
  it('lists every repeated row with the row it repeats, its number written internationally and both rows’ other cells', () => {
    const list = listOf();
    expect(list.summaryCounts).toEqual({ rows: 5, valid: 2, invalid: 1, duplicates: 2, optedOut: 0 });
    expect(list.duplicates(0, 10)).toEqual([
      { row: 3, repeatsRow: 2, phone: '+44 7400 123456', value: '07400123456', details: 'John Smith', repeatsDetails: 'Jane Smith', kept: false },
      { row: 7, repeatsRow: 2, phone: '+44 7400 123456', value: '+44 7400 123456', details: 'Jane Smith', repeatsDetails: 'Jane Smith', kept: false },
    ]);
    expect(list.duplicates(1, 10).map((d) => d.row)).toEqual([7]);
    expect(list.duplicateRows()).toEqual([3, 7]);
  });

  it('makes a kept duplicate a contact of its own, marked with the row it repeats', () => {
    const list = listOf();
    list.setKept(new Set([3, 4, 99])); // 4 is a problem row and 99 no row: neither is a duplicate to keep
    expect(list.classify(null)).toEqual({ rows: 5, valid: 3, invalid: 1, duplicates: 1, optedOut: 0 });
    expect(list.keptDuplicates).toBe(1);
    expect(list.validRows(0, 10)).toEqual([
      { row: 2, phone: '+447400123456', values: ROWS[0] },
      { row: 3, phone: '+447400123456', values: ROWS[1], repeatsRow: 2 },
      { row: 6, phone: '+971501234567', values: ROWS[4] },
    ]);
    expect(list.duplicates(0, 10).map((d) => d.kept)).toEqual([true, false]);
  });

  it('counts a kept duplicate of an opted-out number as opted out', () => {
    const list = listOf();
    list.setKept(new Set([3]));
    expect(list.classify((e164) => e164 === '+447400123456')).toEqual({ rows: 5, valid: 1, invalid: 1, duplicates: 1, optedOut: 2 });
  });

  it('exports problems and the duplicates left out in file order, each duplicate naming the row it repeats', () => {
    const list = listOf();
    list.setKept(new Set([7]));
    list.classify(null);
    expect([...leftOutRows(list)]).toEqual([
      { row: 3, value: '07400123456', reason: 'repeats row 2 (+44 7400 123456, Jane Smith)' },
      { row: 4, value: 'abc', reason: 'letters in the number' },
    ]);
  });
});

describe('KeptDuplicates', () => {
  const all = () => [3, 7];

  it('keeps rows, all of them or none, and undoes each change in turn', () => {
    const kept = new KeptDuplicates();
    expect(kept.canUndo).toBe(false);
    expect(kept.apply({ change: 'rows', rows: [3], keep: true }, all)).toBe(true);
    expect(kept.apply({ change: 'all', keep: true }, all)).toBe(true);
    expect([...kept.rows]).toEqual([3, 7]);
    expect(kept.apply({ change: 'all', keep: true }, all)).toBe(false); // nothing changed: nothing to undo added
    expect(kept.apply({ change: 'rows', rows: [7], keep: false }, all)).toBe(true);
    expect([...kept.rows]).toEqual([3]);
    expect(kept.apply({ change: 'undo' }, all)).toBe(true);
    expect([...kept.rows]).toEqual([3, 7]);
    expect(kept.apply({ change: 'undo' }, all)).toBe(true);
    expect([...kept.rows]).toEqual([3]);
    expect(kept.apply({ change: 'undo' }, all)).toBe(true);
    expect([...kept.rows]).toEqual([]);
    expect(kept.canUndo).toBe(false);
    expect(kept.apply({ change: 'undo' }, all)).toBe(false);
  });
});

describe('NumberIndex', () => {
  it('gives the first index of a number across growth, and -1 for a new one', () => {
    const index = new NumberIndex(2);
    const firstTime = Array.from({ length: 5_000 }, (_, i) => index.firstIndex(447_400_000_000 + i, i));
    expect(firstTime.every((v) => v === -1)).toBe(true);
    const again = Array.from({ length: 5_000 }, (_, i) => index.firstIndex(447_400_000_000 + i, 99_999));
    expect(again).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
    expect(index.size).toBe(5_000);
    expect(() => index.firstIndex(0, 1)).toThrow(RangeError);
  });
});
