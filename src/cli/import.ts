import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { columnLetter } from '../core/columns';
import { isSupportedCountryCode } from '../core/phone';
import { ContactsService } from '../contacts/contacts-service';
import { ImportError } from '../contacts/import-error';
import { inProcessRunner, workerRunner, type ImportRunner } from '../contacts/import-runner';
import { memoryJsonFile } from '../contacts/json-file';
import { MappingStore } from '../contacts/mapping-store';
import { OptOutList } from '../contacts/opt-out';
import type { ImportSummary } from '../shared/contract/contacts';
import { localeCountry } from '../platform/locale';
import type { CliIo } from './io';
import { numberFlag, parseFlags, UsageError } from './options';
import { allDuplicates, countryNeeded, duplicateLines } from './import-report';

const USAGE =
  'usage: wa-bulk import FILE [--sheet NAME] [--header-row N] [--phone-column NAME] [--country ISO2] [--keep-duplicates] [--opt-out FILE] [--json] [--out FILE]\n' +
  '  --header-row N     the row (numbered as the spreadsheet shows it) that names the columns, when a title or notes\n' +
  '                     stand above it; rows above it are skipped. Found by itself when left out\n' +
  '  --country ISO2     country of numbers written without a country code; required when the file has such numbers\n' +
  '  --keep-duplicates  keep rows whose number an earlier row has (each gets its own message)';

interface ImportArgs {
  file: string;
  sheet?: string;
  headerRow?: number;
  phoneColumn?: string;
  country?: string;
  keepDuplicates: boolean;
  optOut?: string;
  json: boolean;
  out?: string;
}

/** `wa-bulk import`: exit 0 when the file was read (even with invalid rows), 2 when it could not be, 1 for bad usage. */
export async function runImportCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let args: ImportArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.stderr.write(`wa-bulk import: ${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  // Without --country the locale's country only breaks near ties of the guess: numbers that need a country fail below.
  const country = (args.country ?? localeCountry()).toUpperCase();
  if (!isSupportedCountryCode(country)) {
    io.stderr.write(`wa-bulk import: unknown country code "${args.country}" (use two letters such as AE or GB)\n`);
    return 1;
  }

  try {
    return await importAndReport(args, country, io);
  } catch (err) {
    if (err instanceof ImportError) {
      io.stderr.write(`wa-bulk import: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`wa-bulk import: ${args.file}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

/** Reads the file as asked and writes the report: the exit code (1 for a column or country the file needs named). */
async function importAndReport(args: ImportArgs, country: string, io: CliIo): Promise<number> {
  const optOut = new OptOutList(memoryJsonFile());
  const service = new ContactsService({
    runner: importRunner(),
    optOut,
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => country,
  });
  let summary = await service.importFile(fileOf(args.file), {
    sheet: args.sheet,
    headerRow: args.headerRow,
    defaultCountry: args.country === undefined ? undefined : country,
  });
  if (args.phoneColumn !== undefined) {
    const index = findColumn(summary, args.phoneColumn);
    if (index === null) {
      io.stderr.write(`wa-bulk import: ${path.basename(args.file)} has no column "${args.phoneColumn}" (columns: ${summary.columns.join(', ')})\n`);
      return 1;
    }
    if (index !== summary.phoneColumn) summary = await service.setMapping({ phoneColumn: index });
  }
  const question = countryNeeded(summary);
  if (question) {
    io.stderr.write(`wa-bulk import: ${question}\n`);
    return 1;
  }
  if (args.keepDuplicates && summary.counts.duplicates > 0) summary = service.keepDuplicates({ change: 'all', keep: true });
  if (args.optOut) {
    await loadOptOut(args.optOut, summary.defaultCountry, optOut); // the list is classified again as it changes
    summary = service.summary()!;
  }
  if (args.out) await writeContacts(args.out, service, summary);
  io.stdout.write(args.json ? JSON.stringify(report(service, summary)) + '\n' : humanReport(service, summary));
  return 0;
}

const VALUE_FLAGS = ['--sheet', '--header-row', '--phone-column', '--country', '--opt-out', '--out'];

function parseArgs(argv: string[]): ImportArgs {
  const flags = parseFlags(argv, VALUE_FLAGS, ['--json', '--keep-duplicates'], 1);
  const file = flags.positionals[0];
  if (!file) throw new UsageError('no FILE given');
  return {
    file,
    sheet: flags.values.get('--sheet'),
    headerRow: numberFlag(flags, '--header-row', { min: 1, integer: true }),
    phoneColumn: flags.values.get('--phone-column'),
    country: flags.values.get('--country'),
    keepDuplicates: flags.switches.has('--keep-duplicates'),
    optOut: flags.values.get('--opt-out'),
    json: flags.switches.has('--json'),
    out: flags.values.get('--out'),
  };
}

/**
 * Built, the import runs in worker threads (out/main/import-worker.js beside this bundle) with a heap limit, as in
 * the app: a file that exhausts memory then ends in a message and exit 2, never in an abort of the whole process.
 * Run from source (the tests), it runs in-process.
 */
function importRunner(): ImportRunner {
  const workerFile = path.join(__dirname, 'import-worker.js');
  return existsSync(workerFile) ? workerRunner(workerFile) : inProcessRunner;
}

const fileOf = (file: string) => ({ path: path.resolve(file), name: path.basename(file) });

/** Column by header name (case-insensitive), spreadsheet letter (C) or 1-based number. */
function findColumn(summary: ImportSummary, wanted: string): number | null {
  const lower = wanted.trim().toLowerCase();
  const byName = summary.columns.findIndex((c) => c.toLowerCase() === lower);
  if (byName >= 0) return byName;
  const byLetter = summary.columns.findIndex((_, i) => columnLetter(i) === wanted.trim().toUpperCase());
  if (byLetter >= 0) return byLetter;
  const n = Number(wanted);
  return Number.isInteger(n) && n >= 1 && n <= summary.columns.length ? n - 1 : null;
}

async function loadOptOut(file: string, country: string, optOut: OptOutList): Promise<void> {
  const reader = new ContactsService({
    runner: importRunner(),
    optOut: new OptOutList(memoryJsonFile()),
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => country,
  });
  await reader.importFile(fileOf(file), { defaultCountry: country });
  await optOut.addNormalised([...reader.allContacts()].map((c) => c.phone));
}

function report(service: ContactsService, summary: ImportSummary) {
  return {
    file: summary.source.name,
    format: summary.source.kind,
    encoding: summary.source.encoding,
    delimiter: summary.source.delimiter,
    sheets: summary.sheets,
    sheet: summary.sheet,
    defaultCountry: summary.defaultCountry,
    hasHeader: summary.hasHeader,
    headerRow: summary.headerRow ?? null,
    ...summary.counts,
    keptDuplicates: summary.keptDuplicates,
    numbersWithoutCountryCode: summary.country.withoutCode,
    columns: summary.columns,
    phoneColumn: summary.columns[summary.phoneColumn] ?? null,
    problems: [...service.allProblems()],
    duplicateRows: [...allDuplicates(service)],
  };
}

function humanReport(service: ContactsService, summary: ImportSummary): string {
  const c = summary.counts;
  const lines = [
    `${summary.source.name}${summary.sheet ? ` (sheet ${summary.sheet})` : ''}: ${c.rows} rows read`,
    `  valid ${c.valid}, invalid ${c.invalid}, duplicates ${c.duplicates}${summary.keptDuplicates ? ` (and ${summary.keptDuplicates} kept)` : ''}, opted out ${c.optedOut}`,
    `  phone column: ${summary.columns[summary.phoneColumn]}; ${summary.headerRow ? `header row ${summary.headerRow}` : 'no header row'}; default country ${summary.defaultCountry}`,
  ];
  let shown = 0;
  for (const p of service.allProblems()) {
    if (shown++ === 20) {
      lines.push(`  ... and ${c.invalid - 20} more (use --json for all)`);
      break;
    }
    lines.push(`  row ${p.row}: ${JSON.stringify(p.value)} ${p.reason}`);
  }
  lines.push(...duplicateLines(service, summary));
  return lines.join('\n') + '\n';
}

/** Valid contacts as JSON lines: {"phone": "+971501234567", "fields": {column: value, ...}} (phone column left out). */
async function writeContacts(file: string, service: ContactsService, summary: ImportSummary): Promise<void> {
  const out = createWriteStream(file);
  const failed = once(out, 'error').then(([err]) => {
    throw new ImportError('io', `${file}: could not be written (${(err as Error).message})`);
  });
  failed.catch(() => undefined); // observed through the races below; never an unhandled rejection
  const columns = summary.columns;
  for (const contact of service.allContacts()) {
    const fields: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) if (i !== summary.phoneColumn) fields[columns[i]!] = contact.values[i] ?? '';
    if (!out.write(JSON.stringify({ phone: contact.phone, fields }) + '\n')) {
      await Promise.race([once(out, 'drain'), failed]);
    }
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
