import { PackedRowsBuilder, type PackedRows } from './packed-rows';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export class RowTooLongError extends Error {
  constructor(readonly rowNumber: number) {
    super('Row exceeds the maximum size');
  }
}

export interface CsvScannerOptions {
  /** One byte: ',', ';', '\t', '|'. */
  separator: string;
  /** A line longer than this (newline included) is refused with RowTooLongError. */
  maxRowBytes: number;
  /** Rows per batch handed to onRows. */
  batchRows: number;
  onRows(rows: PackedRows, widest: number): void;
}

/**
 * Splits UTF-8 CSV bytes into packed rows without making a string per cell (the cost that dominated importing with
 * csv-parser, along with its stream per row). It reads as Excel and LibreOffice do: only a quote at the very start
 * of a cell opens a quoted cell (so `Mohammed "Mo" Ali` and `12" pizza` are plain text and the rows after them stay
 * rows); inside quotes `""` stands for `"` and a separator or newline is text; after the closing quote, anything up
 * to the next separator is kept as it stands. A line ends at LF outside quotes, a CR before it is dropped, a
 * trailing separator adds an empty cell and an empty line is a row without cells. A quoted cell never closed runs
 * to the end of the file (as in Excel), bounded by maxRowBytes.
 */
export class CsvScanner {
  private readonly separator: number;
  private readonly builder = new PackedRowsBuilder();
  private pending: Buffer | null = null;
  private rowsDone = 0;
  private widest = 0;
  /** During push: the next quote not yet followed. */
  private nextQuote = -1;

  constructor(private readonly options: CsvScannerOptions) {
    const bytes = Buffer.from(options.separator, 'utf8');
    if (bytes.length !== 1) throw new Error(`separator must be one byte, got "${options.separator}"`);
    this.separator = bytes[0]!;
  }

  /** Rows completed so far (handed on or waiting in the current batch). */
  get rowsRead(): number {
    return this.rowsDone;
  }

  push(chunk: Uint8Array): void {
    const data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // A line cut by the chunk boundary is scanned again from its start with the next chunk (at most 4 MB of it).
    const buf = this.pending ? Buffer.concat([this.pending, data]) : data;
    this.pending = null;
    const { maxRowBytes } = this.options;
    const length = buf.length;
    let lineStart = 0;
    let quoted = false;
    this.nextQuote = buf.indexOf(QUOTE, 0);
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(LF, pos);
      quoted = this.followQuotes(buf, nl < 0 ? length : nl, lineStart, quoted);
      if (nl < 0) break;
      if (nl + 1 - lineStart > maxRowBytes) throw new RowTooLongError(this.rowsDone + 1);
      pos = nl + 1;
      if (quoted) continue; // a newline inside quotes is part of the cell
      this.parseLine(buf, lineStart, nl);
      lineStart = pos;
    }
    if (length - lineStart > maxRowBytes) throw new RowTooLongError(this.rowsDone + 1);
    if (lineStart < length) this.pending = buf.subarray(lineStart);
  }

  /**
   * Follows the quotes from nextQuote up to `stop` and says whether `stop` is inside quotes: a quote opens quoting
   * only at a cell's start; inside, `""` is a quote and a lone quote closes. A quote that is the buffer's last byte
   * decides nothing: no newline follows it, and the line is scanned again from its start with the next chunk.
   */
  private followQuotes(buf: Buffer, stop: number, lineStart: number, quoted: boolean): boolean {
    let q = this.nextQuote;
    while (q >= 0 && q < stop) {
      if (quoted) {
        if (buf[q + 1] === QUOTE) {
          q = buf.indexOf(QUOTE, q + 2);
          continue;
        }
        quoted = false;
      } else if (q === lineStart || buf[q - 1] === this.separator) {
        quoted = true;
      }
      q = buf.indexOf(QUOTE, q + 1);
    }
    this.nextQuote = q;
    return quoted;
  }

  /** Hands on the last line (one without a newline) and the last batch. */
  end(): void {
    if (this.pending && this.pending.length > 0) this.parseLine(this.pending, 0, this.pending.length);
    this.pending = null;
    this.flush();
  }

  private flush(): void {
    if (this.builder.rowCount === 0) return;
    const widest = this.widest;
    this.widest = 0;
    this.options.onRows(this.builder.finish(), widest);
  }

  /** One line, bytes [start, end) without its LF, cell by cell into the batch. */
  private parseLine(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end--;
    const builder = this.builder;
    let cells = 0;
    if (end > start) {
      let at = start;
      for (;;) {
        at = buf[at] === QUOTE ? this.quotedCell(buf, at, end) : this.plainCell(buf, at, end);
        cells++;
        if (at >= end) break;
        at++; // past the separator; a separator that ends the line is followed by one more, empty, cell
      }
    }
    builder.endRow();
    if (cells > this.widest) this.widest = cells;
    this.rowsDone++;
    if (builder.rowCount >= this.options.batchRows) this.flush();
  }

  /** A cell not opened by a quote: its bytes as they are, quotes included. Returns where it stopped. */
  private plainCell(buf: Buffer, at: number, end: number): number {
    const comma = this.separator;
    let i = at;
    while (i < end && buf[i] !== comma) i++;
    this.builder.addCellBytes(buf, at, i);
    return i;
  }

  /** A cell opened by the quote at `at`: the quoted text (`""` read as `"`), then any text after the closing quote. */
  private quotedCell(buf: Buffer, at: number, end: number): number {
    let escaped = false;
    let close = -1;
    for (let q = buf.indexOf(QUOTE, at + 1); q >= 0 && q < end; q = buf.indexOf(QUOTE, q + 2)) {
      if (buf[q + 1] !== QUOTE || q + 1 >= end) {
        close = q;
        break;
      }
      escaped = true;
    }
    if (close < 0) {
      this.builder.addCellBytes(buf, at + 1, end, escaped);
      return end;
    }
    const comma = this.separator;
    let i = close + 1;
    while (i < end && buf[i] !== comma) i++;
    if (i === close + 1) {
      this.builder.addCellBytes(buf, at + 1, close, escaped);
    } else {
      // Rare (`"Doe" Jr`): the two parts joined, each read by its own rule.
      const inner = buf.toString('utf8', at + 1, close);
      this.builder.addCellString((escaped ? inner.replaceAll('""', '"') : inner) + buf.toString('utf8', close + 1, i));
    }
    return i;
  }
}
