// Makes every icon file from the one source image, build/icon.svg:
//   build/icons/NxN.png  16..1024, the tile edge to edge (Linux; electron-builder reads the size from the name)
//   build/icon.ico       16..256, PNG-embedded (Windows, the NSIS installer)
//   build/icon.icns      16..1024 incl. @2x, PNG-embedded, with Apple's margin around the tile (macOS, the DMG)
// The SVG is rasterised at each size by Chromium through playwright-core (no native image library); the ICO and
// ICNS containers are written here. The outputs are committed, so packaging does not need Chromium.
//
//   npm run icons [-- --out DIR] [--browser PATH]
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(root, 'build', 'icon.svg');

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS chunk type -> pixel size. icp4..ic10 are the 1x images, ic11..ic14 the @2x ones (ic10 is 512@2x too).
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
// Apple's icon grid: an 824 px tile centred on a 1024 px canvas. Windows and Linux icons use the whole canvas.
const MAC_TILE = 824;

function parseArgs(argv) {
  const args = { out: path.join(root, 'build'), browser: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') args.out = path.resolve(argv[++i] ?? '');
    else if (arg === '--browser') args.browser = argv[++i];
    else throw new Error(`make-icons: unknown option ${arg} (use --out DIR, --browser PATH)`);
  }
  return args;
}

function findBrowser(explicit) {
  const candidates = [
    explicit,
    process.env.CHROMIUM_PATH,
    process.env.WA_BROWSER_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ].filter(Boolean);
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`make-icons: no Chromium or Chrome found (tried ${candidates.join(', ')}); pass --browser PATH`);
  }
  return found;
}

/** The source SVG with its root element sized to `size` px and showing `viewBox`. */
function sizedSvg(svg, size, viewBox) {
  return svg.replace(/<svg\b[^>]*>/, (tag) => {
    const rest = tag
      .replace(/^<svg/, '')
      .replace(/\s(width|height|viewBox)="[^"]*"/g, '')
      .replace(/>$/, '');
    return `<svg width="${size}" height="${size}" viewBox="${viewBox}"${rest}>`;
  });
}

async function rasterise(page, svg, size, viewBox) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sizedSvg(svg, size, viewBox)}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/** A Windows icon: ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNG files themselves. */
export function icoFile(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** An Apple icon: 'icns' + total length, then chunks of type + length (both including their 8-byte header). */
export function icnsFile(chunks) {
  const parts = chunks.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const svg = await readFile(SOURCE, 'utf8');
  const margin = (1024 * (1024 / MAC_TILE) - 1024) / 2;
  const fullView = '0 0 1024 1024';
  const macView = `${-margin} ${-margin} ${1024 + 2 * margin} ${1024 + 2 * margin}`;

  const browser = await chromium.launch({ executablePath: findBrowser(args.browser) });
  const full = new Map();
  const mac = new Map();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const size of PNG_SIZES) full.set(size, await rasterise(page, svg, size, fullView));
    for (const size of new Set(ICNS_TYPES.map(([, size]) => size))) mac.set(size, await rasterise(page, svg, size, macView));
  } finally {
    await browser.close();
  }

  const iconsDir = path.join(args.out, 'icons');
  await rm(iconsDir, { recursive: true, force: true });
  await mkdir(iconsDir, { recursive: true });
  for (const [size, png] of full) await writeFile(path.join(iconsDir, `${size}x${size}.png`), png);
  await writeFile(path.join(args.out, 'icon.ico'), icoFile(ICO_SIZES.map((size) => ({ size, png: full.get(size) }))));
  await writeFile(path.join(args.out, 'icon.icns'), icnsFile(ICNS_TYPES.map(([type, size]) => ({ type, png: mac.get(size) }))));
  console.log(
    `make-icons: wrote ${path.relative(root, iconsDir) || iconsDir}/{${PNG_SIZES.map((s) => `${s}x${s}`).join(',')}}.png, icon.ico, icon.icns`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
