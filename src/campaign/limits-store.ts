/**
 * The account limits settings (`<data>/state/limits.json`, zod-parsed): warm-up, the first-contact guard's
 * threshold and the unanswered meter's warning. A damaged file is renamed aside and reported; the defaults are
 * used meanwhile. Saves run one after another.
 */
import { DEFAULT_LIMITS } from '../core/send-limits';
import { LimitSettings } from '../shared/contract/limits';
import { reportError, type ErrorReporter } from '../shared/events';
import { parseStored } from '../shared/stored-data';
import type { JsonFile } from '../contacts/json-file';

export class LimitsStore {
  private current: LimitSettings = DEFAULT_LIMITS;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: JsonFile,
    private readonly report: ErrorReporter = reportError,
  ) {}

  async load(): Promise<void> {
    try {
      const raw = await this.file.read();
      if (raw !== null) this.current = parseStored(LimitSettings, raw, this.file.path);
    } catch (err) {
      const aside = await this.file.keepAside().catch(() => null);
      this.report(err, `The limits settings ${this.file.path} could not be read${aside ? ` (kept as ${aside})` : ''}; the defaults are used`);
    }
  }

  get(): LimitSettings {
    return this.current;
  }

  async save(settings: LimitSettings): Promise<LimitSettings> {
    this.current = structuredClone(settings);
    const doc = structuredClone(settings);
    const saving = this.writing.then(() => this.file.write(doc));
    this.writing = saving.catch(() => undefined);
    await saving;
    return this.current;
  }
}
