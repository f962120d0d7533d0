import path from 'node:path';
import type { AppPaths } from '../platform/app-paths';
import type { Clock } from '../platform/clock';
import { pathExists, PendingRemovalMarker, removeWithRetries, type RetryOptions } from '../platform/remove-retrying';
import { errorMessage } from '../shared/result';
import { parseStoredJson } from '../shared/stored-data';

/** The part of `node:fs/promises` the session files need; `fs.promises` satisfies it, tests pass a faulty one. */
export interface SessionFs {
  rm(target: string, options: { recursive: true; force: true }): Promise<void>;
  mkdir(target: string, options: { recursive: true; mode: number }): Promise<unknown>;
  chmod(target: string, mode: number): Promise<void>;
  stat(target: string): Promise<unknown>;
  readFile(target: string, encoding: 'utf8'): Promise<string>;
  writeFile(target: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export type SessionFilePaths = Pick<AppPaths, 'sessionDir' | 'webCacheDir' | 'pendingWipeMarker'>;

export interface WipeOutcome {
  /** Every folder is verified gone. */
  wiped: boolean;
  /** Something is left and the pending-wipe marker records it for the next start. */
  pendingWipe: boolean;
  /** Folders still on disk. */
  remaining: string[];
  /** rm attempts made across all folders. */
  attempts: number;
  /** A sentence for the log and the operator. */
  message: string;
}

/** What the pending-wipe marker holds (JSON). */
export const PendingWipeMarker = PendingRemovalMarker;
export type PendingWipeMarker = PendingRemovalMarker;

/** rm attempts and delays per folder (Chromium may hold files for a while on Windows, WHATSAPP.md #1). */
export type SessionFilesOptions = RetryOptions;

/**
 * The Chromium profile's HTTP and script caches, relative to the profile (LocalAuth's `<sessionDir>/session-main`).
 * Stale copies of WhatsApp Web's scripts live here (its service worker serves them); the login lives elsewhere
 * in the profile (Local Storage, IndexedDB) and is kept.
 */
export const BROWSER_CACHE_DIRS: readonly string[] = [
  path.join('Default', 'Cache'),
  path.join('Default', 'Code Cache'),
  path.join('Default', 'Service Worker', 'CacheStorage'),
  path.join('Default', 'Service Worker', 'ScriptCache'),
];

/** LocalAuth keeps the browser profile in `<dataPath>/session-<clientId>`; the app's clientId is 'main'. */
export const browserProfileDir = (sessionDir: string): string => path.join(sessionDir, 'session-main');

/**
 * Owns the folders whatsapp-web.js writes (the LocalAuth session, and the web version cache older versions of the
 * app wrote): creates them private, deletes them reliably, and remembers a wipe that could not finish so the next
 * start completes it.
 */
export class SessionFiles {
  constructor(
    private readonly fs: SessionFs,
    private readonly clock: Clock,
    readonly paths: SessionFilePaths,
    private readonly options: SessionFilesOptions = {},
  ) {}

  /** Creates the session folder readable by this user only (mkdir's mode is masked by umask, so chmod too). */
  async ensureDirs(): Promise<void> {
    const dir = this.paths.sessionDir;
    await this.fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await this.fs.chmod(dir, 0o700);
  }

  /** Deletes the session and the web cache, verifying they are gone. Never throws. */
  async wipe(): Promise<WipeOutcome> {
    return this.removeAll([this.paths.sessionDir, this.paths.webCacheDir], true);
  }

  /**
   * "Reset WhatsApp Web cache": deletes the browser's cached copies of WhatsApp Web (a stale one can keep it from
   * loading after an update, WHATSAPP.md #7, #8) and the old version cache, keeping the login. The browser must be
   * closed. Never throws.
   */
  async wipeBrowserCaches(): Promise<WipeOutcome> {
    const profile = browserProfileDir(this.paths.sessionDir);
    return this.removeAll([...BROWSER_CACHE_DIRS.map((dir) => path.join(profile, dir)), this.paths.webCacheDir], false);
  }

  async hasPendingWipe(): Promise<boolean> {
    return pathExists(this.fs, this.paths.pendingWipeMarker);
  }

  /** The marker's contents, or null when there is none; an unreadable marker still means "wipe". */
  async readPendingWipe(): Promise<PendingWipeMarker | null> {
    if (!(await this.hasPendingWipe())) return null;
    try {
      return parseStoredJson(PendingWipeMarker, await this.fs.readFile(this.paths.pendingWipeMarker, 'utf8'), this.paths.pendingWipeMarker);
    } catch (err) {
      return { when: '', what: [this.paths.sessionDir, this.paths.webCacheDir], lastError: `unreadable marker: ${errorMessage(err)}` };
    }
  }

  /**
   * On start, before the client touches the folders: finish a wipe an earlier log out could not complete.
   * Returns null when nothing was pending. The marker is removed only once the folders are really gone.
   */
  async honourPendingWipe(): Promise<WipeOutcome | null> {
    if (!(await this.hasPendingWipe())) return null;
    return this.wipe();
  }

  private async removeAll(targets: string[], recordPending: boolean): Promise<WipeOutcome> {
    let attempts = 0;
    let lastError = '';
    const remaining: string[] = [];
    for (const target of targets) {
      // Chromium can hold files for seconds after it closes (WHATSAPP.md #1).
      const result = await removeWithRetries(this.fs, this.clock, target, this.options);
      attempts += result.attempts;
      if (!result.gone) {
        remaining.push(target);
        lastError = result.lastError;
      }
    }
    if (remaining.length === 0) {
      if (recordPending) {
        const cleared = await this.clearMarker();
        if (!cleared.ok) {
          return {
            wiped: true,
            pendingWipe: true,
            remaining,
            attempts,
            message: `Session files deleted, but the pending-wipe marker ${this.paths.pendingWipeMarker} could not be removed (${cleared.error}); it will be retried on next start.`,
          };
        }
      }
      return { wiped: true, pendingWipe: false, remaining, attempts, message: `Deleted ${targets.join(' and ')}.` };
    }
    const left = remaining.join(', ');
    if (!recordPending) {
      return { wiped: false, pendingWipe: false, remaining, attempts, message: `Could not delete ${left}: ${lastError}` };
    }
    const written = await this.writeMarker({ when: new Date(this.clock.now()).toISOString(), what: remaining, lastError });
    if (written.ok) {
      return {
        wiped: false,
        pendingWipe: true,
        remaining,
        attempts,
        message: `Could not delete ${left} (${lastError}); it will be deleted when the app next starts.`,
      };
    }
    return {
      wiped: false,
      pendingWipe: false,
      remaining,
      attempts,
      message: `Could not delete ${left} (${lastError}) nor record it for the next start (${written.error}). Delete the folder by hand.`,
    };
  }

  /** Written to a temp file and renamed, so a crash never leaves half a marker. */
  private async writeMarker(marker: PendingWipeMarker): Promise<{ ok: true } | { ok: false; error: string }> {
    const file = this.paths.pendingWipeMarker;
    try {
      await this.fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const temp = `${file}.tmp`;
      await this.fs.writeFile(temp, JSON.stringify(marker, null, 2));
      await this.fs.rename(temp, file);
      return { ok: true };
    } catch (err) {
      return { ok: false, error: errorMessage(err) };
    }
  }

  private async clearMarker(): Promise<{ ok: true } | { ok: false; error: string }> {
    try {
      await this.fs.rm(this.paths.pendingWipeMarker, { recursive: true, force: true });
      return { ok: true };
    } catch (err) {
      return { ok: false, error: errorMessage(err) };
    }
  }
}
