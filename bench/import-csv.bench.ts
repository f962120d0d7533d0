/**
 * CSV import benchmark (figures only, not a test): `npx tsx bench/import-csv.bench.ts [rows=1000000] [--in-process]`
 *   csv-anchor   csv-parser into objects, then libphonenumber-js parsePhoneNumberFromString + isValid per phone
 *   csv-worker   the app's import end to end: ContactsService + workerRunner (reader and phone-helper threads) on
 *                the bundled worker, to normalised, validated, de-duplicated contacts; then contacts:getRows pages
 *                near the end of the list (validated by the contract's schema, served by the real handler)
 *   csv-worker-1thread  the same with the phone helper thread off (one worker thread, as on a one-core machine)
 *   csv-inproc   (--in-process) the same import on the calling thread, as the CLI's tests run it
 * Each case runs in its own child process (its own peak RSS); the load average is printed beside each figure.
 */
import path from 'node:path';
import { benchDir, buildWorker, makeCsv, printCase, printRatio, rowCountArg, runCase } from './import-cases';

async function main() {
  const rows = rowCountArg(1_000_000);
  const { dir, cleanUp } = benchDir();
  const cleanUps = [cleanUp];
  try {
    const csvFile = path.join(dir, 'contacts.csv');
    await makeCsv(csvFile, rows);
    const worker = await buildWorker();
    cleanUps.push(worker.remove);
    console.log(`CSV, ${rows} rows, 6 columns`);
    const anchor = runCase('csv-anchor', csvFile);
    printCase('csv-anchor', anchor);
    const ours = runCase('csv-worker', csvFile, [worker.file]);
    printCase('csv-worker', ours);
    printRatio('csv-worker', ours, anchor);
    const single = runCase('csv-worker-1thread', csvFile, [worker.file]);
    printCase('csv-worker-1thread', single);
    printRatio('csv-worker-1thread', single, anchor);
    if (process.argv.includes('--in-process')) {
      const inproc = runCase('csv-inproc', csvFile);
      printCase('csv-inproc', inproc);
      printRatio('csv-inproc', inproc, anchor);
    }
  } finally {
    for (const fn of cleanUps) fn();
  }
}

void main();
