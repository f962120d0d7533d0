/** The import runners: in-process (here, for tests and the CLI run from source) and in worker threads. */
import { cancelled } from './import-error';
import type { ImportRunner } from './import-runner-port';
import { importTable, normaliseValues } from './table-import';

export type { ImportRunner, RunOptions } from './import-runner-port';

export const inProcessRunner: ImportRunner = {
  // Without `offload` every batch comes with its phones checked.
  importTable: (request, onBatch, options = {}) => importTable(request, (batch) => onBatch({ rows: batch.rows, phones: batch.phones! }), options),
  normaliseValues: async (values, country, options = {}) => {
    if (options.signal?.aborted) throw cancelled();
    return normaliseValues(values, country);
  },
};

export { workerRunner } from './worker-runner';
