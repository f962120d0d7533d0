import { writeFile } from 'node:fs/promises';
import * as XLSX from 'xlsx';

/** Writes a workbook built in the test (SheetJS's ESM build has no fs of its own, so bytes go through node:fs). */
export async function writeWorkbook(file: string, wb: XLSX.WorkBook, bookType: XLSX.BookType = 'xlsx'): Promise<void> {
  const bytes = XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
  await writeFile(file, bytes);
}

export function book(sheets: Record<string, XLSX.WorkSheet>): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  return wb;
}
