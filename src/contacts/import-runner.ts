import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../shared/result';
import { ImportError } from './import-error';
import type { ReadProgress } from './table';
import {
  importTable,
  normaliseValues,
  type PhoneCell,
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
  normaliseValues(values: (string | null)[], defaultCountry: string, options?: RunOptions): Promise<PhoneCell[]>;
}

export const inProcessRunner: ImportRunner = {
  importTable: (request, onBatch, options = {}) => importTable(request, onBatch, options),
  normaliseValues: async (values, country, options = {}) => {
    if (options.signal?.aborted) throw cancelled();
    return normaliseValues(values, country);
  },
};

/** Messages the worker posts (see import-worker.ts). */
export type WorkerMessage =
  | { type: 'batch'; batch: RowBatch }
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'done'; result: unknown }
  | { type: 'error'; code: ErrorCode; message: string };

export type WorkerTask =
  | { task: 'import'; request: TableImportRequest }
  | { task: 'normalise'; values: (string | null)[]; defaultCountry: string };

export const cancelled = () => new ImportError('cancelled', 'Import cancelled');

/**
 * Runs each task in a fresh worker thread (built to out/main/import-worker.js), so a million-row parse never
 * blocks the main process; cancelling terminates the worker, which frees its memory at once.
 */
export function workerRunner(workerFile: string): ImportRunner {
  const run = <T>(task: WorkerTask, onBatch: ((b: RowBatch) => void) | null, options: RunOptions = {}) =>
    new Promise<T>((resolve, reject) => {
      if (options.signal?.aborted) return reject(cancelled());
      const worker = new Worker(workerFile, { workerData: task });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        fn();
        void worker.terminate();
      };
      const onAbort = () => settle(() => reject(cancelled()));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (msg: WorkerMessage) => {
        if (settled) return;
        if (msg.type === 'batch') onBatch?.(msg.batch);
        else if (msg.type === 'progress') options.onProgress?.(msg.progress);
        else if (msg.type === 'done') settle(() => resolve(msg.result as T));
        else settle(() => reject(new ImportError(msg.code, msg.message)));
      });
      worker.on('error', (err) => settle(() => reject(new ImportError('internal', `Import worker failed: ${err.message}`))));
      worker.on('exit', (code) =>
        settle(() => reject(new ImportError('internal', `Import worker stopped unexpectedly (exit code ${code})`))),
      );
    });
  return {
    importTable: (request, onBatch, options) => run<TableImportResult>({ task: 'import', request }, onBatch, options),
    normaliseValues: (values, defaultCountry, options) =>
      run<PhoneCell[]>({ task: 'normalise', values, defaultCountry }, null, options),
  };
}
