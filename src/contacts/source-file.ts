import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ImportError, unreadable } from './import-error';

/** What tells one version of a file from another: a file saved, cut short or replaced while it is read differs. */
export interface FileVersion {
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
}

export interface OpenedSource {
  /** The first bytes (up to `headBytes`), for judging the format. */
  head: Uint8Array;
  version: FileVersion;
}

// Non-blocking, so opening a named pipe returns at once (to be refused) instead of waiting for a writer forever.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Opens a file to import and reads its first bytes, refusing anything but a regular file before reading: a named
 * pipe would hang the import, a device such as /dev/zero never ends, a folder is no list. Every failure is an
 * ImportError naming the file.
 */
export async function openSource(path: string, name: string, headBytes: number): Promise<OpenedSource> {
  try {
    const handle = await open(path, OPEN_FLAGS);
    try {
      const info = await handle.stat();
      refuseIfNotRegular(info, name);
      const bytes = Buffer.alloc(Math.min(headBytes, info.size));
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
      return { head: bytes.subarray(0, bytesRead), version: versionOf(info) };
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImportError('not_found', `${name}: file not found`);
    if (code === 'EACCES' || code === 'EPERM') throw new ImportError('io', `${name}: permission denied`);
    if (code === 'EISDIR') throw unreadable(name, 'is a folder, not a file');
    throw new ImportError('io', `${name}: could not be opened (${(err as Error).message})`);
  }
}

function refuseIfNotRegular(info: Stats, name: string): void {
  if (info.isFile()) return;
  if (info.isDirectory()) throw unreadable(name, 'is a folder, not a file');
  const what = info.isFIFO()
    ? 'a named pipe'
    : info.isCharacterDevice() || info.isBlockDevice()
      ? 'a device'
      : info.isSocket()
        ? 'a socket'
        : 'a special file';
  throw unreadable(name, `is not a regular file (it is ${what}); save the list to a file and import that`);
}

const versionOf = (info: Stats): FileVersion => ({ size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, dev: info.dev });

/** Whether the file at `path` is no longer the version that was opened (changed, cut short, replaced or gone). */
export async function changedSince(path: string, version: FileVersion): Promise<boolean> {
  try {
    const now = versionOf(await stat(path));
    return now.size !== version.size || now.mtimeMs !== version.mtimeMs || now.ino !== version.ino || now.dev !== version.dev;
  } catch {
    return true;
  }
}

export const changedWhileRead = (name: string): ImportError =>
  new ImportError('io', `${name}: the file changed while it was read; import it again once it is saved`);
