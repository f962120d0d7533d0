import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Settings, type SettingsChange } from '../shared/contract/connection';

export const defaultSettings: Settings = { browserPath: '', logoutOnExit: false };

/** The operator's settings as one JSON file, written atomically (temp file + rename) so a crash never truncates it. */
export class SettingsStore {
  private current: Settings = defaultSettings;
  /** Saves run one after another: two quick changes share one temp file name and must not interleave. */
  private saving: Promise<unknown> = Promise.resolve();

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

  /** A change from the page: never the browser (SettingsChange has no browserPath). */
  update(change: SettingsChange): Promise<Settings> {
    return this.save((current) =>
      change.logoutOnExit === undefined ? current : { ...current, logoutOnExit: change.logoutOnExit },
    );
  }

  /** The browser main chose and checked (settings:chooseBrowser); '' to find one automatically again. */
  setBrowserPath(browserPath: string): Promise<Settings> {
    return this.save((current) => ({ ...current, browserPath }));
  }

  /** `apply` sees the settings as the previous save left them, so no change is lost to another. */
  private save(apply: (current: Settings) => Settings): Promise<Settings> {
    const done = this.saving.then(async () => {
      const next = apply(this.current);
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(next, null, 2));
      await rename(temp, this.file);
      this.current = next;
      return next;
    });
    this.saving = done.catch(() => undefined);
    return done;
  }
}
