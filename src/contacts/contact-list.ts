import type { ContactRow, ImportCounts, ImportProblem } from '../shared/contract/contacts';
import { NumberSet } from './number-set';
import { codeE164, codeReason, type PhoneCodes } from './phone-codes';
import type { RowSource } from './row-table';

/**
 * The imported table and what each row came to: valid contacts (first row of each number, not opted out),
 * problems, duplicates and opted-out rows. Holds rows as read so a new mapping can be applied without reading again.
 */
export class ContactList {
  private validIndex: Int32Array = new Int32Array(0);
  private problemIndex: Int32Array = new Int32Array(0);
  private counts: ImportCounts = { rows: 0, valid: 0, invalid: 0, duplicates: 0, optedOut: 0 };

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

  /**
   * Classifies every row; call again when the phones or the opt-out list change. `isOptedOut` may be null when the
   * list is empty (it then costs no string per number).
   */
  classify(isOptedOut: ((e164: string) => boolean) | null): ImportCounts {
    const phones = this.phones;
    const n = phones.length;
    const valid = new Int32Array(n);
    const problems = new Int32Array(n);
    const seen = new NumberSet(n);
    let v = 0;
    let p = 0;
    let rows = 0;
    let duplicates = 0;
    let optedOut = 0;
    for (let i = 0; i < n; i++) {
      const code = phones[i]!;
      if (code === 0) continue; // an entirely blank row is not a data row
      rows++;
      if (code < 0) {
        problems[p++] = i;
      } else if (!seen.add(code)) {
        duplicates++;
      } else {
        if (isOptedOut !== null && isOptedOut(codeE164(code))) optedOut++;
        else valid[v++] = i;
      }
    }
    this.validIndex = valid.slice(0, v);
    this.problemIndex = problems.slice(0, p);
    this.counts = { rows, valid: v, invalid: p, duplicates, optedOut };
    return this.counts;
  }

  get summaryCounts(): ImportCounts {
    return { ...this.counts };
  }

  validRows(offset: number, limit: number): ContactRow[] {
    const out: ContactRow[] = [];
    const end = Math.min(this.validIndex.length, offset + limit);
    for (let k = offset; k < end; k++) {
      const i = this.validIndex[k]!;
      out.push({ row: this.firstDataRow + i, phone: codeE164(this.phones[i]!), values: this.rows.row(i) });
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

  get validCount(): number {
    return this.validIndex.length;
  }

  get problemCount(): number {
    return this.problemIndex.length;
  }
}
