import fs from 'node:fs/promises';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { importContactFile } from '../../../src/campaign/contacts-source';
import { tmpDir } from './helpers';

describe('contacts for a campaign', () => {
  it('reads CSV and XLSX as `wa-bulk import` does, keeping every column as a field', async () => {
    const dir = await tmpDir();
    const csv = path.join(dir, 'list.csv');
    await fs.writeFile(csv, 'First Name,Mobile,City\nAna,07911 123456,London\nBo,+44 7911 123457,\nBad,12,York\nAna again,07911123456,Leeds\n');
    const fromCsv = await importContactFile(csv, { country: 'GB' });
    expect(fromCsv.columns).toEqual(['First Name', 'Mobile', 'City']);
    expect(fromCsv.contacts).toEqual([
      { phone: '+447911123456', fields: { 'First Name': 'Ana', Mobile: '07911 123456', City: 'London' }, row: 2 },
      { phone: '+447911123457', fields: { 'First Name': 'Bo', Mobile: '+44 7911 123457', City: '' }, row: 3 },
    ]);
    expect(fromCsv.counts).toMatchObject({ valid: 2, invalid: 1, duplicates: 1 });

    const xlsx = path.join(dir, 'list.xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Name', 'Phone'],
        ['Zoe', '+971501234567'],
      ]),
      'Sheet1',
    );
    await fs.writeFile(xlsx, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const fromXlsx = await importContactFile(xlsx, { country: 'AE' });
    expect(fromXlsx.contacts).toEqual([{ phone: '+971501234567', fields: { Name: 'Zoe', Phone: '+971501234567' }, row: 2 }]);
  });

  it('names the file when it cannot be read', async () => {
    await expect(importContactFile(path.join(await tmpDir(), 'missing.csv'), { country: 'GB' })).rejects.toThrow(/missing\.csv/);
  });
});
