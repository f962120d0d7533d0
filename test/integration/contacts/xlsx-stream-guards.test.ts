import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import type { ReadProgress } from '../../../src/contacts/table';
import { readXlsxStream } from '../../../src/contacts/xlsx-stream/xlsx-stream-reader';
import { book } from './workbook-fixtures';
import { collectRows, sst, workbookParts, worksheet, writeBytes, zipBytes } from './xlsx-parts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-xlsx-guards-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const service = () =>
  new ContactsService({
    runner: inProcessRunner,
    optOut: new OptOutList(memoryJsonFile()),
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => 'AE',
  });

async function stream(file: string, options: { sheet?: string; signal?: AbortSignal } = {}) {
  const size = (await stat(file)).size;
  const rows: number[] = [];
  const progress: ReadProgress[] = [];
  const info = await readXlsxStream(file, path.basename(file), size, {
    ...options,
    onRows: (p) => rows.push(p.rowEnds.length),
    onProgress: (p) => progress.push(p),
  });
  return { info, rows, progress, size };
}

const rowsXml = (count: number) => {
  let xml = '<sheetData>';
  for (let r = 1; r <= count; r++) xml += `<row r="${r}"><c r="A${r}" t="s"><v>0</v></c><c r="B${r}"><v>${971500000000 + r}</v></c></row>`;
  return xml + '</sheetData>';
};

describe('streaming .xlsx reader guards', () => {
  it('stops a zip bomb (a sheet that inflates past the limit while its header claims 1 KB) with the zip-guard message', async () => {
    const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
    const bomb = Buffer.concat([...Array.from({ length: 1100 }, () => block), Buffer.from([0x03, 0x00])]);
    const parts = workbookParts([{ name: 'S', xml: '' }]);
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    sheet.deflated = { bytes: bomb, declaredSize: 1024 };
    const file = await writeBytes(path.join(dir, 'bomb.xlsx'), zipBytes(parts));
    const rows: number[] = [];
    const size = (await stat(file)).size;
    await expect(readXlsxStream(file, 'bomb.xlsx', size, { onRows: (p) => rows.push(p.rowEnds.length) })).rejects.toThrow(
      /^bomb\.xlsx: unpacks to more than 1024 MB, which is not a contact list/,
    );
    expect(rows).toEqual([]);
  });

  it('refuses a zip whose declared sizes pass the limit before inflating anything', async () => {
    const parts = workbookParts([{ name: 'S', xml: worksheet(rowsXml(1)) }]);
    parts.push({ name: 'xl/media/big.bin', data: '', deflated: { bytes: deflateRawSync(Buffer.alloc(0)), declaredSize: 0xfffffff0 } });
    const file = await writeBytes(path.join(dir, 'declared.xlsx'), zipBytes(parts));
    await expect(stream(file)).rejects.toThrow(/declared\.xlsx: unpacks to more than \d+ MB/);
  });

  it('names a missing sheet, with the sheets there are', async () => {
    const file = await writeBytes(
      path.join(dir, 'one.xlsx'),
      XLSX.write(book({ Only: XLSX.utils.aoa_to_sheet([['Phone'], ['0501234567']]) }), { type: 'buffer', bookType: 'xlsx' }) as Buffer,
    );
    await expect(stream(file, { sheet: 'Nope' })).rejects.toThrow('one.xlsx: has no sheet named "Nope" (sheets: Only)');
  });

  it('a workbook with no rows, and one with a header only, get the usual errors through the service', async () => {
    const empty = await writeBytes(
      path.join(dir, 'empty.xlsx'),
      XLSX.write(book({ Empty: XLSX.utils.aoa_to_sheet([]) }), { type: 'buffer', bookType: 'xlsx' }) as Buffer,
    );
    await expect(service().importFile({ path: empty, name: 'empty.xlsx' })).rejects.toThrow('empty.xlsx: sheet "Empty" is empty');
    const head = await writeBytes(
      path.join(dir, 'head.xlsx'),
      XLSX.write(book({ H: XLSX.utils.aoa_to_sheet([['Name', 'Phone']]) }), { type: 'buffer', bookType: 'xlsx' }) as Buffer,
    );
    await expect(service().importFile({ path: head, name: 'head.xlsx' })).rejects.toThrow('head.xlsx: has a header row but no data rows');
  });

  it('names a damaged sheet: rows out of order, a shared string the file does not have', async () => {
    const outOfOrder = worksheet('<sheetData><row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row></sheetData>');
    const file1 = await writeBytes(path.join(dir, 'order.xlsx'), zipBytes(workbookParts([{ name: 'S', xml: outOfOrder }])));
    await expect(stream(file1)).rejects.toThrow('order.xlsx: sheet "S" lists row 3 after row 5 (rows out of order)');
    const badIndex = worksheet('<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>');
    const file2 = await writeBytes(
      path.join(dir, 'sst.xlsx'),
      zipBytes(workbookParts([{ name: 'S', xml: badIndex }], { sharedStrings: sst(['<t>a</t>']) })),
    );
    await expect(stream(file2)).rejects.toThrow('sst.xlsx: is damaged: sheet "S" row 1 refers to shared text 7, which the file does not have');
  });

  it('hands rows on in batches during the parse, with progress by compressed bytes up to the file size', async () => {
    const file = await writeBytes(
      path.join(dir, 'big.xlsx'),
      zipBytes(workbookParts([{ name: 'S', xml: worksheet(rowsXml(30_000)) }], { sharedStrings: sst(['<t>Name</t>']) })),
    );
    const r = await stream(file);
    expect(r.rows).toEqual([5000, 5000, 5000, 5000, 5000, 5000]);
    const bytes = r.progress.map((p) => p.bytesRead);
    expect(bytes.length).toBeGreaterThanOrEqual(7);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes[0]).toBe(0);
    expect(bytes.at(-1)).toBe(r.size);
    expect(r.progress.at(-1)!.rowsRead).toBe(30_000);
  });

  it('stops when cancelled', async () => {
    const file = await writeBytes(
      path.join(dir, 'cancel.xlsx'),
      zipBytes(workbookParts([{ name: 'S', xml: worksheet(rowsXml(20_000)) }], { sharedStrings: sst(['<t>Name</t>']) })),
    );
    const controller = new AbortController();
    const size = (await stat(file)).size;
    const batches: number[] = [];
    const read = readXlsxStream(file, 'cancel.xlsx', size, {
      signal: controller.signal,
      onRows: (p) => {
        batches.push(p.rowEnds.length);
        controller.abort();
      },
    });
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
    expect(batches).toEqual([5000]);
  });

  it('an encrypted workbook (an OLE file named .xlsx) is left to the SheetJS path, which names it', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
    const file = await writeBytes(path.join(dir, 'secret.xlsx'), XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const r = await collectRows(async (o) => readXlsxStream(file, 'secret.xlsx', (await stat(file)).size, o));
    expect(r.info).toBeNull();
    await expect(service().importFile({ path: file, name: 'secret.xlsx' })).rejects.toThrow('secret.xlsx: is password-protected (encrypted)');
  });
});
