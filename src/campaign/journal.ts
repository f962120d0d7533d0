/**
 * The campaign journal: append-only JSON lines, each appended and fsynced before the loop takes its next step,
 * so what the journal says happened did happen. Format: README.md, "The campaign journal".
 */
import fsp from 'node:fs/promises';
import type { JournalEntry } from '../core/campaign-state';

export interface JournalReadResult {
  entries: JournalEntry[];
  /** A last line cut short by a crash mid-append (dropped; the file is truncated before the next append). */
  tornTail: string | null;
}

export class JournalCorruptError extends Error {
  constructor(file: string, line: number, detail: string) {
    super(`The campaign journal ${file} is damaged at line ${line}: ${detail}`);
    this.name = 'JournalCorruptError';
  }
}

function isEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { t?: unknown }).t;
  if (t === 'campaign') return typeof (value as { state?: unknown }).state === 'string';
  return typeof t === 'string' && Number.isInteger((value as { i?: unknown }).i);
}

/**
 * Parses journal text. Only the last line may be incomplete (a crash mid-append); a bad line anywhere else means
 * the file was damaged by something other than us, and we refuse to guess.
 */
export function parseJournal(text: string, file: string): JournalReadResult & { goodLength: number } {
  const entries: JournalEntry[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    lineNo += 1;
    if (end < 0) {
      // No newline: the append was cut short. JSON.parse may even succeed on a prefix ("{...}" without "\n"
      // cannot be partial, but be strict): an entry counts only once its newline is on disk.
      return { entries, tornTail: text.slice(start), goodLength: start };
    }
    const raw = text.slice(start, end);
    if (raw.trim()) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new JournalCorruptError(file, lineNo, `not JSON: ${raw.slice(0, 80)}`);
      }
      if (!isEntry(parsed)) throw new JournalCorruptError(file, lineNo, `not a journal entry: ${raw.slice(0, 80)}`);
      entries.push(parsed);
    }
    start = end + 1;
  }
  return { entries, tornTail: null, goodLength: text.length };
}

export async function readJournal(file: string): Promise<JournalReadResult & { goodLength: number }> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], tornTail: null, goodLength: 0 };
    throw err;
  }
  return parseJournal(text, file);
}

/** Appends entries durably, one at a time, in call order. */
export class JournalWriter {
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly handle: fsp.FileHandle,
    readonly file: string,
  ) {}

  /** Opens for appending; a torn tail left by a crash is cut off first so the next entry starts on a clean line. */
  static async open(file: string, goodLength?: number): Promise<JournalWriter> {
    const handle = await fsp.open(file, 'a+');
    if (goodLength !== undefined) {
      const { size } = await handle.stat();
      if (size > goodLength) {
        await handle.truncate(goodLength);
        await handle.sync();
      }
    }
    return new JournalWriter(handle, file);
  }

  /** Resolves once the entry is on disk (write + fsync). */
  append(entry: JournalEntry): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`The journal ${this.file} is closed`));
    const line = `${JSON.stringify(entry)}\n`;
    const next = this.chain.then(async () => {
      await this.handle.write(line);
      await this.handle.datasync();
    });
    // A failed write must not poison later ones silently: the caller of that append gets the error.
    this.chain = next.catch(() => undefined);
    return next;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.chain;
    await this.handle.close();
  }
}
