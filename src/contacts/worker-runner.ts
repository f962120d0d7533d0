import { availableParallelism } from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import { BatchAssembler } from './batch-assembler';
import { cancelled, ImportError } from './import-error';
import type { ImportRunner, RunOptions } from './import-runner-port';
import type { PhoneCodes } from './phone-codes';
import type { RowBatch, TableImportRequest, TableImportResult } from './table-import';
import type { WorkerMessage, WorkerTask } from './worker-protocol';

/** Below this many values a changed mapping is checked by one thread (a second one costs more to start). */
const SPLIT_NORMALISE_AT = 50_000;

export interface WorkerRunnerSettings {
  /** Check phones in a second thread while the first reads (default: when the machine has more than one core). */
  phoneHelper?: boolean;
  /** Each thread's JavaScript heap limit in MB (default IMPORT_HEAP_MB). */
  heapLimitMb?: number;
}

/**
 * Each import thread's heap limit. Without one, a thread that runs out of memory takes the whole process down with
 * it (V8 aborts); with one, only that thread stops, and the import fails with a message. The largest legitimate
 * reads (a 65,536-row .xls, a 200,000-row .ods, both through SheetJS) peak well under half of this.
 */
export const IMPORT_HEAP_MB = 2048;

/**
 * Runs imports in worker threads (built to out/main/import-worker.js), so a million-row parse never blocks the
 * main process: a file import uses two threads, one reading and one helping check phone numbers (see
 * worker-protocol.ts). Cancelling terminates the threads, which frees their memory at once.
 */
export function workerRunner(workerFile: string, settings: WorkerRunnerSettings = {}): ImportRunner {
  const phoneHelper = settings.phoneHelper ?? availableParallelism() > 1;
  const heapLimitMb = settings.heapLimitMb ?? IMPORT_HEAP_MB;
  const importTable = (request: TableImportRequest, onBatch: (b: RowBatch) => void, options: RunOptions = {}) => {
    // Pasted text is small and arrives in one piece: a second thread would not get going before it is done.
    const withHelper = phoneHelper && request.source.kind === 'file';
    const assembler = new BatchAssembler(onBatch);
    let result: TableImportResult | null = null;
    const outOfMemory = `${request.source.name}: is too large to import (reading it took more than ${heapLimitMb} MB of memory)`;
    return runThreads<TableImportResult>({ ...options, heapLimitMb, outOfMemory }, (finish, spawn) => {
      const channel = withHelper ? new MessageChannel() : null;
      const onMessage = (msg: WorkerMessage) => {
        if (msg.type === 'batch') {
          assembler.addRows(msg.seq, msg.rows);
          if (msg.phones) assembler.addPhones(msg.seq, msg.phones);
        } else if (msg.type === 'phones') {
          assembler.addPhones(msg.seq, msg.phones);
        } else if (msg.type === 'progress') {
          options.onProgress?.(msg.progress);
        } else if (msg.type === 'done') {
          result = msg.result as TableImportResult;
          assembler.setTotal(msg.batches);
        } else {
          return finish(new ImportError(msg.code, msg.message));
        }
        if (result && assembler.complete) finish(null, result);
      };
      spawn(workerFile, { task: 'import', request, helper: channel?.port1 ?? null }, channel ? [channel.port1] : [], onMessage);
      if (channel) spawn(workerFile, { task: 'phones', port: channel.port2 }, [channel.port2], onMessage);
    });
  };

  const normaliseOnce = (values: (string | null)[], defaultCountry: string, options: RunOptions) =>
    runThreads<PhoneCodes>(
      { ...options, heapLimitMb, outOfMemory: `Checking the phone numbers took more than ${heapLimitMb} MB of memory` },
      (finish, spawn) => {
        spawn(workerFile, { task: 'normalise', values, defaultCountry }, [], (msg) => {
          if (msg.type === 'done') finish(null, msg.result as PhoneCodes);
          else if (msg.type === 'error') finish(new ImportError(msg.code, msg.message));
        });
      },
    );

  return {
    importTable,
    // A changed mapping re-checks every row: two threads each take half.
    normaliseValues: async (values, defaultCountry, options = {}) => {
      if (!phoneHelper || values.length < SPLIT_NORMALISE_AT) return normaliseOnce(values, defaultCountry, options);
      const half = Math.ceil(values.length / 2);
      const parts = await Promise.all([
        normaliseOnce(values.slice(0, half), defaultCountry, options),
        normaliseOnce(values.slice(half), defaultCountry, options),
      ]);
      const all = new Float64Array(values.length);
      all.set(parts[0]!, 0);
      all.set(parts[1]!, half);
      return all;
    },
  };
}

type Finish<T> = (error: Error | null, value?: T) => void;
type Spawn = (file: string, task: WorkerTask, transferList: readonly unknown[], onMessage: (msg: WorkerMessage) => void) => void;

interface ThreadOptions extends RunOptions {
  heapLimitMb: number;
  /** The error when a thread reaches its heap limit. */
  outOfMemory: string;
}

/**
 * Starts threads with `start` and settles once: with the value or error passed to `finish`, when a thread fails
 * or stops early, or when the signal aborts. Every thread started is terminated when it settles.
 */
function runThreads<T>(options: ThreadOptions, start: (finish: Finish<T>, spawn: Spawn) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) return reject(cancelled());
    let settled = false;
    const threads: Worker[] = [];
    let running = 0;
    const finish: Finish<T> = (error, value) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const thread of threads) void thread.terminate();
      if (error) reject(error);
      else resolve(value as T);
    };
    const onAbort = () => finish(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const spawn: Spawn = (file, task, transferList, onMessage) => {
      const thread = new Worker(file, {
        workerData: task,
        transferList: transferList as never,
        resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb },
      });
      threads.push(thread);
      thread.on('message', onMessage);
      thread.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(new ImportError('bad_request', options.outOfMemory));
        else finish(new ImportError('internal', `Import worker failed: ${err.message}`));
      });
      // A thread that ends without a result fails the run only once every thread has ended: the phone helper
      // ends by itself when the reader dies (its port closes), and the reader's own error, such as running out
      // of memory, is the one to report.
      running++;
      thread.on('exit', (code) => {
        if (--running === 0) finish(new ImportError('internal', `Import worker stopped unexpectedly (exit code ${code})`));
      });
    };
    try {
      start(finish, spawn);
    } catch (err) {
      finish(new ImportError('internal', `Import worker could not start: ${(err as Error).message}`));
    }
  });
}
