import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner, workerRunner, type ImportRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { SheetTooLarge } from '../../../src/contacts/sheet-limits';
import { SharedStringsParser } from '../../../src/contacts/xlsx-stream/shared-strings';
import { buildImportWorker } from '../../support/build-import-worker';
import { cell, libreOfficeOds, odsBytes, repeatedCellsOds, repeatedRowsOds, row } from './ods-parts';
import { workbookParts, worksheet, zipBytes } from './xlsx-parts';

/**
 * Issue 13 point 7: a file of a few hundred bytes that claims a billion cells must end in a "too large" error
 * naming the file (and the sheet and row), in-process and in the import worker, and never take the process down.
 */

let dir: string;
let workerFile: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-hostile-sheets-'));
  const worker = await buildImportWorker();
  workerFile = worker.file;
  return async () => {
    worker.remove();
    await rm(dir, { recursive: true, force: true });
  };
});

const service = (runner: ImportRunner) =>
  new ContactsService({
    runner,
    optOut: new OptOutList(memoryJsonFile()),
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => 'AE',
  });

async function importBytes(name: string, bytes: Buffer, runner: ImportRunner = inProcessRunner) {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return service(runner).importFile({ path: file, name });
}

const CELLS_TOO_LARGE =
  'cells.ods: sheet "Sheet1" row 2 repeats a cell 1,000,000,000 times: past the 16,384 columns a sheet can have, so it is too large to import';
const ROWS_TOO_LARGE =
  'rows.ods: sheet "Sheet1" row 2 is repeated 1,000,000,000 times: past the 1,048,576 rows a sheet can have, so it is too large to import';

describe('.ods repeated cells and rows are bounded before SheetJS expands them', () => {
  it('refuses the billion-cell and the billion-row file in-process (the CLI and campaign paths)', async () => {
    await expect(importBytes('cells.ods', repeatedCellsOds())).rejects.toMatchObject({ code: 'bad_request', message: CELLS_TOO_LARGE });
    await expect(importBytes('rows.ods', repeatedRowsOds())).rejects.toMatchObject({ code: 'bad_request', message: ROWS_TOO_LARGE });
  });

  it('refuses both in the import worker (the desktop path), and this process lives on', async () => {
    const runner = workerRunner(workerFile);
    await expect(importBytes('cells.ods', repeatedCellsOds(), runner)).rejects.toMatchObject({ code: 'bad_request', message: CELLS_TOO_LARGE });
    await expect(importBytes('rows.ods', repeatedRowsOds(), runner)).rejects.toMatchObject({ code: 'bad_request', message: ROWS_TOO_LARGE });
    // The same service imports a good file afterwards.
    const ok = await importBytes('ok.ods', odsBytes({ Sheet1: row(cell('phone')) + row(cell('0501234567')) }), runner);
    expect(ok.counts.valid).toBe(1);
  });

  it('counts what SheetJS builds from a stray closing tag, and from many repeats that each pass', async () => {
    // A self-closing cell, then a closing tag with no cell open: SheetJS builds the repeat from the last cell tag.
    const stray = odsBytes({ S: row(cell('phone')) + row(`<table:table-cell table:number-columns-repeated="1000000000"/></table:table-cell>`) });
    await expect(importBytes('stray.ods', stray)).rejects.toThrow(/^stray\.ods: sheet "S" row 2 repeats a cell 1,000,000,000 times/);
    // 2,000 rows of 10,000 cells each: every repeat is within a sheet, 20 million cells are not.
    const many = odsBytes({ S: row(cell('phone')) + row(cell('0501234567', 10_000), 2_000) });
    await expect(importBytes('many.ods', many)).rejects.toThrow(
      'many.ods: its repeated rows and cells make more than 10,000,000 cells (passed at sheet "S" row 2), so the file is too large to import',
    );
  });

  it('reads a file as LibreOffice saves it: empty cells to column 16,384 and empty rows to row 1,048,576, repeated', async () => {
    const summary = await importBytes('libre.ods', libreOfficeOds(['0501234567', '0527654321', '12']));
    expect(summary.counts).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
  });

  it('an out-of-memory in the worker ends that import with a message naming the file, never this process', async () => {
    // A legitimate 50,000-row sheet, read under a 32 MB heap: SheetJS needs more.
    const rows = [row(cell('Name') + cell('Phone') + cell('Note'))];
    for (let i = 0; i < 50_000; i++) rows.push(row(cell(`Person ${i}`) + cell(`05${10_000_000 + i}`) + cell(`note ${i}`)));
    const bytes = odsBytes({ S: rows.join('') });
    await expect(importBytes('big.ods', bytes, workerRunner(workerFile, { heapLimitMb: 32 }))).rejects.toMatchObject({
      code: 'bad_request',
      message: 'big.ods: is too large to import (reading it took more than 32 MB of memory)',
    });
  });
});

describe('.xlsx (streamed) sizes are bounded', () => {
  const xlsx = (sheetXml: string, extra: { sharedStrings?: string } = {}) =>
    zipBytes(workbookParts([{ name: 'S', xml: worksheet(sheetXml) }], extra));

  it('refuses a <dimension> past the rows or columns a sheet can have', async () => {
    const bytes = xlsx('<dimension ref="A1:A2000000000"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c></row></sheetData>');
    await expect(importBytes('dim.xlsx', bytes)).rejects.toThrow(
      'dim.xlsx: sheet "S" spans 2,000,000,000 rows and 1 columns, past the 1,048,576 rows and 16,384 columns a sheet can have, so it is too large to import',
    );
  });

  it('refuses a row numbered past the last row (the rows between would all be made)', async () => {
    const bytes = xlsx(
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c></row><row r="2000000000"><c r="A2000000000"><v>971501234567</v></c></row></sheetData>',
    );
    await expect(importBytes('far.xlsx', bytes)).rejects.toThrow(
      'far.xlsx: sheet "S" row 2,000,000,000 is past the 1,048,576 rows a sheet can have, so the file is too large to import',
    );
  });

  it('refuses a cell past the last column (the cells before it would all be made)', async () => {
    const bytes = xlsx('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c><c r="ZZZZZZ1"><v>1</v></c></row></sheetData>');
    await expect(importBytes('wide.xlsx', bytes)).rejects.toThrow(
      'wide.xlsx: sheet "S" row 1 has a cell in column 321,272,406, past the 16,384 columns a sheet can have, so the file is too large to import',
    );
  });

  it('refuses merged areas that would fill more than 10 million cells', async () => {
    const bytes = xlsx(
      '<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    );
    await expect(importBytes('merged.xlsx', bytes)).rejects.toThrow(
      'merged.xlsx: its merged cells make more than 10,000,000 cells (passed at sheet "S" row 1), so the file is too large to import',
    );
  });

  it('refuses a shared-strings table past its limit (each string costs an offset even when empty)', () => {
    const parser = new SharedStringsParser(1000);
    parser.push(Buffer.from(`<sst xmlns="x">${'<si></si>'.repeat(1000)}`));
    expect(parser.finish().count).toBe(1000);
    expect(() => parser.push(Buffer.from('<si><t>one more</t></si>'))).toThrow(SheetTooLarge);
    expect(() => new SharedStringsParser(1000).push(Buffer.from(`<sst xmlns="x">${'<si></si>'.repeat(1001)}`))).toThrow(
      'has more than 1,000 shared texts, so it is too large to import',
    );
  });
});

describe('.xls (SheetJS) ranges and merges are bounded before they are walked', () => {
  const xls = (ws: XLSX.WorkSheet, patch?: (workbookStream: Buffer) => void): Buffer => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    if (!patch) return bytes;
    const cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
    const entry = XLSX.CFB.find(cfb, '/Workbook')!;
    const stream = Buffer.from(entry.content as Uint8Array);
    patch(stream);
    entry.content = stream;
    return XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
  };

  it('refuses a dimensions record claiming two billion rows (each would have been walked)', async () => {
    const bytes = xls(XLSX.utils.aoa_to_sheet([['phone'], ['0501234567']]), (stream) => {
      for (let at = 0; at + 4 <= stream.length; at += 4 + stream.readUInt16LE(at + 2)) {
        if (stream.readUInt16LE(at) === 0x0200) stream.writeUInt32LE(0x7fffffff, at + 8); // Dimensions: last row + 1
      }
    });
    await expect(importBytes('dims.xls', bytes)).rejects.toThrow(
      'dims.xls: sheet "S" spans 2,147,483,647 rows and 1 columns, past the 1,048,576 rows and 16,384 columns a sheet can have, so it is too large to import',
    );
  });

  it('refuses a merged area that would fill more than 10 million cells', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['phone', ''],
      ['0501234567', ''],
    ]);
    ws['!merges'] = [XLSX.utils.decode_range('A1:B2')];
    // Grown in the file to the whole of an .xls sheet (65,536 rows, 256 columns), as a hostile writer could.
    const bytes = xls(ws, (stream) => {
      for (let at = 0; at + 4 <= stream.length; at += 4 + stream.readUInt16LE(at + 2)) {
        const type = stream.readUInt16LE(at);
        if (type === 0x0200) {
          stream.writeUInt32LE(65_536, at + 8); // Dimensions: last row + 1
          stream.writeUInt16LE(256, at + 14); // and last column + 1
        } else if (type === 0x00e5) {
          stream.writeUInt16LE(65_535, at + 8); // MergeCells, the first area: last row
          stream.writeUInt16LE(255, at + 12); // and last column
        }
      }
    });
    await expect(importBytes('merge.xls', bytes)).rejects.toThrow(
      'merge.xls: its merged cells make more than 10,000,000 cells (passed at sheet "S" row 1), so the file is too large to import',
    );
  });
});

describe('what reaches the main process is bounded', () => {
  it('refuses a file of more than 5,000,000 rows while reading it (the main process keeps every row)', async () => {
    const bytes = Buffer.from('phone\n' + '\n'.repeat(5_000_001));
    await expect(importBytes('many.csv', bytes)).rejects.toThrow(
      'many.csv: has more than 5,000,000 rows, so it is too large to import; split it into smaller lists',
    );
  });
});
