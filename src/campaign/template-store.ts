/** Saved message templates, by name, in one JSON file written atomically (stateDir/templates.json). */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../platform/clock';
import type { SavedTemplate } from '../shared/contract/campaign';
import { AppFailure } from '../shared/result';
import { writeFileAtomic } from './campaign-files';

export class TemplateStore {
  private cache: SavedTemplate[] | null = null;

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<SavedTemplate[]> {
    if (!this.cache) {
      try {
        const doc = JSON.parse(await fsp.readFile(this.file, 'utf8')) as { templates?: SavedTemplate[] };
        this.cache = Array.isArray(doc.templates) ? doc.templates.filter((t) => typeof t.name === 'string' && typeof t.text === 'string') : [];
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new AppFailure('io', `Saved templates ${this.file} cannot be read: ${(err as Error).message}`);
        }
        this.cache = [];
      }
    }
    return [...this.cache].sort((a, b) => b.updatedAt - a.updatedAt);
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
