import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Settings } from '../shared/contract/connection';

export const defaultSettings: Settings = { browserPath: '', logoutOnExit: false };

/** The operator's settings as one JSON file, written atomically (temp file + rename) so a crash never truncates it. */
export class SettingsStore {
  private current: Settings = defaultSettings;

  constructor(private readonly file: string) {}

  /** Reads the file; a missing or damaged file gives the defaults (and the damage is reported, not fatal). */
  async load(): Promise<{ settings: Settings; problem: string | null }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return { settings: (this.current = defaultSettings), problem: null };
    }
    try {
      const parsed = Settings.partial().parse(JSON.parse(text));
      this.current = { ...defaultSettings, ...parsed };
      return { settings: this.current, problem: null };
    } catch (err) {
      this.current = defaultSettings;
      return { settings: this.current, problem: `Settings file ${this.file} is damaged and was ignored (${String(err).slice(0, 120)})` };
    }
  }

  get(): Settings {
    return this.current;
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    const next = { ...this.current, ...change };
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(next, null, 2));
    await rename(temp, this.file);
    this.current = next;
    return next;
  }
}
