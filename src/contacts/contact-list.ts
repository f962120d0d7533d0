import type { ContactRow, ImportCounts, ImportProblem } from '../shared/contract/contacts';
import type { PhoneCell } from './table-import';

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
    readonly rows: string[][],
    /** Aligned with rows (see PhoneCell). */
    private phones: PhoneCell[],
    /** Spreadsheet row number of rows[0]. */
    readonly firstDataRow: number,
    private phoneColumn: number,
  ) {}

  /** Classifies every row; call again when the phones or the opt-out list change. */
  classify(isOptedOut: (e164: string) => boolean): ImportCounts {
    const n = this.phones.length;
    const valid = new Int32Array(n);
    const problems = new Int32Array(n);
    const seen = new Set<string>();
    let v = 0;
    let p = 0;
    let rows = 0;
    let duplicates = 0;
    let optedOut = 0;
    for (let i = 0; i < n; i++) {
      const code = this.phones[i]!;
      if (code === '') continue; // an entirely blank row is not a data row
      rows++;
      if (code.charCodeAt(0) === 33 /* ! */) {
        problems[p++] = i;
      } else if (seen.has(code)) {
        duplicates++;
      } else {
        seen.add(code);
        if (isOptedOut(code)) optedOut++;
        else valid[v++] = i;
      }
    }
    this.validIndex = valid.slice(0, v);
    this.problemIndex = problems.slice(0, p);
    this.counts = { rows, valid: v, invalid: p, duplicates, optedOut };
    return this.counts;
  }

  replacePhones(phones: PhoneCell[], phoneColumn: number): void {
    if (phones.length !== this.rows.length) throw new Error('phones must line up with rows');
    this.phones = phones;
    this.phoneColumn = phoneColumn;
  }

  get summaryCounts(): ImportCounts {
    return { ...this.counts };
  }

  validRows(offset: number, limit: number): ContactRow[] {
    const out: ContactRow[] = [];
    const end = Math.min(this.validIndex.length, offset + limit);
    for (let k = offset; k < end; k++) {
      const i = this.validIndex[k]!;
      out.push({ row: this.firstDataRow + i, phone: this.phones[i]!, values: this.rows[i]! });
    }
    return out;
  }

  problems(offset: number, limit: number): ImportProblem[] {
    const out: ImportProblem[] = [];
    const end = Math.min(this.problemIndex.length, offset + limit);
    for (let k = offset; k < end; k++) {
      const i = this.problemIndex[k]!;
      out.push({ row: this.firstDataRow + i, value: this.rows[i]![this.phoneColumn] ?? '', reason: this.phones[i]!.slice(1) });
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
