/** Saved message templates, by name, in one JSON file written atomically (stateDir/templates.json). */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../platform/clock';
import type { SavedTemplate } from '../shared/contract/campaign';
import { AppFailure, errorMessage } from '../shared/result';
import { parseStoredJson } from '../shared/stored-data';
import { writeFileAtomic } from './campaign-files';

/** templates.json as stored (version 1 is the only one written so far). */
export const StoredTemplates = z.object({
  version: z.literal(1),
  templates: z.array(z.object({ name: z.string(), text: z.string(), updatedAt: z.number() })),
});

/**
 * A file that cannot be read or is damaged is reported (naming the file and the field) and refused: nothing is
 * saved over it, since the operator's texts are in it. Fixing or removing the file ends the refusal.
 */
export class TemplateStore {
  private cache: SavedTemplate[] | null = null;

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<SavedTemplate[]> {
    this.cache ??= await this.read();
    return [...this.cache].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  private async read(): Promise<SavedTemplate[]> {
    let text: string;
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch (err) {
      // Not there yet: no template was saved.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new AppFailure('io', `Saved templates ${this.file} cannot be read: ${errorMessage(err)}`);
    }
    try {
      return parseStoredJson(StoredTemplates, text, this.file).templates;
    } catch (err) {
      throw new AppFailure('io', `Saved templates are damaged and were left as they are (fix or remove the file): ${errorMessage(err)}`);
    }
  }

  async save(name: string, text: string): Promise<SavedTemplate> {
    const all = await this.list();
    const saved: SavedTemplate = { name, text, updatedAt: this.clock.now() };
    await this.write([saved, ...all.filter((t) => t.name !== name)]);
    return saved;
  }

  async remove(name: string): Promise<void> {
    const all = await this.list();
    if (!all.some((t) => t.name === name)) throw new AppFailure('not_found', `No saved template named "${name}".`);
    await this.write(all.filter((t) => t.name !== name));
  }

  private async write(templates: SavedTemplate[]): Promise<void> {
    await fsp.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, templates }, null, 2)}\n`);
    this.cache = templates;
  }
}
