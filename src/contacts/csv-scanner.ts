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
 * csv-parser, along with its stream per row). It reads exactly as csv-parser 3 does with `headers: false` (the
 * reader this replaces, and the reference its tests compare against): a line ends at LF outside quotes, a CR
 * before it is dropped, a quote starts or ends quoting, `""` stands for `"`, a cell wrapped in quotes loses them,
 * a trailing separator adds an empty cell and an empty line is a row without cells.
 */
export class CsvScanner {
  private readonly separator: number;
  private readonly builder = new PackedRowsBuilder();
  private pending: Buffer | null = null;
  private rowsDone = 0;
  private widest = 0;

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
    let nextQuote = buf.indexOf(QUOTE, 0);
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(LF, pos);
      const stop = nl < 0 ? length : nl;
      // Quote parity decides whether a newline ends the row ("" inside quotes flips it twice).
      while (nextQuote >= 0 && nextQuote < stop) {
        quoted = !quoted;
        nextQuote = buf.indexOf(QUOTE, nextQuote + 1);
      }
      if (nl < 0) break;
      if (quoted) {
        if (nl + 1 - lineStart > maxRowBytes) throw new RowTooLongError(this.rowsDone + 1);
        pos = nl + 1;
        continue;
      }
      if (nl + 1 - lineStart > maxRowBytes) throw new RowTooLongError(this.rowsDone + 1);
      this.parseLine(buf, lineStart, nl);
      lineStart = nl + 1;
      pos = lineStart;
    }
    if (length - lineStart > maxRowBytes) throw new RowTooLongError(this.rowsDone + 1);
    if (lineStart < length) this.pending = buf.subarray(lineStart);
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

  /** One line, bytes [start, end) without its LF: csv-parser's parseLine and parseCell, writing into the batch. */
  private parseLine(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end--;
    const comma = this.separator;
    const builder = this.builder;
    let cells = 0;
    let isQuoted = false;
    let offset = start;
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c === QUOTE) {
        if (!isQuoted) {
          isQuoted = true;
          continue;
        }
        // In csv-parser a quote ends quoting only right before a separator; `""` inside quotes is one quote.
        if (i + 1 <= end && buf[i + 1] === comma) {
          isQuoted = false;
          continue;
        }
        if (i + 1 < end && buf[i + 1] === QUOTE) {
          i++;
          continue;
        }
      }
      if (c === comma && !isQuoted) {
        this.addCell(buf, offset, i);
        cells++;
        offset = i + 1;
      }
    }
    if (offset < end) {
      this.addCell(buf, offset, end);
      cells++;
    }
    if (end > start && buf[end - 1] === comma) {
      builder.addCellBytes(buf, 0, 0);
      cells++;
    }
    builder.endRow();
    if (cells > this.widest) this.widest = cells;
    this.rowsDone++;
    if (builder.rowCount >= this.options.batchRows) this.flush();
  }

  private addCell(buf: Buffer, start: number, end: number): void {
    if (buf[start] === QUOTE && buf[end - 1] === QUOTE) {
      start++;
      end--;
    }
    if (end <= start) return this.builder.addCellBytes(buf, 0, 0);
    // Only a cell holding a quote can hold `""`; most hold none, and copying them is a plain byte copy.
    let hasQuote = false;
    for (let i = start; i < end; i++) {
      if (buf[i] === QUOTE) {
        hasQuote = true;
        break;
      }
    }
    this.builder.addCellBytes(buf, start, end, hasQuote);
  }
}
