/** How a cell's text is held until its row is packed: no copy is made for bytes or shared strings. */
export const enum CellKind {
  /** A cell that exists but shows nothing (an error value). */
  Empty = 0,
  /** Bytes [start, end) of the row's source buffer, UTF-8 as they are. */
  Bytes = 1,
  /** Shared string number `start`. */
  Shared = 2,
  /** A JS string (numbers reformatted, unescaped text). */
  Text = 3,
}

/** The cells of one row as the scanner found them (reused row after row). */
export class RowCells {
  count = 0;
  /** Whether the columns came in increasing order (the spec requires it; a row that breaks it takes a slow path). */
  ordered = true;
  source: Buffer = Buffer.alloc(0);
  cols = new Int32Array(64);
  kinds = new Uint8Array(64);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  texts: (string | undefined)[] = [];

  reset(source: Buffer): void {
    this.count = 0;
    this.ordered = true;
    this.source = source;
  }

  add(col: number, kind: CellKind, start: number, end: number, text?: string): void {
    const k = this.count;
    if (k === this.cols.length) this.grow();
    if (k > 0 && col <= this.cols[k - 1]!) this.ordered = false;
    this.cols[k] = col;
    this.kinds[k] = kind;
    this.starts[k] = start;
    this.ends[k] = end;
    if (kind === CellKind.Text) this.texts[k] = text;
    this.count = k + 1;
  }

  private grow(): void {
    const size = this.cols.length * 2;
    const cols = new Int32Array(size);
    cols.set(this.cols);
    this.cols = cols;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.ends = ends;
  }
}
