import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { readDelimited } from './csv-reader';
import { fileStream } from './csv-reader';
import { ImportError, unreadable } from './import-error';
import { sniffFormat } from './sniff';
import type { ReadOptions, TableInfo, TableSource } from './table';

const HEAD_BYTES = 1024 * 1024;

/**
 * Reads any supported source into rows: the format is judged from the bytes (a workbook renamed .csv still reads
 * as a workbook), and every failure is an ImportError naming the file and the cause.
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
  const head = await readHead(path, name);
  const format = sniffFormat(head.bytes);
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
        const streamed = await readXlsxStream(path, name, head.size, options);
        if (streamed) return streamed;
      }
      // Loaded on first use: SheetJS takes a while to load, and a CSV import (or the phone helper thread) needs none of it.
      const { readWorkbook } = await import('./workbook-reader');
      return readWorkbook(path, name, format.kind, head.size, options);
    }
    case 'text':
      return readDelimited(
        {
          name,
          open: () => fileStream(path),
          head: head.bytes,
          encoding: format.encoding,
          bomLength: format.bomLength,
          totalBytes: head.size,
          kind: /\.txt$/i.test(name) ? 'text' : 'csv',
        },
        options,
      );
  }
}

async function readHead(path: string, name: string): Promise<{ bytes: Uint8Array; size: number }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw unreadable(name, 'is a folder, not a file');
    const handle = await open(path, 'r');
    try {
      const bytes = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
      return { bytes: bytes.subarray(0, bytesRead), size: info.size };
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImportError('not_found', `${name}: file not found`);
    if (code === 'EACCES' || code === 'EPERM') throw new ImportError('io', `${name}: permission denied`);
    throw new ImportError('io', `${name}: could not be opened (${(err as Error).message})`);
  }
}
