/**
 * Finding imported contacts for "send to a selection": a search over the number and every column, and the
 * chosen contacts picked out of the list by their position in it.
 */
import type { ContactPick } from '../shared/contract/campaign';
import { AppFailure } from '../shared/result';
import type { ContactRecord } from './contact-record';

/** A matcher for the search text: case-insensitive in any column; digits also match the number however it is written. */
export function contactMatcher(query: string): (contact: ContactRecord) => boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return () => true;
  return (contact) => {
    const digits = contact.phone.replace(/\D/g, '');
    const text = [contact.phone, ...Object.values(contact.fields)].join('\n').toLowerCase();
    return words.every((w) => text.includes(w) || (/^[\d\s+()-]+$/.test(w) && w.replace(/\D/g, '') !== '' && digits.includes(w.replace(/\D/g, ''))));
  };
}

/** The positions (0-based) of the contacts the search finds, in list order. */
export function matchingIndices(contacts: readonly ContactRecord[], query: string): number[] {
  const match = contactMatcher(query);
  const found: number[] = [];
  for (let i = 0; i < contacts.length; i++) if (match(contacts[i]!)) found.push(i);
  return found;
}

/** One page of the contacts the search finds, each with its position in the list. */
export function findContacts(
  contacts: readonly ContactRecord[],
  query: string,
  offset: number,
  limit: number,
): { total: number; rows: ContactPick[] } {
  const found = matchingIndices(contacts, query);
  const rows = found.slice(offset, offset + limit).map((index) => {
    const c = contacts[index]!;
    return { index, row: c.row, phone: c.phone, fields: c.fields };
  });
  return { total: found.length, rows };
}

/** The chosen contacts, in list order; refuses a position the list does not have (it changed since it was shown). */
export function pickContacts(contacts: readonly ContactRecord[], indices: readonly number[] | undefined): readonly ContactRecord[] {
  if (indices === undefined) return contacts;
  const chosen = [...new Set(indices)].sort((a, b) => a - b);
  const beyond = chosen.find((i) => i >= contacts.length);
  if (beyond !== undefined) {
    throw new AppFailure(
      'conflict',
      `The selection names contact ${beyond + 1}, but the imported list has ${contacts.length}: it changed since you chose. Choose again.`,
    );
  }
  if (chosen.length === 0) throw new AppFailure('bad_request', 'No contact is ticked: tick at least one, or choose everyone.');
  return chosen.map((i) => contacts[i]!);
}
