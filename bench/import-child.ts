/**
 * One benchmark case, run in a child process of its own by import-cases.ts: `import-child.ts KIND FILE [WORKER]`.
 * Prints a CaseResult as JSON on stdout (peak RSS is this process's, worker threads included).
 */
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseResult } from './import-cases';

const [kind, file, workerFile] = process.argv.slice(2) as [string, string, string | undefined];

/** CSV anchor: csv-parser into objects, then libphonenumber-js parse + isValid on every phone. */
async function csvAnchor(): Promise<CaseResult> {
  const csv = (await import('csv-parser')).default;
  const { parsePhoneNumberFromString } = await import('libphonenumber-js');
  const t0 = performance.now(); // modules are loaded before the clock starts, in every case
  const objects: Record<string, string>[] = [];
  await new Promise<void>((resolve, reject) =>
    createReadStream(file)
      .pipe(csv())
      .on('data', (r) => objects.push(r))
      .on('end', resolve)
      .on('error', reject),
  );
  let valid = 0;
  for (const o of objects) if (parsePhoneNumberFromString(o['Mobile'] ?? '', 'AE')?.isValid()) valid++;
  return { ms: performance.now() - t0, rows: objects.length, peakMb: 0, extra: `valid ${valid}` };
}

/** XLSX anchor: SheetJS read {dense: true} + sheet_to_json. */
async function xlsxAnchor(): Promise<CaseResult> {
  const XLSX = await import('xlsx');
  const t0 = performance.now();
  const wb = XLSX.read(readFileSync(file), { type: 'buffer', dense: true });
  const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!);
  return { ms: performance.now() - t0, rows: rows.length, peakMb: 0, extra: '' };
}

/** The app's import: ContactsService with the worker runner (or in-process), then pages as the renderer asks. */
async function ours(useWorker: boolean, phoneHelper: boolean): Promise<CaseResult> {
  const { ContactsService } = await import('../src/contacts/contacts-service');
  const { inProcessRunner, workerRunner } = await import('../src/contacts/import-runner');
  const { memoryJsonFile } = await import('../src/contacts/json-file');
  const { MappingStore } = await import('../src/contacts/mapping-store');
  const { OptOutList } = await import('../src/contacts/opt-out');
  const { createContactsHandlers } = await import('../src/ipc/handlers/contacts');
  const { contactsInvokes } = await import('../src/shared/contract/contacts');
  const optOut = new OptOutList(memoryJsonFile());
  const svc = new ContactsService({
    runner: useWorker ? workerRunner(workerFile!, { phoneHelper }) : inProcessRunner,
    optOut,
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => 'AE',
  });
  let progressEvents = 0;
  svc.onProgress(() => progressEvents++);
  const t0 = performance.now();
  const s = await svc.importFile({ path: file, name: path.basename(file) });
  const ms = performance.now() - t0;
  const importPeakMb = Math.round(process.resourceUsage().maxRSS / 1024);

  // contacts:getRows as the IPC router runs it: the contract's zod schema, then the real handler.
  const handlers = createContactsHandlers({
    contacts: svc,
    optOut,
    resolveFile: () => {
      throw new Error('not used');
    },
    accountNumber: () => null,
    defaultCountry: () => 'AE',
    readNumbersFile: async () => ({ numbers: [], problems: [] }),
  });
  const getRows = (payload: unknown) => {
    const request = contactsInvokes['contacts:getRows'].request.parse(payload);
    return handlers['contacts:getRows'](request, { sender: { url: 'file:///index.html', isMainFrame: true } } as never);
  };
  const timings: Record<string, number> = {};
  const offset = Math.max(0, Math.min(999_000, s.counts.valid - 100));
  for (const [label, limit] of [
    ['first', 100],
    ['again', 100],
    ['max', 2000],
  ] as const) {
    const t = performance.now();
    const page = (await getRows({ offset, limit })) as { items: unknown[] };
    timings[`contacts:getRows offset ${offset} limit ${limit} (${label})`] = performance.now() - t;
    if (page.items.length === 0) throw new Error('empty page');
  }
  // A changed mapping re-checks every row's phone (in two threads with the worker runner).
  const t = performance.now();
  const remapped = await svc.setMapping({ phoneColumn: s.phoneColumn, defaultCountry: 'AE' });
  timings['contacts:setMapping (every phone checked again)'] = performance.now() - t;
  if (remapped.counts.valid !== s.counts.valid) throw new Error('the same mapping gave other counts');
  const c = s.counts;
  return {
    ms,
    rows: c.rows,
    peakMb: importPeakMb,
    peakAfterMb: 0,
    extra: `valid ${c.valid} invalid ${c.invalid} dup ${c.duplicates}; ${progressEvents} progress events; ${useWorker ? (phoneHelper ? 'reader + phone-helper threads' : 'one worker thread') : 'in-process'}`,
    timings,
  };
}

async function main() {
  const run =
    kind === 'csv-anchor' ? csvAnchor : kind === 'xlsx-anchor' ? xlsxAnchor : () => ours(kind.includes('-worker'), !kind.endsWith('-1thread'));
  const cpu0 = process.cpuUsage();
  const r = await run();
  const cpu = process.cpuUsage(cpu0);
  r.cpuS = (cpu.user + cpu.system) / 1e6;
  const finalPeakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  // The import's own peak when the case measured it; the pages and the re-mapping after it are reported apart.
  if (r.peakAfterMb !== undefined) r.peakAfterMb = finalPeakMb;
  else r.peakMb = finalPeakMb;
  process.stdout.write(JSON.stringify(r));
  process.exit(0); // the import threads are terminated already; do not wait on anything left
}

void main();
