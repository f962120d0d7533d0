import type { SourceKind } from '../shared/contract/contacts';
import type { PackedRows } from './packed-rows';

/** Where rows come from: a file on disk, or text pasted into the app. */
export type TableSource = { kind: 'file'; path: string; name: string } | { kind: 'text'; text: string; name: string };

/** What a reader found out about the file while reading it. */
export interface TableInfo {
  kind: SourceKind;
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  /** Spreadsheet row number of the first row handed over (1 for text; a sheet may start lower down). */
  firstRowNumber: number;
  /** Widest row seen. */
  width: number;
}

export interface ReadProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ReadOptions {
  sheet?: string;
  signal?: AbortSignal;
  /** The spreadsheet row number of the first row, told before any row is handed on (1 for text). */
  onFirstRowNumber?(rowNumber: number): void;
  /** Every row in file order, blank rows included (so row numbers stay true); called in batches. */
  onRows(rows: PackedRows): void;
  onProgress?(progress: ReadProgress): void;
}

export const ROW_BATCH = 5_000;

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw Object.assign(new Error('Import cancelled'), { name: 'AbortError' });
}
