import { Readable } from 'node:stream';
import { readDelimited } from './csv-reader';
import { fileStream } from './csv-reader';
import { ImportError, unreadable } from './import-error';
import { sniffFormat } from './sniff';
import { changedSince, changedWhileRead, openSource } from './source-file';
import type { ReadOptions, TableInfo, TableSource } from './table';

const HEAD_BYTES = 1024 * 1024;

/**
 * Reads any supported source into rows: the format is judged from the bytes (a workbook renamed .csv still reads
 * as a workbook), and every failure is an ImportError naming the file and the cause. Only a regular file is read,
 * and a file that changes while it is read (saved again, cut short, replaced) fails rather than import in part.
 */
export async function readTable(source: TableSource, options: ReadOptions): Promise<TableInfo> {
  if (source.kind === 'text') {
    const bytes = Buffer.from(source.text, 'utf8');
    return readDelimited(
      {
        name: source.name,
        open: () => Readable.from([bytes]),
        head: bytes.subarray(0, HEAD_BYTES),
        encoding: 'utf-8',
        bomLength: 0,
        totalBytes: bytes.length,
        kind: 'paste',
      },
      options,
    );
  }

  const { path, name } = source;
  const opened = await openSource(path, name, HEAD_BYTES);
  let info: TableInfo;
  try {
    info = await readByFormat(path, name, opened.head, opened.version.size, options);
  } catch (err) {
    const cancelled = (err as Error).name === 'AbortError' || (err instanceof ImportError && err.code === 'cancelled');
    if (cancelled) throw err;
    // A reader that fails on a file cut short says "damaged"; the true cause is the change.
    if (await changedSince(path, opened.version)) throw changedWhileRead(name);
    if (err instanceof ImportError) throw err;
    // Whatever else a reader meets in a malformed file, the operator learns which file it was.
    throw unreadable(name, `could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  if (await changedSince(path, opened.version)) throw changedWhileRead(name);
  return info;
}

async function readByFormat(path: string, name: string, head: Uint8Array, size: number, options: ReadOptions): Promise<TableInfo> {
  const format = sniffFormat(head);
  switch (format.kind) {
    case 'empty':
      throw unreadable(name, 'is empty');
    case 'binary':
      throw unreadable(name, 'is not a spreadsheet or text file (it contains binary data)');
    case 'zip':
    case 'ole': {
      if (format.kind === 'zip') {
        // .xlsx is streamed (SheetJS would hold the whole workbook); the reader declines what it does not read.
        const { readXlsxStream } = await import('./xlsx-stream/xlsx-stream-reader');
        const streamed = await readXlsxStream(path, name, size, options);
        if (streamed) return streamed;
      }
      // Loaded on first use: SheetJS takes a while to load, and a CSV import (or the phone helper thread) needs none of it.
      const { readWorkbook } = await import('./workbook-reader');
      return readWorkbook(path, name, format.kind, size, options);
    }
    case 'text':
      return readDelimited(
        {
          name,
          open: () => fileStream(path),
          head,
          encoding: format.encoding,
          bomLength: format.bomLength,
          totalBytes: size,
          kind: /\.txt$/i.test(name) ? 'text' : 'csv',
        },
        options,
      );
  }
}
