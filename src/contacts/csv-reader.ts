import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import csvParser from 'csv-parser';
import { sniffDelimiter, type TextEncoding } from './sniff';
import { unreadable } from './import-error';
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

/** Streams delimited text (CSV, TSV, one number per line) through csv-parser, never holding the whole file. */
export async function readDelimited(input: CsvInput, options: ReadOptions): Promise<TableInfo> {
  const headText = new TextDecoder(input.encoding).decode(input.head.subarray(input.bomLength));
  const delimiter = sniffDelimiter(headText);
  let rowsRead = 0;
  let bytesRead = 0;
  let width = 0;
  let batch: string[][] = [];

  const parser = csvParser({ headers: false, separator: delimiter, maxRowBytes: MAX_ROW_BYTES });
  // csv-parser builds an object per row; the cells array is what we need, so take it before that step.
  (parser as unknown as { writeRow(cells: string[]): void }).writeRow = function (cells: string[]) {
    (this as unknown as Transform).push(cells);
  };

  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytesRead += chunk.length;
      done(null, chunk);
    },
  });
  const collect = new Transform({
    objectMode: true,
    transform(cells: string[], _enc, done) {
      try {
        throwIfAborted(options.signal);
      } catch (err) {
        return done(err as Error);
      }
      rowsRead++;
      if (cells.length > width) width = cells.length;
      batch.push(cells);
      if (batch.length >= ROW_BATCH) {
        options.onRows(batch);
        batch = [];
        options.onProgress?.({ rowsRead, bytesRead, totalBytes: input.totalBytes });
      }
      done();
    },
  });

  try {
    await pipeline(input.open(), counter, skipBytes(input.bomLength), toUtf8(input.encoding), parser, collect);
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    const message = (err as Error).message ?? String(err);
    if (/maximum size/i.test(message)) {
      throw unreadable(input.name, `row ${rowsRead + 1} is longer than ${MAX_ROW_BYTES / 1024 / 1024} MB, so this is not a contact list (is it the right file?)`);
    }
    throw unreadable(input.name, `could not be read (${message})`);
  }
  if (batch.length > 0) options.onRows(batch);
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
