import { describe, expect, it } from 'vitest';
import { PackedRowsBuilder } from '../../../src/contacts/packed-rows';
import { ArrayRows, PackedRowStore, RowWindow, type RowSource } from '../../../src/contacts/row-table';

const ROWS = [['h1', 'h2'], [], ['a', '1'], ['  ', ''], ['b'], ['c', '3', 'extra'], ['d', '4']];

function store(batchSizes: number[]): PackedRowStore {
  const s = new PackedRowStore();
  let at = 0;
  for (const size of batchSizes) {
    const b = new PackedRowsBuilder();
    for (const row of ROWS.slice(at, at + size)) b.addRow(row);
    s.append(b.finish());
    at += size;
  }
  return s;
}

const all = (rows: RowSource) => Array.from({ length: rows.length }, (_, i) => rows.row(i));

describe('PackedRowStore', () => {
  it('reads rows, cells and blankness across batch boundaries, in any order', () => {
    const s = store([3, 0, 1, 3]);
    expect(s.length).toBe(ROWS.length);
    expect(all(s)).toEqual(ROWS);
    expect([6, 0, 5, 2].map((i) => s.cell(i, 1))).toEqual(['4', 'h2', '3', '1']);
    expect(s.cell(4, 1)).toBe('');
    expect(ROWS.map((_, i) => s.isBlank(i))).toEqual([false, true, false, true, false, false, false]);
    expect(() => s.row(7)).toThrow(RangeError);
  });
});

describe('RowWindow', () => {
  it('turns a header row on and off without copying, keeping every row', () => {
    const base = store([2, 5]);
    const window = RowWindow.over(base);
    expect(window.firstNonBlank()).toBe(0);
    const body = window.after(0); // row 0 became the header
    expect(all(body)).toEqual(ROWS.slice(1));
    expect(body.firstNonBlank()).toBe(1);
    const deeper = body.after(body.firstNonBlank()); // header on again, further down
    expect(all(deeper)).toEqual(ROWS.slice(3));
    const back = deeper.withFirst(['a', '1']).withFirst([]); // header off twice: the rows come back in front
    expect(all(back)).toEqual(ROWS.slice(1));
    expect(back.cell(1, 1)).toBe('1');
    expect(back.isBlank(0)).toBe(true);
    expect(all(back.after(1))).toEqual(ROWS.slice(3));
  });

  it('works over plain arrays too', () => {
    const window = RowWindow.over(new ArrayRows(ROWS)).after(2);
    expect(all(window)).toEqual(ROWS.slice(3));
    expect(window.isBlank(0)).toBe(true);
  });
});
