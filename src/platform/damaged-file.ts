/**
 * A stored file that cannot be used is never written over: it is renamed aside (`settings.json.damaged-<time>`), so
 * the operator (or support) still has it, and the app starts that file afresh. Used by the stores whose contents are
 * a convenience the app can run without (settings, remembered column mappings).
 */
import fsp from 'node:fs/promises';

/** `2026-11-30T07-19-31-123Z`: sorts by time, and has no ':' (not allowed in Windows file names). */
const stamp = (now: number): string => new Date(now).toISOString().replace(/:/g, '-').replace('.', '-');

/** Renames `file` to `<file>.damaged-<time>` (never over an earlier copy) and returns the new path. */
export async function keepAside(file: string, now: number = Date.now()): Promise<string> {
  const base = `${file}.damaged-${stamp(now)}`;
  for (let n = 0; ; n++) {
    const target = n === 0 ? base : `${base}-${n}`;
    // A copy from the same millisecond (a second damaged load) gets a number rather than replacing the first.
    const taken = await fsp.stat(target).then(
      () => true,
      (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? false : Promise.reject(err)),
    );
    if (taken) continue;
    await fsp.rename(file, target);
    return target;
  }
}

/** An error from reading a file that is not about its contents (permissions, a disk error, a folder in its place). */
export const isReadFailure = (err: unknown): boolean => typeof (err as NodeJS.ErrnoException | null)?.code === 'string';
