/**
 * Settles contacts the journal left "about to send" (a crash, a kill or a dropped connection between journalling
 * the intent and journalling the outcome). The chat's recent messages are the truth: if our exact text is there,
 * the contact is marked sent with that message's id; if not, it goes back to pending and is sent normally.
 * Nothing is re-sent before this has run.
 */
import type { Clock } from '../platform/clock';
import { errorMessage } from '../shared/result';
import type { ChatMessage, WhatsAppPort } from '../whatsapp/port';
import type { Campaign } from './campaign';
import { digitsOf } from './contact-record';

/** How many of the chat's latest messages are searched. */
export const RECONCILE_SEARCH_DEPTH = 20;
/**
 * A message older than the "about to send" entry by more than this is an earlier message (another campaign's, say),
 * not this attempt. Allows for the phone's clock differing from ours.
 */
export const RECONCILE_CLOCK_SKEW_MS = 10 * 60_000;

export interface ReconcileResult {
  found: number;
  notFound: number;
  /** Not in the chat, and sending again was refused (see ReconcileOptions.giveUp): marked failed. */
  gaveUp: number;
  /** The chat could not be read: marked failed rather than risk sending twice. */
  unknown: number;
}

export interface ReconcileOptions {
  /**
   * For a contact whose message is not in the chat: a reason to mark it failed instead of putting it back to
   * pending (null: pending, sent again as normal).
   */
  giveUp?: (index: number) => string | null;
}

/** Throws when the port fails and is no longer ready (the caller retries once it is). */
export async function reconcileUnconfirmed(
  campaign: Campaign,
  port: WhatsAppPort,
  clock: Clock,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const result: ReconcileResult = { found: 0, notFound: 0, gaveUp: 0, unknown: 0 };
  for (const index of campaign.model.unconfirmed()) {
    const since = campaign.model.sendingSince(index) ?? 0;
    let chatId: string | null;
    let match: ChatMessage | null;
    try {
      chatId = await chatOf(campaign, index, port);
      match = chatId ? await findSentMessage(port, chatId, campaign.render(index).text, since, messageOfAnother(campaign, index)) : null;
    } catch (err) {
      if (port.getStatus().kind !== 'ready') throw err;
      await campaign.record({
        t: 'failed',
        i: index,
        reason: `Could not read the chat to check whether the message went out (${errorMessage(err)}); not re-sent to avoid a duplicate.`,
        at: clock.now(),
      });
      result.unknown += 1;
      continue;
    }
    if (!chatId) {
      // Not on WhatsApp: nothing can have gone out.
      await campaign.record({ t: 'unsent', i: index, at: clock.now() });
      result.notFound += 1;
      continue;
    }
    if (match) {
      await campaign.record({ t: 'sent', i: index, id: match.id, at: match.at || clock.now(), via: 'reconciled' });
      // Its receipt may have come while nothing listened: the chat knows it, and no message_ack will say it again.
      if (match.ack !== undefined && match.ack > 1) await campaign.record({ t: 'ack', i: index, ack: match.ack, at: clock.now() });
      result.found += 1;
      continue;
    }
    const reason = options.giveUp?.(index) ?? null;
    if (reason) {
      await campaign.record({ t: 'failed', i: index, reason, at: clock.now() });
      result.gaveUp += 1;
    } else {
      await campaign.record({ t: 'unsent', i: index, at: clock.now() });
      result.notFound += 1;
    }
  }
  return result;
}

/**
 * The chat an "about to send" entry names; when it names none (a torn line cut before its chat, see README rule 5),
 * the number is looked up again. null: the number is not on WhatsApp.
 */
async function chatOf(campaign: Campaign, index: number, port: WhatsAppPort): Promise<string | null> {
  const known = campaign.model.contact(index).chatId;
  if (known) return known;
  return port.checkNumber(digitsOf(campaign.contacts[index]!.phone));
}

/**
 * Our message in the chat: the newest of our own messages with exactly this text, sent no earlier than `since`
 * (allowing for clock skew), and not one `taken` says the journal gives another contact already (a duplicate the
 * operator kept gets the same text in the same chat). Throws when the chat cannot be read.
 */
export async function findSentMessage(
  port: WhatsAppPort,
  chatId: string,
  body: string,
  since: number,
  taken: (messageId: string) => boolean = () => false,
): Promise<ChatMessage | null> {
  const messages = await port.recentMessages(chatId, RECONCILE_SEARCH_DEPTH);
  // at 0 means "time unknown" (a history the adapter could not date): the body alone decides then.
  const matches = messages.filter((m) => m.fromMe && m.body === body && (m.at === 0 || m.at >= since - RECONCILE_CLOCK_SKEW_MS) && !taken(m.id));
  return matches.pop() ?? null;
}

/** Whether a message id is journalled for a contact other than `index` (two kept rows with one number). */
export function messageOfAnother(campaign: Campaign, index: number): (messageId: string) => boolean {
  return (messageId) => {
    const owner = campaign.model.indexOfMessage(messageId);
    return owner !== undefined && owner !== index;
  };
}
