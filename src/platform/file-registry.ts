import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileRef } from '../shared/contract/files';
import { AppFailure } from '../shared/result';

interface Entry extends FileRef {
  path: string;
}

/**
 * Maps opaque file ids to real paths chosen by a dialog, a drop or an upload. The renderer only holds ids,
 * so a page can never make main read or write a path it invented.
 */
export class FileRegistry {
  private readonly entries = new Map<string, Entry>();

  async register(filePath: string): Promise<FileRef> {
    const info = await stat(filePath).catch(() => null);
    if (!info?.isFile()) throw new AppFailure('not_found', `File not found: ${filePath}`);
    return this.add(filePath, info.size);
  }

  /** A save target: the file need not exist yet. */
  registerTarget(filePath: string): FileRef {
    return this.add(filePath, 0);
  }

  resolve(id: string): { path: string; name: string } {
    const entry = this.entries.get(id);
    if (!entry) throw new AppFailure('not_found', 'That file is no longer available: choose it again.');
    return { path: entry.path, name: entry.name };
  }

  private add(filePath: string, size: number): FileRef {
    const ref: FileRef = { id: `f_${randomBytes(12).toString('base64url')}`, name: path.basename(filePath), size };
    this.entries.set(ref.id, { ...ref, path: filePath });
    return ref;
  }
}
