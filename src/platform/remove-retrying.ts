/**
 * Deleting a folder reliably: a file another program holds (Chromium just after it closed, an antivirus scan or
 * Excel on Windows: EBUSY, EPERM) is retried with growing delays, and the folder counts as deleted only once it is
 * verified gone. Used by the session files (src/whatsapp/session-files.ts) and the data deleter
 * (delete-local-data.ts).
 */
import { z } from 'zod';
import { errorMessage } from '../shared/result';
import type { Clock } from './clock';

/** The part of `node:fs/promises` used here; `fs.promises` satisfies it. */
export interface RemoveFs {
  rm(target: string, options: { recursive: true; force: true }): Promise<void>;
  stat(target: string): Promise<unknown>;
}

export interface RetryOptions {
  /** rm attempts before giving up (default 8: about 10 seconds of waiting in all). */
  maxAttempts?: number;
  /** First delay between attempts (default 100 ms); it doubles each time up to maxDelayMs (default 2 s). */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** The marker of a deletion that could not finish: the next start deletes what it names (JSON). */
export const PendingRemovalMarker = z.object({
  /** ISO time the deletion failed. */
  when: z.string(),
  /** Folders still to delete. */
  what: z.array(z.string()),
  lastError: z.string(),
});
export type PendingRemovalMarker = z.infer<typeof PendingRemovalMarker>;

/** Errors that mean "something still holds a file": worth waiting and trying again. */
const RETRYABLE = new Set(['EBUSY', 'EPERM', 'ENOTEMPTY', 'EACCES', 'EMFILE', 'ENFILE']);

const codeOf = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;

/** rm with growing delays: a program holding a file lets go after a while. Never throws. */
export async function removeWithRetries(
  fs: RemoveFs,
  clock: Clock,
  target: string,
  options: RetryOptions = {},
): Promise<{ gone: boolean; attempts: number; lastError: string }> {
  const max = Math.max(1, options.maxAttempts ?? 8);
  let delay = options.firstDelayMs ?? 100;
  let lastError = '';
  for (let attempt = 1; attempt <= max; attempt++) {
    let retryable = true;
    try {
      await fs.rm(target, { recursive: true, force: true });
      if (!(await pathExists(fs, target))) return { gone: true, attempts: attempt, lastError: '' };
      lastError = `${target} still exists after deleting it`;
    } catch (err) {
      lastError = `${codeOf(err) ?? 'error'}: ${errorMessage(err)}`;
      retryable = RETRYABLE.has(codeOf(err) ?? '');
    }
    if (!retryable || attempt === max) return { gone: false, attempts: attempt, lastError };
    // A clock that cannot sleep still gets the remaining attempts.
    await clock.sleep(delay).catch(() => undefined);
    delay = Math.min(delay * 2, options.maxDelayMs ?? 2000);
  }
  return { gone: false, attempts: max, lastError };
}

/** Anything but "not there" (e.g. EPERM on stat) counts as still present: never claim a deletion we cannot see. */
export async function pathExists(fs: Pick<RemoveFs, 'stat'>, target: string): Promise<boolean> {
  try {
    await fs.stat(target);
    return true;
  } catch (err) {
    return codeOf(err) !== 'ENOENT' && codeOf(err) !== 'ENOTDIR';
  }
}
