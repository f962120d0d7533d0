/**
 * The seam with contact import: turns the contacts service's current list (or a file read with it, for the CLI)
 * into the campaign's ContactRecords. Whatever `wa-bulk import` reads, a campaign can send to.
 */
import path from 'node:path';
import { ContactsService } from '../contacts/contacts-service';
import { inProcessRunner } from '../contacts/import-runner';
import { memoryJsonFile } from '../contacts/json-file';
import { MappingStore } from '../contacts/mapping-store';
import { OptOutList } from '../contacts/opt-out';
import type { ImportCounts, ImportSummary } from '../shared/contract/contacts';
import type { ContactRecord } from './contact-record';
import { leftOutOfImport, type LeftOutRow, type LeftOutSource } from './left-out';

export interface CampaignContacts {
  columns: string[];
  contacts: ContactRecord[];
  counts: ImportCounts;
  /** Why the list cannot be sent to yet, in the operator's words (the country question is open); null when it can. */
  notReady: string | null;
  /** Rows the import left out (unreadable numbers, duplicates), kept with a campaign for its export. */
  leftOut?: LeftOutRow[];
}

/** Every valid contact of the service's current import, with all its columns as fields. */
export function contactsFromService(service: Pick<ContactsService, 'allContacts'> & LeftOutSource, summary: ImportSummary): CampaignContacts {
  const columns = summary.columns;
  const contacts: ContactRecord[] = [];
  for (const row of service.allContacts()) {
    const fields: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) fields[columns[i]!] = row.values[i] ?? '';
    const contact: ContactRecord = { phone: row.phone, fields, row: row.row };
    if (row.repeatsRow !== undefined) contact.keptDuplicate = true;
    contacts.push(contact);
  }
  const leftOut = leftOutOfImport(service, columns);
  return { columns: [...columns], contacts, counts: summary.counts, notReady: countryQuestion(summary), ...(leftOut ? { leftOut } : {}) };
}

/** The open country question as a sentence naming the file, or null when there is none. */
export function countryQuestion(summary: ImportSummary): string | null {
  if (!summary.country.needed) return null;
  const n = summary.country.withoutCode;
  return (
    `${summary.source.name}: ${n === 1 ? '1 number has' : `${n.toLocaleString('en')} numbers have`} no country code. ` +
    'Choose the country they are from on the Contacts screen first.'
  );
}

/**
 * The current import as campaign contacts, rebuilt only when the import changes (a new file, a new mapping, the
 * opt-out list), so previews and checks on a 100,000-row list do not copy it on every keystroke.
 */
export function followImportedContacts(
  service: Pick<ContactsService, 'allContacts' | 'summary' | 'onChanged'> & LeftOutSource,
): () => CampaignContacts | null {
  let cached: CampaignContacts | null = null;
  let stale = true;
  service.onChanged(() => {
    stale = true;
    cached = null;
  });
  return () => {
    if (stale) {
      const summary = service.summary();
      cached = summary ? contactsFromService(service, summary) : null;
      stale = false;
    }
    return cached;
  };
}

/** Reads a contact file exactly as `wa-bulk import` does (same service, same options). */
export async function importContactFile(
  file: string,
  options: { country: string; countryChosen?: boolean; keepDuplicates?: boolean },
): Promise<CampaignContacts & { summary: ImportSummary }> {
  const optOut = new OptOutList(memoryJsonFile());
  const service = new ContactsService({
    runner: inProcessRunner,
    optOut,
    mappings: new MappingStore(memoryJsonFile()),
    fallbackCountry: () => options.country,
  });
  let summary = await service.importFile(
    { path: path.resolve(file), name: path.basename(file) },
    options.countryChosen === false ? {} : { defaultCountry: options.country },
  );
  if (options.keepDuplicates && summary.counts.duplicates > 0) summary = service.keepDuplicates({ change: 'all', keep: true });
  return { ...contactsFromService(service, summary), summary };
}
