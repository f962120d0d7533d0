import { createInflateRaw } from 'node:zlib';

/**
 * SheetJS inflates a whole workbook in memory, so a zip bomb renamed .xlsx would exhaust it. Before SheetJS sees
 * a zip, its entries are inflated here into a counter (nothing kept) and the file is refused once the total passes
 * the limit. The declared sizes are checked first, but not trusted: a bomb can lie in its headers.
 */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

export type ZipVerdict = { ok: true; unzippedBytes: number } | { ok: false; reason: string };

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

export async function checkZip(buf: Buffer, limit = MAX_UNZIPPED_BYTES): Promise<ZipVerdict> {
  const entries = listEntries(buf);
  if (!entries) return { ok: false, reason: 'is damaged (its zip directory cannot be read)' };
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > limit) return { ok: false, reason: tooBig(declared) };
  let total = 0;
  for (const entry of entries) {
    const data = entryData(buf, entry);
    if (!data) return { ok: false, reason: 'is damaged (a zip entry points outside the file)' };
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) {
      const size = await inflatedSize(data, limit - total);
      if (size === null) return { ok: false, reason: tooBig(limit + 1) };
      total += size;
    } else return { ok: false, reason: `uses an unsupported zip compression (method ${entry.method})` };
    if (total > limit) return { ok: false, reason: tooBig(total) };
  }
  return { ok: true, unzippedBytes: total };
}

export const tooBig = (bytes: number): string =>
  `unpacks to more than ${Math.round(Math.min(bytes, MAX_UNZIPPED_BYTES * 4) / 1024 / 1024)} MB, which is not a contact list (a damaged file or a zip bomb)`;

function listEntries(buf: Buffer): Entry[] | null {
  const minEocd = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= minEocd; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      declaredSize: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

function entryData(buf: Buffer, entry: Entry): Buffer | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  return end <= buf.length ? buf.subarray(start, end) : null;
}

/** Inflated size of one entry, or null as soon as it passes `budget` (the output is counted, never kept). */
function inflatedSize(data: Buffer, budget: number): Promise<number | null> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    let settled = false;
    const finish = (value: number | null) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) finish(null);
    });
    inflate.on('end', () => finish(size));
    // A truncated or corrupt stream: SheetJS will report the damage itself; the size so far is what counts here.
    inflate.on('error', () => finish(size));
    inflate.end(data);
  });
}
