/**
 * Rows packed into three typed arrays: the form rows take from the reader to the main process and the form the main
 * process keeps them in. A million rows as string[][] cost the import thread seconds of structured cloning and the
 * main process ~400 MB of small strings; packed, a batch moves between threads by transfer (no copy) and the whole
 * table costs about the file's size. Cells are decoded to strings only when a page of rows is asked for.
 */
export interface PackedRows {
  /** UTF-8 bytes of every cell, back to back. */
  bytes: Uint8Array;
  /** End offset in `bytes` of each cell: cell k spans [cellEnds[k-1] (0 for k = 0), cellEnds[k]). */
  cellEnds: Uint32Array;
  /** End index into `cellEnds` of each row: row i's cells are [rowEnds[i-1] (0 for i = 0), rowEnds[i]). */
  rowEnds: Uint32Array;
}

export const packedRowCount = (p: PackedRows): number => p.rowEnds.length;

const firstCell = (p: PackedRows, row: number): number => (row === 0 ? 0 : p.rowEnds[row - 1]!);
const cellStart = (p: PackedRows, cell: number): number => (cell === 0 ? 0 : p.cellEnds[cell - 1]!);

export function packedCellCount(p: PackedRows, row: number): number {
  return p.rowEnds[row]! - firstCell(p, row);
}

/** Decoding goes through Buffer's native UTF-8 slice, several times faster than TextDecoder for short cells. */
const views = new WeakMap<Uint8Array, Buffer>();
function bufferOf(bytes: Uint8Array): Buffer {
  let view = views.get(bytes);
  if (!view) {
    view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    views.set(bytes, view);
  }
  return view;
}

/** Cell `column` of row `row` ('' past the row's last cell, as for a short row read from text). */
export function packedCell(p: PackedRows, row: number, column: number): string {
  const first = firstCell(p, row);
  if (column >= p.rowEnds[row]! - first) return '';
  const cell = first + column;
  const start = cellStart(p, cell);
  const end = p.cellEnds[cell]!;
  return start === end ? '' : bufferOf(p.bytes).toString('utf8', start, end);
}

export function packedRow(p: PackedRows, row: number): string[] {
  const first = firstCell(p, row);
  const end = p.rowEnds[row]!;
  const out = new Array<string>(end - first);
  const buf = bufferOf(p.bytes);
  let start = cellStart(p, first);
  for (let k = first; k < end; k++) {
    const stop = p.cellEnds[k]!;
    out[k - first] = start === stop ? '' : buf.toString('utf8', start, stop);
    start = stop;
  }
  return out;
}

/** Whether every cell of the row is empty or white space (as `cell.trim() === ''` judges it). */
export function isBlankPackedRow(p: PackedRows, row: number): boolean {
  const first = firstCell(p, row);
  const start = cellStart(p, first);
  const end = cellStart(p, p.rowEnds[row]!);
  const bytes = p.bytes;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) continue;
    // Non-ASCII may be Unicode white space (no-break space, ideographic space...): let String#trim decide.
    if (b >= 0x80) return packedRow(p, row).every((cell) => cell.trim() === '');
    return false;
  }
  return true;
}

/** Rows [from, packedRowCount) as a batch of their own (copied, so the result can be transferred). */
export function packedRowsFrom(p: PackedRows, from: number): PackedRows {
  const count = packedRowCount(p);
  if (from <= 0) return p;
  if (from >= count) return emptyPackedRows();
  const cellBase = p.rowEnds[from - 1]!;
  const byteBase = cellStart(p, cellBase);
  const rowEnds = p.rowEnds.slice(from);
  for (let i = 0; i < rowEnds.length; i++) rowEnds[i]! -= cellBase;
  const cellEnds = p.cellEnds.slice(cellBase);
  for (let i = 0; i < cellEnds.length; i++) cellEnds[i]! -= byteBase;
  return { bytes: p.bytes.slice(byteBase), cellEnds, rowEnds };
}

export function emptyPackedRows(): PackedRows {
  return { bytes: new Uint8Array(0), cellEnds: new Uint32Array(0), rowEnds: new Uint32Array(0) };
}

/** The buffers to list in postMessage's transfer list (each batch owns its buffers; see PackedRowsBuilder.finish). */
export function packedTransferList(p: PackedRows): ArrayBuffer[] {
  return [p.bytes.buffer as ArrayBuffer, p.cellEnds.buffer as ArrayBuffer, p.rowEnds.buffer as ArrayBuffer];
}

/** Collects cells into a batch; reused batch after batch, its scratch space grows to the largest batch seen. */
export class PackedRowsBuilder {
  private bytes: Buffer;
  private byteLength = 0;
  private cellEnds: Uint32Array;
  private cellCount = 0;
  private rowEnds: Uint32Array;
  private rows = 0;

  constructor(expectedBytes = 1 << 20, expectedCells = 1 << 15, expectedRows = 1 << 13) {
    this.bytes = Buffer.allocUnsafe(expectedBytes);
    this.cellEnds = new Uint32Array(expectedCells);
    this.rowEnds = new Uint32Array(expectedRows);
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Appends bytes [start, end) of `source` as one cell, turning each `""` into `"` when `unescapeQuotes` is set. */
  addCellBytes(source: Uint8Array, start: number, end: number, unescapeQuotes = false): void {
    this.reserveBytes(end - start);
    const out = this.bytes;
    let y = this.byteLength;
    if (!unescapeQuotes) {
      if (end - start > 64) {
        out.set(source.subarray(start, end), y);
        y += end - start;
      } else {
        for (let i = start; i < end; i++) out[y++] = source[i]!;
      }
    } else {
      for (let i = start; i < end; i++) {
        if (source[i] === 0x22 && i + 1 < end && source[i + 1] === 0x22) i++;
        out[y++] = source[i]!;
      }
    }
    this.byteLength = y;
    this.endCell();
  }

  addCellString(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.reserveBytes(text.length * 3);
    this.byteLength += this.bytes.write(text, this.byteLength, 'utf8');
    this.endCell();
  }

  addRow(cells: readonly string[]): void {
    for (const cell of cells) this.addCellString(cell);
    this.endRow();
  }

  endRow(): void {
    if (this.rows === this.rowEnds.length) this.rowEnds = grow(this.rowEnds);
    this.rowEnds[this.rows++] = this.cellCount;
  }

  /** The rows added since the last finish, in buffers of their own (exact size, transferable); then starts afresh. */
  finish(): PackedRows {
    const out: PackedRows = {
      bytes: new Uint8Array(this.bytes.subarray(0, this.byteLength)),
      cellEnds: this.cellEnds.slice(0, this.cellCount),
      rowEnds: this.rowEnds.slice(0, this.rows),
    };
    this.byteLength = 0;
    this.cellCount = 0;
    this.rows = 0;
    return out;
  }

  private endCell(): void {
    if (this.cellCount === this.cellEnds.length) this.cellEnds = grow(this.cellEnds);
    this.cellEnds[this.cellCount++] = this.byteLength;
  }

  private reserveBytes(extra: number): void {
    const needed = this.byteLength + extra;
    if (needed <= this.bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(next, 0, 0, this.byteLength);
    this.bytes = next;
  }
}

function grow(array: Uint32Array): Uint32Array {
  const next = new Uint32Array(Math.max(16, array.length * 2));
  next.set(array);
  return next;
}
