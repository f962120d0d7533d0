/** Worker thread entry: runs one import task and posts batches, progress and the result (see worker-protocol.ts). */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createPhoneNormaliser } from '../core/phone';
import { AppFailure } from '../shared/result';
import { importTable, normaliseValues, normaliseWith, type TableImportRequest } from './table-import';
import { transferListOf, type PhoneJob, type PhoneJobDone, type WorkerMessage, type WorkerTask } from './worker-protocol';

const post = (msg: WorkerMessage) => parentPort!.postMessage(msg, transferListOf(msg));

/**
 * Jobs handed to the helper and not yet done. A few keep it busy; past that the reader checks a batch itself
 * rather than queue it (so both threads stay busy whichever is faster on this file).
 */
const MAX_HELPER_JOBS = 3;

async function runImport(request: TableImportRequest, helper: MessagePort | null): Promise<void> {
  let seq = 0;
  let helperJobs = 0;
  helper?.on('message', (_done: PhoneJobDone) => helperJobs--);
  let lastProgress = 0;
  const result = await importTable(request, (batch) => post({ type: 'batch', seq: seq++, rows: batch.rows, phones: batch.phones }), {
    offload: helper
      ? (values, country) => {
          if (helperJobs >= MAX_HELPER_JOBS) return false;
          helperJobs++;
          const job: PhoneJob = { seq, country, values }; // seq: the batch about to be posted
          helper.postMessage(job);
          return true;
        }
      : undefined,
    onProgress: (progress) => {
      const now = Date.now();
      if (now - lastProgress < 100) return; // the notifier coalesces too; this just avoids needless messages
      lastProgress = now;
      post({ type: 'progress', progress });
    },
  });
  post({ type: 'done', result, batches: seq });
}

function runHelper(port: MessagePort): void {
  const normalisers = new Map<string, ReturnType<typeof createPhoneNormaliser>>();
  port.on('message', (job: PhoneJob) => {
    let normalise = normalisers.get(job.country);
    if (!normalise) normalisers.set(job.country, (normalise = createPhoneNormaliser(job.country)));
    const phones = normaliseWith(normalise, job.values);
    post({ type: 'phones', seq: job.seq, phones });
    port.postMessage({ seq: job.seq } satisfies PhoneJobDone);
  });
}

async function main(task: WorkerTask): Promise<void> {
  try {
    if (task.task === 'import') await runImport(task.request, task.helper);
    else if (task.task === 'phones') runHelper(task.port);
    else post({ type: 'done', result: normaliseValues(task.values, task.defaultCountry), batches: 0 });
  } catch (err) {
    if (err instanceof AppFailure) post({ type: 'error', code: err.code, message: err.message });
    else post({ type: 'error', code: 'internal', message: err instanceof Error ? err.message : String(err) });
  }
}

void main(workerData as WorkerTask);
