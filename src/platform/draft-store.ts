/**
 * The campaign being prepared (message, attachment path, pacing and sending hours, name), kept in one JSON file
 * (`<data folder>/state/draft.json`) written atomically (temp file + rename), so a reload of the page or a restart
 * of the app finds it again. It lives until a campaign is started from it or the operator discards it.
 */
import path from 'node:path';
import { z } from 'zod';
import { PacingSettings } from '../shared/contract/campaign';
import { AppFailure, errorMessage } from '../shared/result';
import { parseStoredJson, StoredDataError } from '../shared/stored-data';
import { keepAside } from './damaged-file';

/** draft.json as stored (version 1 is the only one written so far). */
export const StoredDraft = z
  .object({
    version: z.literal(1),
    template: z.string(),
    /** Where the attachment was when it was chosen; checked again when the draft is read back. */
    attachment: z
      .object({ path: z.string().min(1), name: z.string() })
      .strict()
      .nullable(),
    pacing: PacingSettings.nullable(),
    campaignName: z.string(),
    draftId: z.string(),
    /** Epoch ms. */
    savedAt: z.number(),
  })
  .strict();
export type StoredDraft = z.infer<typeof StoredDraft>;

export type DraftContent = Omit<StoredDraft, 'version' | 'savedAt'>;

/** The file operations the store uses (node:fs/promises; a test passes a faulty one). */
export interface DraftFs {
  readFile(target: string, encoding: 'utf8'): Promise<string>;
  writeFile(target: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(target: string, options: { recursive: true; mode: number }): Promise<unknown>;
  rm(target: string, options: { recursive: true; force: true }): Promise<void>;
}

export interface DraftLoad {
  draft: StoredDraft | null;
  /** What was wrong with the file, for the log and the page; null when it was read (or there is none). */
  problem: string | null;
}

export class DraftStore {
  /** Saves and discards run one after another, so the last one asked for is the one on disk. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Set when the file exists but could not be read: saving would replace it, so saves are refused until it can. */
  private refusal: string | null = null;

  constructor(
    private readonly fs: DraftFs,
    private readonly file: string,
    private readonly now: () => number,
    /** Moves a damaged file aside (src/platform/damaged-file.ts); replaceable in tests. */
    private readonly moveAside: (file: string, now: number) => Promise<string> = keepAside,
  ) {}

  /**
   * The kept draft, or null. A damaged file (not JSON, a field of the wrong type) is moved aside, never written
   * over, and the problem says where the copy is; a file that cannot be read now is left in place.
   */
  async load(): Promise<DraftLoad> {
    await this.queue;
    let text: string;
    try {
      text = await this.fs.readFile(this.file, 'utf8');
    } catch (err) {
      this.refusal = null;
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { draft: null, problem: null };
      this.refusal = `The kept draft ${this.file} cannot be read (${errorMessage(err)}); it is left as it is, and changes are not kept until it can be read.`;
      return { draft: null, problem: this.refusal };
    }
    this.refusal = null;
    try {
      return { draft: parseStoredJson(StoredDraft, text, this.file), problem: null };
    } catch (err) {
      if (!(err instanceof StoredDataError)) throw err;
      const copy = await this.moveAside(this.file, this.now()).catch(() => null);
      const kept = copy ? `it was kept as ${copy}` : 'it could not be moved aside and is left as it is';
      return { draft: null, problem: `The kept draft is damaged (${err.message}): ${kept}, and a new draft starts.` };
    }
  }

  save(content: DraftContent): Promise<StoredDraft> {
    const draft: StoredDraft = { version: 1, ...content, savedAt: this.now() };
    return this.enqueue(async () => {
      if (this.refusal) throw new AppFailure('io', this.refusal);
      await this.fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const temp = `${this.file}.${process.pid}.tmp`;
      await this.fs.writeFile(temp, `${JSON.stringify(draft, null, 2)}\n`);
      await this.fs.rename(temp, this.file);
      return draft;
    });
  }

  discard(): Promise<void> {
    return this.enqueue(() => this.fs.rm(this.file, { recursive: true, force: true }));
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const done = this.queue.then(work);
    // The chain only orders the writes: a failed one is reported to its caller through `done`.
    this.queue = done.catch(() => undefined);
    return done;
  }
}
