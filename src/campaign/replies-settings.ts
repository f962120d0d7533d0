/**
 * The opt-out-by-reply settings (`<data>/state/reply-settings.json`, zod-parsed): the keywords (null: the defaults
 * in seven languages) and the optional confirmation, off by default. A damaged file is renamed aside and reported;
 * the defaults are used meanwhile.
 */
import { cleanKeywords, DEFAULT_OPT_OUT_KEYWORDS } from '../core/opt-out-keywords';
import { ReplySettings as ReplySettingsSchema, type ReplySettings as StoredReplySettings, type ReplySettingsView } from '../shared/contract/replies';
import { reportError, type ErrorReporter } from '../shared/events';
import { AppFailure } from '../shared/result';
import type { JsonFile } from '../contacts/json-file';
import { readJsonState, serialWrites } from '../contacts/json-state';
import type { ReplySettings } from './replies';

export const DEFAULT_CONFIRMATION = 'You will not receive more messages from us.';
const DEFAULTS: StoredReplySettings = { keywords: null, confirm: false, confirmationText: DEFAULT_CONFIRMATION };

export class ReplySettingsStore {
  private current: StoredReplySettings = DEFAULTS;
  private effective: readonly string[] = DEFAULT_OPT_OUT_KEYWORDS;
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
      ReplySettingsSchema,
      this.report,
      (aside) => `The opt-out reply settings ${this.file.path} could not be read${aside ? ` (kept as ${aside})` : ''}; the defaults are used`,
    );
    if (stored !== null) this.set(stored);
  }

  /** What the reply tracker uses. */
  forTracker(): ReplySettings {
    const text = this.current.confirmationText.trim();
    return { keywords: this.effective, confirmation: this.current.confirm && text ? text : null };
  }

  view(): ReplySettingsView {
    return { ...this.current, effective: [...this.effective], defaults: [...DEFAULT_OPT_OUT_KEYWORDS] };
  }

  /** Saves a change; keywords are cleaned (trimmed, duplicates once) and an empty list is refused. */
  async update(change: Partial<StoredReplySettings>): Promise<ReplySettingsView> {
    const next = { ...this.current, ...change };
    if (next.keywords !== null) {
      const { keywords, refused } = cleanKeywords(next.keywords);
      if (refused.length > 0)
        throw new AppFailure(
          'bad_request',
          `Not usable as opt-out keywords: ${refused.map((k) => `"${k}"`).join(', ')} (a keyword needs a letter or digit, at most 40 characters).`,
        );
      if (keywords.length === 0) throw new AppFailure('bad_request', 'Keep at least one opt-out keyword, or go back to the defaults.');
      next.keywords = keywords;
    }
    if (next.confirm && !next.confirmationText.trim())
      throw new AppFailure('bad_request', 'Write the confirmation text, or turn the confirmation off.');
    this.set(next);
    await this.write(structuredClone(next));
    return this.view();
  }

  private set(settings: StoredReplySettings): void {
    this.current = settings;
    this.effective = settings.keywords ?? DEFAULT_OPT_OUT_KEYWORDS;
  }
}
