/**
 * Deleting the operator's data from this computer (a campaign's folder; on log out, every campaign and the scratch
 * folder), reliably: a file another program holds (an antivirus scan or Excel on Windows: EBUSY, EPERM) is retried
 * with growing delays, what is still left is recorded in a marker and deleted on the next start, and a folder counts
 * as deleted only once it is verified gone.
 */
import path from 'node:path';
import { errorMessage } from '../shared/result';
import { parseStoredJson } from '../shared/stored-data';
import type { Clock } from './clock';
import { PendingRemovalMarker, removeWithRetries, type RetryOptions } from './remove-retrying';

/** The part of `node:fs/promises` used here; `fs.promises` satisfies it, tests pass one whose rm fails. */
export interface DeleteFs {
  rm(target: string, options: { recursive: true; force: true }): Promise<void>;
  stat(target: string): Promise<unknown>;
  readFile(target: string, encoding: 'utf8'): Promise<string>;
  writeFile(target: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(target: string, options: { recursive: true; mode: number }): Promise<unknown>;
}

export interface DeleteOutcome {
  /** Every folder is verified gone. */
  deleted: boolean;
  /** Something is left and the marker records it: the next start deletes it. */
  pending: boolean;
  /** Folders still on disk. */
  remaining: string[];
  /** A sentence for the log and the operator. */
  message: string;
}

/** The marker of a data deletion that could not finish (`<data folder>/pending-data-delete.json`). */
export const PendingDeleteMarker = PendingRemovalMarker;
export type PendingDeleteMarker = PendingRemovalMarker;

export const PENDING_DELETE_FILE = 'pending-data-delete.json';

export interface DataDeleterOptions extends RetryOptions {
  /** The data folder: the marker lives here, and no folder outside it is ever deleted (not even one a marker names). */
  root: string;
}

export class DataDeleter {
  private readonly marker: string;

  constructor(
    private readonly fs: DeleteFs,
    private readonly clock: Clock,
    private readonly options: DataDeleterOptions,
  ) {
    this.marker = path.join(options.root, PENDING_DELETE_FILE);
  }

  /**
   * Deletes the folders (each must lie inside the data folder) and verifies they are gone. What cannot be deleted is
   * added to the marker for the next start. Never throws.
   */
  async delete(folders: readonly string[]): Promise<DeleteOutcome> {
    const inside = folders.filter((f) => this.isInside(f));
    const remaining: string[] = [];
    let lastError = '';
    for (const folder of inside) {
      const result = await removeWithRetries(this.fs, this.clock, folder, this.options);
      if (!result.gone) {
        remaining.push(folder);
        lastError = result.lastError;
      }
    }
    const previous = await this.readMarker();
    const still = [...new Set([...(previous?.what ?? []).filter((f) => !inside.includes(f)), ...remaining])];
    const recorded = await this.saveMarker(still, lastError || previous?.lastError || '');
    if (remaining.length === 0) {
      return { deleted: true, pending: false, remaining, message: `Deleted ${inside.map((f) => path.basename(f)).join(' and ') || 'nothing'}.` };
    }
    const left = remaining.join(', ');
    if (recorded.ok) {
      return {
        deleted: false,
        pending: true,
        remaining,
        message: `Could not delete ${left} (${lastError}); it will be deleted when the app next starts.`,
      };
    }
    return {
      deleted: false,
      pending: false,
      remaining,
      message: `Could not delete ${left} (${lastError}), nor note it for the next start (${recorded.error}). Close the program using it and delete the folder by hand.`,
    };
  }

  /** On start, before anything reads the folders: finishes a deletion an earlier run could not complete. Null when none was pending. */
  async honourPending(): Promise<DeleteOutcome | null> {
    const marker = await this.readMarker();
    if (!marker) return null;
    return this.delete(marker.what);
  }

  private isInside(folder: string): boolean {
    const relative = path.relative(path.resolve(this.options.root), path.resolve(folder));
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  /** An unreadable marker is not trusted for paths (it could name anything): it is replaced by what is known now. */
  private async readMarker(): Promise<PendingDeleteMarker | null> {
    let text: string;
    try {
      text = await this.fs.readFile(this.marker, 'utf8');
    } catch {
      return null;
    }
    try {
      return parseStoredJson(PendingDeleteMarker, text, this.marker);
    } catch {
      return null;
    }
  }

  /** Writes the marker (temp file, then rename), or removes it when nothing is left. */
  private async saveMarker(what: string[], lastError: string): Promise<{ ok: true } | { ok: false; error: string }> {
    try {
      if (what.length === 0) {
        await this.fs.rm(this.marker, { recursive: true, force: true });
        return { ok: true };
      }
      await this.fs.mkdir(this.options.root, { recursive: true, mode: 0o700 });
      const marker: PendingDeleteMarker = { when: new Date(this.clock.now()).toISOString(), what, lastError };
      await this.fs.writeFile(`${this.marker}.tmp`, JSON.stringify(marker, null, 2));
      await this.fs.rename(`${this.marker}.tmp`, this.marker);
      return { ok: true };
    } catch (err) {
      return { ok: false, error: errorMessage(err) };
    }
  }
}
