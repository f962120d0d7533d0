import { displayPhone } from '../core/phone-display';
import type { ContactRow, ImportCounts, ImportDuplicate, ImportProblem } from '../shared/contract/contacts';
import { NumberIndex } from './number-set';
import { codeE164, codeReason, type PhoneCodes } from './phone-codes';
import type { RowSource } from './row-table';

/** Why an opted-out row gets no message, as a campaign's export says it. */
export const OPTED_OUT_REASON = 'on the do-not-message list';

/** What a duplicate row shows of itself and of the row it repeats: its other cells, this long at most. */
const DETAILS_CHARS = 80;

/**
 * The imported table and what each row came to: valid contacts (first row of each number, or a duplicate the
 * operator kept, not opted out), problems, duplicates and opted-out rows. Holds rows as read so a new mapping can be
 * applied without reading again.
 */
export class ContactList {
  private validIndex: Int32Array = new Int32Array(0);
  private problemIndex: Int32Array = new Int32Array(0);
  /** Every row whose number an earlier row has, kept or not, in file order. */
  private duplicateIndex: Int32Array = new Int32Array(0);
  /** Rows left out because their number is on the opt-out list, in file order. */
  private optedOutIndex: Int32Array = new Int32Array(0);
  /** Per row: 1 + the index of the earlier row it repeats, 0 when it repeats none. */
  private repeats: Int32Array = new Int32Array(0);
  private counts: ImportCounts = { rows: 0, valid: 0, invalid: 0, duplicates: 0, optedOut: 0 };
  private keptCount = 0;
  /** Spreadsheet row numbers of duplicates the operator keeps (each gets its own message). */
  private kept: ReadonlySet<number> = new Set();

  constructor(
    /** Data rows in file order, blank rows included. */
    readonly rows: RowSource,
    /** Aligned with rows (see phone-codes.ts). */
    private phones: PhoneCodes,
    /** Spreadsheet row number of rows[0]. */
    readonly firstDataRow: number,
    private phoneColumn: number,
  ) {
    if (phones.length !== rows.length) throw new Error(`phones (${phones.length}) must line up with rows (${rows.length})`);
  }

  /** The duplicates to keep, by spreadsheet row number (rows that are not duplicates are ignored); call classify after. */
  setKept(rows: ReadonlySet<number>): void {
    this.kept = rows;
  }

  /**
   * Classifies every row; call again when the phones, the kept duplicates or the opt-out list change. `isOptedOut`
   * may be null when the list is empty (it then costs no string per number).
   */
  classify(isOptedOut: ((e164: string) => boolean) | null): ImportCounts {
    const phones = this.phones;
    const n = phones.length;
    const valid = new Int32Array(n);
    const problems = new Int32Array(n);
    const duplicates = new Int32Array(n);
    const repeats = new Int32Array(n);
    const opted = new Int32Array(n);
    const seen = new NumberIndex(n);
    let v = 0;
    let p = 0;
    let d = 0;
    let rows = 0;
    let optedOut = 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const code = phones[i]!;
      if (code === 0) continue; // an entirely blank row is not a data row
      rows++;
      if (code < 0) {
        problems[p++] = i;
        continue;
      }
      const first = seen.firstIndex(code, i);
      if (first >= 0) {
        duplicates[d++] = i;
        repeats[i] = first + 1;
        if (!this.kept.has(this.firstDataRow + i)) continue;
        kept++;
      }
      if (isOptedOut !== null && isOptedOut(codeE164(code))) opted[optedOut++] = i;
      else valid[v++] = i;
    }
    this.validIndex = valid.slice(0, v);
    this.problemIndex = problems.slice(0, p);
    this.duplicateIndex = duplicates.slice(0, d);
    this.optedOutIndex = opted.slice(0, optedOut);
    this.repeats = repeats;
    this.keptCount = kept;
    this.counts = { rows, valid: v, invalid: p, duplicates: d - kept, optedOut };
    return this.counts;
  }

  get summaryCounts(): ImportCounts {
    return { ...this.counts };
  }

  /** Duplicates the operator keeps (counted in valid or opted out, not in duplicates). */
  get keptDuplicates(): number {
    return this.keptCount;
  }

  validRows(offset: number, limit: number): ContactRow[] {
    const out: ContactRow[] = [];
    const end = Math.min(this.validIndex.length, offset + limit);
    for (let k = offset; k < end; k++) {
      const i = this.validIndex[k]!;
      const row: ContactRow = { row: this.firstDataRow + i, phone: codeE164(this.phones[i]!), values: this.rows.row(i) };
      if (this.repeats[i]! > 0) row.repeatsRow = this.firstDataRow + this.repeats[i]! - 1;
      out.push(row);
    }
    return out;
  }

  problems(offset: number, limit: number): ImportProblem[] {
    const out: ImportProblem[] = [];
    const end = Math.min(this.problemIndex.length, offset + limit);
    for (let k = offset; k < end; k++) {
      const i = this.problemIndex[k]!;
      out.push({ row: this.firstDataRow + i, value: this.rows.cell(i, this.phoneColumn), reason: codeReason(this.phones[i]!) });
    }
    return out;
  }

  /** Duplicate rows, kept or not, in file order, each with the row it repeats. */
  duplicates(offset: number, limit: number): ImportDuplicate[] {
    const out: ImportDuplicate[] = [];
    const end = Math.min(this.duplicateIndex.length, offset + limit);
    for (let k = offset; k < end; k++) {
      const i = this.duplicateIndex[k]!;
      const first = this.repeats[i]! - 1;
      const row = this.firstDataRow + i;
      out.push({
        row,
        repeatsRow: this.firstDataRow + first,
        phone: displayPhone(codeE164(this.phones[i]!)),
        value: this.rows.cell(i, this.phoneColumn),
        details: this.details(i),
        repeatsDetails: this.details(first),
        kept: this.kept.has(row),
      });
    }
    return out;
  }

  /** Spreadsheet row numbers of every duplicate row (for "keep all"). */
  duplicateRows(): number[] {
    return Array.from(this.duplicateIndex, (i) => this.firstDataRow + i);
  }

  /** The row's other cells that hold something, "Jane Smith, 3 May", cut to DETAILS_CHARS. */
  private details(i: number): string {
    const text = this.rows
      .row(i)
      .filter((cell, c) => c !== this.phoneColumn && cell.trim() !== '')
      .map((cell) => cell.trim())
      .join(', ');
    return text.length > DETAILS_CHARS ? text.slice(0, DETAILS_CHARS - 1) + '…' : text;
  }

  get validCount(): number {
    return this.validIndex.length;
  }

  get problemCount(): number {
    return this.problemIndex.length;
  }

  get duplicateCount(): number {
    return this.duplicateIndex.length;
  }

  /** Rows left out because their number is on the do-not-message list (for a campaign's export). */
  optedOutRows(offset: number, limit: number): ImportProblem[] {
    const end = Math.min(this.optedOutIndex.length, offset + limit);
    const out: ImportProblem[] = [];
    for (let k = offset; k < end; k++) {
      const i = this.optedOutIndex[k]!;
      out.push({ row: this.firstDataRow + i, value: this.rows.cell(i, this.phoneColumn), reason: OPTED_OUT_REASON });
    }
    return out;
  }

  get optedOutCount(): number {
    return this.optedOutIndex.length;
  }
}
