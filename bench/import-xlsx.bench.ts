/**
 * XLSX import benchmark (figures only, not a test): `npx tsx bench/import-xlsx.bench.ts [rows...]` (default
 * 100000 and 1000000 rows)
 *   xlsx-anchor  SheetJS read {dense: true} + sheet_to_json on the same file
 *   xlsx-worker  the app's import end to end (ContactsService + workerRunner on the bundled worker; .xlsx goes
 *                through the streaming reader in src/contacts/xlsx-stream/), with the
 *                number of progress events, then contacts:getRows pages near the end of the list
 * The file is written as Excel writes one (shared strings; phones stored as numbers, every 50th as text "n/a").
 * Each case runs in its own child process (its own peak RSS); the load average is printed beside each figure.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { benchDir, buildWorker, phoneOf, printCase, printRatio, runCase } from './import-cases';
import { writeXlsx } from './xlsx-fixture';

async function main() {
  const counts = process.argv
    .slice(2)
    .filter((a) => /^\d+$/.test(a))
    .map(Number);
  const { dir, cleanUp } = benchDir();
  const worker = await buildWorker();
  try {
    for (const rows of counts.length > 0 ? counts : [100_000, 1_000_000]) {
      const file = path.join(dir, `contacts-${rows}.xlsx`);
      writeXlsx(file, rows + 1, (i) => {
        if (i === 0) return ['First name', 'Last name', 'Mobile', 'Email', 'City', 'Notes'];
        const n = i - 1;
        const phone = phoneOf(n);
        // Excel keeps a typed-in mobile as a number (971501234567), unless it is text like "n/a".
        const cell = phone === 'n/a' ? phone : Number('971' + phone.replace(/\D/g, '').slice(1));
        return [`Name${n}`, `Surname${n}`, cell, `person${n}@example.com`, `City ${n % 300}`, `Some notes, about ${n}`];
      });
      console.log(`XLSX, ${rows} rows, 6 columns, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`);
      const anchor = runCase('xlsx-anchor', file);
      printCase('xlsx-anchor', anchor);
      const ours = runCase('xlsx-worker', file, [worker.file]);
      printCase('xlsx-worker', ours);
      printRatio('xlsx-worker', ours, anchor);
    }
  } finally {
    worker.remove();
    cleanUp();
  }
}

void main();
