import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Settings, type SettingsChange } from '../shared/contract/connection';
import { LANGUAGE_CHOICES } from '../shared/languages';
import { AppFailure, errorMessage } from '../shared/result';
import { parseStoredJson, StoredDataError } from '../shared/stored-data';
import { keepAside } from './damaged-file';

export const defaultSettings: Settings = { browserPath: '', logoutOnExit: false, language: 'system' };

/**
 * settings.json as stored. Every field may be missing (a file from a version that had fewer settings: the default
 * fills it in); a field of the wrong type makes the file damaged. Unknown fields (a newer version's) are dropped.
 */
export const StoredSettings = Settings.extend({
  // A language this version does not have (a newer version's choice) falls back to the system's, not a damaged file.
  language: z.enum(LANGUAGE_CHOICES).catch('system'),
}).partial();

export interface SettingsLoad {
  settings: Settings;
  /** What went wrong with the file, for the log; null when it was read (or is not there yet). */
  problem: string | null;
}

/** The operator's settings as one JSON file, written atomically (temp file + rename) so a crash never truncates it. */
export class SettingsStore {
  private current: Settings = defaultSettings;
  /** Saves run one after another: two quick changes share one temp file name and must not interleave. */
  private saving: Promise<unknown> = Promise.resolve();

  /** Set when the file exists but could not be read or moved aside: saving would overwrite it. */
  private refusal: string | null = null;

  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Reads the file; a missing one gives the defaults. A damaged one (not JSON, a field of the wrong type) is never
   * written over: it is renamed aside (`settings.json.damaged-<time>`) and the defaults are used, which is what the
   * operator expects of two preferences (the app keeps working, nothing is lost, the log says where the copy is).
   * One that exists but cannot be read now (permissions, a disk error) may be fine: it is left in place and every
   * change is refused until the app can read it, so a passing error never costs the operator their settings.
   */
  async load(): Promise<SettingsLoad> {
    this.current = defaultSettings;
    this.refusal = null;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      // Not there yet: the first start, or the operator never changed a setting.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: this.current, problem: null };
      return { settings: this.current, problem: this.refuseChanges(`cannot be read (${errorMessage(err)})`) };
    }
    let damage: StoredDataError;
    try {
      this.current = { ...defaultSettings, ...parseStoredJson(StoredSettings, text, this.file) };
      return { settings: this.current, problem: null };
    } catch (err) {
      if (!(err instanceof StoredDataError)) throw err;
      damage = err;
    }
    try {
      const copy = await keepAside(this.file, this.now());
      return { settings: this.current, problem: `Settings file ${damage.message}: it was kept as ${copy}, and the default settings are used.` };
    } catch (err) {
      return {
        settings: this.current,
        problem: this.refuseChanges(`is damaged (${damage.message}) and could not be moved aside (${errorMessage(err)})`),
      };
    }
  }

  /** From now on saves are refused with this reason (the file is left as it is); returns the problem to log. */
  private refuseChanges(why: string): string {
    this.refusal = `Settings file ${this.file} ${why}. It is left as it is, and settings cannot be changed until it can be read: fix or remove that file, then restart the app.`;
    return this.refusal;
  }

  get(): Settings {
    return this.current;
  }

  /** Hears every saved change (main's language follows the operator's choice); returns the unsubscribe. */
  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A change from the page: never the browser (SettingsChange has no browserPath). */
  update(change: SettingsChange): Promise<Settings> {
    return this.save((current) => ({
      ...current,
      ...(change.logoutOnExit === undefined ? {} : { logoutOnExit: change.logoutOnExit }),
      ...(change.language === undefined ? {} : { language: change.language }),
    }));
  }

  /** The browser main chose and checked (settings:chooseBrowser); '' to find one automatically again. */
  setBrowserPath(browserPath: string): Promise<Settings> {
    return this.save((current) => ({ ...current, browserPath }));
  }

  /** `apply` sees the settings as the previous save left them, so no change is lost to another. */
  private save(apply: (current: Settings) => Settings): Promise<Settings> {
    const done = this.saving.then(async () => {
      if (this.refusal) throw new AppFailure('io', this.refusal);
      const next = apply(this.current);
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(next, null, 2));
      await rename(temp, this.file);
      this.current = next;
      for (const listener of this.listeners) listener(next);
      return next;
    });
    // The chain only orders the saves: a failed one is reported to its caller through `done`.
    this.saving = done.catch(() => undefined);
    return done;
  }
}
