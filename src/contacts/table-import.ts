import { columnNames, guessPhoneColumn } from '../core/columns';
import { createPhoneNormaliser } from '../core/phone';
import { countWithoutCode, guessCountry } from '../core/country-guess';
import { chooseHeader, type RememberedMapping } from './header-choice';
import { ImportError, unreadable } from './import-error';
import { isBlankPackedRow, packedCell, packedRow, packedRowCount, packedRowsFrom, type PackedRows } from './packed-rows';
import { BLANK_ROW, phoneCode, type PhoneCodes } from './phone-codes';
import { readTable } from './read-table';
import { formatCount, MAX_IMPORT_ROWS, MAX_IMPORT_TEXT_BYTES } from './sheet-limits';
import type { RowSource } from './row-table';
import type { ReadProgress, TableInfo, TableSource } from './table';

export type { RememberedMapping } from './header-choice';

export interface TableImportRequest {
  source: TableSource;
  sheet?: string;
  phoneColumn?: number;
  hasHeader?: boolean;
  /** Spreadsheet row number of the header row (rows above it are neither contacts nor problems). */
  headerRow?: number;
  /** Already validated; used when neither the request nor a remembered mapping says otherwise. */
  defaultCountry: string;
  /** Whether defaultCountry was chosen for this import (it then wins over a remembered one). */
  countryExplicit?: boolean;
  remembered: Record<string, RememberedMapping>;
}

export interface RowBatch {
  rows: PackedRows;
  /** One code per row (see phone-codes.ts). */
  phones: PhoneCodes;
}

/** A batch as importTable hands it on: phones is null when `offload` took the batch's phone cells. */
export interface ReadBatch {
  rows: PackedRows;
  phones: PhoneCodes | null;
}

export interface ImportTableOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
  /**
   * Offered each batch's phone cells (null for blank rows) in order; returns true when it takes them to check
   * elsewhere (the import worker hands some to a second thread), false to have them checked here.
   */
  offload?: (values: (string | null)[], country: string) => boolean;
}

export interface TableImportResult {
  info: TableInfo;
  name: string;
  headerRow: string[] | null;
  columns: string[];
  hasHeader: boolean;
  phoneColumn: number;
  defaultCountry: string;
  layoutKey: string;
  mappingRemembered: boolean;
  /** defaultCountry was chosen for this import (countryExplicit), not guessed. */
  countryChosen: boolean;
  /** Phone cells written without a country code (see core/country-guess.ts). */
  withoutCode: number;
  /** The country most of the first such numbers are mobiles of; what defaultCountry is when not chosen. */
  likelyCountry: string | null;
  /** Spreadsheet row number of the first data row. */
  firstDataRow: number;
  dataRows: number;
}

/** The mapping importTable decides from the first rows. */
interface Decided {
  hasHeader: boolean;
  phoneColumn: number;
  headerRow: string[] | null;
  key: string;
  remembered: boolean;
  country: string;
  /** The country most national-form numbers of the first rows are mobiles of (core/country-guess.ts). */
  likely: string | null;
  headerIndex: number;
  normalise: ReturnType<typeof createPhoneNormaliser>;
}

/** Rows read before the header and phone column are decided. */
const SAMPLE_ROWS = 500;

/** The phone column's cells, null for blank rows: what normaliseValues needs (and all a worker must be sent). */
export function phoneValues(rows: RowSource, column: number): (string | null)[] {
  const out = new Array<string | null>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows.isBlank(i) ? null : rows.cell(i, column);
  return out;
}

/** Checks phone cells (null for a blank row) with one default country. */
export function normaliseValues(values: readonly (string | null)[], defaultCountry: string): PhoneCodes {
  return normaliseWith(createPhoneNormaliser(defaultCountry), values);
}

/** normaliseValues with a normaliser made already (the import worker's helper keeps one per country). */
export function normaliseWith(normalise: ReturnType<typeof createPhoneNormaliser>, values: readonly (string | null)[]): PhoneCodes {
  const codes = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    codes[i] = value === null || value === undefined ? BLANK_ROW : phoneCode(normalise(value));
  }
  return codes;
}

/**
 * Reads a table, decides the mapping from the first rows (request, then remembered layout, then a guess), and hands
 * on every data row with its checked phone. Runs inside the import worker (or in-process in tests and the CLI).
 */
export async function importTable(
  request: TableImportRequest,
  onBatch: (batch: ReadBatch) => void,
  options: ImportTableOptions = {},
): Promise<TableImportResult> {
  /** The first batches, packed as read, and decoded for deciding the mapping. */
  const sampleBatches: PackedRows[] = [];
  const sample: string[][] = [];
  let decided: Decided | null = null;
  let dataRows = 0;
  let nonBlankData = 0;
  let withoutCode = 0;
  let textBytes = 0;
  let firstRowNumber = 1;

  const decide = (complete: boolean) => {
    const header = chooseHeader(sample, request, { firstRowNumber, complete, fileName: request.source.name });
    const { hasHeader, headerIndex, headerRow, remembered } = header;
    const body = sample.slice(headerIndex + 1);
    const rowsBeforeData = headerIndex + 1;
    const phoneColumn = request.phoneColumn ?? remembered?.phoneColumn ?? guessPhoneColumn(headerRow, body.slice(0, 200));
    // A country not chosen for this import is the one the numbers point to (the remembered one and the fallback
    // win near ties); the operator is asked to confirm it (ImportSummary.country.needed).
    const preferred = [remembered?.defaultCountry, request.defaultCountry].filter((c): c is string => c !== undefined);
    const likely = guessCountry(
      body.map((r) => r[phoneColumn] ?? ''),
      preferred,
    ).country;
    const country = request.countryExplicit ? request.defaultCountry : (likely ?? remembered?.defaultCountry ?? request.defaultCountry);
    decided = {
      hasHeader,
      phoneColumn,
      headerRow,
      key: header.key,
      remembered: remembered !== undefined && request.phoneColumn === undefined,
      country,
      likely,
      headerIndex,
      normalise: createPhoneNormaliser(country),
    };
    // Hand on the sample rows after the header, still packed.
    let skip = rowsBeforeData;
    for (const batch of sampleBatches) {
      const count = packedRowCount(batch);
      if (skip < count) emit(packedRowsFrom(batch, skip));
      skip = Math.max(0, skip - count);
    }
    sampleBatches.length = 0;
    sample.length = 0;
  };

  const emit = (rows: PackedRows) => {
    const d = decided!;
    const count = packedRowCount(rows);
    if (count === 0) return;
    const values = new Array<string | null>(count);
    for (let i = 0; i < count; i++) {
      if (isBlankPackedRow(rows, i)) {
        values[i] = null;
      } else {
        values[i] = packedCell(rows, i, d.phoneColumn);
        nonBlankData++;
      }
    }
    dataRows += count;
    textBytes += rows.bytes.length;
    withoutCode += countWithoutCode(values);
    // The main process keeps every row: past these it would be the file, not the reader, that decides its memory.
    if (dataRows > MAX_IMPORT_ROWS) {
      throw unreadable(
        request.source.name,
        `has more than ${formatCount(MAX_IMPORT_ROWS)} rows, so it is too large to import; split it into smaller lists`,
      );
    }
    if (textBytes > MAX_IMPORT_TEXT_BYTES) {
      throw unreadable(
        request.source.name,
        `holds more than ${MAX_IMPORT_TEXT_BYTES / 1024 / 1024} MB of text, so it is too large to import; split it into smaller lists`,
      );
    }
    const offloaded = options.offload?.(values, d.country) ?? false;
    onBatch({ rows, phones: offloaded ? null : normaliseWith(d.normalise, values) });
  };

  const info = await readTable(request.source, {
    sheet: request.sheet,
    signal: options.signal,
    onProgress: options.onProgress,
    onFirstRowNumber: (row) => (firstRowNumber = row),
    onRows: (rows) => {
      if (decided) return emit(rows);
      sampleBatches.push(rows);
      for (let i = 0; i < packedRowCount(rows); i++) sample.push(packedRow(rows, i));
      if (sample.length >= SAMPLE_ROWS) decide(false);
    },
  });
  if (!decided) decide(true);
  const d = decided!;
  const name = request.source.name;
  if (nonBlankData === 0) {
    if (d.headerRow) throw unreadable(name, 'has a header row but no data rows');
    throw unreadable(name, info.sheet ? `sheet "${info.sheet}" is empty` : 'is empty (no rows with any text)');
  }
  const width = Math.max(info.width, d.headerRow?.length ?? 0, 1);
  if (d.phoneColumn >= width) {
    throw new ImportError('bad_request', `${name}: there is no column ${d.phoneColumn + 1} (the file has ${width})`);
  }
  return {
    info,
    name,
    headerRow: d.headerRow,
    columns: columnNames(d.headerRow, width),
    hasHeader: d.hasHeader,
    phoneColumn: d.phoneColumn,
    defaultCountry: d.country,
    layoutKey: d.key,
    mappingRemembered: d.remembered,
    countryChosen: request.countryExplicit === true,
    withoutCode,
    likelyCountry: d.likely,
    firstDataRow: info.firstRowNumber + d.headerIndex + 1,
    dataRows,
  };
}
