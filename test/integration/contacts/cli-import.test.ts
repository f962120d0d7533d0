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
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-import-cli-'));
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

describe('wa-bulk import', () => {
  it('reports counts and problems as JSON, rows numbered as in a spreadsheet', async () => {
    const file = path.join(dir, 'list.csv');
    await writeFile(
      file,
      'Name;Mobile;City\r\nAli;050 123 4567;Dubai\r\nBea;+971 50 123 4567;Abu Dhabi\r\n\r\nCem;12;Sharjah\r\nDan;abc;Ajman\r\nEve;00971 52 765 4321;Dubai\r\n',
    );
    const { code, out, err } = await run([file, '--country', 'AE', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      rows: 5,
      valid: 2,
      invalid: 2,
      duplicates: 1,
      optedOut: 0,
      columns: ['Name', 'Mobile', 'City'],
      phoneColumn: 'Mobile',
      delimiter: ';',
    });
    expect(report.problems).toEqual([
      { row: 5, value: '12', reason: 'too short' },
      { row: 6, value: 'abc', reason: 'letters in the number' },
    ]);
  });

  it('writes valid contacts as JSON lines and applies an opt-out file', async () => {
    const file = path.join(dir, 'two.csv');
    const optOut = path.join(dir, 'stop.txt');
    const out = path.join(dir, 'out.jsonl');
    await writeFile(file, 'phone,name\n+971501234567,Ali\n+971527654321,Bea\n+447911123456,Cat\n');
    await writeFile(optOut, '0527654321\n');
    const result = await run([file, '--country=AE', '--opt-out', optOut, '--json', '--out', out]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ rows: 3, valid: 2, optedOut: 1, invalid: 0 });
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { phone: '+971501234567', fields: { name: 'Ali' } },
      { phone: '+447911123456', fields: { name: 'Cat' } },
    ]);
  });

  it('reads the sheet and phone column asked for in a workbook', async () => {
    const file = path.join(dir, 'book.xlsx');
    await writeWorkbook(
      file,
      book({
        Notes: XLSX.utils.aoa_to_sheet([['ignored'], ['x']]),
        Clients: XLSX.utils.aoa_to_sheet([
          ['Name', 'Home', 'Cell'],
          ['Ali', 97142345678, 971501234567],
          ['Bea', 97142345679, 447911123456],
        ]),
      }),
    );
    const { code, out } = await run([file, '--sheet', 'Clients', '--phone-column', 'cell', '--country', 'AE', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ sheet: 'Clients', sheets: ['Notes', 'Clients'], phoneColumn: 'Cell', valid: 2, rows: 2 });
  });

  it('exits 2 with one line naming the file when it cannot be read', async () => {
    const missing = await run([path.join(dir, 'nope.csv'), '--json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('wa-bulk import: nope.csv: file not found\n');

    const empty = path.join(dir, 'empty.csv');
    await writeFile(empty, '');
    const e = await run([empty]);
    expect(e.code).toBe(2);
    expect(e.err).toBe('wa-bulk import: empty.csv: is empty\n');

    const binary = path.join(dir, 'photo.csv');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0, 255]));
    const b = await run([binary]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/^wa-bulk import: photo\.csv: is not a spreadsheet or text file/);
    expect(b.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses numbers without a country code when --country is missing, naming the likely country', async () => {
    const file = path.join(dir, 'uk.csv');
    await writeFile(file, 'Name,Mobile\nJane,07400 123456\nOmar,07512 345678\nLina,07856 123987\nAli,+971501234567\n');
    const asked = await run([file, '--json']);
    expect(asked.code).toBe(1);
    expect(asked.out).toBe('');
    expect(asked.err).toBe(
      'wa-bulk import: uk.csv: 3 numbers have no country code, and no --country was given; they look like numbers from United Kingdom (GB): if so, add --country GB\n',
    );
    const told = await run([file, '--country', 'GB', '--json']);
    expect(told.code).toBe(0);
    expect(JSON.parse(told.out)).toMatchObject({ valid: 4, invalid: 0, defaultCountry: 'GB', numbersWithoutCountryCode: 3 });

    // Every number international: nothing to ask.
    const international = path.join(dir, 'intl.csv');
    await writeFile(international, 'phone\n+971501234567\n447400123456\n');
    const plain = await run([international, '--json']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out)).toMatchObject({ valid: 2, numbersWithoutCountryCode: 0 });
  });

  it('lists each duplicate with the row it repeats, and keeps them all with --keep-duplicates', async () => {
    const file = path.join(dir, 'family.csv');
    const out = path.join(dir, 'family.jsonl');
    await writeFile(file, 'Name,Mobile\nJane Smith,+44 7400 123456\nJohn Smith,+447400123456\nOmar,+971501234567\n');
    const left = await run([file, '--json']);
    expect(left.code).toBe(0);
    expect(JSON.parse(left.out)).toMatchObject({
      valid: 2,
      duplicates: 1,
      keptDuplicates: 0,
      duplicateRows: [{ row: 3, repeatsRow: 2, phone: '+44 7400 123456', value: '+447400123456', kept: false }],
    });
    const human = await run([file]);
    expect(human.out).toContain('  row 3 repeats row 2: +44 7400 123456, John Smith\n');
    expect(human.out).toContain('--keep-duplicates keeps them');

    const kept = await run([file, '--keep-duplicates', '--json', '--out', out]);
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.out)).toMatchObject({ valid: 3, duplicates: 0, keptDuplicates: 1, duplicateRows: [{ row: 3, kept: true }] });
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).fields.Name)).toEqual(['Jane Smith', 'John Smith', 'Omar']);
  });

  it('exits 1 on bad usage', async () => {
    expect((await run([])).code).toBe(1);
    expect((await run(['x.csv', '--bogus'])).code).toBe(1);
    expect((await run(['x.csv', '--country', 'ZZ'])).code).toBe(1);
  });

  it('prints its usage for --help and exits 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('usage: wa-bulk import FILE');
  });
});
