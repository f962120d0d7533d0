/**
 * Messages sent per account per local day, across campaigns and restarts: one fsynced line per send attempt in
 * `<dir>/<account>-<day>.log`, so the count is the file's line count and a crash loses nothing.
 * An attempt counts when "about to send" is journalled: if in doubt, the cap errs on the safe side.
 * Each line starts with the send's time (epoch ms), which the hourly cap reads; lines from before that have none.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../platform/clock';
import { localDay } from '../core/pacing';
import { serial } from '../shared/serial';

export interface DailySendCounter {
  /** Sends already counted today for this account. */
  countToday(account: string): Promise<number>;
  /** Counts one send now (durably). */
  record(account: string, note: string): Promise<void>;
  /** Times (epoch ms) of this account's sends since `since` (at most a day back: today's and yesterday's files). */
  sendTimesSince(account: string, since: number): Promise<number[]>;
}

const safeName = (account: string): string => account.replace(/[^A-Za-z0-9_-]/g, '_') || 'unknown';

export class FileDailySendCounter implements DailySendCounter {
  private readonly cache = new Map<string, number>();
  /** Per file, the send times it holds (for the hourly cap). */
  private readonly times = new Map<string, number[]>();
  /** Appends one at a time, so each count read before an append is the one it adds to. */
  private readonly serial = serial();

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
  ) {}

  private fileFor(account: string, day: string): string {
    return path.join(this.dir, `${safeName(account)}-${day}.log`);
  }

  async countToday(account: string): Promise<number> {
    const file = this.fileFor(account, localDay(this.clock.now()));
    const cached = this.cache.get(file);
    if (cached !== undefined) return cached;
    let count = 0;
    try {
      const text = await fsp.readFile(file, 'utf8');
      // Only whole lines count: a torn last line was never confirmed.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count += 1;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.cache.set(file, count);
    return count;
  }

  record(account: string, note: string): Promise<void> {
    return this.serial(async () => {
      const file = this.fileFor(account, localDay(this.clock.now()));
      const before = await this.countToday(account);
      await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
      const handle = await fsp.open(file, 'a', 0o600);
      try {
        await handle.write(`${this.clock.now()} ${note.replace(/\s+/g, ' ')}\n`);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      this.cache.set(file, before + 1);
      this.times.get(file)?.push(this.clock.now());
    });
  }

  /** In the append queue, so a file read here never misses an append that was under way. */
  sendTimesSince(account: string, since: number): Promise<number[]> {
    return this.serial(async () => {
      const days = new Set([localDay(since), localDay(this.clock.now())]);
      const times: number[] = [];
      for (const day of days) times.push(...(await this.timesIn(this.fileFor(account, day))));
      return times.filter((t) => t >= since);
    });
  }

  /** A file's send times, read once and then kept up to date by record(). */
  private async timesIn(file: string): Promise<number[]> {
    const known = this.times.get(file);
    if (known) return known;
    const times: number[] = [];
    try {
      const text = await fsp.readFile(file, 'utf8');
      // Only whole lines, as in countToday; a line from before times were written has none.
      for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
        const t = /^(\d{12,})\s/.exec(line);
        if (t) times.push(Number(t[1]));
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.times.set(file, times);
    return times;
  }
}
