/** Parts of `wa-bulk import`'s report: the duplicate rows, and the country question as an error. */
import type { ContactsService } from '../contacts/contacts-service';
import type { ImportSummary } from '../shared/contract/contacts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "United Kingdom (GB)". */
export const countryName = (code: string): string => `${regionNames.of(code) ?? code} (${code})`;

/**
 * Why the file cannot be used without --country (numbers lack a country code and none was given), naming the
 * likely country; null when it can.
 */
export function countryNeeded(summary: ImportSummary): string | null {
  if (!summary.country.needed) return null;
  const n = summary.country.withoutCode;
  const numbers = n === 1 ? '1 number has' : `${n.toLocaleString('en')} numbers have`;
  const likely = summary.country.likely;
  const hint = likely
    ? `they look like numbers from ${countryName(likely)}: if so, add --country ${likely}`
    : 'add --country with the two-letter code of their country, such as GB or US';
  return `${summary.source.name}: ${numbers} no country code, and no --country was given; ${hint}`;
}

/** Every duplicate row, kept or not, for --json: its row, the row it repeats, the number and whether it is kept. */
export function* allDuplicates(service: Pick<ContactsService, 'duplicates'>) {
  for (let offset = 0; ; offset += 10_000) {
    const page = service.duplicates(offset, 10_000);
    for (const d of page.items) yield { row: d.row, repeatsRow: d.repeatsRow, phone: d.phone, value: d.value, kept: d.kept };
    if (offset + 10_000 >= page.total) return;
  }
}

/** "row 14 repeats row 3: +44 7400 123456, Jane Smith (kept)" for the first 20 duplicates. */
export function duplicateLines(service: Pick<ContactsService, 'duplicates'>, summary: ImportSummary): string[] {
  const page = service.duplicates(0, 20);
  const lines = page.items.map(
    (d) => `  row ${d.row} repeats row ${d.repeatsRow}: ${[d.phone, d.details].filter((s) => s !== '').join(', ')}${d.kept ? ' (kept)' : ''}`,
  );
  if (page.total > page.items.length) lines.push(`  ... and ${page.total - page.items.length} more duplicates (use --json for all)`);
  if (page.total > 0 && summary.keptDuplicates === 0)
    lines.push('  duplicates are left out; --keep-duplicates keeps them (each gets its own message)');
  return lines;
}
