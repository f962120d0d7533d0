import { createPhoneNormaliser, type PhoneResult } from '../core/phone';
import { alternateE164 } from '../core/phone-variants';
import { OPT_OUT_MAX_ENTRIES, type ImportProblem, type OptOutChange } from '../shared/contract/contacts';
import { Listeners, type Unsubscribe } from '../shared/events';
import { AppFailure } from '../shared/result';
import type { JsonFile } from './json-file';

interface OptOutDocument {
  version: 1;
  numbers: string[];
  /** Why and when, for numbers added other than by hand ("replied STOP on 30 Nov 2026"). */
  notes?: Record<string, string>;
}

/**
 * Typed entries are read in slices of at most this many milliseconds, with a turn of the event loop between slices:
 * a long paste then never holds up other calls or the send loop for longer than that.
 */
const SLICE_MS = 10;
/** Longer than any phone number as written ("+44 (0) 7911 123 456 ext. 1234" is 31 characters). */
const MAX_NUMBER_CHARS = 64;
/** More digits than any written number has: 15 (E.164's maximum) after a 4-digit international prefix is 19. */
const MAX_NUMBER_DIGITS = 24;
const DIGIT = /\d/g;
const LETTER = /\p{L}/u;

/**
 * Junk the phone parser would refuse anyway, refused without it: the parser reads all of a long entry before it
 * says "too long", about 0.3 to 0.7 ms an entry, which made 100,000 junk lines a stall of a minute or more.
 */
function quickRefusal(value: string): PhoneResult | null {
  if (value.length > MAX_NUMBER_CHARS) {
    return { ok: false, reason: LETTER.test(value) ? 'letters in the number' : 'too long' };
  }
  if ((value.match(DIGIT)?.length ?? 0) > MAX_NUMBER_DIGITS) return { ok: false, reason: 'too long' };
  return null;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads typed entries in slices (see SLICE_MS); `read` is called once per entry, in order. */
async function eachInSlices(values: readonly string[], read: (value: string, index: number) => void): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < values.length; i++) {
    // The clock is read every 16 entries: an entry takes well under a millisecond.
    if ((i & 15) === 15 && performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
    read(values[i]!, i);
  }
}

function refuseLongLists(count: number): void {
  if (count > OPT_OUT_MAX_ENTRIES) {
    throw new AppFailure(
      'bad_request',
      `At most ${OPT_OUT_MAX_ENTRIES.toLocaleString('en')} numbers at a time (this has ${count.toLocaleString('en')}): import a longer list as a file.`,
    );
  }
}

/**
 * Numbers never to be messaged, persisted as JSON (AppPaths.optOutFile). Applied at import and checked again by
 * the send loop (`has`) right before each send, so a number added mid-campaign is still skipped.
 */
export class OptOutList {
  private numbers = new Set<string>();
  private notes = new Map<string, string>();
  /** The numbers sorted, for paging; rebuilt after a change (sorting a long list for every page was a stall too). */
  private sorted: string[] | null = null;
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
      throw new Error(this.damaged, { cause: err });
    }
    if (doc === null) return;
    const list = (doc as Partial<OptOutDocument>).numbers;
    if (!Array.isArray(list) || list.some((n) => typeof n !== 'string')) {
      this.damaged = `Opt-out list ${this.file.path} is damaged: "numbers" is not a list of numbers`;
      throw new Error(this.damaged);
    }
    this.numbers = new Set(list);
    const notes = (doc as Partial<OptOutDocument>).notes;
    this.notes = new Map(Object.entries(notes && typeof notes === 'object' ? notes : {}).filter(([, v]) => typeof v === 'string'));
    this.sorted = null;
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
    this.sorted ??= [...this.numbers].sort();
    return this.sorted.slice(offset, offset + limit);
  }

  onChanged(listener: (change: { total: number }) => void): Unsubscribe {
    return this.changed.on(listener);
  }

  /**
   * Adds numbers as typed (normalised with the default country); entries that are not numbers come back as problems.
   * The entries are read first (in slices, see SLICE_MS) and the list changes in one step, saved once.
   */
  async add(raw: readonly string[], defaultCountry: string): Promise<OptOutChange> {
    refuseLongLists(raw.length);
    const normalise = createPhoneNormaliser(defaultCountry);
    const problems: ImportProblem[] = [];
    const found: string[] = [];
    await eachInSlices(raw, (value, i) => {
      const text = value.trim();
      if (text === '') return;
      const result = quickRefusal(text) ?? normalise(text);
      if (!result.ok) problems.push({ row: i + 1, value, reason: result.reason });
      else found.push(result.e164);
    });
    let changed = 0;
    for (const e164 of found) {
      if (!this.has(e164)) {
        this.numbers.add(e164);
        changed++;
      }
    }
    if (changed > 0) await this.save();
    return { changed, problems, total: this.numbers.size };
  }

  /** Adds one normalised number with why ("replied STOP on 30 Nov 2026"), at once: an opt-out by reply. */
  async addByReply(e164: string, note: string): Promise<OptOutChange> {
    if (this.has(e164)) return { changed: 0, problems: [], total: this.numbers.size };
    this.numbers.add(e164);
    this.notes.set(e164, note);
    await this.save();
    return { changed: 1, problems: [], total: this.numbers.size };
  }

  /** Why a number is on the list, when it was added other than by hand. */
  noteOf(e164: string): string | null {
    return this.notes.get(e164) ?? null;
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

  /**
   * Removes numbers, given as stored (E.164) or as typed with the default country; both forms of one (see has).
   * Read in slices like add, then removed in one step.
   */
  async remove(raw: readonly string[], defaultCountry: string): Promise<OptOutChange> {
    refuseLongLists(raw.length);
    const normalise = createPhoneNormaliser(defaultCountry);
    const keys: string[] = [];
    await eachInSlices(raw, (value) => {
      if (this.numbers.has(value)) return void keys.push(value);
      const result = quickRefusal(value.trim()) ?? normalise(value);
      if (result.ok) keys.push(result.e164);
    });
    let changed = 0;
    for (const key of keys) {
      const alternate = alternateE164(key);
      if (this.numbers.delete(key)) changed++;
      if (alternate !== null && this.numbers.delete(alternate)) changed++;
    }
    if (changed > 0) await this.save();
    return { changed, problems: [], total: this.numbers.size };
  }

  /** Called right after every change to the set, in the same turn. */
  private save(): Promise<void> {
    this.sorted = null;
    if (this.damaged) {
      return Promise.reject(new AppFailure('io', `${this.damaged}. Repair or remove that file, then restart the app.`));
    }
    for (const n of this.notes.keys()) if (!this.numbers.has(n)) this.notes.delete(n);
    const doc: OptOutDocument = {
      version: 1,
      numbers: [...this.numbers].sort(),
      ...(this.notes.size > 0 ? { notes: Object.fromEntries(this.notes) } : {}),
    };
    const next = this.writing.then(() => this.file.write(doc));
    this.writing = next.catch(() => undefined);
    return next.then(() => this.changed.emit({ total: this.numbers.size }));
  }
}
