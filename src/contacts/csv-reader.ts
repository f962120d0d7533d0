import { createReadStream } from 'node:fs';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvScanner, RowTooLongError } from './csv-scanner';
import { ImportError, unreadable } from './import-error';
import { packedRowCount } from './packed-rows';
import { sniffDelimiter, type TextEncoding } from './sniff';
import { ROW_BATCH, throwIfAborted, type ReadOptions, type TableInfo } from './table';

/** A row longer than this is not a contact: refusing it bounds memory (a 50 MB line would otherwise be held whole). */
export const MAX_ROW_BYTES = 4 * 1024 * 1024;

export interface CsvInput {
  name: string;
  /** Raw bytes of the file (BOM included), or the text itself. */
  open(): Readable;
  head: Uint8Array;
  encoding: TextEncoding;
  bomLength: number;
  totalBytes: number;
  kind: 'csv' | 'text' | 'paste';
}

/**
 * Streams delimited text (CSV, TSV, one number per line) through CsvScanner, never holding the whole file; rows come
 * out packed (see packed-rows.ts).
 */
export async function readDelimited(input: CsvInput, options: ReadOptions): Promise<TableInfo> {
  const headText = new TextDecoder(input.encoding).decode(input.head.subarray(input.bomLength));
  const delimiter = sniffDelimiter(headText);
  let rowsRead = 0;
  let bytesRead = 0;
  let width = 0;
  options.onFirstRowNumber?.(1);

  const scanner = new CsvScanner({
    separator: delimiter,
    maxRowBytes: MAX_ROW_BYTES,
    batchRows: ROW_BATCH,
    onRows: (rows, widest) => {
      throwIfAborted(options.signal);
      rowsRead += packedRowCount(rows);
      if (widest > width) width = widest;
      options.onRows(rows);
      options.onProgress?.({ rowsRead, bytesRead, totalBytes: input.totalBytes });
    },
  });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytesRead += chunk.length;
      done(null, chunk);
    },
  });

  try {
    await pipeline(input.open(), counter, skipBytes(input.bomLength), toUtf8(input.encoding), scanInto(scanner, options.signal));
  } catch (err) {
    if ((err as Error).name === 'AbortError' || err instanceof ImportError) throw err;
    if (err instanceof RowTooLongError) {
      throw unreadable(
        input.name,
        `row ${err.rowNumber} is longer than ${MAX_ROW_BYTES / 1024 / 1024} MB, so this is not a contact list (is it the right file?)`,
      );
    }
    throw unreadable(input.name, `could not be read (${(err as Error).message ?? String(err)})`);
  }
  options.onProgress?.({ rowsRead, bytesRead, totalBytes: input.totalBytes });
  return {
    kind: input.kind,
    encoding: input.encoding,
    delimiter,
    sheets: [],
    sheet: null,
    firstRowNumber: 1,
    width,
  };
}

/** The pipeline's end: feeds each chunk to the scanner (a Writable, so a scanner error is the pipeline's error). */
function scanInto(scanner: CsvScanner, signal: AbortSignal | undefined): Writable {
  const step = (fn: () => void, done: (err?: Error | null) => void) => {
    try {
      throwIfAborted(signal);
      fn();
      done();
    } catch (err) {
      done(err as Error);
    }
  };
  return new Writable({
    write: (chunk: Buffer, _enc, done) => step(() => scanner.push(chunk), done),
    final: (done) => step(() => scanner.end(), done),
  });
}

function skipBytes(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (left === 0) return done(null, chunk);
      const skip = Math.min(left, chunk.length);
      left -= skip;
      done(null, chunk.subarray(skip));
    },
  });
}

/** csv-parser reads UTF-8 only: other encodings are decoded as they stream and handed on as UTF-8. */
function toUtf8(encoding: TextEncoding): Transform {
  if (encoding === 'utf-8') return new Transform({ transform: (chunk, _e, done) => done(null, chunk) });
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
}

export function fileStream(path: string): Readable {
  return createReadStream(path, { highWaterMark: 1024 * 1024 });
}
