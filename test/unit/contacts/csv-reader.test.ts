/**
 * Text files read from disk (readTable: sniffed by their bytes, then streamed through the CSV reader): encodings
 * with and without a byte-order mark, and the mark never left in a cell.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packedRow, packedRowCount } from '../../../src/contacts/packed-rows';
import { readTable } from '../../../src/contacts/read-table';
import { sniffFormat } from '../../../src/contacts/sniff';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-csv-reader-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every row readTable hands over for a file with these bytes, and what it found out about the file. */
async function readFile(name: string, bytes: Buffer) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const rows: string[][] = [];
  const info = await readTable(
    { kind: 'file', path: file, name },
    {
      onRows: (batch) => {
        for (let i = 0; i < packedRowCount(batch); i++) rows.push(packedRow(batch, i));
      },
    },
  );
  return { info, rows };
}

/** UTF-16BE bytes of the text, without a byte-order mark. */
function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
  return be;
}

describe('reading text files', () => {
  it('detects UTF-16BE without a byte-order mark', () => {
    expect(sniffFormat(utf16be('phone\n0501234567\n0527654321\n'))).toEqual({ kind: 'text', encoding: 'utf-16be', bomLength: 0 });
  });

  it('reads the rows of a UTF-16BE file without a byte-order mark', async () => {
    const { info, rows } = await readFile('be-no-bom.csv', utf16be('Nom;Téléphone\nZoé;0612345678\nAli;0712345678\n'));
    expect(info).toMatchObject({ encoding: 'utf-16be', delimiter: ';' });
    expect(rows).toEqual([
      ['Nom', 'Téléphone'],
      ['Zoé', '0612345678'],
      ['Ali', '0712345678'],
    ]);
  });

  it('leaves no UTF-8 byte-order mark in the first cell of a file with no header row', async () => {
    const { info, rows } = await readFile('no-header.csv', Buffer.from('\ufeff0501234567,Ali\n0527654321,Bea\n', 'utf8'));
    expect(info).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(rows).toEqual([
      ['0501234567', 'Ali'],
      ['0527654321', 'Bea'],
    ]);
  });
});
