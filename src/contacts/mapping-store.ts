import type { JsonFile } from './json-file';
import type { RememberedMapping } from './table-import';

/** Keeps at most this many layouts: old ones fall out first. */
const MAX_LAYOUTS = 200;

/**
 * Column mappings the operator chose, per file layout (key = hash of the normalised header row, from
 * core/columns layoutKey), stored under AppPaths.stateDir. A damaged file only loses the memory, never an import.
 */
export class MappingStore {
  private mappings: Record<string, RememberedMapping> = {};
  private loaded = false;

  constructor(private readonly file: JsonFile) {}

  async all(): Promise<Record<string, RememberedMapping>> {
    if (!this.loaded) {
      this.loaded = true;
      try {
        const doc = (await this.file.read()) as { mappings?: Record<string, RememberedMapping> } | null;
        if (doc && typeof doc.mappings === 'object' && doc.mappings) this.mappings = doc.mappings;
      } catch {
        this.mappings = {};
      }
    }
    return { ...this.mappings };
  }

  async remember(key: string, mapping: RememberedMapping): Promise<void> {
    await this.all();
    delete this.mappings[key];
    this.mappings[key] = mapping;
    const keys = Object.keys(this.mappings);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_LAYOUTS))) delete this.mappings[old];
    await this.file.write({ version: 1, mappings: this.mappings });
  }
}
