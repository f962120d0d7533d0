/**
 * The header row below a title: found by itself or named by the operator, through the contacts service and both
 * workbook readers; rows above it are neither contacts nor problems, and row numbers stay the sheet's.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContactsService } from '../../../src/contacts/contacts-service';
import { inProcessRunner } from '../../../src/contacts/import-runner';
import { memoryJsonFile } from '../../../src/contacts/json-file';
import { MappingStore } from '../../../src/contacts/mapping-store';
import { OptOutList } from '../../../src/contacts/opt-out';
import { contactsInvokes } from '../../../src/shared/contract/contacts';
import { book } from './workbook-fixtures';
import { workbookParts, worksheet, zipBytes } from './xlsx-parts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-header-row-'));
});

const service = () =>
  new ContactsService({
    runner: inProcessRunner,
    optOut: new OptOutList(memoryJsonFile()),
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => 'AE',
  });

async function saved(name: string, data: string | Buffer) {
  const file = path.join(dir, name);
  await writeFile(file, data);
  return { path: file, name };
}

const TITLED = 'Class 5B parents,,\nUpdated 3 May,,\n\nParent,Mobile,Child\nHuda,0501234567,Sara\nKarim,0527654321,Omar\nNour,call me,Lina\n';

describe('header row', () => {
  it('is found below a title and a note: rows above it are not contacts, problems keep the sheet row numbers', async () => {
    const svc = service();
    const summary = await svc.importFile(await saved('titled.csv', TITLED), { defaultCountry: 'AE' });
    expect(summary).toMatchObject({ hasHeader: true, headerRow: 4, columns: ['Parent', 'Mobile', 'Child'], phoneColumn: 1 });
    expect(summary.counts).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
    expect(svc.problems(0, 10).items).toEqual([{ row: 7, value: 'call me', reason: expect.any(String) }]);
    expect(svc.rows(0, 10).items.map((r) => r.row)).toEqual([5, 6]);
  });

  it('is read from the row the operator names, and switching the header off and on keeps it right', async () => {
    const svc = service();
    const file = await saved('titled-named.csv', TITLED);
    const named = await svc.importFile(file, { defaultCountry: 'AE', headerRow: 2 });
    expect(named).toMatchObject({ headerRow: 2, columns: ['Updated 3 May', 'Column B', 'Column C'] });
    expect(svc.problems(0, 10).items.map((p) => p.row)).toEqual([4, 7]);

    const back = await svc.importFile(file, { defaultCountry: 'AE', headerRow: 4 });
    expect(back).toMatchObject({ headerRow: 4, columns: ['Parent', 'Mobile', 'Child'] });
    const off = await svc.setMapping({ hasHeader: false });
    expect(off).toMatchObject({ hasHeader: false, headerRow: null });
    expect(svc.problems(0, 10).items.map((p) => p.row)).toEqual([4, 7]);
    const on = await svc.setMapping({ hasHeader: true });
    expect(on).toMatchObject({ hasHeader: true, headerRow: 4 });
  });

  it('refuses a header row that is empty, past the end or past the rows read to decide, naming the file', async () => {
    const svc = service();
    const file = await saved('titled-bad.csv', TITLED);
    await expect(svc.importFile(file, { headerRow: 3 })).rejects.toThrow('titled-bad.csv: row 3 is empty, so it cannot be the header row');
    await expect(svc.importFile(file, { headerRow: 9 })).rejects.toThrow('titled-bad.csv: has no row 9 (its last row is row 7)');
    // The header is decided on the first rows read (one batch of 5,000 for a text file); a row past them is refused.
    const long = ['Name,Phone', ...Array.from({ length: 6000 }, (_, i) => `N${i},+9715012${String(i).padStart(5, '0')}`)].join('\n');
    await expect(svc.importFile(await saved('long.csv', long), { headerRow: 5500 })).rejects.toThrow(
      'long.csv: the header row must be one of the first 5,000 rows (row 5,500 was asked for)',
    );
  });

  it('counts rows as the sheet numbers them when the sheet starts lower down, in both .xlsx readers and in .xls', async () => {
    // The used range starts at B3: the title on row 3, the header on row 5.
    const rows = [
      ['Week 21', null],
      [null, null],
      ['Patient', 'Mobile'],
      ['Aisha', '0501234567'],
      ['Omar', 'no phone'],
      ['Sara', '0551112233'],
    ];
    const ws = XLSX.utils.sheet_add_aoa(XLSX.utils.aoa_to_sheet([]), rows, { origin: 'B3' });
    ws['!ref'] = 'B3:C8';
    const streamed = await saved('lower.xlsx', XLSX.write(book({ S: ws }), { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const xls = await saved('lower.xls', XLSX.write(book({ S: ws }), { type: 'buffer', bookType: 'biff8' }) as Buffer);
    // No <dimension>: the streaming reader learns the first row from the cells.
    const cells = rows
      .map((r, i) => r.map((v, c) => (v === null ? '' : `<c r="${'BC'[c]}${i + 3}" t="inlineStr"><is><t>${v}</t></is></c>`)).join(''))
      .map((c, i) => `<row r="${i + 3}">${c}</row>`)
      .join('');
    const noDimension = await saved('lower-nodim.xlsx', zipBytes(workbookParts([{ name: 'S', xml: worksheet(`<sheetData>${cells}</sheetData>`) }])));
    for (const file of [streamed, xls, noDimension]) {
      const svc = service();
      const found = await svc.importFile(file, { defaultCountry: 'AE' });
      expect({ file: file.name, headerRow: found.headerRow, problems: svc.problems(0, 5).items.map((p) => p.row) }).toEqual({
        file: file.name,
        headerRow: 5,
        problems: [7],
      });
      const named = await svc.importFile(file, { defaultCountry: 'AE', headerRow: 5 });
      expect(named.columns).toEqual(['Patient', 'Mobile']);
      await expect(svc.importFile(file, { headerRow: 2 })).rejects.toThrow(`${file.name}: row 2 is empty, so it cannot be the header row`);
    }
  });

  it('is validated by the contract: a row number of 1 or more', () => {
    const request = contactsInvokes['contacts:importFile'].request;
    const fileId = 'f_abcdef123';
    expect(request.safeParse({ fileId, headerRow: 4 }).success).toBe(true);
    for (const headerRow of [0, -1, 2.5, '4', 2_000_000])
      expect({ headerRow, ok: request.safeParse({ fileId, headerRow }).success }).toEqual({ headerRow, ok: false });
  });
});
