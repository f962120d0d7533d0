import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Electron's fuse sentinel: @electron/fuses finds the fuse wire right after it (its constants.ts). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * The fuses of an Electron 45 binary as shipped, in wire order (FuseV1Options 0..7): RunAsNode on, cookie
 * encryption off, NODE_OPTIONS on, --inspect on, embedded asar integrity off, load only from asar off, browser V8
 * snapshot off, file: protocol privileges on. '1' is enabled, '0' disabled, as in the binary.
 */
export const ELECTRON_DEFAULT_FUSES = '10110001';

/**
 * Makes a folder that electron-builder takes as an unpacked Electron (`-c.electronDist=<folder>`): an executable
 * `electron` that carries Electron's fuse wire (the sentinel, the wire version 1, the number of fuses, one byte per
 * fuse), so electron-builder's `electronFuses` flips it and @electron/fuses reads back what was flipped. It is a
 * shell script: it runs, but it is not Electron (no Electron binary can be downloaded where the tests run).
 */
export async function makeStandinElectron(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1'),
  ]);
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\n# Stand-in Electron for packaging tests (test/support/standin-electron.ts).\n# '),
    wire,
    Buffer.from('\necho "stand-in Electron: not a real Electron binary" >&2\nexit 1\n'),
  ]);
  const binary = path.join(dir, 'electron');
  await writeFile(binary, script);
  await chmod(binary, 0o755);
  return dir;
}
