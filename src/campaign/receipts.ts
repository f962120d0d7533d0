/**
 * Delivery receipts: whatsapp-web.js `message_ack` events update the contact whose message id they name
 * (WHATSAPP.md #5), for the running campaign and for earlier ones loaded after a restart. An ack can beat the
 * journal entry of its own send, so acks for unknown ids wait a while for that entry.
 */
import { reportError, type ErrorReporter } from '../shared/events';
import type { AckEvent, WhatsAppPort } from '../whatsapp/port';
import type { Campaign } from './campaign';

const MAX_WAITING = 5000;

export class ReceiptTracker {
  private readonly campaigns = new Map<string, Campaign>();
  private readonly waiting = new Map<string, AckEvent>();
  private readonly unsubscribes: Array<() => void> = [];

  /** `report` hears of receipts that could not be journalled; by default the process's error reporter (the log). */
  constructor(
    port: Pick<WhatsAppPort, 'onAck'>,
    private readonly report: ErrorReporter = reportError,
  ) {
    this.unsubscribes.push(port.onAck((ack) => void this.handle(ack)));
  }

  /** Follows a campaign's messages; acks that were waiting for its sends are applied now. */
  track(campaign: Campaign): void {
    if (this.campaigns.has(campaign.id)) return;
    this.campaigns.set(campaign.id, campaign);
    this.unsubscribes.push(
      campaign.updates.on((update) => {
        if (!update.messageId) return;
        const early = this.waiting.get(update.messageId);
        if (early) {
          this.waiting.delete(update.messageId);
          void this.handle(early);
        }
      }),
    );
  }

  untrack(campaignId: string): void {
    this.campaigns.delete(campaignId);
  }

  /** Applies one ack; resolves once it is journalled (true) or ignored as no news (false). */
  async handle(ack: AckEvent): Promise<boolean> {
    for (const campaign of this.campaigns.values()) {
      const index = campaign.model.indexOfMessage(ack.messageId);
      if (index === undefined) continue;
      if (campaign.closed) return false;
      const known = campaign.model.ackLevel(index);
      // Only news is journalled: an error, or a level above what is known.
      if (ack.ack === -1 ? known === -1 : ack.ack <= known) return false;
      return campaign.record({ t: 'ack', i: index, ack: ack.ack, at: ack.at }).then(
        () => true,
        (err: unknown) => {
          // The receipt itself is read again from the chat on the next refresh; the failed write is the news.
          this.report(err, `The receipt for contact ${index + 1} of campaign ${campaign.id} could not be written to its journal`);
          return false;
        },
      );
    }
    if (this.waiting.size >= MAX_WAITING) {
      const oldest = this.waiting.keys().next().value;
      if (oldest !== undefined) this.waiting.delete(oldest);
    }
    const previous = this.waiting.get(ack.messageId);
    // A refusal (-1, WHATSAPP.md #20) outranks the ack 1 that came before it.
    if (!previous || ack.ack > previous.ack || ack.ack === -1) this.waiting.set(ack.messageId, ack);
    return false;
  }

  close(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }
}
