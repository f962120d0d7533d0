import { z } from 'zod';
import { reportError, type ErrorReporter } from '../shared/events';
import { AppFailure, errorMessage } from '../shared/result';
import { parseStored, StoredDataError } from '../shared/stored-data';
import type { JsonFile } from './json-file';
import type { RememberedMapping } from './table-import';

/** Keeps at most this many layouts: old ones fall out first. */
const MAX_LAYOUTS = 200;

/** column-mappings.json as stored (version 1 is the only one written so far). */
export const StoredMappings = z.object({
  version: z.literal(1),
  mappings: z.record(
    z.string(),
    z.object({
      phoneColumn: z.number().int().nonnegative(),
      hasHeader: z.boolean(),
      defaultCountry: z.string().optional(),
    }),
  ),
});

/**
 * Column mappings the operator chose, per file layout (key = hash of the normalised header row, from
 * core/columns layoutKey), stored under AppPaths.stateDir. A damaged file only loses the memory, never an import:
 * it is renamed aside (`column-mappings.json.damaged-<time>`, reported) and the memory starts empty. A file that
 * exists but cannot be read (permissions, a disk error) is left alone and nothing is saved over it.
 */
export class MappingStore {
  private mappings: Record<string, RememberedMapping> = {};
  private loaded = false;
  /** Why nothing may be written (the file could not be read or moved aside); null when saving is fine. */
  private refusal: string | null = null;

  /** `report` receives every problem with the file (the app's log); by default the process's error reporter. */
  constructor(
    private readonly file: JsonFile,
    private readonly report: ErrorReporter = reportError,
  ) {}

  async all(): Promise<Record<string, RememberedMapping>> {
    if (!this.loaded) {
      this.loaded = true;
      await this.load();
    }
    return { ...this.mappings };
  }

  async remember(key: string, mapping: RememberedMapping): Promise<void> {
    await this.all();
    delete this.mappings[key];
    this.mappings[key] = mapping;
    const keys = Object.keys(this.mappings);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_LAYOUTS))) delete this.mappings[old];
    if (this.refusal) throw new AppFailure('io', this.refusal);
    try {
      await this.file.write({ version: 1, mappings: this.mappings });
    } catch (err) {
      this.report(err, `The column mapping could not be saved to ${this.file.path}`);
      throw err;
    }
  }

  private async load(): Promise<void> {
    let doc: unknown;
    try {
      doc = await this.file.read();
      if (doc === null) return;
      this.mappings = parseStored(StoredMappings, doc, this.file.path).mappings;
      return;
    } catch (err) {
      if (!(err instanceof StoredDataError)) return this.refuse(err, 'cannot be read');
      await this.setAside(err);
    }
  }

  private async setAside(damage: StoredDataError): Promise<void> {
    try {
      const copy = await this.file.keepAside();
      this.report(damage, `The remembered column mappings were damaged; the file was kept as ${copy} and mappings are remembered afresh`);
    } catch (err) {
      this.refuse(damage, `is damaged and could not be moved aside (${errorMessage(err)})`);
    }
  }

  private refuse(err: unknown, why: string): void {
    this.refusal = `The column mappings file ${this.file.path} ${why}; it is left as it is and no mapping is remembered until it can be read`;
    this.report(err, this.refusal);
  }
}
