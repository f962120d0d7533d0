import { unreadable } from '../import-error';
import { PackedRowsBuilder, packedCellCount, packedRowCount, packedRow, type PackedRows } from '../packed-rows';
import { MAX_EXPANDED_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, rangeTooLarge, tooManyCells } from '../sheet-limits';
import { ROW_BATCH } from '../table';
import { CellKind, type RowCells } from './row-cells';
import type { SharedStrings } from './shared-strings';
import type { RowSink } from './sheet-scanner';
import type { CellRange } from './xml-text';

export interface SheetRowsOptions {
  fileName: string;
  sheetName: string;
  /** The sheet's <dimension>, or null to take the range from the cells as SheetJS does. */
  dimension: CellRange | null;
  merges: CellRange[];
  strings: SharedStrings | null;
  onRows(rows: PackedRows): void;
  /** Told the spreadsheet row number of the first row just before the first batch is handed on. */
  onFirstRowNumber?(rowNumber: number): void;
  /** After each batch handed on: how many rows so far (the reader reports progress and checks for cancel here). */
  onBatch(rowsSoFar: number): void;
}

export interface SheetRowsResult {
  /** Spreadsheet row number of the first row handed on (1 when there were none). */
  firstRowNumber: number;
  width: number;
  rows: number;
}

const NO_COLUMN = Number.MAX_SAFE_INTEGER;
const NO_MERGES: { range: CellRange; source: string | undefined }[] = [];

/**
 * Turns scanned rows into the rows the SheetJS path hands on: every row of the used range in order (rows missing
 * from the file come out empty, so row numbers stay true), columns from the range's first column, trailing empty
 * cells dropped, merged areas filled with their top-left value. Rows are packed straight into batches.
 */
export class SheetRows implements RowSink {
  private readonly builder = new PackedRowsBuilder();
  private readonly firstCol: number;
  private readonly lastCol: number;
  private firstRow = -1;
  private nextRow = -1;
  private lastSeen = -1;
  private minCol = NO_COLUMN;
  /**
   * Without a <dimension>, SheetJS starts the rows at the leftmost column any cell uses, which is known only at the
   * end. Batches are held back until a cell in column A settles it (at once, for almost every file).
   */
  private held: PackedRows[] | null;
  private width = 0;
  private rowCount = 0;
  private told = false;
  /** Merged areas by first row, those covering the current row, and each area's top-left text once read. */
  private readonly pendingMerges: { range: CellRange; source: string | undefined }[];
  private active: { range: CellRange; source: string | undefined }[] = [];

  constructor(private readonly o: SheetRowsOptions) {
    const d = o.dimension;
    if (d && (d.e.r >= MAX_SHEET_ROWS || d.e.c >= MAX_SHEET_COLUMNS)) {
      throw unreadable(o.fileName, rangeTooLarge(o.sheetName, d.e.r + 1, d.e.c + 1).message);
    }
    this.firstCol = d ? d.s.c : 0;
    this.lastCol = d ? d.e.c : NO_COLUMN;
    this.held = d ? null : [];
    this.pendingMerges = this.boundedMerges(o.merges).sort((a, b) => a.range.s.r - b.range.s.r);
  }

  /**
   * Merged areas cut to the sheet (its range, or the most a sheet can have): each row a merge covers is built cell
   * by cell, so the cells they fill together are bounded like any other expansion.
   */
  private boundedMerges(merges: CellRange[]): { range: CellRange; source: string | undefined }[] {
    const d = this.o.dimension;
    const lastRow = d ? d.e.r : MAX_SHEET_ROWS - 1;
    const lastCol = d ? d.e.c : MAX_SHEET_COLUMNS - 1;
    let cells = 0;
    const out: { range: CellRange; source: string | undefined }[] = [];
    for (const m of merges) {
      const range = { s: m.s, e: { r: Math.min(m.e.r, lastRow), c: Math.min(m.e.c, lastCol) } };
      if (range.e.r < range.s.r || range.e.c < range.s.c) continue;
      cells += (range.e.r - range.s.r + 1) * (range.e.c - range.s.c + 1);
      if (cells > MAX_EXPANDED_CELLS) throw unreadable(this.o.fileName, tooManyCells(this.o.sheetName, m.s.r + 1, 'its merged cells').message);
      out.push({ range, source: undefined });
    }
    return out;
  }

  column(col: number): void {
    if (col < this.minCol) this.minCol = col;
    if (col === 0 && this.held) {
      const held = this.held;
      this.held = null;
      for (const batch of held) this.deliver(batch);
    }
  }

  row(index: number, cells: RowCells): void {
    if (index <= this.lastSeen) {
      throw unreadable(
        this.o.fileName,
        `sheet "${this.o.sheetName}" lists row ${index + 1} after row ${this.lastSeen + 1} (rows out of order); open it in Excel, save it and import again`,
      );
    }
    this.lastSeen = index;
    this.updateMerges(index, cells);
    const d = this.o.dimension;
    if (d) {
      if (index < d.s.r || index > d.e.r) return;
      if (this.nextRow < 0) this.nextRow = d.s.r;
    } else if (this.firstRow < 0) {
      this.firstRow = index;
      this.nextRow = index;
    }
    while (this.nextRow < index) this.emitRow(this.nextRow++, null);
    this.emitRow(index, cells);
    this.nextRow = index + 1;
  }

  finish(): SheetRowsResult {
    const d = this.o.dimension;
    if (d) {
      if (this.nextRow < 0) this.nextRow = d.s.r;
      while (this.nextRow <= d.e.r) this.emitRow(this.nextRow++, null);
    }
    const last = this.builder.rowCount > 0 ? this.builder.finish() : null;
    if (!this.held) {
      if (last) this.handOn(last);
      return { firstRowNumber: (d ? d.s.r : this.firstRow) + 1, width: this.width, rows: this.rowCount };
    }
    // No <dimension>, and no cell in column A.
    if (last) this.held.push(last);
    if (this.minCol === NO_COLUMN) return { firstRowNumber: 1, width: 0, rows: 0 }; // no cell at all: no range
    let width = 0;
    for (const batch of this.held) {
      const shifted = dropLeadingCells(batch, this.minCol);
      for (let i = 0; i < packedRowCount(shifted); i++) width = Math.max(width, packedCellCount(shifted, i));
      this.deliver(shifted);
    }
    return { firstRowNumber: this.firstRow + 1, width, rows: this.rowCount };
  }

  private updateMerges(index: number, cells: RowCells): void {
    const pending = this.pendingMerges;
    while (pending.length > 0 && pending[0]!.range.s.r <= index) {
      const merge = pending.shift()!;
      if (merge.range.s.r === index) merge.source = this.textAt(cells, merge.range.s.c);
      this.active.push(merge);
    }
  }

  /** Merges covering row `index` (rows missing from the file included), dropping those that ended above it. */
  private mergesAt(index: number): { range: CellRange; source: string | undefined }[] {
    const pending = this.pendingMerges;
    while (pending.length > 0 && pending[0]!.range.s.r <= index) this.active.push(pending.shift()!);
    if (this.active.length === 0) return NO_MERGES;
    this.active = this.active.filter((m) => m.range.e.r >= index);
    return this.active.filter((m) => m.range.s.r <= index && m.source !== undefined);
  }

  private emitRow(index: number, cells: RowCells | null): void {
    const merges = this.mergesAt(index);
    if (merges.length > 0 || (cells && !cells.ordered)) this.emitSlow(index, cells, merges);
    else if (cells) this.emitFast(cells);
    else this.builder.endRow();
    this.rowCount++;
    if (this.builder.rowCount >= ROW_BATCH) this.handOn(this.builder.finish());
  }

  private handOn(batch: PackedRows): void {
    if (this.held) this.held.push(batch);
    else this.deliver(batch);
    this.o.onBatch(this.rowCount);
  }

  /** Hands a batch on, telling the first row's number before the first. */
  private deliver(batch: PackedRows): void {
    if (!this.told) {
      this.told = true;
      this.o.onFirstRowNumber?.((this.o.dimension ? this.o.dimension.s.r : this.firstRow) + 1);
    }
    this.o.onRows(batch);
  }

  private emitFast(cells: RowCells): void {
    const { firstCol, lastCol, builder } = this;
    let last = -1;
    for (let k = cells.count - 1; k >= 0; k--) {
      const col = cells.cols[k]!;
      if (col >= firstCol && col <= lastCol && this.hasText(cells, k)) {
        last = k;
        break;
      }
    }
    let out = 0;
    for (let k = 0; k <= last; k++) {
      const col = cells.cols[k]!;
      if (col < firstCol) continue;
      const target = col - firstCol;
      for (; out < target; out++) builder.addCellBytes(cells.source, 0, 0);
      this.writeCell(cells, k);
      out++;
    }
    builder.endRow();
    if (out > this.width) this.width = out;
  }

  /** A row with merged cells or columns out of order: built as strings, later cells winning as in SheetJS. */
  private emitSlow(index: number, cells: RowCells | null, merges: { range: CellRange; source: string | undefined }[]): void {
    const values = new Map<number, string>();
    if (cells) for (let k = 0; k < cells.count; k++) values.set(cells.cols[k]!, this.cellText(cells, k));
    for (const { range, source } of merges) {
      for (let c = range.s.c; c <= range.e.c; c++) if (index !== range.s.r || c !== range.s.c) values.set(c, source!);
    }
    const row: string[] = [];
    for (const [col, text] of values) {
      if (col < this.firstCol || col > this.lastCol) continue;
      const at = col - this.firstCol;
      while (row.length < at) row.push('');
      row[at] = text;
    }
    while (row.length > 0 && row[row.length - 1] === '') row.pop();
    this.builder.addRow(row);
    if (row.length > this.width) this.width = row.length;
  }

  private textAt(cells: RowCells, col: number): string | undefined {
    let found: string | undefined;
    for (let k = 0; k < cells.count; k++) if (cells.cols[k] === col) found = this.cellText(cells, k);
    return found;
  }

  private hasText(cells: RowCells, k: number): boolean {
    switch (cells.kinds[k]) {
      case CellKind.Bytes:
        return cells.ends[k]! > cells.starts[k]!;
      case CellKind.Shared: {
        const i = cells.starts[k]!;
        return this.o.strings!.end(i) > this.o.strings!.start(i);
      }
      case CellKind.Text:
        return cells.texts[k] !== '';
      default:
        return false;
    }
  }

  private writeCell(cells: RowCells, k: number): void {
    switch (cells.kinds[k]) {
      case CellKind.Bytes:
        this.builder.addCellBytes(cells.source, cells.starts[k]!, cells.ends[k]!);
        break;
      case CellKind.Shared: {
        const strings = this.o.strings!;
        const i = cells.starts[k]!;
        this.builder.addCellBytes(strings.buffer, strings.start(i), strings.end(i));
        break;
      }
      case CellKind.Text:
        this.builder.addCellString(cells.texts[k]!);
        break;
      default:
        this.builder.addCellBytes(cells.source, 0, 0);
    }
  }

  private cellText(cells: RowCells, k: number): string {
    switch (cells.kinds[k]) {
      case CellKind.Bytes:
        return cells.source.toString('utf8', cells.starts[k]!, cells.ends[k]!);
      case CellKind.Shared:
        return this.o.strings!.text(cells.starts[k]!);
      case CellKind.Text:
        return cells.texts[k]!;
      default:
        return '';
    }
  }
}

/** The batch with each row's first `count` cells removed (the sheet's range starts further right). */
function dropLeadingCells(batch: PackedRows, count: number): PackedRows {
  const out = new PackedRowsBuilder(batch.bytes.length + 16);
  for (let i = 0; i < packedRowCount(batch); i++) out.addRow(packedRow(batch, i).slice(count));
  return out.finish();
}
