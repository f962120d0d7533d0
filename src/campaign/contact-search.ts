/**
 * Finding imported contacts for "send to a selection": a search over the number and every column, and the
 * chosen contacts picked out of the list by their position in it.
 */
import type { ContactPick } from '../shared/contract/campaign';
import { AppFailure } from '../shared/result';
import type { ContactRecord } from './contact-record';

/** Per imported list: each contact's number and columns in lower case, and its number's digits, made once. */
const haystacks = new WeakMap<readonly ContactRecord[], { text: string[]; digits: string[] }>();
/** The last search's matches: scrolling asks for page after page of the same search. */
let lastSearch: { contacts: readonly ContactRecord[]; query: string; found: number[] } | null = null;

function haystackOf(contacts: readonly ContactRecord[]): { text: string[]; digits: string[] } {
  let hay = haystacks.get(contacts);
  if (!hay) {
    hay = {
      text: contacts.map((c) => [c.phone, ...Object.values(c.fields)].join('\n').toLowerCase()),
      digits: contacts.map((c) => c.phone.replace(/\D/g, '')),
    };
    haystacks.set(contacts, hay);
  }
  return hay;
}

/** The search words; a word of digits (and + ( ) - spaces) also matches the number however it is written. */
function wordsOf(query: string): Array<{ text: string; digits: string | null }> {
  return query
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ({ text: w, digits: /^[\d+()-]+$/.test(w) && /\d/.test(w) ? w.replace(/\D/g, '') : null }));
}

/** A matcher for the search text: case-insensitive in any column; every word must match. */
export function contactMatcher(query: string): (contact: ContactRecord) => boolean {
  const words = wordsOf(query);
  return (contact) => {
    const text = [contact.phone, ...Object.values(contact.fields)].join('\n').toLowerCase();
    const digits = contact.phone.replace(/\D/g, '');
    return words.every((w) => text.includes(w.text) || (w.digits !== null && digits.includes(w.digits)));
  };
}

/** The positions (0-based) of the contacts the search finds, in list order. */
export function matchingIndices(contacts: readonly ContactRecord[], query: string): number[] {
  if (lastSearch?.contacts === contacts && lastSearch.query === query) return lastSearch.found;
  const words = wordsOf(query);
  if (words.length === 0) return Array.from({ length: contacts.length }, (_, i) => i);
  const hay = haystackOf(contacts);
  const found: number[] = [];
  for (let i = 0; i < contacts.length; i++) {
    if (words.every((w) => hay.text[i]!.includes(w.text) || (w.digits !== null && hay.digits[i]!.includes(w.digits)))) found.push(i);
  }
  lastSearch = { contacts, query, found };
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
