// Readers for the icon containers the installers ship, written from the formats' definitions (not from
// scripts/make-icons.mjs), so the tests check the files rather than repeat the writer.
import { inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

/** The IHDR of a PNG, or an error saying what is wrong with it. */
export function pngInfo(data: Buffer): PngInfo {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG (no signature)');
  if (data.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG (no IHDR first)');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bitDepth: data[24]!, colorType: data[25]! };
}

/** RGBA pixels of an 8-bit RGBA or RGB, non-interlaced PNG (what Chromium writes). */
export function decodePng(data: Buffer): { width: number; height: number; rgba: Buffer } {
  const { width, height, bitDepth, colorType } = pngInfo(data);
  if (bitDepth !== 8 || (colorType !== 6 && colorType !== 2) || data[28] !== 0) {
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${data[28]}`);
  }
  const channels = colorType === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length;) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      pixels[y * stride + x] = (line[x]! + predict(filter, a, b, c)) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = Buffer.alloc(width * height * 4, 0xff);
  for (let i = 0; i < width * height; i++) pixels.copy(rgba, i * 4, i * 3, i * 3 + 3);
  return { width, height, rgba };
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}

export interface IcoEntry {
  width: number;
  height: number;
  planes: number;
  bitCount: number;
  size: number;
  offset: number;
  data: Buffer;
}

/** The images of a Windows .ico: ICONDIR (reserved 0, type 1, count), then 16-byte entries (0 means 256 px). */
export function readIco(file: Buffer): IcoEntry[] {
  if (file.readUInt16LE(0) !== 0 || file.readUInt16LE(2) !== 1) throw new Error('not an icon (ICONDIR reserved/type)');
  const count = file.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    const size = file.readUInt32LE(at + 8);
    const offset = file.readUInt32LE(at + 12);
    if (offset + size > file.length) throw new Error(`entry ${i} runs past the end of the file`);
    return {
      width: file[at] || 256,
      height: file[at + 1] || 256,
      planes: file.readUInt16LE(at + 4),
      bitCount: file.readUInt16LE(at + 6),
      size,
      offset,
      data: file.subarray(offset, offset + size),
    };
  });
}

/** The chunks of an Apple .icns: 'icns' + big-endian total length, then type + length (with its 8-byte head). */
export function readIcns(file: Buffer): { declaredLength: number; chunks: { type: string; data: Buffer }[] } {
  if (file.toString('latin1', 0, 4) !== 'icns') throw new Error('not an icns file (magic)');
  const declaredLength = file.readUInt32BE(4);
  const chunks: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at < file.length) {
    const type = file.toString('latin1', at, at + 4);
    const length = file.readUInt32BE(at + 4);
    if (length < 8 || at + length > file.length) throw new Error(`chunk ${type} at ${at} has a bad length ${length}`);
    chunks.push({ type, data: file.subarray(at + 8, at + length) });
    at += length;
  }
  return { declaredLength, chunks };
}
