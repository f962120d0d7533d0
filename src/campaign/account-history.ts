/**
 * What one WhatsApp account did with new contacts, across campaigns and restarts: the first message to each number
 * (never messaged before from this account), which of those reached the phone or were refused, and when the
 * operator sent to new contacts again after a pause. One fsynced JSON line per event in `<dir>/<account>.jsonl`;
 * read back with a zod schema, a torn or unreadable line is skipped (it never changes what was sent).
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { localMonth } from '../core/send-limits';
import { serial } from '../shared/serial';
import { RejectGuard } from './reject-guard';

const Digits = z.string().regex(/^\d{4,20}$/);
export const HistoryEvent = z.discriminatedUnion('e', [
  /** `s`: when the refused or delivered message was sent (the guard goes by send order). */
  z.object({ e: z.enum(['first', 'delivered', 'rejected']), n: Digits, at: z.number(), s: z.number().optional() }),
  z.object({ e: z.literal('resume'), at: z.number() }),
]);
export type HistoryEvent = z.infer<typeof HistoryEvent>;

const outcomeKey = (event: { e: string; n: string; s?: number | undefined }): string => `${event.e}:${event.n}:${event.s ?? ''}`;

const safeName = (account: string): string => account.replace(/[^A-Za-z0-9_-]/g, '_') || 'unknown';

/** One account's history in memory, kept in step with its file. */
export class AccountHistory {
  /** Number -> when the account first messaged it. */
  private readonly firstAt = new Map<string, number>();
  private readonly delivered = new Set<string>();
  private readonly rejected = new Set<string>();
  /** Outcomes already counted, by kind, number and send time: a later update of the same contact (a reply, a receipt) repeats them. */
  private readonly outcomes = new Set<string>();
  private readonly write = serial();
  readonly guard: RejectGuard;

  constructor(
    private readonly file: string | null,
    rejectLimit: () => number,
  ) {
    this.guard = new RejectGuard(rejectLimit);
  }

  static async load(file: string | null, rejectLimit: () => number): Promise<AccountHistory> {
    const history = new AccountHistory(file, rejectLimit);
    if (!file) return history;
    let text = '';
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        continue; // A line cut short by a crash mid-append.
      }
      const parsed = HistoryEvent.safeParse(value);
      if (parsed.success) history.apply(parsed.data);
    }
    return history;
  }

  /** Applies the event; returns true when it paused new contacts. */
  private apply(event: HistoryEvent): boolean {
    if (event.e === 'delivered' || event.e === 'rejected') this.outcomes.add(outcomeKey(event));
    switch (event.e) {
      case 'first':
        if (!this.firstAt.has(event.n)) this.firstAt.set(event.n, event.at);
        return false;
      case 'delivered':
        this.delivered.add(event.n);
        this.guard.delivered(event.s);
        return false;
      case 'rejected':
        this.rejected.add(event.n);
        return this.guard.rejected(event.at, event.s);
      case 'resume':
        this.guard.resume();
        return false;
    }
  }

  /** Makes the event durable, then applies it; true when it paused new contacts. */
  async record(event: HistoryEvent): Promise<boolean> {
    if ((event.e === 'delivered' || event.e === 'rejected') && this.outcomes.has(outcomeKey(event))) return false;
    const file = this.file;
    if (file) {
      await this.write(async () => {
        await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        const handle = await fsp.open(file, 'a', 0o600);
        try {
          await handle.write(`${JSON.stringify(event)}\n`);
          await handle.datasync();
        } finally {
          await handle.close();
        }
      });
    }
    return this.apply(event);
  }

  /** The account messaged this number before and it reached the phone (so it is not a first contact any more). */
  reached(digits: string): boolean {
    return this.delivered.has(digits);
  }

  messagedBefore(digits: string): boolean {
    return this.firstAt.has(digits);
  }

  /** First messages of `month` (YYYY-MM) that were not refused and got no reply (`replied` says who answered). */
  unanswered(month: string, replied: (digits: string) => boolean): number {
    let count = 0;
    for (const [n, at] of this.firstAt) if (localMonth(at) === month && !this.rejected.has(n) && !replied(n)) count += 1;
    return count;
  }
}

/** Every account's history below one folder, each loaded once. */
export class AccountHistories {
  private readonly loaded = new Map<string, Promise<AccountHistory>>();

  constructor(
    /** null: kept in memory only (tests, a runner built without the app's folders). */
    private readonly dir: string | null,
    private readonly rejectLimit: () => number,
  ) {}

  of(account: string): Promise<AccountHistory> {
    let history = this.loaded.get(account);
    if (!history) {
      history = AccountHistory.load(this.dir ? path.join(this.dir, `${safeName(account)}.jsonl`) : null, this.rejectLimit);
      // A failed read is tried again next time rather than remembered.
      history.catch(() => this.loaded.delete(account));
      this.loaded.set(account, history);
    }
    return history;
  }
}
