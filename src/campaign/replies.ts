/**
 * Replies: a message a contact writes to this account is matched to the most recent campaign that messaged that
 * number (running or finished) and journalled on that contact as a `reply` line (replies-journal.ts). A reply that
 * is an opt-out keyword (core/opt-out-keywords.ts) puts the number on the do-not-message list at once, with when and
 * why; the runner checks that list right before each send, so the running campaign and every later one skip it.
 * An optional confirmation is sent once per number.
 */
import { createOptOutMatcher, type OptOutMatcher } from '../core/opt-out-keywords';
import { alternateE164 } from '../core/phone-variants';
import type { Clock } from '../platform/clock';
import { Listeners, reportError, type ErrorReporter } from '../shared/events';
import { errorMessage } from '../shared/result';
import { serial } from '../shared/serial';
import type { ContactUpdate } from '../shared/contract/campaign';
import type { IncomingMessage, WhatsAppPort } from '../whatsapp/port';
import type { Campaign } from './campaign';
import { asJournalEntry, replyLine, replyPreview } from './replies-journal';
import { ReplyBook, type ReplyTarget } from './replies-book';
import type { ReplyStore } from './replies-store';

export interface ReplyOptOut {
  has(e164: string): boolean;
  /** Adds the number with the reason shown beside it ("replied STOP on 30 Nov 2026"). */
  addByReply(e164: string, note: string): Promise<unknown>;
}

export interface ReplySettings {
  keywords: readonly string[];
  /** Sent once to a number that opted out by reply; null: none (the default). */
  confirmation: string | null;
}

/** One reply as the app shows it. */
export interface ReplyEvent {
  /** The campaign it was journalled on; null when no campaign messaged that number. */
  campaignId: string | null;
  index: number | null;
  /** E.164, null when the sender's number is not known (an `@lid` chat never linked to a number). */
  phone: string | null;
  at: number;
  text: string;
  /** The keyword it matched: the number is now on the do-not-message list. */
  optOutKeyword: string | null;
}

export interface ReplyTrackerDeps {
  port: Pick<WhatsAppPort, 'onMessage' | 'sendText'>;
  clock: Clock;
  /** Every loaded campaign (newest first is not required). */
  campaigns: () => Promise<readonly Campaign[]>;
  store: ReplyStore;
  optOut: ReplyOptOut;
  settings: () => ReplySettings;
  /** Lines for the log of the campaign the reply was journalled on (null: no campaign messaged that number). */
  log?: (level: 'info' | 'warn', message: string, campaignId: string | null) => void;
  report?: ErrorReporter;
}

/** "30 Nov 2026": the date in an opt-out note, the same in every locale. */
const dayOf = (at: number): string => new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export class ReplyTracker {
  readonly replies = new Listeners<ReplyEvent>();
  readonly book = new ReplyBook();
  private readonly one = serial();
  private readonly unsubscribe: () => void;
  private matcher: { keywords: readonly string[]; match: OptOutMatcher } | null = null;
  private readonly report: ErrorReporter;

  constructor(private readonly deps: ReplyTrackerDeps) {
    this.report = deps.report ?? reportError;
    this.unsubscribe = deps.port.onMessage((message) => {
      // One at a time, in arrival order; a failure is reported and the next message still handled.
      void this.handle(message).catch((err: unknown) => this.report(err, 'A reply could not be recorded'));
    });
  }

  /** Handles one incoming message; resolves once it is journalled and the opt-out (if any) saved. */
  handle(message: IncomingMessage): Promise<ReplyEvent> {
    return this.one(() => this.process(message));
  }

  /** Stops listening; resolves once the replies already in hand are journalled (before the journals close). */
  close(): Promise<void> {
    this.unsubscribe();
    return this.one(async () => undefined);
  }

  private match(body: string): string | null {
    const keywords = this.deps.settings().keywords;
    if (this.matcher?.keywords !== keywords) this.matcher = { keywords, match: createOptOutMatcher(keywords) };
    return this.matcher.match(body);
  }

  private async process(message: IncomingMessage): Promise<ReplyEvent> {
    const { store } = this.deps;
    const campaigns = await this.deps.campaigns();
    let phone = message.fromNumber ? `+${message.fromNumber}` : store.numberOf(message.from);
    const target = this.book.findTarget(campaigns, phone, message.from);
    phone ??= target ? target.campaign.contacts[target.index]!.phone : null;
    if (phone) await store.link(message.from, phone);
    const keyword = this.match(message.body);
    const event: ReplyEvent = {
      campaignId: target?.campaign.id ?? null,
      index: target?.index ?? null,
      phone,
      at: message.at,
      text: replyPreview(message.body),
      optOutKeyword: keyword,
    };
    if (target) await this.journal(target, message, keyword !== null);
    if (phone) await store.noteReply(phone, message.at, keyword !== null);
    if (keyword && phone) await this.optOut(phone, keyword, message, event.campaignId);
    else if (keyword) {
      const what = `A reply "${keyword}" came from a chat whose number is not known (${message.from}); add it to the do-not-message list by hand.`;
      this.deps.log?.('warn', what, null);
    }
    this.replies.emit(event);
    return event;
  }

  /** The `reply` line on the contact (a campaign closed meanwhile, as at the CLI's exit, is left alone). */
  private async journal(target: ReplyTarget, message: IncomingMessage, stop: boolean): Promise<void> {
    if (target.campaign.closed) return;
    const entry = replyLine(target.index, message.body, message.at, stop);
    await target.campaign.record(asJournalEntry(entry));
    this.book.add(target.campaign.id, entry);
  }

  private async optOut(phone: string, keyword: string, message: IncomingMessage, campaignId: string | null): Promise<void> {
    const { optOut, store, settings } = this.deps;
    const alternate = alternateE164(phone);
    if (!optOut.has(phone) && !(alternate && optOut.has(alternate))) {
      await optOut.addByReply(phone, `replied ${keyword} on ${dayOf(message.at)}`);
      this.deps.log?.('info', `${phone} replied "${keyword}": added to the do-not-message list; no campaign messages it again.`, campaignId);
    }
    const confirmation = settings().confirmation?.trim();
    if (!confirmation || store.wasConfirmed(phone)) return;
    // Marked first: a send that fails is not tried again (the confirmation goes at most once).
    await store.markConfirmed(phone, this.deps.clock.now());
    try {
      await this.deps.port.sendText(message.from, confirmation);
    } catch (err) {
      this.deps.log?.('warn', `The opt-out confirmation to ${phone} could not be sent: ${errorMessage(err)}`, campaignId);
    }
  }
}

/**
 * Remembers every `@lid` chat a send went to (whatsapp-web.js's getNumberId answers with one for some accounts), with
 * its number, across campaigns: a reply from that chat is then known as that number even after the campaign that
 * learned it is deleted.
 */
export function linkLidChats(
  service: { contactUpdates: Listeners<ContactUpdate>; get(id: string): Promise<Campaign> },
  store: Pick<ReplyStore, 'link'>,
  report: ErrorReporter = reportError,
): () => void {
  return service.contactUpdates.on((update) => {
    if (update.status !== 'sending') return;
    void service
      .get(update.campaignId)
      .then((campaign) => {
        const chat = campaign.model.contact(update.index).chatId;
        if (chat?.endsWith('@lid')) return store.link(chat, campaign.contacts[update.index]!.phone);
      })
      .catch((err: unknown) => report(err, 'A chat id could not be remembered for replies'));
  });
}
