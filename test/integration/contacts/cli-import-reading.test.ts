/** `wa-bulk import` reading files as Excel shows them: quotes inside cells, date cells, a title above the header. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../../src/cli/import';
import { book, writeWorkbook } from './workbook-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-import-reading-'));
});

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runImportCommand(argv, { stdout, stderr });
  return { code, out, err };
}

describe('wa-bulk import reads CSV as Excel does', () => {
  it('reads a quote inside an unquoted cell as a plain character and keeps every row after it', async () => {
    const file = path.join(dir, 'quotes.csv');
    await writeFile(
      file,
      'Name,Phone,Order\nMohammed "Mo" Ali,0501234567,"large, hot"\nBea,0527654321,12" pizza\nCem,0551234567,none\nDan,0561234567,"say ""hi"""\n',
    );
    const saved = path.join(dir, 'quotes.jsonl');
    const { code, out, err } = await run([file, '--country', 'AE', '--json', '--out', saved]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ rows: 4, valid: 4, invalid: 0, columns: ['Name', 'Phone', 'Order'], phoneColumn: 'Phone' });
    expect(report.problems).toEqual([]);
    const contacts = (await readFile(saved, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(contacts.map((c: { fields: Record<string, string> }) => [c.fields.Name, c.fields.Order])).toEqual([
      ['Mohammed "Mo" Ali', 'large, hot'],
      ['Bea', '12" pizza'],
      ['Cem', 'none'],
      ['Dan', 'say "hi"'],
    ]);
  });
});

describe('wa-bulk import finds the header row below a title', () => {
  const titled =
    'Al Noor Clinic - patients,,\n' +
    'Printed by reception,,\n' +
    ',,\n' +
    'Patient,Mobile,Visit\n' +
    'Ali,0501234567,18/05/2025\n' +
    'Bea,0527654321,19/05/2025\n' +
    'Cem,12,20/05/2025\n';

  it('skips the title and notes by itself: they are neither contacts nor problems, rows keep their numbers', async () => {
    const file = path.join(dir, 'titled.csv');
    await writeFile(file, titled);
    const { code, out, err } = await run([file, '--country', 'AE', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ headerRow: 4, rows: 3, valid: 2, invalid: 1, columns: ['Patient', 'Mobile', 'Visit'], phoneColumn: 'Mobile' });
    expect(report.problems).toEqual([{ row: 7, value: '12', reason: 'too short' }]);
  });

  it('reads the header from the row given with --header-row', async () => {
    const file = path.join(dir, 'titled-given.csv');
    await writeFile(file, titled);
    const { code, out } = await run([file, '--country', 'AE', '--header-row', '2', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    // Row 2 as the header: row 3 is blank, row 4 ("Patient,Mobile,Visit") is read as a contact without a number.
    expect(report).toMatchObject({ headerRow: 2, columns: ['Printed by reception', 'Column B', 'Column C'], rows: 4 });
    expect(report.problems[0]).toMatchObject({ row: 4, value: 'Mobile' });
    const human = await run([file, '--country', 'AE', '--header-row=4']);
    expect(human.out).toContain('header row 4');
  });

  it('refuses a header row that is not a row number, is empty or is past the end, naming it', async () => {
    const file = path.join(dir, 'titled-bad.csv');
    await writeFile(file, titled);
    const word = await run([file, '--header-row', 'four']);
    expect(word.code).toBe(1);
    expect(word.err).toContain('--header-row must be a whole number of at least 1 (got "four")');
    expect((await run([file, '--header-row', '0'])).code).toBe(1);
    const blank = await run([file, '--country', 'AE', '--header-row', '3']);
    expect(blank.code).toBe(2);
    expect(blank.err).toBe('wa-bulk import: titled-bad.csv: row 3 is empty, so it cannot be the header row\n');
    const past = await run([file, '--country', 'AE', '--header-row', '40']);
    expect(past.code).toBe(2);
    expect(past.err).toBe('wa-bulk import: titled-bad.csv: has no row 40 (its last row is row 7)\n');
  });

  it('lists --header-row in its help', async () => {
    const help = await run(['--help']);
    expect(help.out).toContain('--header-row N');
  });
});

describe('wa-bulk import shows date cells as the sheet does', () => {
  it('writes the appointment as Excel shows it, and phone numbers in number cells as their digits', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['Name', 'Phone', 'Appointment', 'At']]);
    ws['A2'] = { t: 's', v: 'Ali' };
    ws['B2'] = { t: 'n', v: 971501234567 };
    ws['C2'] = { t: 'n', v: 45795.395833333336, z: 'dd/mm/yyyy hh:mm' };
    ws['D2'] = { t: 'n', v: 0.395833333333, z: 'h:mm AM/PM' };
    ws['!ref'] = 'A1:D2';
    const file = path.join(dir, 'dates.xlsx');
    await writeWorkbook(file, book({ S: ws }));
    const saved = path.join(dir, 'dates.jsonl');
    const { code } = await run([file, '--country', 'AE', '--json', '--out', saved]);
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(saved, 'utf8'))).toEqual({
      phone: '+971501234567',
      fields: { Name: 'Ali', Appointment: '18/05/2025 09:30', At: '9:30 AM' },
    });
  });
});
