import { writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';
import { packedRow, packedRowCount, type PackedRows } from '../../../src/contacts/packed-rows';
import type { ReadOptions, TableInfo } from '../../../src/contacts/table';

/**
 * Test helpers for the streaming .xlsx reader: a zip writer for workbooks written part by part (so a test can give
 * the XML other writers produce: inline strings, no <dimension>, prefixes, stored entries, zip64), and a collector
 * that runs a reader and decodes every row it hands on.
 */

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Stored (method 0) instead of deflated. */
  stored?: boolean;
  /** Already deflated data and the size its headers claim (a zip bomb lies about it). */
  deflated?: { bytes: Buffer; declaredSize: number };
}

export interface ZipOptions {
  /** Write zip64 records even though nothing needs them (as some writers do). */
  zip64?: boolean;
}

export function zipBytes(parts: ZipPart[], options: ZipOptions = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data);
    const packed = part.deflated ? part.deflated.bytes : part.stored ? data : deflateRawSync(data);
    const size = part.deflated ? part.deflated.declaredSize : data.length;
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(options.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(part.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, packed);
    const extra = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(packed.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(45, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(part.stored ? 0 : 8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(options.zip64 ? 0xffffffff : packed.length, 20);
    entry.writeUInt32LE(options.zip64 ? 0xffffffff : size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(extra.length, 30);
    entry.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
    central.push(entry, name, extra);
    offset += local.length + name.length + packed.length;
  }
  const cdStart = offset;
  const cd = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(cd.length), 40);
    record.writeBigUInt64LE(BigInt(cdStart), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdStart + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : cdStart, 16);
  return Buffer.concat([...chunks, cd, ...tail, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface SheetXml {
  name: string;
  /** The whole worksheet part. */
  xml: string;
}

/** The parts of an .xlsx with the given sheets (and shared strings / styles parts when given). */
export function workbookParts(sheets: SheetXml[], extra: { sharedStrings?: string; styles?: string; stored?: boolean } = {}): ZipPart[] {
  const stored = extra.stored ?? false;
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  if (extra.sharedStrings) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (extra.styles) rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/>`);
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      stored,
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}${extra.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}${extra.styles ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' : ''}</Types>`,
    },
    {
      name: '_rels/.rels',
      stored,
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      stored,
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      stored,
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml, stored })),
  ];
  if (extra.sharedStrings) parts.push({ name: 'xl/sharedStrings.xml', data: extra.sharedStrings, stored });
  if (extra.styles) parts.push({ name: 'xl/styles.xml', data: extra.styles, stored });
  return parts;
}

export const worksheet = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}">${inner}</worksheet>`;
export const sst = (items: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${items.length}" uniqueCount="${items.length}">${items.map((i) => `<si>${i}</si>`).join('')}</sst>`;

export interface Collected {
  info: TableInfo | null;
  rows: string[][];
  progress: number;
}

/** Runs a reader and decodes every row it hands on (counting progress reports). */
export async function collectRows(read: (options: ReadOptions) => Promise<TableInfo | null>, sheet?: string): Promise<Collected> {
  const rows: string[][] = [];
  let progress = 0;
  const info = await read({
    sheet,
    onRows: (p: PackedRows) => {
      for (let i = 0; i < packedRowCount(p); i++) rows.push(packedRow(p, i));
    },
    onProgress: () => progress++,
  });
  return { info, rows, progress };
}

export async function writeBytes(file: string, bytes: Buffer): Promise<string> {
  await writeFile(file, bytes);
  return file;
}
