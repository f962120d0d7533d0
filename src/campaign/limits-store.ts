/**
 * The account limits settings (`<data>/state/limits.json`, zod-parsed): warm-up, the first-contact guard's
 * threshold and the unanswered meter's warning. A damaged file is renamed aside and reported; the defaults are
 * used meanwhile. Saves run one after another.
 */
import { DEFAULT_LIMITS } from '../core/send-limits';
import { LimitSettings } from '../shared/contract/limits';
import { reportError, type ErrorReporter } from '../shared/events';
import type { JsonFile } from '../contacts/json-file';
import { readJsonState, serialWrites } from '../contacts/json-state';

export class LimitsStore {
  private current: LimitSettings = DEFAULT_LIMITS;
  private readonly write: (doc: unknown) => Promise<void>;

  constructor(
    private readonly file: JsonFile,
    private readonly report: ErrorReporter = reportError,
  ) {
    this.write = serialWrites(file);
  }

  async load(): Promise<void> {
    const stored = await readJsonState(
      this.file,
      LimitSettings,
      this.report,
      (aside) => `The limits settings ${this.file.path} could not be read${aside ? ` (kept as ${aside})` : ''}; the defaults are used`,
    );
    if (stored !== null) this.current = stored;
  }

  get(): LimitSettings {
    return this.current;
  }

  async save(settings: LimitSettings): Promise<LimitSettings> {
    this.current = structuredClone(settings);
    await this.write(structuredClone(settings));
    return this.current;
  }
}
