/**
 * The limits a campaign runner asks about before each send, per WhatsApp account and across campaigns: the daily
 * cap (lowered while a new account warms up), the hourly cap (a rolling hour), and the first-contact guard that
 * holds back messages to new contacts after WhatsApp refused several first messages in a row (WHATSAPP.md #20).
 * Also the meter of first messages nobody answered this month. Time comes from the injected clock.
 */
import path from 'node:path';
import { msUntilNextDay } from '../core/pacing';
import { effectiveDailyCap, hourlyWaitMs, localMonth, noReplyWarning, DEFAULT_LIMITS } from '../core/send-limits';
import type { Clock } from '../platform/clock';
import { withTimeout } from '../platform/timeout';
import type { CampaignLogLine, PacingSettings } from '../shared/contract/campaign';
import type { LimitSettings, LimitsStatus } from '../shared/contract/limits';
import { Listeners, reportError, type Unsubscribe } from '../shared/events';
import type { WhatsAppPort } from '../whatsapp/port';
import { AccountHistories } from './account-history';
import type { Campaign } from './campaign';
import { digitsOf } from './contact-record';
import { rejectNotice } from './reject-guard';
import { FileDailySendCounter, type DailySendCounter } from './daily-counter';

const HOUR = 3600_000;
/** Messages of a chat looked at to tell whether the account ever chatted with someone. */
const HISTORY_LOOK = 20;

/**
 * Who answered the account: the hook for the reply store (incoming messages). A number that replied has chatted
 * with the account, and its first message is not "unanswered".
 */
export interface ReplyCheck {
  hasReplied(digits: string): boolean;
}

export interface AccountLimitsDeps {
  daily: DailySendCounter;
  clock: Clock;
  port: Pick<WhatsAppPort, 'recentMessages'>;
  /** Where each account's history of new contacts is kept; null: in memory only. */
  dir: string | null;
  settings?: () => LimitSettings;
  replies?: ReplyCheck;
}

/** What the app or the CLI may give the campaign service for its limits. */
export interface LimitsOptions {
  daily?: DailySendCounter;
  settings?: () => LimitSettings;
  replies?: ReplyCheck;
}

/** The limits kept in a data folder's state folder: daily counts in `daily-sends/`, account histories in `accounts/`. */
export const accountLimitsIn = (stateDir: string, clock: Clock, port: AccountLimitsDeps['port'], options: LimitsOptions = {}): AccountLimits =>
  new AccountLimits({
    daily: options.daily ?? new FileDailySendCounter(path.join(stateDir, 'daily-sends'), clock),
    clock,
    port,
    dir: path.join(stateDir, 'accounts'),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.replies ? { replies: options.replies } : {}),
  });

export interface CapCheck {
  sentToday: number;
  /** How long to wait and why, when a cap is reached. */
  wait: { ms: number; reason: string } | null;
}

const clockTime = (ms: number): string => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export class AccountLimits {
  /** The account whose limits changed (a refusal, a pause, a resume, a send counted, a setting). */
  readonly changes = new Listeners<string>();
  /** The operator sent to new contacts again for this account. */
  readonly resumed = new Listeners<string>();
  private readonly histories: AccountHistories;
  readonly daily: DailySendCounter;
  /** Resume new contacts the next time a send asks (`wa-bulk resume --resume-new-contacts`: the account is not known yet). */
  resumeWhenAsked = false;
  /** The settings file, once the app has loaded it (src/app/limits.ts); the constructor's or the defaults before. */
  settingsSource: (() => LimitSettings) | null = null;
  /** The reply store, once connected (see ReplyCheck). */
  replies: ReplyCheck | null;

  constructor(private readonly deps: AccountLimitsDeps) {
    this.daily = deps.daily;
    this.histories = new AccountHistories(deps.dir, () => this.settings().rejectPauseAfter);
    this.replies = deps.replies ?? null;
  }

  settings(): LimitSettings {
    return this.settingsSource?.() ?? this.deps.settings?.() ?? DEFAULT_LIMITS;
  }

  /** First messages refused in a row for this account (the guard's count). */
  async rejectedInARow(account: string): Promise<number> {
    return (await this.histories.of(account)).guard.snapshot.streak;
  }

  private replied = (digits: string): boolean => this.replies?.hasReplied(digits) ?? false;

  /** The daily cap (with warm-up) and the hourly cap for the next send. */
  async capCheck(account: string, pacing: PacingSettings, now: number): Promise<CapCheck> {
    const { daily } = this.deps;
    const sentToday = await daily.countToday(account);
    const warmUp = this.settings().warmUp;
    const cap = effectiveDailyCap(pacing.dailyCap, warmUp, now);
    if (sentToday >= cap) {
      const reason =
        cap < pacing.dailyCap
          ? `Warm-up: today's cap of ${cap} messages for this new account is reached (it rises by ${warmUp.dailyStep} a day up to ${pacing.dailyCap}); sending goes on tomorrow.`
          : `The daily cap of ${cap} messages for this account is reached; sending goes on tomorrow.`;
      return { sentToday, wait: { ms: msUntilNextDay(now) + 1000, reason } };
    }
    const hourly = pacing.hourlyCap ?? null;
    if (hourly !== null) {
      const ms = hourlyWaitMs(await daily.sendTimesSince(account, now - HOUR), hourly, now);
      if (ms > 0) {
        const reason = `Waiting for the hourly cap: ${hourly} messages went out in the last hour; sending goes on at ${clockTime(now + ms)}.`;
        return { sentToday, wait: { ms, reason } };
      }
    }
    return { sentToday, wait: null };
  }

  /**
   * True when the account never chatted with this number: no reply ever came from it, no earlier message of ours
   * reached it, and its chat (if WhatsApp Web has one) holds neither a message from them nor one of ours that
   * was delivered. When the chat cannot be read, the contact counts as new (the careful answer).
   */
  async isNewContact(account: string, digits: string, chatId: string, timeoutMs: number): Promise<boolean> {
    const history = await this.histories.of(account);
    if (history.reached(digits) || this.replied(digits)) return false;
    try {
      const messages = await withTimeout(this.deps.port.recentMessages(chatId, HISTORY_LOOK), timeoutMs, this.deps.clock, 'Reading the chat');
      return !messages.some((m) => !m.fromMe || (m.ack ?? 0) >= 2);
    } catch {
      return true;
    }
  }

  async newContactsPaused(account: string): Promise<boolean> {
    const history = await this.histories.of(account);
    if (history.guard.paused && this.resumeWhenAsked) {
      this.resumeWhenAsked = false;
      await this.resumeNewContacts(account);
    }
    return history.guard.paused;
  }

  /** A first message went out to this number. */
  async noteFirst(account: string, digits: string, at: number): Promise<void> {
    const history = await this.histories.of(account);
    if (history.messagedBefore(digits)) return;
    await history.record({ e: 'first', n: digits, at });
    this.changes.emit(account);
  }

  /** A first message was refused or reached the phone; true when this refusal paused new contacts. */
  async noteOutcome(account: string, digits: string, outcome: 'rejected' | 'delivered', at: number, sentAt?: number): Promise<boolean> {
    const paused = await (await this.histories.of(account)).record({ e: outcome, n: digits, at, ...(sentAt !== undefined ? { s: sentAt } : {}) });
    this.changes.emit(account);
    return paused;
  }

  /** The operator sends to new contacts again (the guard pauses them again if refusals go on). */
  async resumeNewContacts(account: string): Promise<void> {
    const history = await this.histories.of(account);
    if (!history.guard.paused) return;
    await history.record({ e: 'resume', at: this.deps.clock.now() });
    this.changes.emit(account);
    this.resumed.emit(account);
  }

  /**
   * Follows a campaign's outcomes for the guard, while it sends and for receipts that come later: a refusal counts,
   * a first message delivered resets the count. When a refusal pauses new contacts, the campaign's log says so.
   */
  follow(campaign: Campaign, account: () => string, log: Listeners<CampaignLogLine>): Unsubscribe {
    const paused = (streak: number) => log.emit({ campaignId: campaign.id, at: this.deps.clock.now(), level: 'warn', message: rejectNotice(streak) });
    return campaign.updates.on((u) => {
      const first = campaign.model.isFirstContact(u.index);
      const outcome = u.status === 'rejected' ? 'rejected' : (u.status === 'delivered' || u.status === 'read') && first ? 'delivered' : null;
      if (!outcome) return;
      const who = account();
      const digits = digitsOf(campaign.contacts[u.index]!.phone);
      this.noteOutcome(who, digits, outcome, u.at, campaign.model.contact(u.index).sentAt ?? u.at).then(
        async (pausedNow) => {
          if (pausedNow) paused((await this.histories.of(who)).guard.snapshot.streak);
        },
        (err: unknown) => reportError(err, `The first-contact history of ${who} could not be written`),
      );
    });
  }

  async status(account: string | null): Promise<LimitsStatus> {
    const settings = this.settings();
    const now = this.deps.clock.now();
    const month = localMonth(now);
    const noReply = { month, count: 0, warnAt: settings.noReplyWarnAt, warning: false };
    const warmUpCapToday = settings.warmUp.enabled ? effectiveDailyCap(Number.MAX_SAFE_INTEGER, settings.warmUp, now) : null;
    if (account === null) {
      return {
        account,
        settings,
        warmUpCapToday,
        sentLastHour: 0,
        sentToday: 0,
        newContacts: { paused: false, rejectedInARow: 0, pausedAt: null },
        noReply,
      };
    }
    const history = await this.histories.of(account);
    const guard = history.guard.snapshot;
    noReply.count = history.unanswered(month, this.replied);
    noReply.warning = noReplyWarning(noReply.count, noReply.warnAt);
    return {
      account,
      settings,
      warmUpCapToday,
      sentLastHour: (await this.deps.daily.sendTimesSince(account, now - HOUR)).length,
      sentToday: await this.deps.daily.countToday(account),
      newContacts: { paused: guard.pausedAt !== null, rejectedInARow: guard.streak, pausedAt: guard.pausedAt },
      noReply,
    };
  }
}
