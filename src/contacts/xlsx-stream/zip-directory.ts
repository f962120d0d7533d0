import type { FileHandle } from 'node:fs/promises';

/** One file inside a zip, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (anything else is refused by the caller). */
  method: number;
  /** Bit 0: the entry is encrypted (zip encryption, which Excel never uses for .xlsx). */
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

export type ZipDirectory = Map<string, ZipEntry>;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const MAX_TAIL = 22 + 0xffff + 20;

/**
 * Reads a zip's central directory from the end of the file (the part list and where each part starts), without
 * reading the parts. Returns null when the file has no readable directory (damaged, or not a zip).
 */
export async function readZipDirectory(handle: FileHandle, fileSize: number): Promise<ZipDirectory | null> {
  const tailLength = Math.min(fileSize, MAX_TAIL);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = tail.readUInt16LE(eocd + 10);
  let size = tail.readUInt32LE(eocd + 12);
  let offset = tail.readUInt32LE(eocd + 16);
  // zip64: the 32-bit fields are saturated and the real values are in the zip64 end record.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) return null;
    const recordAt = Number(tail.readBigUInt64LE(locator + 8));
    if (recordAt + 56 > fileSize) return null;
    const record = await readAt(handle, recordAt, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) return null;
    count = Number(record.readBigUInt64LE(32));
    size = Number(record.readBigUInt64LE(40));
    offset = Number(record.readBigUInt64LE(48));
  }
  if (offset + size > fileSize) return null;
  const central = await readAt(handle, offset, size);
  const entries: ZipDirectory = new Map();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > central.length || central.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = central.readUInt16LE(at + 28);
    const extraLength = central.readUInt16LE(at + 30);
    const commentLength = central.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > central.length) return null;
    const entry: ZipEntry = {
      name: central.toString('utf8', at + 46, at + 46 + nameLength),
      flags: central.readUInt16LE(at + 8),
      method: central.readUInt16LE(at + 10),
      compressedSize: central.readUInt32LE(at + 20),
      declaredSize: central.readUInt32LE(at + 24),
      localHeaderOffset: central.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, central.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.set(entry.name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The zip64 extra field holds, in this order, only the values whose 32-bit field is saturated. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number | null => {
        if (field + 8 > at + 4 + length) return null;
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.declaredSize === 0xffffffff) entry.declaredSize = next() ?? entry.declaredSize;
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next() ?? entry.compressedSize;
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next() ?? entry.localHeaderOffset;
      return;
    }
    at += 4 + length;
  }
}

/** Where an entry's data starts (after its local header, whose name and extra lengths may differ from the directory's). */
export async function entryDataOffset(handle: FileHandle, entry: ZipEntry, fileSize: number): Promise<number | null> {
  if (entry.localHeaderOffset + 30 > fileSize) return null;
  const header = await readAt(handle, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL) return null;
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  return start + entry.compressedSize <= fileSize ? start : null;
}

export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const out = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(out, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? out : out.subarray(0, done);
}
