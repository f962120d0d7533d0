import { detectHeader, isBlankRow, looksLikePhone, phoneNameScore } from './columns';

/**
 * Which row names the columns (pure). Sheets made by hand often start with a title ("Patients, May 2025", merged
 * across the columns), a note or blank rows, and only then the header row above the contacts. The header is the
 * first row, above the first rows with phone numbers, that reads like column names: no phone number in it, and
 * several different texts (about as many as the contact rows fill); one naming a phone column exactly ("Mobile")
 * wins over one that only looks like names. Without such a row the old rule stands: the first row that is not
 * blank is the header when it holds no phone number and a later row does (columns.ts detectHeader).
 */

/** Rows after a candidate header that are looked at for phone numbers. */
const LOOK_AHEAD = 10;

/** Index (in `rows`) of the header row, or -1 when the rows have none. */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const data = firstDataRow(rows);
  if (data > 0) {
    const width = typicalWidth(rows, data);
    const candidates: number[] = [];
    for (let i = 0; i < data; i++) if (readsLikeHeader(rows[i]!, width)) candidates.push(i);
    const named = candidates.find((i) => rows[i]!.some((cell) => phoneNameScore(cell) === 2));
    if (named !== undefined) return named;
    if (candidates.length > 0) return candidates[0]!;
  }
  if (!detectHeader(rows)) return -1;
  return rows.findIndex((r) => !isBlankRow(r));
}

/**
 * The first row with a phone number that the next row and most of the ten after it (blank rows aside) share, so a
 * number in a note above the list is not taken for the first contact; -1 when there is none.
 */
function firstDataRow(rows: readonly (readonly string[])[]): number {
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i]!.some(looksLikePhone)) continue;
    const next = nonBlankAfter(rows, i, LOOK_AHEAD);
    if (next.length === 0) return i;
    if (next[0]!.some(looksLikePhone) && next.filter((r) => r.some(looksLikePhone)).length * 2 >= next.length) return i;
  }
  return -1;
}

function nonBlankAfter(rows: readonly (readonly string[])[], index: number, count: number): (readonly string[])[] {
  const out: (readonly string[])[] = [];
  for (let i = index + 1; i < rows.length && out.length < count; i++) if (!isBlankRow(rows[i]!)) out.push(rows[i]!);
  return out;
}

/** How many cells the contact rows fill (the median of the first few). */
function typicalWidth(rows: readonly (readonly string[])[], data: number): number {
  const counts = [rows[data]!, ...nonBlankAfter(rows, data, LOOK_AHEAD - 1)].map((r) => filled(r).length).sort((a, b) => a - b);
  return counts[Math.floor(counts.length / 2)] ?? 1;
}

const filled = (row: readonly string[]) => row.map((c) => c.trim()).filter((c) => c !== '');

/**
 * Column names: no phone number, and different texts in at least two cells and half as many as the contacts fill
 * (a title merged across the columns repeats one text; a note fills one cell). A one-column list needs one name.
 */
function readsLikeHeader(row: readonly string[], width: number): boolean {
  if (isBlankRow(row) || row.some(looksLikePhone)) return false;
  const distinct = new Set(filled(row).map((c) => c.toLowerCase())).size;
  if (width <= 1) return distinct >= 1;
  return distinct >= 2 && distinct * 2 >= width;
}
