import { createInflateRaw } from 'node:zlib';
import { checkOdsContent } from './ods-guard';
import { SheetTooLarge } from './sheet-limits';

/**
 * SheetJS inflates a whole workbook in memory, so a zip bomb renamed .xlsx would exhaust it. Before SheetJS sees
 * a zip, its entries are inflated here into a counter (nothing kept) and the file is refused once the total passes
 * the limit. The declared sizes are checked first, but not trusted: a bomb can lie in its headers. An .ods's
 * content.xml is kept and checked for repeats SheetJS would expand past the sheet limits (ods-guard.ts).
 */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

export type ZipVerdict = { ok: true; unzippedBytes: number } | { ok: false; reason: string };

interface Entry {
  name: string;
  declaredSize: number;
  localHeaderOffset: number;
}

/** An entry as SheetJS reads it: name, method and sizes from its local header, which SheetJS trusts over the directory. */
interface LocalEntry {
  name: string;
  method: number;
  dataStart: number;
  compressedSize: number;
}

export async function checkZip(buf: Buffer, limit = MAX_UNZIPPED_BYTES): Promise<ZipVerdict> {
  const entries = listEntries(buf);
  if (!entries) return { ok: false, reason: 'is damaged (its zip directory cannot be read)' };
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > limit) return { ok: false, reason: tooBig(declared) };
  let total = 0;
  for (const entry of entries) {
    const local = localEntry(buf, entry);
    if (!local) return { ok: false, reason: 'is damaged (a zip entry points outside the file)' };
    const kept: Buffer[] | null = isOdsContent(local.name) || isOdsContent(entry.name) ? [] : null;
    if (local.method === 0) {
      const data = buf.subarray(local.dataStart, local.dataStart + local.compressedSize);
      total += data.length;
      kept?.push(data);
    } else if (local.method === 8) {
      // SheetJS inflates from the data to the end of the deflate stream, whatever size the headers give.
      const size = await inflatedSize(buf.subarray(local.dataStart), limit - total, kept);
      if (size === null) return { ok: false, reason: tooBig(limit + 1) };
      total += size;
    } else return { ok: false, reason: `uses an unsupported zip compression (method ${local.method})` };
    if (total > limit) return { ok: false, reason: tooBig(total) };
    if (kept) {
      const reason = odsVerdict(kept);
      if (reason) return { ok: false, reason };
    }
  }
  return { ok: true, unzippedBytes: total };
}

export const tooBig = (bytes: number): string =>
  `unpacks to more than ${Math.round(Math.min(bytes, MAX_UNZIPPED_BYTES * 4) / 1024 / 1024)} MB, which is not a contact list (a damaged file or a zip bomb)`;

/** The central directory, found as SheetJS finds it: the last end record in the file, its entry count at offset 8. */
function listEntries(buf: Buffer): Entry[] | null {
  const eocd = buf.lastIndexOf(EOCD_SIGNATURE);
  if (eocd < 0 || eocd + 22 > buf.length) return null;
  // SheetJS counts the entries "on this disk"; the total is the same in any zip but a bomb's, so take the larger.
  const count = Math.max(buf.readUInt16LE(eocd + 8), buf.readUInt16LE(eocd + 10));
  let at = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    entries.push({
      declaredSize: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('latin1', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

const EOCD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

function localEntry(buf: Buffer, entry: Entry): LocalEntry | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
  const nameLength = buf.readUInt16LE(at + 26);
  const dataStart = at + 30 + nameLength + buf.readUInt16LE(at + 28);
  if (dataStart > buf.length) return null;
  return {
    // SheetJS reads the name byte by byte (latin1), never as UTF-8.
    name: buf.toString('latin1', at + 30, at + 30 + nameLength),
    method: buf.readUInt16LE(at + 8),
    dataStart,
    compressedSize: buf.readUInt32LE(at + 18),
  };
}

/** SheetJS reads an .ods's cells from content.xml (its name matched without case, as SheetJS matches it). */
const isOdsContent = (name: string): boolean => name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase() === 'content.xml';

/** Why the .ods content is refused, or null when SheetJS may read it. */
function odsVerdict(parts: Buffer[]): string | null {
  let xml: string;
  try {
    xml = Buffer.concat(parts).toString('utf8');
  } catch {
    return tooBig(MAX_UNZIPPED_BYTES); // longer than a string can be: SheetJS could not read it either
  }
  try {
    checkOdsContent(xml);
    return null;
  } catch (err) {
    if (err instanceof SheetTooLarge) return err.message;
    throw err;
  }
}

/**
 * Inflated size of one entry, or null as soon as it passes `budget`. The output is counted and dropped, or kept in
 * `keep` when given.
 */
function inflatedSize(data: Buffer, budget: number, keep: Buffer[] | null = null): Promise<number | null> {
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
      keep?.push(chunk);
      if (size > budget) finish(null);
    });
    inflate.on('end', () => finish(size));
    // A truncated or corrupt stream: SheetJS will report the damage itself; the size so far is what counts here.
    inflate.on('error', () => finish(size));
    inflate.end(data);
  });
}
