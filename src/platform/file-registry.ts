import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileRef } from '../shared/contract/files';
import { AppFailure } from '../shared/result';

/**
 * What a reference was made for: `read` (an open dialog, a dropped file, an upload) or `write` (a save dialog, the
 * browser host's save target). A handler asks for the direction it needs, so an export can never overwrite a file
 * that was only chosen to be read (the imported contact list, say).
 */
export type FileDirection = 'read' | 'write';

interface Entry extends FileRef {
  path: string;
  direction: FileDirection;
}

/**
 * Maps opaque file ids to real paths chosen by a dialog, a drop or an upload. The renderer only holds ids,
 * so a page can never make main read or write a path it invented.
 */
export class FileRegistry {
  private readonly entries = new Map<string, Entry>();

  /** A file to read: only a regular file (a folder, a pipe or a device is refused, it would hang or fail an import). */
  async register(filePath: string): Promise<FileRef> {
    const info = await stat(filePath).catch(() => null);
    if (!info) throw new AppFailure('not_found', `File not found: ${filePath}`);
    if (!info.isFile()) {
      const what = info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a pipe' : info.isSocket() ? 'a socket' : 'a device';
      throw new AppFailure('bad_request', `${filePath} is ${what}, not a regular file: choose a file.`);
    }
    return this.add(filePath, info.size, 'read');
  }

  /** A save target: the file need not exist yet. */
  registerTarget(filePath: string): FileRef {
    return this.add(filePath, 0, 'write');
  }

  /**
   * The path behind an id, refused when the reference was made for the other direction. Without a direction any
   * reference resolves: only for the browser host handing back a file it holds (its download of a save target).
   */
  resolve(id: string, direction?: FileDirection): { path: string; name: string } {
    const entry = this.entries.get(id);
    if (!entry) throw new AppFailure('not_found', 'That file is no longer available: choose it again.');
    if (direction !== undefined && entry.direction !== direction) {
      throw new AppFailure(
        'bad_request',
        direction === 'write'
          ? `${entry.name} was chosen to be read, not written: choose where to save with the save dialog.`
          : `${entry.name} was chosen as a place to save, not a file to read: choose the file to open.`,
      );
    }
    return { path: entry.path, name: entry.name };
  }

  private add(filePath: string, size: number, direction: FileDirection): FileRef {
    const ref: FileRef = { id: `f_${randomBytes(12).toString('base64url')}`, name: path.basename(filePath), size };
    this.entries.set(ref.id, { ...ref, path: filePath, direction });
    return ref;
  }
}
