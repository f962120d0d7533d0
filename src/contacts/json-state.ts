/**
 * The small state files the stores keep in one JSON document (limits.json, reply-settings.json, replies.json): read
 * with a zod schema, a damaged file renamed aside and reported (the store carries on with its defaults), and writes
 * run one after another.
 */
import type { z } from 'zod';
import type { ErrorReporter } from '../shared/events';
import { parseStored } from '../shared/stored-data';
import type { JsonFile } from './json-file';

/**
 * The parsed document, or null when there is none yet or it is damaged. A damaged (or unreadable) file is renamed
 * aside and reported with `damaged(where it went, or null when it could not be moved)`.
 */
export async function readJsonState<S extends z.ZodType>(
  file: JsonFile,
  schema: S,
  report: ErrorReporter,
  damaged: (aside: string | null) => string,
): Promise<z.output<S> | null> {
  try {
    const raw = await file.read();
    return raw === null ? null : parseStored(schema, raw, file.path);
  } catch (err) {
    const aside = await file.keepAside().catch(() => null);
    report(err, damaged(aside));
    return null;
  }
}

/**
 * Writes to `file` one after another, each after the previous one settled. The promise of each call settles with
 * its own write; a failed write does not stop the next.
 */
export function serialWrites(file: JsonFile): (doc: unknown) => Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  return (doc) => {
    const saving = writing.then(() => file.write(doc));
    writing = saving.catch(() => undefined);
    return saving;
  };
}
