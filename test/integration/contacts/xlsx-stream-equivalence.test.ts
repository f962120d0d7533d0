import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../src/contacts/workbook-reader';
import { readXlsxStream } from '../../../src/contacts/xlsx-stream/xlsx-stream-reader';
import { book, writeWorkbook } from './workbook-fixtures';
import { collectRows, sst, workbookParts, worksheet, writeBytes, zipBytes, type SheetXml } from './xlsx-parts';

/**
 * The streaming reader must hand on exactly the rows (and sheet facts) the SheetJS path gives, for workbooks
 * written by SheetJS with different options and for XML written the ways other programs write it.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-xlsx-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
async function both(file: string, sheet?: string) {
  const size = (await stat(file)).size;
  const name = path.basename(file);
  const streamed = await collectRows((o) => readXlsxStream(file, name, size, o), sheet);
  const sheetjs = await collectRows((o) => readWorkbook(file, name, 'zip', size, o), sheet);
  return { streamed, sheetjs };
}

async function expectSame(file: string, sheet?: string) {
  const { streamed, sheetjs } = await both(file, sheet);
  expect(streamed.info, 'the streaming reader declined the file').not.toBeNull();
  expect(streamed.rows).toEqual(sheetjs.rows);
  expect(streamed.info).toEqual(sheetjs.info);
  return streamed;
}

async function sheetjsFile(wb: XLSX.WorkBook, options: XLSX.WritingOptions = {}): Promise<string> {
  const file = path.join(dir, `book-${fileCount++}.xlsx`);
  await writeBytes(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', ...options }) as Buffer);
  return file;
}

async function partsFile(sheets: SheetXml[], extra: Parameters<typeof workbookParts>[1] = {}, zip64 = false): Promise<string> {
  const file = path.join(dir, `parts-${fileCount++}.xlsx`);
  await writeBytes(file, zipBytes(workbookParts(sheets, extra), { zip64 }));
  return file;
}

function contacts(): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet([
    ['Name', 'Phone', 'Group', 'Score', 'Active'],
    ['Ali', 971501234567, 'VIP', 1.5, true],
    ['Bea & <Co> "quoted"', 971527654321, null, -3, false],
    ['  spaced  ', '0501112233', 'Line\r\nbreak', 1e21, null],
    [null, 447911123456.0, 'Staff', 0.1 + 0.2, 'TRUE'],
    ['محمد', 9715012345678901, '中文 😀', -0, '_x0041_ literal'],
  ]);
  ws['B3']!.z = '0.00E+00';
  ws['B4'] = { t: 'n', v: 501112233, z: '0000000000' };
  ws['F2'] = { t: 'e', v: 0x07 };
  ws['!ref'] = 'A1:F6';
  return ws;
}

describe('streaming .xlsx reader gives the rows the SheetJS path gives', () => {
  it('numbers, text, booleans, errors, blanks and a zero-padded format, with and without shared strings', async () => {
    for (const bookSST of [true, false]) {
      const r = await expectSame(await sheetjsFile(book({ Contacts: contacts() }), { bookSST }));
      expect(r.rows[1]).toEqual(['Ali', '971501234567', 'VIP', '1.5', 'TRUE']);
      expect(r.rows[3]![1]).toBe('0501112233');
    }
  });

  it('formulas give their cached value (numbers and text), a formula without one gives nothing', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['Phone', 'Label', 'Calc']]);
    ws['A2'] = { t: 'n', v: 971509998877, f: '971509998876+1' };
    ws['B2'] = { t: 's', v: 'a&b', f: '"a&"&"b"' };
    ws['C2'] = { t: 'n', f: 'A2*2' } as XLSX.CellObject;
    ws['A3'] = { t: 'b', v: true, f: 'TRUE()' };
    ws['!ref'] = 'A1:C3';
    for (const bookSST of [true, false]) {
      const r = await expectSame(await sheetjsFile(book({ F: ws }), { bookSST }));
      expect(r.rows[1]!.slice(0, 2)).toEqual(['971509998877', 'a&b']);
    }
  });

  it('dates written as numbers with a date format and as ISO dates (t="d")', async () => {
    const rows = [
      ['When', 'Phone'],
      [new Date(Date.UTC(2024, 2, 15)), 971501234567],
      [new Date(Date.UTC(2024, 2, 15, 13, 30)), 971501234568],
    ];
    for (const cellDates of [false, true]) {
      const ws = XLSX.utils.aoa_to_sheet(rows, { cellDates });
      const r = await expectSame(await sheetjsFile(book({ D: ws }), { cellDates }));
      // As the sheet shows them (SheetJS gives them Excel's short date, format 14, written day first), not 45366.5625.
      expect(r.rows.slice(1).map((row) => row[0])).toEqual(['15/03/2024', '15/03/2024']);
    }
  });

  it('merged cells fill their area, across rows and columns, and a merge with an empty top-left stays empty', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Name', 'Phone', 'Group', 'Note'],
      ['Ali', 971501234567, 'VIP', 'x'],
      ['Bea', 971527654321, null, null],
      ['Cem', 971501112233, null, null],
      [null, null, null, null],
      ['Dan', 971501112244, null, 'y'],
    ]);
    ws['!merges'] = [
      { s: { r: 1, c: 2 }, e: { r: 3, c: 3 } },
      { s: { r: 4, c: 0 }, e: { r: 5, c: 0 } },
      { s: { r: 5, c: 3 }, e: { r: 7, c: 4 } },
    ];
    const r = await expectSame(await sheetjsFile(book({ M: ws })));
    expect(r.rows[2]).toEqual(['Bea', '971527654321', 'VIP', 'VIP']);
  });

  it('several sheets: the list, the first by default, a chosen one starting at B3 (true row numbers)', async () => {
    const second = XLSX.utils.sheet_add_aoa(
      XLSX.utils.aoa_to_sheet([]),
      [
        ['Mobile', 'Name'],
        ['0501234567', 'Ali'],
        [123, null],
      ],
      { origin: 'B3' },
    );
    const wb = book({ First: XLSX.utils.aoa_to_sheet([['a'], ['b']]), 'Second & more': second, Third: XLSX.utils.aoa_to_sheet([[1]]) });
    const file = await sheetjsFile(wb);
    const first = await expectSame(file);
    expect(first.info?.sheets).toEqual(['First', 'Second & more', 'Third']);
    const chosen = await expectSame(file, 'Second & more');
    // SheetJS's sheet_add_aoa keeps the range from A1: rows 1-2 come out empty, column A too.
    expect(chosen.info).toMatchObject({ sheet: 'Second & more', firstRowNumber: 1 });
    expect(chosen.rows.slice(0, 4)).toEqual([[], [], ['', 'Mobile', 'Name'], ['', '0501234567', 'Ali']]);
  });

  it('rows skipped in the file and missing cells keep their rows and columns', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['Name', 'Phone', 'City']]);
    XLSX.utils.sheet_add_aoa(ws, [['Ali', null, 'Dubai']], { origin: 'A5' });
    XLSX.utils.sheet_add_aoa(ws, [[null, null, 971501234567]], { origin: 'A9' });
    ws['!ref'] = 'A1:D12';
    const r = await expectSame(await sheetjsFile(book({ Gaps: ws })));
    expect(r.rows).toHaveLength(12);
    expect(r.rows[4]).toEqual(['Ali', '', 'Dubai']);
  });

  it('10,000 rows with shared strings', async () => {
    const data: (string | number)[][] = [['Name', 'Phone', 'City']];
    for (let i = 0; i < 10_000; i++) data.push([`Name ${i} ✓`, 971500000000 + i, `City ${i % 37}`]);
    const r = await expectSame(await sheetjsFile(book({ Big: XLSX.utils.aoa_to_sheet(data) })));
    expect(r.rows).toHaveLength(10_001);
    expect(r.progress).toBeGreaterThan(2);
  });

  it('a workbook whose sheet has no rows', async () => {
    const r = await expectSame(await sheetjsFile(book({ Empty: XLSX.utils.aoa_to_sheet([]) })));
    expect(r.rows).toEqual([]);
  });

  it('XML as other writers write it: inline strings, rich text, no <dimension>, rows without r, prefixes', async () => {
    const strings = sst([
      '<t>Name</t>',
      '<r><rPr><b/></rPr><t>Ri</t></r><r><t xml:space="preserve">ch &amp; bold</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh>',
      '<t xml:space="preserve"> padded _x0041_ </t>',
      '<t/>',
      '<t>a\r\nb</t>',
    ]);
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0000000000"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="1"/></cellXfs></styleSheet>`;
    const noDimension = worksheet(
      '<sheetData>' +
        '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><t>Inline &lt;x&gt;</t></is></c></row>' +
        '<row r="3" hidden="1"><c r="B3" t="s"><v>1</v></c><c r="D3" s="1"><v>501234567</v></c><c r="E3" s="2"><v>42</v></c></row>' +
        '<row r="4"/>' +
        '<row><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c><v>  7 </v></c></row>' +
        '<row r="7"><c r="C7" t="str"><v>x&amp;amp;y</v></c><c r="D7" t="b"><v>1</v></c><c r="E7" t="e"><v>#N/A</v></c><c r="F7"><f>1+1</f></c></row>' +
        '</sheetData>',
    );
    const prefixed = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:C3"/><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Phone</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>971501234567</x:v></x:c><x:c r="C2" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="C2:C3"/></x:mergeCells></x:worksheet>`;
    const sheets = [
      { name: 'NoDim', xml: noDimension },
      { name: 'Prefixed', xml: prefixed },
    ];
    for (const stored of [false, true]) {
      const file = await partsFile(sheets, { sharedStrings: strings, styles, stored });
      const r = await expectSame(file);
      expect(r.info?.firstRowNumber).toBe(2);
      // The <row> without r follows row 3 (SheetJS passes over the empty <row r="4"/>), and its cells without r
      // count from column A, so the range starts there.
      expect(r.rows[0]).toEqual(['', 'Name', 'Inline <x>']);
      expect(r.rows[1]).toEqual(['', 'Rich & bold', '', '0501234567', '42']);
      expect(r.rows[2]).toEqual([' padded A ', '', 'a\nb', '7']);
      expect(r.rows.slice(3)).toEqual([[], [], ['', '', 'x&y', 'TRUE']]);
      await expectSame(file, 'Prefixed');
    }
  });

  it('zip64 records are read (the SheetJS path cannot read this zip at all)', async () => {
    const file = await partsFile(
      [
        {
          name: 'S',
          xml: worksheet(
            '<dimension ref="A1:B3"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row></sheetData>',
          ),
        },
      ],
      {},
      true,
    );
    const size = (await stat(file)).size;
    const r = await collectRows((o) => readXlsxStream(file, 'z.xlsx', size, o));
    expect(r.info).toMatchObject({ sheets: ['S'], sheet: 'S', firstRowNumber: 1, width: 2 });
    expect(r.rows).toEqual([['1'], ['', '2'], []]);
  });
});

describe('streaming .xlsx reader declines what it does not read, before any row', () => {
  it('an .ods (a zip too) goes to SheetJS', async () => {
    const file = path.join(dir, 'book.ods');
    await writeWorkbook(file, book({ S: XLSX.utils.aoa_to_sheet([['a']]) }), 'ods');
    const size = (await stat(file)).size;
    const r = await collectRows((o) => readXlsxStream(file, 'book.ods', size, o));
    expect(r.info).toBeNull();
    expect(r.rows).toEqual([]);
  });
});
