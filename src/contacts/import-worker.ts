/** Worker thread entry: runs one import task and posts batches, progress and the result (see import-runner.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure } from '../shared/result';
import type { WorkerMessage, WorkerTask } from './import-runner';
import { importTable, normaliseValues } from './table-import';

const post = (msg: WorkerMessage) => parentPort!.postMessage(msg);

async function main(task: WorkerTask): Promise<void> {
  try {
    if (task.task === 'import') {
      let lastProgress = 0;
      const result = await importTable(task.request, (batch) => post({ type: 'batch', batch }), {
        onProgress: (progress) => {
          const now = Date.now();
          if (now - lastProgress < 100) return; // the notifier coalesces too; this just avoids needless messages
          lastProgress = now;
          post({ type: 'progress', progress });
        },
      });
      post({ type: 'done', result });
    } else {
      post({ type: 'done', result: normaliseValues(task.values, task.defaultCountry) });
    }
  } catch (err) {
    if (err instanceof AppFailure) post({ type: 'error', code: err.code, message: err.message });
    else post({ type: 'error', code: 'internal', message: err instanceof Error ? err.message : String(err) });
  }
}

void main(workerData as WorkerTask);
