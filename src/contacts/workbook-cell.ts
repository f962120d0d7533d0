import type * as XLSX from 'xlsx';
import { compileDateFormat, formatDateSerial, type DateFormat } from '../core/date-format';

export type Cell = XLSX.CellObject & { z?: string | number };

/** The mimetype an .ods must store first in its zip (OpenDocument 1.2, part 3, 3.3). */
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/** Whether a zip is an OpenDocument spreadsheet, judged by its first entry. */
export function isOdsZip(buf: Buffer): boolean {
  return buf.subarray(0, 200).includes(ODS_MIMETYPE);
}

/**
 * The text of a cell as the operator means it, for the cells of one workbook. A number with a date or time format
 * is shown as the sheet shows it (the same rules as the streaming reader: core/date-format.ts). In an .ods SheetJS
 * does not read a date cell's own style, so there the text LibreOffice saved beside the value (what it showed) is
 * used.
 */
export function cellTexts(book: XLSX.WorkBook, ods: boolean): (cell: Cell | undefined) => string {
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const formats = new Map<string, DateFormat | null>();
  const dateFormat = (format: string): DateFormat | null => {
    let compiled = formats.get(format);
    if (compiled === undefined) formats.set(format, (compiled = compileDateFormat(format)));
    return compiled;
  };
  return (cell) => {
    if (!cell || cell.v === undefined || cell.v === null) return '';
    if (cell.t !== 'n') return otherText(cell);
    const v = cell.v as number;
    const format = typeof cell.z === 'string' ? cell.z : '';
    const date = format ? dateFormat(format) : null;
    if (date) {
      if (ods && typeof cell.w === 'string' && cell.w !== '') return cell.w;
      const text = formatDateSerial(v, date, date1904);
      if (text !== null) return text;
    }
    return numberText(v, format);
  };
}

function numberText(v: number, format: string): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) {
    const digits = v.toFixed(0);
    // A "0000000000" number format shows leading zeros the stored number does not have (local mobiles).
    return /^0+$/.test(format) ? digits.padStart(format.length, '0') : digits;
  }
  return String(v);
}

function otherText(cell: Cell): string {
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    case 'e':
      return '';
    default:
      return String(cell.v);
  }
}
