import nodeFs from 'node:fs';
import path from 'node:path';
import type { LogLine } from '../shared/status';
import { redactLogText } from './log-redaction';

/** The file calls the log writer makes; node:fs has them all, a test passes one that fails. */
export interface LogFs {
  mkdirSync(dir: string, options: { recursive: true; mode: number }): unknown;
  openSync(file: string, flags: 'a', mode: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fstatSync(fd: number): { size: number };
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(file: string, options: { force: true }): void;
  readFileSync(file: string, encoding: 'utf8'): string;
}

export interface LogFileOptions {
  fs?: LogFs;
  /** A file is rotated before it would grow past this (default 1 MB). */
  maxBytes?: number;
  /** app.log plus this many minus one older files, app.1.log the newest of them (default 5). */
  maxFiles?: number;
}

export const LOG_FILE_NAME = 'app.log';

/** One line as written: time, level, source, then the redacted message (continuation lines indented). */
export function formatLogLine(line: LogLine): string {
  const message = redactLogText(line.message).replace(/\r?\n/g, '\n    ');
  return `${new Date(line.at).toISOString()} ${line.level.toUpperCase().padEnd(5)} [${redactLogText(line.source)}] ${message}\n`;
}

/**
 * The log on disk: `<dir>/app.log`, rotated to app.1.log … app.<maxFiles-1>.log, so it never takes more than
 * maxFiles × maxBytes. Every line is redacted (formatLogLine) and written synchronously: a line logged just before
 * a crash is on disk when the process dies. A write that fails (a full disk) loses that line, never throws into the
 * code that logged it; the next line tries again.
 */
export class LogFile {
  readonly file: string;
  private readonly fs: LogFs;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private fd: number | null = null;
  private size = 0;
  private lastProblem: string | null = null;

  constructor(
    readonly dir: string,
    options: LogFileOptions = {},
  ) {
    this.file = path.join(dir, LOG_FILE_NAME);
    this.fs = options.fs ?? nodeFs;
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.maxFiles = Math.max(1, options.maxFiles ?? 5);
  }

  /** Why the last write failed, or null when it succeeded. */
  get problem(): string | null {
    return this.lastProblem;
  }

  write(line: LogLine): void {
    const bytes = Buffer.from(formatLogLine(line), 'utf8');
    try {
      let fd = this.open();
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) {
        this.rotate();
        fd = this.open();
      }
      for (let offset = 0; offset < bytes.length;) offset += this.fs.writeSync(fd, bytes, offset, bytes.length - offset);
      this.size += bytes.length;
      this.lastProblem = null;
    } catch (err) {
      this.lastProblem = err instanceof Error ? err.message : String(err);
      this.close();
    }
  }

  /** The last `count` lines on disk (this file, then the one before it if needed), oldest first. */
  tail(count: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i < this.maxFiles && lines.length < count; i++) {
      let text: string;
      try {
        text = this.fs.readFileSync(this.nameOf(i), 'utf8');
      } catch {
        break;
      }
      const own = text.split('\n').filter((l) => l.length > 0);
      lines.unshift(...own.slice(-(count - lines.length)));
    }
    return lines;
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      this.fs.closeSync(fd);
    } catch {
      // Already gone: nothing to release.
    }
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    this.fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const fd = this.fs.openSync(this.file, 'a', 0o600);
    this.fd = fd;
    this.size = this.fs.fstatSync(fd).size;
    return fd;
  }

  /** app.log -> app.1.log -> … ; the oldest is dropped. */
  private rotate(): void {
    this.close();
    this.fs.rmSync(this.nameOf(this.maxFiles - 1), { force: true });
    for (let i = this.maxFiles - 2; i >= 0; i--) {
      try {
        this.fs.renameSync(this.nameOf(i), this.nameOf(i + 1));
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOENT') throw err;
      }
    }
  }

  private nameOf(index: number): string {
    return index === 0 ? this.file : path.join(this.dir, `app.${index}.log`);
  }
}
