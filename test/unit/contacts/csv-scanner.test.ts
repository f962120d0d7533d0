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

/**
 * Rows as Excel and LibreOffice read CSV, written the plain way (one character at a time) as the reference the fast
 * scanner is compared with: only a quote at a cell's start opens quoting, `""` inside quotes is a quote, text after
 * the closing quote is kept, LF outside quotes ends a row (a CR before it is dropped), an empty line is a row of no
 * cells.
 */
function referenceRows(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let raw = '';
  let quoted = false;
  let cellStart = true;
  const endRow = () => {
    if (raw.endsWith('\r')) {
      raw = raw.slice(0, -1);
      cell = cell.slice(0, -1);
    }
    rows.push(raw === '' ? [] : [...cells, cell]);
    [cells, cell, raw, quoted, cellStart] = [[], '', '', false, true];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      raw += c;
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') [cell, raw, i] = [cell + '"', raw + '"', i + 1];
      else quoted = false;
      continue;
    }
    if (c === '\n') {
      endRow();
      continue;
    }
    raw += c;
    if (c === separator) [cells, cell, cellStart] = [[...cells, cell], '', true];
    else if (c === '"' && cellStart) [quoted, cellStart] = [true, false];
    else [cell, cellStart] = [cell + c, false];
  }
  if (raw !== '') endRow();
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

  it('reads a quote inside an unquoted cell as a plain character, and the rows after it intact', () => {
    const text = 'Name,Phone,Note\nMohammed "Mo" Ali,0501234567,ok\n12" pizza,0527654321,"says ""hi"""\nBea,0551234567,x "y\nCem,0561234567,\n';
    expect(scan(Buffer.from(text)).rows).toEqual([
      ['Name', 'Phone', 'Note'],
      ['Mohammed "Mo" Ali', '0501234567', 'ok'],
      ['12" pizza', '0527654321', 'says "hi"'],
      ['Bea', '0551234567', 'x "y'],
      ['Cem', '0561234567', ''],
    ]);
  });

  it('keeps two quotes in an unquoted cell as they are, and text after a closing quote', () => {
    expect(scan(Buffer.from('a""b,"Doe" Jr,"x""y" z,  "sp"\n')).rows).toEqual([['a""b', 'Doe Jr', 'x"y z', '  "sp"']]);
  });

  it('opens quoting only at the start of a cell, with any separator and across chunks', () => {
    const text = 'Mo "the" Ali;"050;1"\n5" x;"a\nb"\nlast;1\n';
    const expected = [
      ['Mo "the" Ali', '050;1'],
      ['5" x', 'a\nb'],
      ['last', '1'],
    ];
    for (const size of [1, 2, 3, 5, 8]) expect(scan(Buffer.from(text), ';', [size]).rows).toEqual(expected);
  });

  it('reads an unclosed quoted cell to the end of the file, as Excel does', () => {
    expect(scan(Buffer.from('a,"open\nb,c\n')).rows).toEqual([['a', 'open\nb,c\n']]);
  });

  it('reads exactly as the plain reference does, whatever the chunking, on 600 random texts', () => {
    for (let seed = 1; seed <= 600; seed++) {
      const next = random(seed);
      const parts: string[] = [];
      const length = Math.floor(next() * 60);
      for (let i = 0; i < length; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
      const text = parts.join('');
      const bytes = Buffer.from(text);
      const separator = next() < 0.8 ? ',' : ';';
      const expected = referenceRows(text, separator);
      const chunks = [1 + Math.floor(next() * 7), 1 + Math.floor(next() * 40)];
      const whole = scan(bytes, separator).rows;
      const chunked = scan(bytes, separator, chunks).rows;
      expect({ seed, text, rows: whole }).toEqual({ seed, text, rows: expected });
      expect({ seed, chunks, rows: chunked }).toEqual({ seed, chunks, rows: expected });
    }
  });
});
