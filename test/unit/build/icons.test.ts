import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng, pngInfo, readIcns, readIco } from './icon-files';

const root = path.resolve(__dirname, '../../..');
const build = (...parts: string[]) => path.join(root, 'build', ...parts);
const read = (...parts: string[]) => readFileSync(build(...parts));

const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// Apple's icon types for PNG data and their pixel sizes (ic11..ic14 are the @2x images of 16..256 pt).
const ICNS_PIXELS: Record<string, number> = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
};

/** Columns [first, last] that hold any visible pixel on row y. */
function visibleSpan(png: Buffer, y: number): [number, number] {
  const { width, rgba } = decodePng(png);
  const alpha = (x: number) => rgba[(y * width + x) * 4 + 3]!;
  let first = 0;
  while (first < width && alpha(first) === 0) first++;
  let last = width - 1;
  while (last >= 0 && alpha(last) === 0) last--;
  return [first, last];
}

describe('icon files (made by npm run icons from build/icon.svg)', () => {
  it('has one source image', () => {
    const svg = read('icon.svg').toString('utf8');
    expect(svg).toMatch(/<svg\b[^>]*viewBox="0 0 1024 1024"/);
  });

  it('has the Linux PNG set, each named for its size', () => {
    for (const size of PNG_SIZES) {
      const info = pngInfo(read('icons', `${size}x${size}.png`));
      expect({ size, width: info.width, height: info.height, colorType: info.colorType }).toEqual({
        size,
        width: size,
        height: size,
        colorType: 6, // RGBA: the rounded corners are transparent
      });
    }
  });

  it('fills the PNG canvas edge to edge, with transparent rounded corners', () => {
    const png = read('icons', '1024x1024.png');
    const { rgba } = decodePng(png);
    expect(rgba[3]).toBe(0); // top-left corner pixel
    expect(visibleSpan(png, 512)).toEqual([0, 1023]);
  });

  it('has a PNG-embedded .ico whose directory lists 16..256 px, each entry a PNG of that size', () => {
    const file = read('icon.ico');
    const entries = readIco(file);
    expect(entries.map((entry) => entry.width)).toEqual(ICO_SIZES);
    let end = 6 + 16 * entries.length;
    for (const entry of entries) {
      expect(entry.height).toBe(entry.width);
      expect(entry.planes).toBe(1);
      expect(entry.bitCount).toBe(32);
      expect(entry.offset).toBe(end); // images follow the directory back to back, no gaps or overlaps
      end += entry.size;
      const info = pngInfo(entry.data);
      expect([info.width, info.height]).toEqual([entry.width, entry.width]);
      // The very same image as the PNG set, so Windows and Linux show one icon.
      expect(entry.data.equals(read('icons', `${entry.width}x${entry.width}.png`))).toBe(true);
    }
    expect(end).toBe(file.length);
  });

  it('has a PNG-embedded .icns with ic07..ic10 and the @2x types, each a PNG of its size', () => {
    const file = read('icon.icns');
    const { declaredLength, chunks } = readIcns(file);
    expect(declaredLength).toBe(file.length);
    expect(chunks.map((chunk) => chunk.type).sort()).toEqual(Object.keys(ICNS_PIXELS).sort());
    for (const { type, data } of chunks) {
      const info = pngInfo(data);
      expect({ type, width: info.width, height: info.height }).toEqual({
        type,
        width: ICNS_PIXELS[type],
        height: ICNS_PIXELS[type],
      });
    }
  });

  it("draws the macOS icon on Apple's grid: an 824 px tile centred in 1024 px", () => {
    const ic10 = readIcns(read('icon.icns')).chunks.find((chunk) => chunk.type === 'ic10')!.data;
    const [first, last] = visibleSpan(ic10, 512);
    expect(first).toBeGreaterThanOrEqual(98);
    expect(first).toBeLessThanOrEqual(102);
    expect(last - first + 1).toBeGreaterThanOrEqual(820);
    expect(last - first + 1).toBeLessThanOrEqual(828);
  });

  describe('regenerated from the source', () => {
    const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    const out = mkdtempSync(path.join(tmpdir(), 'wa-icons-'));
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    // Chromium may antialias a little differently from one version to the next: the committed files must show
    // the same picture as build/icon.svg does today, not be the same bytes.
    it.skipIf(!existsSync(chromium))('the committed files show what build/icon.svg draws', { timeout: 120_000 }, async () => {
      await promisify(execFile)(process.execPath, [path.join(root, 'scripts/make-icons.mjs'), '--out', out, '--browser', chromium]);
      const pairs: [string, Buffer, Buffer][] = PNG_SIZES.map((size) => [
        `${size}x${size}.png`,
        read('icons', `${size}x${size}.png`),
        readFileSync(path.join(out, 'icons', `${size}x${size}.png`)),
      ]);
      const fresh = readIcns(readFileSync(path.join(out, 'icon.icns'))).chunks;
      for (const { type, data } of readIcns(read('icon.icns')).chunks) {
        pairs.push([`icon.icns ${type}`, data, fresh.find((chunk) => chunk.type === type)!.data]);
      }
      for (const [name, committed, regenerated] of pairs) {
        const a = decodePng(committed).rgba;
        const b = decodePng(regenerated).rgba;
        expect(b.length, name).toBe(a.length);
        let total = 0;
        for (let i = 0; i < a.length; i++) total += Math.abs(a[i]! - b[i]!);
        expect(total / a.length, `${name}: mean difference per channel (0..255)`).toBeLessThan(1);
      }
      // The container writer adds nothing of its own (no time, no order from a Map of files): when this Chromium
      // draws the very same bytes, the .ico and .icns are the very same files.
      if (pairs.every(([, committed, regenerated]) => committed.equals(regenerated))) {
        expect(readFileSync(path.join(out, 'icon.ico')).equals(read('icon.ico'))).toBe(true);
        expect(readFileSync(path.join(out, 'icon.icns')).equals(read('icon.icns'))).toBe(true);
      }
    });
  });
});
