/**
 * How big a sheet may be, checked before anything is expanded: a 1 KB file can claim a cell repeated a billion times
 * (ODS `table:number-columns-repeated`), a row numbered in the billions, or a merged area of a whole sheet, and a
 * reader that believes it runs out of memory. Every reader refuses such a file with a "too large" error naming the
 * sheet and row instead.
 */

/** Rows and columns a sheet can have (Excel's limits; LibreOffice's too). */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_COLUMNS = 16_384;

/**
 * Cells a reader may build from repeated rows and cells (ODS) or fill into merged areas, over the whole file: a
 * million contacts with ten columns each fit; a billion-cell bomb does not.
 */
export const MAX_EXPANDED_CELLS = 10_000_000;

/** Rows and bytes of cell text one import may hand to the main process, which keeps them all. */
export const MAX_IMPORT_ROWS = 5_000_000;
export const MAX_IMPORT_TEXT_BYTES = 1024 * 1024 * 1024;

/** A count as the operator reads it: 1,000,000,000. */
export const formatCount = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : String(n));

/** A reason a sheet is refused (the caller adds the file name); thrown from deep inside a scan. */
export class SheetTooLarge extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SheetTooLarge';
  }
}

const where = (sheet: string | null, row: number): string => `${sheet === null ? '' : `sheet "${sheet}" `}row ${formatCount(row)}`;

export const rowsRepeatedTooOften = (sheet: string | null, row: number, times: number): SheetTooLarge =>
  new SheetTooLarge(
    `${where(sheet, row)} is repeated ${formatCount(times)} times: past the ${formatCount(MAX_SHEET_ROWS)} rows a sheet can have, so it is too large to import`,
  );

export const cellRepeatedTooOften = (sheet: string | null, row: number, times: number): SheetTooLarge =>
  new SheetTooLarge(
    `${where(sheet, row)} repeats a cell ${formatCount(times)} times: past the ${formatCount(MAX_SHEET_COLUMNS)} columns a sheet can have, so it is too large to import`,
  );

export const rowBeyondLimit = (sheet: string | null, row: number): SheetTooLarge =>
  new SheetTooLarge(`${where(sheet, row)} is past the ${formatCount(MAX_SHEET_ROWS)} rows a sheet can have, so the file is too large to import`);

export const columnBeyondLimit = (sheet: string | null, row: number, column: number): SheetTooLarge =>
  new SheetTooLarge(
    `${where(sheet, row)} has a cell in column ${formatCount(column)}, past the ${formatCount(MAX_SHEET_COLUMNS)} columns a sheet can have, so the file is too large to import`,
  );

export const tooManyCells = (sheet: string | null, row: number, what: string): SheetTooLarge =>
  new SheetTooLarge(
    `${what} make more than ${formatCount(MAX_EXPANDED_CELLS)} cells (passed at ${where(sheet, row)}), so the file is too large to import`,
  );

/** A sheet whose stated range (an .xlsx <dimension>, an .xls dimensions record) is larger than any sheet. */
export const rangeTooLarge = (sheet: string, rows: number, columns: number): SheetTooLarge =>
  new SheetTooLarge(
    `sheet "${sheet}" spans ${formatCount(rows)} rows and ${formatCount(columns)} columns, past the ${formatCount(MAX_SHEET_ROWS)} rows and ${formatCount(MAX_SHEET_COLUMNS)} columns a sheet can have, so it is too large to import`,
  );
