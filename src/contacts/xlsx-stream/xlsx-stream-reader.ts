import { open, type FileHandle } from 'node:fs/promises';
import { unreadable } from '../import-error';
import { SheetTooLarge } from '../sheet-limits';
import { throwIfAborted, type ReadOptions, type TableInfo } from '../table';
import { MAX_UNZIPPED_BYTES, tooBig } from '../zip-guard';
import { numberStylesOf } from './cell-values';
import { SharedStringsParser, type SharedStrings } from './shared-strings';
import { SheetOutlineScanner } from './sheet-outline';
import { SheetRows } from './sheet-rows';
import { SheetScanner } from './sheet-scanner';
import { readCellFormats, readWorkbookParts, relsPathOf, workbookPath } from './workbook-parts';
import { readZipDirectory, type ZipEntry } from './zip-directory';
import { entryChunks, InflateBudget, readEntry, type EntryReader } from './zip-entry-stream';

/**
 * Reads one sheet of an .xlsx without holding the workbook: the zip's directory is read from the end of the file,
 * the shared strings are kept as packed bytes, and the sheet is inflated and scanned row by row straight into the
 * batches the CSV reader also produces (progress by compressed bytes consumed). Gives the same rows as the SheetJS
 * path (workbook-reader.ts), which it leaves the files it does not read to: returns null for those (.ods, .xlsb,
 * Numbers, a damaged directory, a chart sheet...), before any row is handed on.
 */
export async function readXlsxStream(path: string, name: string, totalBytes: number, options: ReadOptions): Promise<TableInfo | null> {
  const handle = await open(path, 'r');
  try {
    return await readOpen(handle, name, totalBytes, options);
  } catch (err) {
    if (err instanceof SheetTooLarge) throw unreadable(name, err.message);
    throw err;
  } finally {
    await handle.close();
  }
}

async function readOpen(handle: FileHandle, name: string, totalBytes: number, options: ReadOptions): Promise<TableInfo | null> {
  const zip = await readZipDirectory(handle, totalBytes);
  if (!zip) return null; // the SheetJS path's zip check names the damage
  // The declared sizes first, as zip-guard.ts does (they are not trusted: inflated bytes are counted as well).
  let declared = 0;
  for (const entry of zip.values()) declared += entry.declaredSize;
  if (declared > MAX_UNZIPPED_BYTES) throw unreadable(name, tooBig(declared));
  if (!zip.has('[Content_Types].xml') || zip.has('META-INF/manifest.xml')) return null;
  for (const entry of zip.values()) if ((entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) return null;

  const reader: EntryReader = { handle, fileSize: totalBytes, fileName: name, budget: new InflateBudget(name) };
  const text = async (entry: ZipEntry | undefined) => (entry ? (await readEntry(reader, entry)).toString('utf8') : '');
  const wbPath = workbookPath(await text(zip.get('[Content_Types].xml')), zip);
  if (!wbPath || !wbPath.endsWith('.xml')) return null;
  const parts = readWorkbookParts(await text(zip.get(wbPath)), await text(zip.get(relsPathOf(wbPath))), wbPath, zip);
  const sheets = parts.sheets.map((s) => s.name);
  if (sheets.length === 0) return null;
  const sheet = options.sheet ?? sheets[0]!;
  const part = parts.sheets.find((s) => s.name === sheet);
  if (!part) throw unreadable(name, `has no sheet named "${sheet}" (sheets: ${sheets.join(', ')})`);
  const sheetEntry = zip.get(part.path);
  if (part.type !== 'worksheet' || !sheetEntry) return null;
  throwIfAborted(options.signal);

  const numberStyles = parts.stylesPath ? numberStylesOf(readCellFormats(await text(zip.get(parts.stylesPath)))) : [];
  const stringsEntry = parts.sharedStringsPath ? zip.get(parts.sharedStringsPath) : undefined;

  // Progress runs over the compressed bytes of the shared strings and the sheet (the parts that take the time).
  const work = (stringsEntry?.compressedSize ?? 0) + sheetEntry.compressedSize || 1;
  let stringsDone = 0;
  let sheetDone = 0;
  let rowsRead = 0;
  const progress = () =>
    options.onProgress?.({ rowsRead, bytesRead: Math.min(totalBytes, Math.round((totalBytes * (stringsDone + sheetDone)) / work)), totalBytes });
  progress();

  const strings = stringsEntry ? await readSharedStrings(reader, stringsEntry, options, (done) => ((stringsDone = done), progress())) : null;

  // First pass: the sheet's <dimension> and merged areas (listed after the rows); also meets a zip bomb early.
  const outlineScanner = new SheetOutlineScanner();
  for await (const chunk of entryChunks(reader, sheetEntry)) {
    outlineScanner.push(chunk);
    throwIfAborted(options.signal);
  }
  const outline = outlineScanner.finish();

  const rows = new SheetRows({
    fileName: name,
    sheetName: sheet,
    dimension: outline.dimension,
    merges: outline.merges,
    strings,
    onRows: options.onRows,
    onFirstRowNumber: options.onFirstRowNumber,
    onBatch: (count) => {
      rowsRead = count;
      throwIfAborted(options.signal);
      progress();
    },
  });
  const scanner = new SheetScanner({ fileName: name, sheetName: sheet, strings, numberStyles, date1904: parts.date1904 }, rows);
  // Second pass: the rows. Its bytes were counted against the zip-bomb limit in the first.
  for await (const chunk of entryChunks(reader, sheetEntry, (done) => (sheetDone = done), true)) scanner.push(chunk);
  const result = rows.finish();
  rowsRead = result.rows;
  sheetDone = sheetEntry.compressedSize;
  progress();
  return { kind: 'xlsx', encoding: null, delimiter: null, sheets, sheet, firstRowNumber: result.firstRowNumber, width: result.width };
}

async function readSharedStrings(
  reader: EntryReader,
  entry: ZipEntry,
  options: ReadOptions,
  onCompressed: (bytes: number) => void,
): Promise<SharedStrings> {
  const parser = new SharedStringsParser();
  for await (const chunk of entryChunks(reader, entry, onCompressed)) {
    parser.push(chunk);
    throwIfAborted(options.signal);
  }
  return parser.finish();
}
