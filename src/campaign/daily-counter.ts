/**
 * Messages sent per account per local day, across campaigns and restarts: one fsynced line per send attempt in
 * `<dir>/<account>-<day>.log`, so the count is the file's line count and a crash loses nothing.
 * An attempt counts when "about to send" is journalled: if in doubt, the cap errs on the safe side.
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
}

const safeName = (account: string): string => account.replace(/[^A-Za-z0-9_-]/g, '_') || 'unknown';

export class FileDailySendCounter implements DailySendCounter {
  private readonly cache = new Map<string, number>();
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
        await handle.write(`${note.replace(/\s+/g, ' ')}\n`);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      this.cache.set(file, before + 1);
    });
  }
}
