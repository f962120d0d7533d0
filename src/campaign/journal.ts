/**
 * The campaign journal: append-only JSON lines, each written whole and fsynced before the loop takes its next step,
 * so what the journal says happened did happen. Format: README.md, "The campaign journal".
 *
 * Format 2 (this version) puts a checksum at the end of every line, `"c":"<crc32 hex>"`, over the line without it,
 * so a changed byte stops loading at its line instead of silently changing a contact's state. A journal (or the part
 * this version appends to an older one) starts with the header `{"t":"journal","v":2,...}`; format-1 lines before
 * it carry no checksum and are read as before.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { z } from 'zod';
import type { JournalEntry } from '../core/campaign-state';
import { describeZodIssue } from '../shared/stored-data';
import { replyEntrySchema } from './replies-journal';

export const JOURNAL_VERSION = 2;

/** What the writer needs of an open file; node's FileHandle is one. Tests pass one whose writes fail. */
export interface JournalFile {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/** The journal's file system: one call, open for reading and writing at any position. */
export interface JournalFs {
  /** Creates the file (owner-only) when it is missing. */
  open(file: string): Promise<JournalFile>;
}

export const nodeJournalFs: JournalFs = {
  open: (file) => fsp.open(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600),
};

// ---- checksums ---------------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the zip/PNG one): catches every one-bit and every burst of up to 32 bits. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const checksumOf = (json: string): string => crc32(Buffer.from(json, 'utf8')).toString(16).padStart(8, '0');
/** `,"c":"xxxxxxxx"}` */
const CHECKSUM_SUFFIX = /,"c":"([0-9a-f]{8})"\}$/;
const SUFFIX_LENGTH = 16;

/** One format-2 line (without its newline): the record's JSON with its checksum as the last field. */
export function formatLine(record: object): string {
  const json = JSON.stringify(record);
  return `${json.slice(0, -1)},"c":"${checksumOf(json)}"}`;
}

const HEADER = { t: 'journal', v: JOURNAL_VERSION } as const;

/** Entries are written with `t` and `i` first, so a torn line still says what it was about. */
function lineOf(entry: JournalEntry): string {
  const { t, i, ...rest } = entry as { t: string; i?: number };
  return formatLine({ t, ...(i !== undefined ? { i } : {}), ...rest });
}

// ---- reading -----------------------------------------------------------------------------------------------------

export class JournalCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
    /** The field that is wrong (zod's path, dotted), when one is. */
    readonly field: string | null = null,
  ) {
    super(`The campaign journal ${file} is damaged at line ${line}: ${detail}`);
    this.name = 'JournalCorruptError';
  }
}

/** What could be read of a torn last line that was (or may have been) an "about to send" entry. */
export interface TornSending {
  line: number;
  /** The contact index's digits as far as they were written ('' when cut before them). */
  digits: string;
  /** The digits are all there (a delimiter follows them). */
  complete: boolean;
  chat: string | null;
  at: number | null;
}

export interface JournalReadResult {
  entries: JournalEntry[];
  /** A last line cut short (a crash or a failed write mid-append), without its newline; null when there is none. */
  tornTail: string | null;
  /** Bytes up to the end of the last whole line. */
  goodLength: number;
  /** 2 once the format-2 header has been read: every later line carries a checksum. */
  version: 1 | 2;
  /** The torn tail is, or may be, an "about to send" entry: that message may have gone out. */
  tornSending: TornSending | null;
}

const CAMPAIGN_STATES = ['running', 'paused', 'waiting', 'stopped', 'finished'] as const;
const ENTRY_TYPES = new Set(['campaign', 'sending', 'sent', 'failed', 'skipped', 'unsent', 'ack', 'reply']);

type Fields = Record<string, unknown>;

/**
 * The journal entries as stored, one schema per format: format 2 (strict) requires every entry's time; format 1 was
 * read without checking it, and still is. Only what the state model reads is checked; other fields are kept.
 */
function entrySchema(strict: boolean) {
  const at = strict ? z.number() : z.unknown().optional();
  const i = z.number().int();
  return z.discriminatedUnion('t', [
    z.looseObject({
      t: z.literal('campaign'),
      state: z.enum(CAMPAIGN_STATES),
      reason: z.string().nullable().optional(),
      final: z.boolean().optional(),
      at,
    }),
    z.looseObject({ t: z.literal('sending'), i, chat: z.string(), at }),
    z.looseObject({ t: z.literal('sent'), i, id: z.string(), via: z.enum(['reconciled', 'late']).optional(), at }),
    z.looseObject({ t: z.enum(['failed', 'skipped']), i, reason: z.string(), at }),
    z.looseObject({ t: z.literal('unsent'), i, at }),
    z.looseObject({ t: z.literal('ack'), i, ack: z.number().int().min(-1).max(4), at }),
    replyEntrySchema(i, at),
  ]);
}
export const StoredJournalEntry = { format1: entrySchema(false), format2: entrySchema(true) };

/** The entry these fields make, or the field and problem that stop them being one. */
function toEntry(
  v: Fields,
  strict: boolean,
  total: number | undefined,
): { ok: true; entry: JournalEntry } | { ok: false; field: string | null; problem: string } {
  const parsed = (strict ? StoredJournalEntry.format2 : StoredJournalEntry.format1).safeParse(v);
  if (!parsed.success) return { ok: false, ...describeZodIssue(parsed.error) };
  const entry = parsed.data as JournalEntry;
  if (strict && total !== undefined && entry.t !== 'campaign' && (entry.i < 0 || entry.i >= total)) {
    return { ok: false, field: 'i', problem: `contact index ${entry.i} is outside the campaign (0-${total - 1})` };
  }
  return { ok: true, entry };
}

export interface ParseOptions {
  /** The campaign's contact count: an index outside it is damage (format 2). */
  total?: number;
}

/**
 * Parses journal bytes. Only the last line may be incomplete (a crash mid-append); a bad line anywhere else, or a
 * format-2 line whose checksum does not match, means the file was damaged, and we refuse to guess.
 */
export function parseJournal(data: Uint8Array | string, file: string, options: ParseOptions = {}): JournalReadResult {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const entries: JournalEntry[] = [];
  let version: 1 | 2 = 1;
  let start = 0;
  let lineNo = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    lineNo += 1;
    if (end < 0) {
      // No newline: the append was cut short. An entry counts only once its newline is on disk.
      const tornTail = bytes.subarray(start).toString('utf8');
      return { entries, tornTail, goodLength: start, version, tornSending: readTornSending(tornTail, lineNo) };
    }
    const raw = bytes.subarray(start, end).toString('utf8');
    start = end + 1;
    if (!raw.trim()) {
      // Neither format writes blank lines; a format-1 journal may have gained one by hand.
      if (version === 2) throw new JournalCorruptError(file, lineNo, 'an empty line');
      continue;
    }
    const fields = parseLine(raw, version, file, lineNo);
    if (fields.t === 'journal') {
      if (fields.v !== JOURNAL_VERSION) {
        throw new JournalCorruptError(
          file,
          lineNo,
          `journal format ${JSON.stringify(fields.v)}, which this version cannot read (it reads formats 1 and 2)`,
        );
      }
      version = 2;
      continue;
    }
    const strict = version === 2;
    if (!ENTRY_TYPES.has(fields.t as string)) {
      // Format 1 had no other types; an unknown one there is ignored, as it always was.
      if (strict || typeof fields.t !== 'string') throw new JournalCorruptError(file, lineNo, `not a journal entry: ${raw.slice(0, 80)}`);
      continue;
    }
    const read = toEntry(fields, strict, options.total);
    if (!read.ok) {
      const where = read.field === null ? '' : `field ${read.field}: `;
      throw new JournalCorruptError(file, lineNo, `not a journal entry (${where}${read.problem}): ${raw.slice(0, 80)}`, read.field);
    }
    entries.push(read.entry);
  }
  return { entries, tornTail: null, goodLength: bytes.length, version, tornSending: null };
}

/** The line's fields, its checksum checked (and removed). */
function parseLine(raw: string, version: 1 | 2, file: string, lineNo: number): Fields {
  const sum = CHECKSUM_SUFFIX.exec(raw);
  if (sum) {
    const json = `${raw.slice(0, raw.length - SUFFIX_LENGTH)}}`;
    if (checksumOf(json) !== sum[1]) {
      throw new JournalCorruptError(file, lineNo, 'its checksum does not match (the line was changed after it was written)');
    }
  } else if (version === 2) {
    throw new JournalCorruptError(file, lineNo, `no checksum: ${raw.slice(0, 80)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new JournalCorruptError(file, lineNo, `not JSON: ${raw.slice(0, 80)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new JournalCorruptError(file, lineNo, `not a journal entry: ${raw.slice(0, 80)}`);
  }
  const fields = parsed as Fields;
  delete fields.c;
  return fields;
}

const SENDING_PREFIX = '{"t":"sending","i":';

/** A torn tail that is, or may be, the start of an "about to send" line; null when it is certainly something else. */
function readTornSending(tail: string, line: number): TornSending | null {
  if (tail.length < SENDING_PREFIX.length) {
    return SENDING_PREFIX.startsWith(tail) ? { line, digits: '', complete: false, chat: null, at: null } : null;
  }
  if (!tail.startsWith(SENDING_PREFIX)) return null;
  const rest = tail.slice(SENDING_PREFIX.length);
  const digits = /^\d*/.exec(rest)![0];
  const complete = digits.length > 0 && rest.length > digits.length;
  const chat = /,"chat":"([^"\\]*)"/.exec(rest)?.[1] ?? null;
  const at = /,"at":(\d+)[,}]/.exec(rest)?.[1];
  return { line, digits, complete, chat, at: at ? Number(at) : null };
}

export async function readJournal(file: string, options: ParseOptions = {}): Promise<JournalReadResult> {
  let data: Buffer;
  try {
    data = await fsp.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], tornTail: null, goodLength: 0, version: 1, tornSending: null };
    throw err;
  }
  return parseJournal(data, file, options);
}

// ---- writing -----------------------------------------------------------------------------------------------------

/** A write of our own files failed, said in the operator's words ("The disk is full (…, ENOSPC)"). */
export function storageProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'The disk is full (no space left on device, ENOSPC)';
    case 'EDQUOT':
      return 'Your disk quota is used up (EDQUOT)';
    case 'EROFS':
      return 'The disk is read-only (EROFS)';
    case 'EIO':
      return 'The disk reported a read/write error (EIO)';
    case 'EACCES':
    case 'EPERM':
      return `This app may not write there (${code})`;
    case 'ENOENT':
      return 'The campaign folder is gone (ENOENT)';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** An error from a file-system call (they carry an errno code such as ENOSPC and the call's name). */
const isStorageError = (err: unknown): boolean => {
  const e = err as NodeJS.ErrnoException | null;
  return typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string';
};

/** Why sending stopped when writing a record failed; null when `err` is not a failed write. */
export function stoppedByStorage(err: unknown): string | null {
  if (err instanceof JournalWriteError) return err.message;
  if (!isStorageError(err)) return null;
  const free = ['ENOSPC', 'EDQUOT'].includes((err as NodeJS.ErrnoException).code!) ? 'Free some space, then resume' : 'Fix that, then resume';
  return `${storageProblem(err)}: a record of the send could not be written, so sending stopped before the next message. ${free}; nobody gets a message twice.`;
}

/** An append that did not reach the disk whole: the entry did not happen, and nothing may act as if it had. */
export class JournalWriteError extends Error {
  readonly code: string | null;
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | null)?.code ?? null;
    const free = code === 'ENOSPC' || code === 'EDQUOT' || code === 'SHORT_WRITE' ? 'Free some space, then resume' : 'Fix that, then resume';
    super(
      `${storageProblem(cause)}: the campaign journal ${file} could not be written, so sending stopped before the next message. ${free}; nobody gets a message twice.`,
    );
    this.name = 'JournalWriteError';
    this.code = code;
  }
}

/** A write that took fewer bytes than it was given and no error said why (a disk that filled up mid-write). */
function shortWrite(written: number, wanted: number): Error {
  const err = new Error(`The disk took only ${written} of ${wanted} bytes of a journal line (is it full?)`) as NodeJS.ErrnoException;
  err.code = 'SHORT_WRITE';
  return err;
}

/** Writes all of `data` at `position`, continuing after short writes; a write that makes no progress is an error. */
async function writeAll(handle: JournalFile, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    if (!(bytesWritten > 0)) throw shortWrite(done, data.length);
    done += bytesWritten;
  }
}

export interface JournalOpenOptions {
  fs?: JournalFs;
  /** Where the journal's whole lines end (from readJournal): a torn tail after it is cut or replaced. */
  goodLength?: number;
  /** The journal's format as read; below 2, the header goes in front of the first line this writer writes. */
  version?: 1 | 2;
  /** Whole entries to put in place of the torn tail (an "about to send" it was), durably, before anything else. */
  replaceTail?: readonly JournalEntry[];
}

/**
 * Appends entries durably, one at a time, in call order. An append resolves only once its whole line is on disk
 * (written and fsynced). One that fails (a full disk, a short write) rejects, the partial line is cut off where
 * possible, and every later append rejects with the same error: nothing may be appended after a hole.
 */
export class JournalWriter {
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private failure: JournalWriteError | null = null;

  private constructor(
    private readonly handle: JournalFile,
    readonly file: string,
    /** Where the next line goes: the end of the last whole line. */
    private position: number,
    private needsHeader: boolean,
  ) {}

  /** Opens for appending; a torn tail is cut off (or replaced) first, so the next entry starts on a clean line. */
  static async open(file: string, options: JournalOpenOptions = {}): Promise<JournalWriter> {
    let { goodLength, version } = options;
    if (goodLength === undefined || version === undefined) {
      const read = await readJournal(file);
      goodLength ??= read.goodLength;
      version ??= read.version;
    }
    const handle = await (options.fs ?? nodeJournalFs).open(file);
    const writer = new JournalWriter(handle, file, goodLength, version < JOURNAL_VERSION);
    try {
      const { size } = await handle.stat();
      const replacement = writer.linesFor(options.replaceTail ?? []);
      if (replacement.length > 0 || size > goodLength) {
        await writeAll(handle, replacement, goodLength);
        if (size > goodLength + replacement.length) await handle.truncate(goodLength + replacement.length);
        await handle.datasync();
        writer.position = goodLength + replacement.length;
      }
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw new JournalWriteError(file, err);
    }
    return writer;
  }

  /** The bytes for these entries, the header first if this journal has none yet. */
  private linesFor(entries: readonly JournalEntry[]): Buffer {
    if (entries.length === 0) return Buffer.alloc(0);
    const lines = entries.map((e) => `${lineOf(e)}\n`).join('');
    const header = this.needsHeader ? `${formatLine(HEADER)}\n` : '';
    this.needsHeader = false;
    return Buffer.from(header + lines, 'utf8');
  }

  /** Resolves once the entry is on disk (written whole + fsynced). */
  append(entry: JournalEntry): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`The journal ${this.file} is closed`));
    const next = this.chain.then(async () => {
      if (this.failure) throw this.failure;
      const start = this.position;
      const hadHeader = !this.needsHeader;
      const data = this.linesFor([entry]);
      try {
        await writeAll(this.handle, data, start);
        await this.handle.datasync();
        this.position = start + data.length;
      } catch (err) {
        this.failure = new JournalWriteError(this.file, err);
        this.needsHeader = !hadHeader;
        // Cut the partial line so the file ends on a whole one; if even that fails, loading finds a torn tail.
        await this.handle
          .truncate(start)
          .then(() => this.handle.datasync())
          .catch(() => undefined);
        throw this.failure;
      }
    });
    // The caller of the failed append gets its error; later appends get it from `failure`.
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The error that broke this writer, if one did: every append since has been refused. */
  get failed(): JournalWriteError | null {
    return this.failure;
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
