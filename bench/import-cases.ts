/**
 * Shared by the import benchmarks (import-csv.bench.ts, import-xlsx.bench.ts): fixture files, the worker bundle,
 * and running one case in a child process of its own so each case's peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildImportWorker } from '../test/support/build-import-worker';

export interface CaseResult {
  ms: number;
  rows: number;
  peakMb: number;
  /** Peak RSS at the end of the case, after the page reads and the re-mapping that follow the import. */
  peakAfterMb?: number;
  /** CPU seconds of the whole case, every thread (more than the wall time when two cores work). */
  cpuS?: number;
  extra: string;
  /** Named timings inside the case (e.g. page reads), in ms. */
  timings?: Record<string, number>;
}

export const CHILD = path.join(__dirname, 'import-child.ts');

export function benchDir(): { dir: string; cleanUp: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wa-import-bench-'));
  return { dir, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

export const rowCountArg = (fallback: number): number => Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? fallback);

/** The phone cell of row i: local UAE mobiles written with a space, every 50th one not a number at all. */
export function phoneOf(i: number): string {
  return i % 50 === 0 ? 'n/a' : '05' + String(i % 7 === 0 ? 2 : 0) + ' ' + String(1000000 + ((i * 7919) % 8999999));
}

/** A 6-column contact CSV (~97 bytes a row, so 1M rows is ~100 MB), with one quoted cell holding a comma per row. */
export async function makeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('First name,Last name,Mobile,Email,City,Notes\n');
  for (let i = 0; i < rows; i++) {
    const line = `Name${i},Surname${i},${phoneOf(i)},person${i}@example.com,City ${i % 300},"Some notes, about ${i}"\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The import worker from the current source, built into a folder of its own (see test/support). */
export const buildWorker = buildImportWorker;

export const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

export function runCase(kind: string, file: string, extraArgs: string[] = []): CaseResult & { load: string } {
  const load = loadAverage();
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, kind, file, ...extraArgs], {
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { ...(JSON.parse(out.toString()) as CaseResult), load };
}

export function printCase(name: string, r: CaseResult & { load: string }): void {
  const seconds = r.ms / 1000;
  console.log(
    `${name.padEnd(19)} ${String(r.rows).padStart(8)} rows ${seconds.toFixed(2).padStart(7)} s ${String(Math.round(r.rows / seconds)).padStart(8)} rows/s  cpu ${(r.cpuS ?? 0).toFixed(2).padStart(6)} s  peak ${String(r.peakMb).padStart(5)} MB  [load ${r.load}]  ${r.extra}`,
  );
  for (const [label, ms] of Object.entries(r.timings ?? {})) console.log(`${''.padEnd(19)}   ${label}: ${ms.toFixed(1)} ms`);
  if (r.peakAfterMb) console.log(`${''.padEnd(19)}   peak RSS after those: ${r.peakAfterMb} MB`);
}

export function printRatio(name: string, ours: CaseResult, anchor: CaseResult): void {
  console.log(`${name}: time ratio to anchor ${(ours.ms / anchor.ms).toFixed(2)}, peak memory ratio ${(ours.peakMb / anchor.peakMb).toFixed(2)}`);
}
