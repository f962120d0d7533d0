import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync, constants } from 'node:zlib';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { book, writeWorkbook } from './workbook-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-import-files-'));
});

function service(mappings = new MappingStore(memoryJsonFile())) {
  return new ContactsService({
    runner: inProcessRunner,
    optOut: new OptOutList(memoryJsonFile()),
    mappings,
    fallbackCountry: () => 'AE',
  });
}

async function importBytes(name: string, bytes: Buffer | string, options = {}, svc = service()) {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  const summary = await svc.importFile({ path: file, name }, options);
  return { svc, summary, rows: svc.rows(0, 100).items, problems: svc.problems(0, 100).items };
}

describe('text files', () => {
  it('UTF-8 with BOM, quoted fields with commas and newlines keep their spreadsheet row numbers', async () => {
    const { summary, rows, problems } = await importBytes(
      'bom.csv',
      '\ufeffName,Phone\r\n"Doe, Jane\r\nsecond line",050 123 4567\r\n"Smith ""Bo""",0501\r\nAli,052 765 4321\r\n',
    );
    expect(summary.source).toMatchObject({ encoding: 'utf-8', delimiter: ',', kind: 'csv' });
    expect(summary.columns).toEqual(['Name', 'Phone']);
    expect(summary.counts).toEqual({ rows: 3, valid: 2, invalid: 1, duplicates: 0, optedOut: 0 });
    expect(rows.map((r) => [r.row, r.phone, r.values[0]])).toEqual([
      [2, '+971501234567', 'Doe, Jane\r\nsecond line'],
      [4, '+971527654321', 'Ali'],
    ]);
    expect(problems).toEqual([{ row: 3, value: '0501', reason: 'too short' }]);
  });

  it("UTF-16 LE with BOM, tab-separated (Excel's Unicode text)", async () => {
    const text = 'الاسم\tالجوال\r\nمحمد\t0501234567\r\nJosé\t+44 7911 123456\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { summary, rows } = await importBytes('unicode.txt', bytes);
    expect(summary.source).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(summary.columns).toEqual(['الاسم', 'الجوال']);
    expect(summary.phoneColumn).toBe(1);
    expect(rows.map((r) => [r.values[0], r.phone])).toEqual([
      ['محمد', '+971501234567'],
      ['José', '+447911123456'],
    ]);
  });

  it('UTF-16 BE with BOM, semicolons', async () => {
    const le = Buffer.from('Nom;Téléphone\n"Zoé";0612345678\n', 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    const { summary, rows } = await importBytes('be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be]), {
      defaultCountry: 'FR',
    });
    expect(summary.source).toMatchObject({ encoding: 'utf-16be', delimiter: ';' });
    expect(rows).toEqual([{ row: 2, phone: '+33612345678', values: ['Zoé', '0612345678'] }]);
  });

  it('falls back to Windows-1252 for invalid UTF-8 (accents from old Excel)', async () => {
    const bytes = Buffer.from('Nombre|Móvil\nJosé Muñoz|+34 612 345 678\n', 'latin1');
    const { summary, rows } = await importBytes('latin.csv', bytes);
    expect(summary.source).toMatchObject({ encoding: 'windows-1252', delimiter: '|' });
    expect(summary.columns).toEqual(['Nombre', 'Móvil']);
    expect(rows[0]).toEqual({ row: 2, phone: '+34612345678', values: ['José Muñoz', '+34 612 345 678'] });
  });

  it('plain text, one number per line, no header; blank lines keep numbering but are not rows', async () => {
    const { summary, rows, problems } = await importBytes('numbers.txt', '0501234567\n\n00971527654321\n0501234567\nhello\n');
    expect(summary.hasHeader).toBe(false);
    expect(summary.columns).toEqual(['Column A']);
    expect(summary.counts).toEqual({ rows: 4, valid: 2, invalid: 1, duplicates: 1, optedOut: 0 });
    expect(rows.map((r) => r.row)).toEqual([1, 3]);
    expect(problems).toEqual([{ row: 5, value: 'hello', reason: 'letters in the number' }]);
  });

  it('pasted numbers', async () => {
    const summary = await service().importText('+971501234567\r\n050 123 4567\n+1 212 555 0123', 'AE');
    expect(summary.source.kind).toBe('paste');
    expect(summary.counts).toEqual({ rows: 3, valid: 2, invalid: 0, duplicates: 1, optedOut: 0 });
  });

  it('refuses empty, header-only, binary and over-long-line files with the file name and cause', async () => {
    await expect(importBytes('empty.csv', '')).rejects.toThrow('empty.csv: is empty');
    await expect(importBytes('blank.csv', '\n\n  \n')).rejects.toThrow('blank.csv: is empty (no rows with any text)');
    await expect(importBytes('head.csv', 'Name,Phone\n')).rejects.toThrow('head.csv: has a header row but no data rows');
    await expect(importBytes('zip.csv', Buffer.from([1, 2, 0, 0, 5, 6, 7, 0]))).rejects.toThrow(
      'zip.csv: is not a spreadsheet or text file (it contains binary data)',
    );
    const longLine = Buffer.alloc(50 * 1024 * 1024, 0x61);
    await expect(importBytes('long.csv', Buffer.concat([Buffer.from('phone\n0501234567\n'), longLine]))).rejects.toThrow(
      'long.csv: row 3 is longer than 4 MB',
    );
  });
});

describe('workbooks', () => {
  it('reads numbers as the digits shown (no rounding, no E+11, no .0), formulas by cached value, merged cells filled', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Name', 'Phone', 'Group'],
      ['Ali', 971501234567, 'VIP'],
      ['Bea', 971527654321, null],
      ['Cem', '0501112233', 'Staff'],
      ['Dan', 447911123456.0, 'Staff'],
    ]);
    ws['B3']!.z = '0.00E+00'; // Excel shows 9.72E+11; the stored number is whole
    ws['B6'] = { t: 'n', v: 971509998877, f: '971509998876+1' };
    ws['A6'] = { t: 's', v: 'Eve' };
    ws['!ref'] = 'A1:C6';
    ws['!merges'] = [{ s: { r: 1, c: 2 }, e: { r: 2, c: 2 } }];
    const file = path.join(dir, 'phones.xlsx');
    await writeWorkbook(file, book({ Contacts: ws, Other: XLSX.utils.aoa_to_sheet([['x']]) }));
    const svc = service();
    const summary = await svc.importFile({ path: file, name: 'phones.xlsx' });
    expect(summary).toMatchObject({ sheets: ['Contacts', 'Other'], sheet: 'Contacts', phoneColumn: 1 });
    expect(summary.source.kind).toBe('xlsx');
    expect(svc.rows(0, 10).items).toEqual([
      { row: 2, phone: '+971501234567', values: ['Ali', '971501234567', 'VIP'] },
      { row: 3, phone: '+971527654321', values: ['Bea', '971527654321', 'VIP'] },
      { row: 4, phone: '+971501112233', values: ['Cem', '0501112233', 'Staff'] },
      { row: 5, phone: '+447911123456', values: ['Dan', '447911123456', 'Staff'] },
      { row: 6, phone: '+971509998877', values: ['Eve', '971509998877'] },
    ]);
  });

  it('reads a chosen sheet of .xls and .ods workbooks, keeping sheet row numbers', async () => {
    for (const [ext, kind] of [
      ['xls', 'xls'],
      ['ods', 'ods'],
    ] as const) {
      const file = path.join(dir, `book.${ext}`);
      const second = XLSX.utils.sheet_add_aoa(XLSX.utils.aoa_to_sheet([]), [['Mobile'], ['0501234567'], ['123']], { origin: 'B3' });
      await writeWorkbook(file, book({ First: XLSX.utils.aoa_to_sheet([['a']]), Second: second }), ext === 'xls' ? 'biff8' : 'ods');
      const svc = service();
      const summary = await svc.importFile({ path: file, name: `book.${ext}` }, { sheet: 'Second' });
      expect(summary.source.kind).toBe(kind);
      expect(summary.counts).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
      expect(svc.problems(0, 5).items).toEqual([{ row: 5, value: '123', reason: 'too short' }]);
    }
  });

  it('names a missing sheet, an encrypted workbook and a zip bomb', async () => {
    const file = path.join(dir, 'one.xlsx');
    await writeWorkbook(file, book({ Only: XLSX.utils.aoa_to_sheet([['Phone'], ['0501234567']]) }));
    await expect(service().importFile({ path: file, name: 'one.xlsx' }, { sheet: 'Nope' })).rejects.toThrow(
      'one.xlsx: has no sheet named "Nope" (sheets: Only)',
    );

    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
    await expect(importBytes('secret.xlsx', XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer)).rejects.toThrow(
      'secret.xlsx: is password-protected (encrypted)',
    );

    await expect(importBytes('bomb.xlsx', zipBomb(1100))).rejects.toThrow(/bomb\.xlsx: unpacks to more than \d+ MB/);
  });
});

/** A zip whose one entry inflates to `megabytes` MB of zeros while its header claims 1 KB. */
function zipBomb(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  const data = Buffer.concat([...Array.from({ length: megabytes }, () => block), Buffer.from([0x03, 0x00])]);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1024, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1024, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
