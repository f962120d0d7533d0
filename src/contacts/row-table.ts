import { isBlankPackedRow, packedCell, packedRow, packedRowCount, type PackedRows } from './packed-rows';

/** Rows in file order, read one at a time (cells are decoded on demand). */
export interface RowSource {
  readonly length: number;
  row(index: number): string[];
  /** '' past the row's last cell. */
  cell(index: number, column: number): string;
  /** Every cell empty or white space. */
  isBlank(index: number): boolean;
}

/** The imported rows as the batches they arrived in (see packed-rows.ts). */
export class PackedRowStore implements RowSource {
  private readonly batches: PackedRows[] = [];
  /** Index of each batch's first row. */
  private readonly starts: number[] = [];
  private count = 0;
  /** The batch of the last lookup: pages and scans ask for neighbouring rows. */
  private lastBatch = 0;

  append(rows: PackedRows): void {
    const n = packedRowCount(rows);
    if (n === 0) return;
    this.batches.push(rows);
    this.starts.push(this.count);
    this.count += n;
  }

  get length(): number {
    return this.count;
  }

  row(index: number): string[] {
    const b = this.locate(index);
    return packedRow(this.batches[b]!, index - this.starts[b]!);
  }

  cell(index: number, column: number): string {
    const b = this.locate(index);
    return packedCell(this.batches[b]!, index - this.starts[b]!, column);
  }

  isBlank(index: number): boolean {
    const b = this.locate(index);
    return isBlankPackedRow(this.batches[b]!, index - this.starts[b]!);
  }

  private locate(index: number): number {
    if (!(index >= 0 && index < this.count)) throw new RangeError(`row ${index} is outside 0..${this.count - 1}`);
    const starts = this.starts;
    let b = this.lastBatch;
    if (index >= starts[b]! && (b + 1 === starts.length || index < starts[b + 1]!)) return b;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    b = lo;
    this.lastBatch = b;
    return b;
  }
}

/** Plain arrays as a RowSource (small tables, tests). */
export class ArrayRows implements RowSource {
  constructor(private readonly rows: readonly (readonly string[])[]) {}
  get length(): number {
    return this.rows.length;
  }
  row(index: number): string[] {
    return [...this.rows[index]!];
  }
  cell(index: number, column: number): string {
    return this.rows[index]![column] ?? '';
  }
  isBlank(index: number): boolean {
    return this.rows[index]!.every((c) => c.trim() === '');
  }
}

/**
 * The data rows of an import as the current mapping sees them: some rows put in front (a header row turned back
 * into data) followed by the stored rows from `start` on (rows before it became the header). Switching the header
 * on and off makes a new window and never copies the stored rows.
 */
export class RowWindow implements RowSource {
  private constructor(
    private readonly front: readonly string[][],
    private readonly base: RowSource,
    private readonly start: number,
  ) {}

  static over(base: RowSource): RowWindow {
    return new RowWindow([], base, 0);
  }

  get length(): number {
    return this.front.length + this.base.length - this.start;
  }

  row(index: number): string[] {
    return index < this.front.length ? [...this.front[index]!] : this.base.row(this.start + index - this.front.length);
  }

  cell(index: number, column: number): string {
    if (index < this.front.length) return this.front[index]![column] ?? '';
    return this.base.cell(this.start + index - this.front.length, column);
  }

  isBlank(index: number): boolean {
    if (index < this.front.length) return this.front[index]!.every((c) => c.trim() === '');
    return this.base.isBlank(this.start + index - this.front.length);
  }

  /** Index of the first row that is not blank, or -1. */
  firstNonBlank(): number {
    for (let i = 0; i < this.length; i++) if (!this.isBlank(i)) return i;
    return -1;
  }

  /** The rows after `index` (rows up to and including it are dropped). */
  after(index: number): RowWindow {
    const drop = index + 1;
    if (drop <= this.front.length) return new RowWindow(this.front.slice(drop), this.base, this.start);
    return new RowWindow([], this.base, this.start + drop - this.front.length);
  }

  /** These rows with `row` put in front. */
  withFirst(row: string[]): RowWindow {
    return new RowWindow([row, ...this.front], this.base, this.start);
  }
}
