import type { FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { unreadable } from '../import-error';
import { MAX_UNZIPPED_BYTES, tooBig } from '../zip-guard';
import { entryDataOffset, type ZipEntry } from './zip-directory';

const READ_CHUNK = 1024 * 1024;
const INFLATE_CHUNK = 256 * 1024;

/**
 * Counts every byte inflated from the zip, over all the parts read, and stops the import once the total passes
 * the zip-bomb limit (the same limit and message as zip-guard.ts, which guards the SheetJS path).
 */
export class InflateBudget {
  private total = 0;

  constructor(
    private readonly fileName: string,
    private readonly limit = MAX_UNZIPPED_BYTES,
  ) {}

  add(bytes: number): void {
    this.total += bytes;
    if (this.total > this.limit) throw unreadable(this.fileName, tooBig(this.total));
  }

  get inflated(): number {
    return this.total;
  }
}

export interface EntryReader {
  handle: FileHandle;
  fileSize: number;
  fileName: string;
  budget: InflateBudget;
}

/**
 * The inflated bytes of one zip entry, chunk by chunk (nothing else kept); `onCompressed` hears how many compressed
 * bytes have gone in, for progress. Breaking out of the loop stops the reading and the inflating. A second pass over
 * an entry whose size was counted already passes `counted` so the budget measures the file, not the work.
 */
export async function* entryChunks(
  reader: EntryReader,
  entry: ZipEntry,
  onCompressed?: (bytes: number) => void,
  counted = false,
): AsyncGenerator<Buffer> {
  const start = await entryDataOffset(reader.handle, entry, reader.fileSize);
  if (start === null) throw unreadable(reader.fileName, `is damaged (its part ${entry.name} points outside the file)`);
  const source = Readable.from(compressedChunks(reader, start, entry.compressedSize, onCompressed), { objectMode: false });
  let output: Readable = source;
  if (entry.method === 8) {
    const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK });
    // Errors reach the loop below through the inflate stream, which pipeline destroys with the cause.
    pipeline(source, inflate, () => undefined);
    output = inflate;
  }
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      if (!counted) reader.budget.add(chunk.length);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof Error && 'code' in err && String((err as NodeJS.ErrnoException).code).startsWith('Z_')) {
      throw unreadable(reader.fileName, `is damaged (its part ${entry.name} cannot be unpacked: ${err.message})`);
    }
    throw err;
  } finally {
    output.destroy();
    source.destroy();
  }
}

async function* compressedChunks(reader: EntryReader, start: number, length: number, onCompressed?: (bytes: number) => void): AsyncGenerator<Buffer> {
  let done = 0;
  while (done < length) {
    const want = Math.min(READ_CHUNK, length - done);
    const chunk = Buffer.allocUnsafe(want);
    const { bytesRead } = await reader.handle.read(chunk, 0, want, start + done);
    if (bytesRead === 0) throw unreadable(reader.fileName, 'is damaged (it ends in the middle of a part)');
    done += bytesRead;
    onCompressed?.(done);
    yield bytesRead === want ? chunk : chunk.subarray(0, bytesRead);
  }
}

/** A whole (small) entry in memory: workbook.xml, the relationships, styles.xml. */
export async function readEntry(reader: EntryReader, entry: ZipEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of entryChunks(reader, entry)) parts.push(chunk);
  return Buffer.concat(parts);
}
