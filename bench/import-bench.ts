/**
 * Import benchmark: prints rows/s, peak RSS and the ratio to its anchor (not a test: figures only).
 *   npx tsx bench/import-bench.ts [rows=1000000] [--xlsx]
 * Each case runs in its own child process so one case's peak memory does not count against another.
 * CSV anchor: csv-parser into objects, then libphonenumber-js parsePhoneNumberFromString + isValid on every phone.
 * XLSX anchor: SheetJS read {dense: true} + sheet_to_json on the same file.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

const [, , mode, ...rest] = process.argv;

async function makeCsv(file: string, rows: number) {
  const out = createWriteStream(file);
  out.write('First name,Last name,Mobile,Email,City,Notes\n');
  for (let i = 0; i < rows; i++) {
    const phone = i % 50 === 0 ? 'n/a' : '05' + String(i % 7 === 0 ? 2 : 0) + ' ' + String(1000000 + ((i * 7919) % 8999999));
    const line = `Name${i},Surname${i},${phone},person${i}@example.com,City ${i % 300},"Some notes, about ${i}"\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function child(kind: string, file: string): Promise<{ ms: number; rows: number; extra: string }> {
  const t0 = performance.now();
  if (kind === 'csv-anchor') {
    const csv = (await import('csv-parser')).default;
    const { parsePhoneNumberFromString } = await import('libphonenumber-js');
    const objects: Record<string, string>[] = [];
    await new Promise<void>((resolve, reject) =>
      createReadStream(file).pipe(csv()).on('data', (r) => objects.push(r)).on('end', resolve).on('error', reject),
    );
    let valid = 0;
    for (const o of objects) if (parsePhoneNumberFromString(o['Mobile'] ?? '', 'AE')?.isValid()) valid++;
    return { ms: performance.now() - t0, rows: objects.length, extra: `valid ${valid}` };
  }
  if (kind === 'xlsx-anchor') {
    const XLSX = await import('xlsx');
    const wb = XLSX.read(readFileSync(file), { type: 'buffer', dense: true });
    const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!);
    return { ms: performance.now() - t0, rows: rows.length, extra: '' };
  }
  const { ContactsService } = await import('../src/contacts/contacts-service');
  const { inProcessRunner, workerRunner } = await import('../src/contacts/import-runner');
  const { memoryJsonFile } = await import('../src/contacts/json-file');
  const { MappingStore } = await import('../src/contacts/mapping-store');
  const { OptOutList } = await import('../src/contacts/opt-out');
  const worker = path.resolve('out/main/import-worker.js');
  const svc = new ContactsService({
    runner: existsSync(worker) ? workerRunner(worker) : inProcessRunner,
    optOut: new OptOutList(memoryJsonFile()),
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => 'AE',
  });
  let progressEvents = 0;
  svc.onProgress(() => progressEvents++);
  const s = await svc.importFile({ path: file, name: path.basename(file) });
  const c = s.counts;
  return {
    ms: performance.now() - t0,
    rows: c.rows,
    extra: `valid ${c.valid} invalid ${c.invalid} dup ${c.duplicates}; ${progressEvents} progress events; ${existsSync(worker) ? 'worker' : 'in-process'}`,
  };
}

async function main() {
  if (mode === '--child') {
    const [kind, file] = rest as [string, string];
    const r = await child(kind, file);
    process.stdout.write(JSON.stringify({ ...r, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
    return;
  }
  const rows = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wa-import-bench-'));
  const csvFile = path.join(dir, 'contacts.csv');
  await makeCsv(csvFile, rows);
  const cases: Array<[string, string, string]> = [['csv-anchor', 'csv-ours', csvFile]];
  if (process.argv.includes('--xlsx')) {
    const XLSX = await import('xlsx');
    const xlsxFile = path.join(dir, 'contacts.xlsx');
    const wb = XLSX.read(readFileSync(csvFile), { type: 'buffer', dense: true, raw: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(xlsxFile, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    cases.push(['xlsx-anchor', 'xlsx-ours', xlsxFile]);
  }
  const run = (kind: string, file: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child', kind, file], { maxBuffer: 1 << 20 }).toString(),
    ) as { ms: number; rows: number; peakMb: number; extra: string };
  for (const [anchorKind, oursKind, file] of cases) {
    const anchor = run(anchorKind, file);
    const ours = run(oursKind, file);
    for (const [name, r] of [[anchorKind, anchor], [oursKind, ours]] as const) {
      console.log(
        `${name.padEnd(12)} ${r.rows} rows  ${(r.ms / 1000).toFixed(2)} s  ${Math.round(r.rows / (r.ms / 1000))} rows/s  peak ${r.peakMb} MB  ${r.extra}`,
      );
    }
    console.log(`${oursKind}: time ratio to anchor ${(ours.ms / anchor.ms).toFixed(2)}, peak memory ratio ${(ours.peakMb / anchor.peakMb).toFixed(2)}`);
  }
}

void main();
