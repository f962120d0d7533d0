/**
 * Where the current contact list came from and how it was read (`<data folder>/state/contacts-source.json`), so an
 * app restart reads the same file again with the same choices: the sheet, the header row, the phone column, the
 * country and the duplicates kept. Pasted numbers are kept as the text itself (up to MAX_KEPT_TEXT). The file's size
 * and modification time are kept too: a file changed or gone since is not read again behind the operator's back.
 */
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { reportError, type ErrorReporter } from '../shared/events';
import { errorMessage } from '../shared/result';
import { parseStored, StoredDataError } from '../shared/stored-data';
import { jsonFile, type JsonFile } from './json-file';

/** Pasted text longer than this is not kept (the list then does not come back after a restart). */
export const MAX_KEPT_TEXT = 2_000_000;

const FileSource = z.object({ kind: z.literal('file'), path: z.string().min(1), name: z.string(), size: z.number(), mtimeMs: z.number() }).strict();
const TextSource = z.object({ kind: z.literal('text'), text: z.string().max(MAX_KEPT_TEXT) }).strict();

/** contacts-source.json as stored (version 1 is the only one written so far). */
export const StoredImportRecord = z
  .object({
    version: z.literal(1),
    source: z.discriminatedUnion('kind', [FileSource, TextSource]),
    sheet: z.string().nullable(),
    hasHeader: z.boolean(),
    /** Row number of the header row; null when there is none. */
    headerRow: z.number().int().min(1).nullable(),
    /** Row number of the first row read as a contact (below the header; the old header row once it was switched off). */
    firstDataRow: z.number().int().min(1),
    phoneColumn: z.number().int().nonnegative(),
    defaultCountry: z.string(),
    /** The operator chose the country (it is given again); otherwise it is guessed again. */
    countryChosen: z.boolean(),
    /** Spreadsheet row numbers of the duplicates kept. */
    keptRows: z.array(z.number().int().min(1)),
  })
  .strict();
export type StoredImportRecord = z.infer<typeof StoredImportRecord>;
export type ImportRecordSource = StoredImportRecord['source'];

/** Whether a recorded file is still the one that was imported. */
export type SourceCheck = { state: 'same' } | { state: 'changed' } | { state: 'missing' } | { state: 'unreadable'; message: string };

/** The file's size and modification time now; null when it is not there. */
export async function fileStamp(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw err;
  }
}

/** Compares a recorded file with what is on disk now. */
export async function checkSource(source: Extract<ImportRecordSource, { kind: 'file' }>): Promise<SourceCheck> {
  try {
    const now = await fileStamp(source.path);
    if (!now) return { state: 'missing' };
    return now.size === source.size && now.mtimeMs === source.mtimeMs ? { state: 'same' } : { state: 'changed' };
  } catch (err) {
    return { state: 'unreadable', message: errorMessage(err) };
  }
}

/**
 * The record on disk. A damaged file is moved aside (`<name>.damaged-<time>`, reported) and read as none; writes
 * and removals run one after another so the last one asked for is the one on disk.
 */
export class ImportRecordStore {
  private readonly file: JsonFile;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly report: ErrorReporter = reportError,
  ) {
    this.file = jsonFile(path);
  }

  async read(): Promise<StoredImportRecord | null> {
    try {
      const doc = await this.file.read();
      return doc === null ? null : parseStored(StoredImportRecord, doc, this.path);
    } catch (err) {
      if (!(err instanceof StoredDataError)) {
        this.report(err, `The record of the imported contact list (${this.path}) could not be read; the list is not read again`);
        return null;
      }
      const copy = await this.file.keepAside().catch(() => null);
      this.report(err, `The record of the imported contact list was damaged${copy ? `; it was kept as ${copy}` : ''}; the list is not read again`);
      return null;
    }
  }

  write(record: StoredImportRecord): Promise<void> {
    return this.then(() => this.file.write(record), 'saved');
  }

  remove(): Promise<void> {
    return this.then(() => rm(this.path, { force: true }), 'removed');
  }

  private then(step: () => Promise<unknown>, what: string): Promise<void> {
    const next = this.queue.then(step).then(
      () => undefined,
      (err: unknown) => this.report(err, `The record of the imported contact list could not be ${what} (${this.path})`),
    );
    this.queue = next;
    return next;
  }
}

/** `<data folder>/state/contacts-source.json`. */
export const importRecordFile = (stateDir: string): string => path.join(stateDir, 'contacts-source.json');
