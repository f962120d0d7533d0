import { Readable } from 'node:stream';
import csvParser from 'csv-parser';
import { describe, expect, it } from 'vitest';
import { CsvScanner, RowTooLongError } from '../../../src/contacts/csv-scanner';
import { packedRow, packedRowCount, type PackedRows } from '../../../src/contacts/packed-rows';

/** Rows as CsvScanner reads them, the bytes fed in the given chunk sizes (cycled). */
function scan(bytes: Buffer, separator = ',', chunkSizes = [bytes.length || 1], batchRows = 3, maxRowBytes = 1 << 20) {
  const rows: string[][] = [];
  const widths: number[] = [];
  const scanner = new CsvScanner({
    separator,
    maxRowBytes,
    batchRows,
    onRows: (batch: PackedRows, widest) => {
      for (let i = 0; i < packedRowCount(batch); i++) rows.push(packedRow(batch, i));
      widths.push(widest);
    },
  });
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = Math.max(1, chunkSizes[k % chunkSizes.length]!);
    scanner.push(bytes.subarray(at, at + size));
    at += size;
  }
  scanner.end();
  return { rows, widths, rowsRead: scanner.rowsRead };
}

/** Rows as csv-parser 3 reads them with the options the importer used before (the reference behaviour). */
async function csvParserRows(bytes: Buffer, separator = ','): Promise<string[][]> {
  const parser = csvParser({ headers: false, separator });
  const rows: string[][] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([Buffer.from(bytes)]) // a copy: csv-parser unescapes cells in place, in the buffer it is given
      .pipe(parser)
      .on('data', (row: Record<string, string>) => {
        const cells: string[] = [];
        for (let i = 0; i in row; i++) cells.push(row[i]!);
        rows.push(cells);
      })
      .on('end', resolve)
      .on('error', reject);
  });
  return rows;
}

/** A small deterministic random generator, so a failing case can be replayed from its seed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['a', 'Zoé', '0501234567', ' ', '"', '""', ',', ';', '\n', '\r\n', '\r', '', '😀', 'محمد', '\t', 'x"y', '"q"'];

describe('CsvScanner', () => {
  it('reads quotes, escaped quotes, newlines in quotes, CRLF, unicode and empty cells', () => {
    const text = 'Name,Phone,Note\r\n"Doe, Jane","050 123","line1\nline2"\r\n"Smith ""Bo""",,\r\n\r\nمحمد,😀,\n"",x,""\n';
    expect(scan(Buffer.from(text)).rows).toEqual([
      ['Name', 'Phone', 'Note'],
      ['Doe, Jane', '050 123', 'line1\nline2'],
      ['Smith "Bo"', '', ''],
      [],
      ['محمد', '😀', ''],
      ['', 'x', ''],
    ]);
  });

  it('reads the last line without a newline, and a CR before it', () => {
    expect(scan(Buffer.from('a,b\nc,d\r')).rows).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('hands rows on in batches with the widest row of each batch', () => {
    const { rows, widths, rowsRead } = scan(Buffer.from('a\nb,c\nd\ne,f,g\n'), ',', [1], 3);
    expect(rows).toEqual([['a'], ['b', 'c'], ['d'], ['e', 'f', 'g']]);
    expect(widths).toEqual([2, 3]);
    expect(rowsRead).toBe(4);
  });

  it('refuses a row longer than the limit, naming its row number, even when it never ends', () => {
    expect(() => scan(Buffer.from('a\nb\n' + 'x'.repeat(100) + '\n'), ',', [7], 3, 50)).toThrow(RowTooLongError);
    try {
      scan(Buffer.from('a\nb\n"' + 'x\n'.repeat(60)), ',', [16], 3, 50);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RowTooLongError);
      expect((err as RowTooLongError).rowNumber).toBe(3);
    }
  });

  it('reads exactly as csv-parser does, whatever the chunking, on 400 random texts', async () => {
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const parts: string[] = [];
      const length = Math.floor(next() * 60);
      for (let i = 0; i < length; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
      const bytes = Buffer.from(parts.join(''));
      const separator = next() < 0.8 ? ',' : ';';
      const expected = await csvParserRows(bytes, separator);
      const chunks = [1 + Math.floor(next() * 7), 1 + Math.floor(next() * 40)];
      const whole = scan(bytes, separator).rows;
      const chunked = scan(bytes, separator, chunks).rows;
      expect({ seed, rows: whole }).toEqual({ seed, rows: expected });
      expect({ seed, chunks, rows: chunked }).toEqual({ seed, chunks, rows: expected });
    }
  });
});
