import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  isBlankPackedRow,
  packedCell,
  packedCellCount,
  packedRow,
  packedRowCount,
  packedRowsFrom,
  packedTransferList,
  PackedRowsBuilder,
  type PackedRows,
} from '../../../src/contacts/packed-rows';

const ROWS: string[][] = [
  ['Name', 'Phone', 'Note'],
  ['Doe, "Jane"', '050 123 4567', 'line 1\nline 2\r\nline 3'],
  ['', '', ''],
  [],
  ['محمد', '+971 50 123 4567', '😀 emoji, 中文'],
  ['\u00a0', ' ', '\u3000'],
  ['only one'],
  ['"""', '', 'x'.repeat(5000)],
];

const unpack = (p: PackedRows) => Array.from({ length: packedRowCount(p) }, (_, i) => packedRow(p, i));

function pack(rows: string[][]): PackedRows {
  const builder = new PackedRowsBuilder(8, 2, 1); // tiny start: growing is part of what is tested
  for (const row of rows) builder.addRow(row);
  return builder.finish();
}

describe('packed rows', () => {
  it('round-trip quotes, newlines, unicode, empty cells and empty rows exactly', () => {
    const p = pack(ROWS);
    expect(unpack(p)).toEqual(ROWS);
    expect(ROWS.map((_, i) => packedCellCount(p, i))).toEqual(ROWS.map((r) => r.length));
    expect(packedCell(p, 4, 2)).toBe('😀 emoji, 中文');
    expect(packedCell(p, 6, 5)).toBe(''); // past the row's last cell
  });

  it('survive a transfer to another thread unchanged, leaving the sender without the buffers', async () => {
    const p = pack(ROWS);
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<PackedRows>((resolve) => port2.once('message', resolve));
    port1.postMessage(p, packedTransferList(p));
    const copy = await received;
    port1.close();
    port2.close();
    expect(unpack(copy)).toEqual(ROWS);
    expect(p.bytes.byteLength).toBe(0); // moved, not copied
  });

  it('judge blank rows as String#trim does, unicode white space included', () => {
    const p = pack(ROWS);
    expect(ROWS.map((_, i) => isBlankPackedRow(p, i))).toEqual(ROWS.map((r) => r.every((c) => c.trim() === '')));
    expect(isBlankPackedRow(pack([['\u200b']]), 0)).toBe(false); // zero-width space is not white space to trim()
  });

  it('keep batches apart: finish starts a new batch that owns its buffers', () => {
    const builder = new PackedRowsBuilder();
    builder.addRow(['a', 'b']);
    const first = builder.finish();
    builder.addRow(['c']);
    const second = builder.finish();
    expect(unpack(first)).toEqual([['a', 'b']]);
    expect(unpack(second)).toEqual([['c']]);
    expect(first.bytes.buffer).not.toBe(second.bytes.buffer);
  });

  it('split off the rows from an index on', () => {
    const p = pack(ROWS);
    for (let from = 0; from <= ROWS.length + 1; from++) expect(unpack(packedRowsFrom(p, from))).toEqual(ROWS.slice(from));
  });
});
