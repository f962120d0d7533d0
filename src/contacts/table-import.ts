import { columnNames, detectHeader, guessPhoneColumn, isBlankRow, layoutKey } from '../core/columns';
import { createPhoneNormaliser } from '../core/phone';
import { ImportError, unreadable } from './import-error';
import { readTable } from './read-table';
import type { ReadProgress, TableInfo, TableSource } from './table';

/** A mapping chosen by the operator for a file layout, applied again to files with the same header row. */
export interface RememberedMapping {
  phoneColumn: number;
  hasHeader: boolean;
  defaultCountry?: string;
}

export interface TableImportRequest {
  source: TableSource;
  sheet?: string;
  phoneColumn?: number;
  hasHeader?: boolean;
  /** Already validated; used when neither the request nor a remembered mapping says otherwise. */
  defaultCountry: string;
  /** Whether defaultCountry was chosen for this import (it then wins over a remembered one). */
  countryExplicit?: boolean;
  remembered: Record<string, RememberedMapping>;
}

/**
 * Per data row: "+<digits>" for a usable number, "!<reason>" for a problem, "" for an entirely blank row.
 * One string per row keeps the result compact and cheap to pass between threads.
 */
export type PhoneCell = string;

export interface RowBatch {
  rows: string[][];
  phones: PhoneCell[];
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
  /** Spreadsheet row number of the first data row. */
  firstDataRow: number;
  dataRows: number;
}

/** Rows read before the header and phone column are decided. */
const SAMPLE_ROWS = 500;

/** Turns one phone cell into its PhoneCell code. */
export function phoneCell(normalise: (raw: string) => ReturnType<ReturnType<typeof createPhoneNormaliser>>, row: readonly string[], column: number): PhoneCell {
  if (isBlankRow(row)) return '';
  const result = normalise(row[column] ?? '');
  return result.ok ? result.e164 : '!' + result.reason;
}

/** The phone column's cells, null for blank rows: what normaliseValues needs (and all a worker must be sent). */
export function phoneValues(rows: readonly (readonly string[])[], column: number): (string | null)[] {
  return rows.map((row) => (isBlankRow(row) ? null : (row[column] ?? '')));
}

/** Re-checks phone cells with a (new) default country: used when the operator changes the mapping. */
export function normaliseValues(values: readonly (string | null)[], defaultCountry: string): PhoneCell[] {
  const normalise = createPhoneNormaliser(defaultCountry);
  return values.map((value) => {
    if (value === null) return '';
    const result = normalise(value);
    return result.ok ? result.e164 : '!' + result.reason;
  });
}

/**
 * Reads a table, decides the mapping from the first rows (request, then remembered layout, then a guess), and hands
 * on every data row with its checked phone. Runs inside the import worker (or in-process in tests and the CLI).
 */
export async function importTable(
  request: TableImportRequest,
  onBatch: (batch: RowBatch) => void,
  options: { signal?: AbortSignal; onProgress?: (p: ReadProgress) => void } = {},
): Promise<TableImportResult> {
  const sample: string[][] = [];
  let decided: {
    hasHeader: boolean;
    phoneColumn: number;
    headerRow: string[] | null;
    key: string;
    remembered: boolean;
    country: string;
    headerIndex: number;
    normalise: ReturnType<typeof createPhoneNormaliser>;
  } | null = null;
  let dataRows = 0;
  let nonBlankData = 0;
  let maxPhoneColumnSeen = 0;

  const decide = () => {
    const firstIndex = sample.findIndex((r) => !isBlankRow(r));
    const candidateHeader = firstIndex >= 0 ? sample[firstIndex]! : null;
    const width = Math.max(0, ...sample.map((r) => r.length));
    const headerKey = candidateHeader ? layoutKey(candidateHeader, width) : layoutKey(null, width);
    const remembered = request.remembered[headerKey] ?? request.remembered[layoutKey(null, width)];
    const hasHeader = request.hasHeader ?? remembered?.hasHeader ?? detectHeader(sample);
    const headerIndex = hasHeader ? Math.max(firstIndex, 0) : -1;
    const headerRow = hasHeader && candidateHeader ? candidateHeader : null;
    const body = sample.slice(headerIndex + 1);
    const phoneColumn = request.phoneColumn ?? remembered?.phoneColumn ?? guessPhoneColumn(headerRow, body.slice(0, 200));
    const country = request.countryExplicit ? request.defaultCountry : (remembered?.defaultCountry ?? request.defaultCountry);
    decided = {
      hasHeader,
      phoneColumn,
      headerRow,
      key: hasHeader ? headerKey : layoutKey(null, width),
      remembered: remembered !== undefined && request.phoneColumn === undefined,
      country,
      headerIndex,
      normalise: createPhoneNormaliser(country),
    };
    emit(body);
  };

  const emit = (rows: string[][]) => {
    const d = decided!;
    const phones = new Array<PhoneCell>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const code = phoneCell(d.normalise, row, d.phoneColumn);
      phones[i] = code;
      if (code !== '') nonBlankData++;
      if (row.length > maxPhoneColumnSeen) maxPhoneColumnSeen = row.length;
    }
    dataRows += rows.length;
    if (rows.length > 0) onBatch({ rows, phones });
  };

  const info = await readTable(request.source, {
    sheet: request.sheet,
    signal: options.signal,
    onProgress: options.onProgress,
    onRows: (rows) => {
      if (decided) return emit(rows);
      sample.push(...rows);
      if (sample.length >= SAMPLE_ROWS) decide();
    },
  });
  if (!decided) decide();
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
    firstDataRow: info.firstRowNumber + d.headerIndex + 1,
    dataRows,
  };
}
