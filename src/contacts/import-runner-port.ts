import type { PhoneCodes } from './phone-codes';
import type { ReadProgress } from './table';
import type { RowBatch, TableImportRequest, TableImportResult } from './table-import';

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
}

/**
 * Where parsing and number checking run: in a worker thread in the app (worker-runner.ts), in-process in unit tests
 * (import-runner.ts). Its own module, so both implementations depend on it and not on each other.
 */
export interface ImportRunner {
  importTable(request: TableImportRequest, onBatch: (batch: RowBatch) => void, options?: RunOptions): Promise<TableImportResult>;
  normaliseValues(values: (string | null)[], defaultCountry: string, options?: RunOptions): Promise<PhoneCodes>;
}
