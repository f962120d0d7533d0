/**
 * Messages between the main process and the import threads (see worker-runner.ts and import-worker.ts).
 *
 * An import runs in two threads: the reader parses the file, decides the mapping and checks some batches' phones
 * itself; the helper checks the phones of the batches the reader hands it, so both cores work. Both post to the
 * main process, which puts each batch's rows and phones back together in order (BatchAssembler).
 */
import type { MessagePort } from 'node:worker_threads';
import type { ErrorCode } from '../shared/result';
import { packedTransferList, type PackedRows } from './packed-rows';
import type { PhoneCodes } from './phone-codes';
import type { ReadProgress } from './table';
import type { TableImportRequest } from './table-import';

export type WorkerTask =
  /** Read a table; `helper` (when set) is the port to the phone helper. */
  | { task: 'import'; request: TableImportRequest; helper: MessagePort | null }
  /** Check the phone cells that arrive on `port` until terminated. */
  | { task: 'phones'; port: MessagePort }
  /** Check these phone cells once (a changed mapping). */
  | { task: 'normalise'; values: (string | null)[]; defaultCountry: string };

/** Reader -> helper, over the port: one batch's phone cells. */
export interface PhoneJob {
  seq: number;
  country: string;
  values: (string | null)[];
}

/** Helper -> reader, over the port: a job is done (the reader keeps only a few jobs waiting). */
export interface PhoneJobDone {
  seq: number;
}

/** Threads -> main process. */
export type WorkerMessage =
  /** Batch `seq` (0, 1, 2... in file order); phones null when the helper checks them. */
  | { type: 'batch'; seq: number; rows: PackedRows; phones: PhoneCodes | null }
  | { type: 'phones'; seq: number; phones: PhoneCodes }
  | { type: 'progress'; progress: ReadProgress }
  /** `batches`: how many batches were posted, so the main process knows when the last phones are in. */
  | { type: 'done'; result: unknown; batches: number }
  | { type: 'error'; code: ErrorCode; message: string };

/** The buffers to move (not copy) with a message; the sender must not touch them afterwards. */
export function transferListOf(msg: WorkerMessage): ArrayBuffer[] {
  if (msg.type === 'batch') {
    const list = packedTransferList(msg.rows);
    if (msg.phones) list.push(msg.phones.buffer as ArrayBuffer);
    return list;
  }
  if (msg.type === 'phones') return [msg.phones.buffer as ArrayBuffer];
  if (msg.type === 'done' && msg.result instanceof Float64Array) return [msg.result.buffer as ArrayBuffer];
  return [];
}
