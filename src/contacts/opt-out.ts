import { createPhoneNormaliser } from '../core/phone';
import { alternateE164 } from '../core/phone-variants';
import type { ImportProblem, OptOutChange } from '../shared/contract/contacts';
import { Listeners, type Unsubscribe } from '../shared/events';
import { AppFailure } from '../shared/result';
import type { JsonFile } from './json-file';

interface OptOutDocument {
  version: 1;
  numbers: string[];
}

/**
 * Numbers never to be messaged, persisted as JSON (AppPaths.optOutFile). Applied at import and checked again by
 * the send loop (`has`) right before each send, so a number added mid-campaign is still skipped.
 */
export class OptOutList {
  private numbers = new Set<string>();
  private readonly changed = new Listeners<{ total: number }>();
  /** Writes run one after another so two quick changes cannot finish out of order. */
  private writing: Promise<void> = Promise.resolve();

  /** Set when the file could not be read: the list then refuses changes so the damaged file is never overwritten. */
  private damaged: string | null = null;

  constructor(private readonly file: JsonFile) {}

  /** Reads the file; a damaged file is reported and left untouched (never silently replaced by an empty list). */
  async load(): Promise<void> {
    let doc: unknown;
    try {
      doc = await this.file.read();
    } catch (err) {
      this.damaged = `Opt-out list ${this.file.path} is damaged: ${(err as Error).message}`;
      throw new Error(this.damaged);
    }
    if (doc === null) return;
    const list = (doc as Partial<OptOutDocument>).numbers;
    if (!Array.isArray(list) || list.some((n) => typeof n !== 'string')) {
      this.damaged = `Opt-out list ${this.file.path} is damaged: "numbers" is not a list of numbers`;
      throw new Error(this.damaged);
    }
    this.numbers = new Set(list);
  }

  /**
   * Either form of a Brazilian or Mexican mobile (phone-variants.ts) counts: lists and this file, when saved before
   * the two forms were made one, may hold the other form of a number.
   */
  has(e164: string): boolean {
    if (this.numbers.has(e164)) return true;
    const alternate = alternateE164(e164);
    return alternate !== null && this.numbers.has(alternate);
  }

  get size(): number {
    return this.numbers.size;
  }

  list(offset: number, limit: number): string[] {
    return [...this.numbers].sort().slice(offset, offset + limit);
  }

  onChanged(listener: (change: { total: number }) => void): Unsubscribe {
    return this.changed.on(listener);
  }

  /** Adds numbers as typed (normalised with the default country); entries that are not numbers come back as problems. */
  async add(raw: readonly string[], defaultCountry: string): Promise<OptOutChange> {
    const normalise = createPhoneNormaliser(defaultCountry);
    const problems: ImportProblem[] = [];
    let changed = 0;
    raw.forEach((value, i) => {
      if (value.trim() === '') return;
      const result = normalise(value);
      if (!result.ok) problems.push({ row: i + 1, value, reason: result.reason });
      else if (!this.has(result.e164)) {
        this.numbers.add(result.e164);
        changed++;
      }
    });
    if (changed > 0) await this.save();
    return { changed, problems, total: this.numbers.size };
  }

  /** Adds already-normalised numbers (from an imported file). */
  async addNormalised(e164s: Iterable<string>, problems: ImportProblem[] = []): Promise<OptOutChange> {
    let changed = 0;
    for (const n of e164s) {
      if (!this.has(n)) {
        this.numbers.add(n);
        changed++;
      }
    }
    if (changed > 0) await this.save();
    return { changed, problems, total: this.numbers.size };
  }

  /** Removes numbers, given as stored (E.164) or as typed with the default country; both forms of one (see has). */
  async remove(raw: readonly string[], defaultCountry: string): Promise<OptOutChange> {
    const normalise = createPhoneNormaliser(defaultCountry);
    let changed = 0;
    for (const value of raw) {
      const result = normalise(value);
      const key = this.numbers.has(value) ? value : result.ok ? result.e164 : null;
      if (key === null) continue;
      const alternate = alternateE164(key);
      if (this.numbers.delete(key)) changed++;
      if (alternate !== null && this.numbers.delete(alternate)) changed++;
    }
    if (changed > 0) await this.save();
    return { changed, problems: [], total: this.numbers.size };
  }

  private save(): Promise<void> {
    if (this.damaged) {
      return Promise.reject(new AppFailure('io', `${this.damaged}. Repair or remove that file, then restart the app.`));
    }
    const doc: OptOutDocument = { version: 1, numbers: [...this.numbers].sort() };
    const next = this.writing.then(() => this.file.write(doc));
    this.writing = next.catch(() => undefined);
    return next.then(() => this.changed.emit({ total: this.numbers.size }));
  }
}
