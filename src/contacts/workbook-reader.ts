import { readFile } from 'node:fs/promises';
import * as XLSX from 'xlsx';
import type { SourceKind } from '../shared/contract/contacts';
import { unreadable } from './import-error';
import { PackedRowsBuilder } from './packed-rows';
import { ROW_BATCH, throwIfAborted, type ReadOptions, type TableInfo } from './table';
import { MAX_EXPANDED_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, rangeTooLarge, SheetTooLarge, tooManyCells } from './sheet-limits';
import { cellTexts, isOdsZip, type Cell } from './workbook-cell';
import { checkZip } from './zip-guard';

/** SheetJS holds the whole workbook in memory; past this size a "contact list" is something else. */
export const MAX_WORKBOOK_BYTES = 512 * 1024 * 1024;

/**
 * Reads one sheet of an .xlsx, .xls or .ods workbook with SheetJS in dense mode without cell text or HTML (about
 * half the time and memory of the defaults; an .ods keeps the text its cells show, for its dates). Phone cells come
 * out as the digits the user sees: numbers are written from the stored value (so 9.71501E+11 becomes 971501234567,
 * never rounded, no ".0"), dates and times as the sheet shows them (workbook-cell.ts), formula cells give their
 * cached value, and a merged cell's value fills the whole merged area.
 */
export async function readWorkbook(
  path: string,
  name: string,
  container: 'zip' | 'ole',
  totalBytes: number,
  options: ReadOptions,
): Promise<TableInfo> {
  if (totalBytes > MAX_WORKBOOK_BYTES) {
    throw unreadable(name, `is a ${Math.round(totalBytes / 1024 / 1024)} MB workbook; save it as CSV to import it`);
  }
  const buf = await readFile(path);
  throwIfAborted(options.signal);
  if (container === 'zip') {
    const verdict = await checkZip(buf);
    if (!verdict.ok) throw unreadable(name, verdict.reason);
  } else {
    const state = oleState(buf);
    if (state !== 'ok') throw unreadable(name, state === 'encrypted' ? PASSWORD_PROTECTED : DAMAGED);
  }
  throwIfAborted(options.signal);

  options.onProgress?.({ rowsRead: 0, bytesRead: 0, totalBytes });
  // One parse: SheetJS lists every sheet name however many sheets it reads (a first pass for the names alone
  // unzipped the whole workbook once more).
  const book = parse(buf, name, parseOptions(buf, options.sheet));
  throwIfAborted(options.signal);
  const sheets = book.SheetNames;
  if (sheets.length === 0) throw unreadable(name, 'has no sheets');
  const sheet = options.sheet ?? sheets[0]!;
  if (!sheets.includes(sheet)) throw unreadable(name, `has no sheet named "${sheet}" (sheets: ${sheets.join(', ')})`);
  const ws = book.Sheets[sheet];
  const kind = workbookKind(book, container);
  const data = ws ? ((ws as unknown as { '!data'?: Cell[][] })['!data'] ?? []) : [];
  if (!ws || !ws['!ref']) {
    return { kind, encoding: null, delimiter: null, sheets, sheet, firstRowNumber: 1, width: 0 };
  }
  const range = XLSX.utils.decode_range(ws['!ref']);
  options.onFirstRowNumber?.(range.s.r + 1);
  try {
    // The range and merged areas come from the file (an .xls's dimensions record, say): bounded before they are walked.
    checkRange(range, sheet);
    fillMerges(data, ws['!merges'] ?? [], range, sheet);
  } catch (err) {
    if (err instanceof SheetTooLarge) throw unreadable(name, err.message);
    throw err;
  }

  const batch = new PackedRowsBuilder();
  const cellText = cellTexts(book, kind === 'ods');
  let width = 0;
  const lastRow = range.e.r;
  for (let r = range.s.r; r <= lastRow; r++) {
    const cells = data[r];
    const row: string[] = [];
    if (cells) {
      const lastCol = Math.min(range.e.c, cells.length - 1); // nothing past a row's last cell but empty text
      for (let c = range.s.c; c <= lastCol; c++) row.push(cellText(cells[c]));
      while (row.length > 0 && row[row.length - 1] === '') row.pop();
      data[r] = undefined as unknown as Cell[]; // let the parsed row go as soon as it is copied
    }
    if (row.length > width) width = row.length;
    batch.addRow(row);
    if (batch.rowCount >= ROW_BATCH) {
      throwIfAborted(options.signal);
      options.onRows(batch.finish());
      options.onProgress?.({ rowsRead: r - range.s.r + 1, bytesRead: totalBytes, totalBytes });
    }
  }
  if (batch.rowCount > 0) options.onRows(batch.finish());
  options.onProgress?.({ rowsRead: lastRow - range.s.r + 1, bytesRead: totalBytes, totalBytes });
  return { kind, encoding: null, delimiter: null, sheets, sheet, firstRowNumber: range.s.r + 1, width };
}

const PASSWORD_PROTECTED = 'is password-protected (encrypted); open it in Excel, save it without a password and import again';
const DAMAGED =
  'is damaged or incomplete (perhaps cut short while it was copied) and cannot be read as a workbook; open it in Excel, save it again and import again';

/** Dense, without cell text (but an .ods's, for its dates) or HTML: about half the time and memory of the defaults. */
function parseOptions(buf: Buffer, sheet: string | undefined): XLSX.ParsingOptions {
  return {
    dense: true,
    cellText: isOdsZip(buf),
    cellHTML: false,
    cellNF: true,
    cellDates: false,
    // Only the cached value of a formula cell is read: keeping each formula's text would only cost memory.
    cellFormula: false,
    sheets: sheet ?? 0,
  };
}

function parse(buf: Buffer, name: string, opts: XLSX.ParsingOptions): XLSX.WorkBook {
  try {
    return XLSX.read(buf, { type: 'buffer', ...opts });
  } catch (err) {
    // SheetJS says "File is password-protected" for an encrypted .xls; other mentions of encryption (a zip
    // flag read from garbage) are damage.
    const message = err instanceof Error ? err.message : String(err);
    if (/password-protected/i.test(message)) throw unreadable(name, PASSWORD_PROTECTED);
    // A parser walking off the end of a cut-short file fails with a TypeError or RangeError: that is damage, not a bug.
    if (err instanceof TypeError || err instanceof RangeError) throw unreadable(name, DAMAGED);
    throw unreadable(name, `is not a workbook that can be read (${message})`);
  }
}

/** An OLE container (.xls, or an encrypted .xlsx): encrypted, unreadable, or one SheetJS can go on to read. */
function oleState(buf: Buffer): 'encrypted' | 'damaged' | 'ok' {
  let cfb: ReturnType<typeof XLSX.CFB.read>;
  try {
    cfb = XLSX.CFB.read(buf, { type: 'buffer' });
  } catch {
    return 'damaged'; // SheetJS reads the container the same way, so it could not read this one either
  }
  return XLSX.CFB.find(cfb, 'EncryptedPackage') || XLSX.CFB.find(cfb, 'EncryptionInfo') ? 'encrypted' : 'ok';
}

function workbookKind(book: XLSX.WorkBook, container: 'zip' | 'ole'): SourceKind {
  const type = (book as unknown as { bookType?: string }).bookType ?? '';
  if (type === 'ods' || type === 'fods') return 'ods';
  return container === 'ole' || type === 'xls' || type.startsWith('biff') ? 'xls' : 'xlsx';
}

function checkRange(range: XLSX.Range, sheet: string): void {
  if (range.e.r >= MAX_SHEET_ROWS || range.e.c >= MAX_SHEET_COLUMNS) {
    throw rangeTooLarge(sheet, range.e.r + 1, range.e.c + 1);
  }
}

/**
 * Copy each merged area's top-left value into the area, so every row it spans carries it. Only the part inside the
 * sheet's range is read, and at most MAX_EXPANDED_CELLS cells are filled in all.
 */
function fillMerges(data: Cell[][], merges: XLSX.Range[], range: XLSX.Range, sheet: string): void {
  let filled = 0;
  for (const m of merges) {
    const source = data[m.s.r]?.[m.s.c];
    if (!source) continue;
    const top = Math.max(m.s.r, range.s.r);
    const bottom = Math.min(m.e.r, range.e.r);
    const left = Math.max(m.s.c, range.s.c);
    const right = Math.min(m.e.c, range.e.c);
    if (bottom < top || right < left) continue;
    filled += (bottom - top + 1) * (right - left + 1);
    if (filled > MAX_EXPANDED_CELLS) throw tooManyCells(sheet, m.s.r + 1, 'its merged cells');
    for (let r = top; r <= bottom; r++) {
      const row = (data[r] ??= []);
      for (let c = left; c <= right; c++) if (r !== m.s.r || c !== m.s.c) row[c] = source;
    }
  }
}
