import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { countryOfNumber } from '../../core/phone';
import { neutraliseCell } from '../../core/spreadsheet-cell';
import type { ContactsService } from '../../contacts/contacts-service';
import type { OptOutList } from '../../contacts/opt-out';
import type { FileDirection } from '../../platform/file-registry';
import type { contactsInvokes, ImportProblem, RestoredContacts } from '../../shared/contract/contacts';
import { AppFailure } from '../../shared/result';
import type { HandlerMap } from '../router';

export interface ContactsHandlerDeps {
  contacts: ContactsService;
  optOut: OptOutList;
  /** A FileRef id to the real path (throws not_found for an unknown id, bad_request for the wrong direction). */
  resolveFile(fileId: string, direction: FileDirection): { path: string; name: string };
  /** The connected account's number (E.164 or digits), or null when not connected. */
  accountNumber(): string | null;
  /** Country used when a request names none: the operator's last choice or the account's country. */
  defaultCountry(): string;
  /** Reads a whole file of numbers for the opt-out list (normally a separate ContactsService). */
  readNumbersFile(file: { path: string; name: string }, defaultCountry: string): Promise<{ numbers: string[]; problems: ImportProblem[] }>;
  /** The list from before a restart (app/restore-contacts.ts): why it was not read again, or its file. */
  restored?(wait: boolean): Promise<RestoredContacts>;
}

/** Handlers for the contacts channels; the router has validated each request with its zod schema already. */
export function createContactsHandlers(deps: ContactsHandlerDeps): Pick<HandlerMap, keyof typeof contactsInvokes> {
  const { contacts, optOut } = deps;
  return {
    'contacts:importFile': ({ fileId, sheet, phoneColumn, hasHeader, headerRow, defaultCountry }) =>
      contacts.importFile(deps.resolveFile(fileId, 'read'), { sheet, phoneColumn, hasHeader, headerRow, defaultCountry }),
    'contacts:importText': ({ text, defaultCountry }) => contacts.importText(text, defaultCountry),
    'contacts:cancel': () => contacts.cancel(),
    'contacts:getSummary': () => contacts.summary(),
    'contacts:setMapping': (change) => contacts.setMapping(change),
    'contacts:getRows': ({ offset, limit }) => contacts.rows(offset, limit),
    'contacts:getProblems': ({ offset, limit }) => contacts.problems(offset, limit),
    'contacts:exportProblems': async ({ targetFileId }) => {
      const target = deps.resolveFile(targetFileId, 'write');
      return { written: await writeProblemsCsv(target.path, contacts.allRowsLeftOut(), problemColumns(contacts)) };
    },
    'contacts:getDuplicates': ({ offset, limit }) => contacts.duplicates(offset, limit),
    'contacts:keepDuplicates': (change) => contacts.keepDuplicates(change),
    'contacts:clear': () => contacts.clear(),
    'contacts:getRestored': async ({ wait }) => (await deps.restored?.(wait)) ?? { reading: null, notice: null, file: null },
    'contacts:suggestCountry': () => {
      const number = deps.accountNumber();
      return number ? countryOfNumber(number.startsWith('+') ? number : '+' + number) : null;
    },
    'optOut:list': ({ offset, limit }) => ({ total: optOut.size, offset, items: optOut.list(offset, limit) }),
    'optOut:add': ({ numbers, defaultCountry }) => optOut.add(numbers, defaultCountry ?? deps.defaultCountry()),
    'optOut:remove': ({ numbers }) => optOut.remove(numbers, deps.defaultCountry()),
    'optOut:importFile': async ({ fileId, defaultCountry }) => {
      const read = await deps.readNumbersFile(deps.resolveFile(fileId, 'read'), defaultCountry ?? deps.defaultCountry());
      return optOut.addNormalised(read.numbers, read.problems);
    },
  };
}

/** The current import's columns, or none (a stand-in service without them). */
const problemColumns = (contacts: ContactsService): ProblemColumns | undefined => {
  const names = contacts.summary()?.columns;
  return names && names.length > 0 ? { names, valuesOf: (row) => contacts.rowValues(row) } : undefined;
};

/** The imported file's columns, to write each problem row whole (the name beside the number that failed). */
export interface ProblemColumns {
  names: readonly string[];
  valuesOf(row: number): string[];
}

/**
 * CSV with a header; values are quoted so a spreadsheet opens them as text (no 9.7E+11). With the file's columns:
 * Row, Phone as written, Reason, then every column of that row (Name, ...); without: row, value, reason.
 */
export async function writeProblemsCsv(file: string, problems: Iterable<ImportProblem>, columns?: ProblemColumns): Promise<number> {
  const out = createWriteStream(file);
  const failed = once(out, 'error').then(([err]) => {
    throw new AppFailure('io', `Could not write ${file}: ${(err as Error).message}`);
  });
  failed.catch(() => undefined);
  const quote = (s: string) => '"' + neutraliseCell(s).replace(/"/g, '""') + '"'; // no formula runs in Excel (CSV injection)
  let written = 0;
  const header = columns ? ['Row', 'Phone as written', 'Reason', ...columns.names].map(quote).join(',') : 'row,value,reason';
  out.write(`\ufeff${header}\r\n`); // BOM: Excel then reads the file as UTF-8
  for (const p of problems) {
    const values = columns?.valuesOf(p.row) ?? [];
    const rest = columns ? columns.names.map((_, i) => `,${quote(values[i] ?? '')}`).join('') : '';
    if (!out.write(`${p.row},${quote(p.value)},${quote(p.reason)}${rest}\r\n`)) await Promise.race([once(out, 'drain'), failed]);
    written++;
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return written;
}
