import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keepAside } from '../platform/damaged-file';
import { parseJsonText } from '../shared/stored-data';

/** One JSON document on disk; the stores take this so tests can pass a fake (or a file in a temp dir). */
export interface JsonFile {
  /**
   * The parsed document, or null when the file does not exist yet. Throws a StoredDataError (naming the file) when
   * it is not JSON, and the file system's error when it exists but cannot be read.
   */
  read(): Promise<unknown | null>;
  /** Replaces the document atomically (temp file + rename): a crash leaves the old or the new file, never half. */
  write(value: unknown): Promise<void>;
  /** Renames a damaged file aside (`<name>.damaged-<time>`, never written over) and returns where it went. */
  keepAside(): Promise<string>;
  readonly path: string;
}

let tempCounter = 0;

export function jsonFile(file: string): JsonFile {
  return {
    path: file,
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      return parseJsonText(text, file);
    },
    async write(value) {
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, file);
    },
    keepAside: () => keepAside(file),
  };
}

/** A JsonFile that lives in memory: the CLI's stores, which must not touch the app's saved state. */
export function memoryJsonFile(initial: unknown = null): JsonFile & { value: unknown } {
  const file = {
    path: '(memory)',
    value: initial,
    read: async () => (file.value === null ? null : JSON.parse(JSON.stringify(file.value))),
    write: async (v: unknown) => {
      file.value = JSON.parse(JSON.stringify(v));
    },
    keepAside: async () => {
      file.value = null;
      return '(memory)';
    },
  };
  return file;
}
