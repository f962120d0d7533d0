import type { PhoneCodes } from './phone-codes';
import type { ReadProgress } from './table';
import { cancelled } from './worker-runner';
import {
  importTable,
  normaliseValues,
  type RowBatch,
  type TableImportRequest,
  type TableImportResult,
} from './table-import';

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
}

/** Where parsing and number checking run: in a worker thread in the app, in-process in unit tests. */
export interface ImportRunner {
  importTable(request: TableImportRequest, onBatch: (batch: RowBatch) => void, options?: RunOptions): Promise<TableImportResult>;
  normaliseValues(values: (string | null)[], defaultCountry: string, options?: RunOptions): Promise<PhoneCodes>;
}

export const inProcessRunner: ImportRunner = {
  // Without `offload` every batch comes with its phones checked.
  importTable: (request, onBatch, options = {}) =>
    importTable(request, (batch) => onBatch({ rows: batch.rows, phones: batch.phones! }), options),
  normaliseValues: async (values, country, options = {}) => {
    if (options.signal?.aborted) throw cancelled();
    return normaliseValues(values, country);
  },
};

export { cancelled, workerRunner } from './worker-runner';
