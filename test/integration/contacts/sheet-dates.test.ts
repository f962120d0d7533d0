import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../../src/contacts/read-table';
import { readWorkbook } from '../../../src/contacts/workbook-reader';
import { readXlsxStream } from '../../../src/contacts/xlsx-stream/xlsx-stream-reader';
import { odsBytes, row, cell } from './ods-parts';
import { book } from './workbook-fixtures';
import { collectRows, workbookParts, worksheet, zipBytes, type ZipPart } from './xlsx-parts';

/**
 * Date and time cells reach the import as the text the sheet shows ("18/05/2025 09:30"), never as Excel's serial
 * number (45795.395833333336), in both .xlsx readers alike, in .xls and in .ods; numbers without a date format
 * (phone numbers) stay as they are.
 */
let dir: string;
let count = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wa-sheet-dates-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function saved(bytes: Buffer, ext: string): Promise<string> {
  const file = path.join(dir, `dates-${count++}.${ext}`);
  await writeFile(file, bytes);
  return file;
}

/** The rows of an .xlsx as both readers give them, after checking they agree. */
async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const file = await saved(bytes, 'xlsx');
  const size = (await stat(file)).size;
  const streamed = await collectRows((o) => readXlsxStream(file, 'dates.xlsx', size, o));
  const sheetjs = await collectRows((o) => readWorkbook(file, 'dates.xlsx', 'zip', size, o));
  expect(streamed.info, 'the streaming reader declined the file').not.toBeNull();
  expect(streamed.rows).toEqual(sheetjs.rows);
  return streamed.rows;
}

/** 18 May 2025 09:30 as Excel stores it (1900 date system). */
const APPOINTMENT = 45795.395833333336;

const STYLES = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="5">
<numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="d\\ mmm\\ yyyy"/>
<numFmt numFmtId="166" formatCode="[$-409]h:mm\\ AM/PM;@"/><numFmt numFmtId="167" formatCode="0000000000"/>
<numFmt numFmtId="168" formatCode="#,##0.00"/></numFmts>
<cellXfs count="18"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/>
<xf numFmtId="14"/><xf numFmtId="15"/><xf numFmtId="16"/><xf numFmtId="17"/><xf numFmtId="18"/><xf numFmtId="19"/><xf numFmtId="20"/>
<xf numFmtId="21"/><xf numFmtId="22"/><xf numFmtId="45"/><xf numFmtId="46"/><xf numFmtId="47"/></cellXfs></styleSheet>`;

/** One row of number cells, cell k with style styles[k]. */
function numberRow(r: number, values: (number | string)[], styles: number[], type = ''): string {
  const cells = values.map((v, k) => `<c r="${String.fromCharCode(65 + k)}${r}" s="${styles[k]}"${type}><v>${v}</v></c>`);
  return `<row r="${r}">${cells.join('')}</row>`;
}

function xlsxBytes(sheetData: string, date1904 = false): Buffer {
  const parts: ZipPart[] = workbookParts([{ name: 'S', xml: worksheet(`<sheetData>${sheetData}</sheetData>`) }], { styles: STYLES });
  if (date1904) {
    const wb = parts.find((p) => p.name === 'xl/workbook.xml')!;
    wb.data = String(wb.data).replace('<sheets>', '<workbookPr date1904="1"/><sheets>');
  }
  return zipBytes(parts);
}

describe('date and time cells as the sheet shows them', () => {
  it('custom formats, in both .xlsx readers; numbers without a date format stay as they are', async () => {
    const rows = await xlsxRows(
      xlsxBytes(
        numberRow(1, [APPOINTMENT, APPOINTMENT, APPOINTMENT, 501234567, 971501234567, 971501234567, 1234.5], [1, 2, 3, 4, 0, 5, 5]) +
          numberRow(2, ['2025-05-18T09:30:00', '2025-05-18T09:30:00'], [1, 0], ' t="d"'),
      ),
    );
    expect(rows).toEqual([
      ['18/05/2025 09:30', '18 May 2025', '9:30 AM', '0501234567', '971501234567', '971501234567', '1234.5'],
      ['18/05/2025 09:30', '45795.395833333336'],
    ]);
  });

  it('the built-in date and time formats (14-22, 45-47), the locale short date day first', async () => {
    const styles = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
    const rows = await xlsxRows(
      xlsxBytes(
        numberRow(
          1,
          styles.map(() => APPOINTMENT),
          styles,
        ),
      ),
    );
    expect(rows[0]).toEqual([
      '18/05/2025',
      '18-May-25',
      '18-May',
      'May-25',
      '9:30 AM',
      '9:30:00 AM',
      '9:30',
      '9:30:00',
      '18/05/2025 09:30',
      '30:00',
      '1099089:30:00',
      '3000.0',
    ]);
  });

  it('a workbook in the 1904 date system', async () => {
    const rows = await xlsxRows(xlsxBytes(numberRow(1, [APPOINTMENT - 1462, 971501234567], [1, 0]), true));
    expect(rows).toEqual([['18/05/2025 09:30', '971501234567']]);
  });

  it('a workbook SheetJS writes with dates, read back by both readers', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Name', 'Phone', 'Visit'],
      ['Ali', 971501234567, new Date(Date.UTC(2025, 4, 18, 9, 30))],
    ]);
    ws['C2']!.z = 'dd/mm/yyyy hh:mm';
    const rows = await xlsxRows(XLSX.write(book({ S: ws }), { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(rows[1]).toEqual(['Ali', '971501234567', '18/05/2025 09:30']);
  });

  it('an .xls shows its date cells through their formats too', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['Visit', 'Phone', 'At']]);
    ws['A2'] = { t: 'n', v: APPOINTMENT, z: 'd mmm yyyy' };
    ws['B2'] = { t: 'n', v: 971501234567 };
    ws['C2'] = { t: 'n', v: APPOINTMENT, z: 'h:mm AM/PM' };
    ws['!ref'] = 'A1:C2';
    const file = await saved(XLSX.write(book({ S: ws }), { type: 'buffer', bookType: 'biff8' }) as Buffer, 'xls');
    const r = await collectRows((o) => readTable({ kind: 'file', path: file, name: 'dates.xls' }, o));
    expect(r.rows[1]).toEqual(['18 May 2025', '971501234567', '9:30 AM']);
  });

  it('an .ods shows its date and time cells as LibreOffice showed them', async () => {
    const dateCell = (iso: string, shown: string) =>
      `<table:table-cell office:value-type="date" office:date-value="${iso}"><text:p>${shown}</text:p></table:table-cell>`;
    const timeCell = (duration: string, shown: string) =>
      `<table:table-cell office:value-type="time" office:time-value="${duration}"><text:p>${shown}</text:p></table:table-cell>`;
    const phoneCell = `<table:table-cell office:value-type="float" office:value="971501234567"><text:p>9.72E+11</text:p></table:table-cell>`;
    const file = await saved(
      odsBytes({
        S:
          row(cell('Visit') + cell('At') + cell('Phone')) +
          row(dateCell('2025-05-18T09:30:00', '18/05/2025 09:30') + timeCell('PT09H30M00S', '09:30 AM') + phoneCell),
      }),
      'ods',
    );
    const r = await collectRows((o) => readTable({ kind: 'file', path: file, name: 'dates.ods' }, o));
    expect(r.rows[1]).toEqual(['18/05/2025 09:30', '09:30 AM', '971501234567']);
  });
});
