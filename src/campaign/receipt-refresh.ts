/**
 * Receipts that arrived while the app or the CLI was closed: WhatsApp Web knows each message's ack level, but
 * sends no `message_ack` for a change it learnt while nobody listened. So the chats of recent campaign messages
 * that are not yet read are looked at once the connection is ready, and whatever is new is journalled through
 * the receipt tracker (which records only news).
 */
import type { Clock } from '../platform/clock';
import type { WhatsAppPort } from '../whatsapp/port';
import type { Campaign } from './campaign';
import type { ReceiptTracker } from './receipts';
import { RECONCILE_SEARCH_DEPTH } from './reconcile';

/** Older messages are left alone: the operator has long seen where they stand, and each chat costs a page call. */
export const RECEIPT_REFRESH_MAX_AGE_MS = 7 * 24 * 60 * 60_000;
const READ = 3;

export interface ReceiptRefreshResult {
  chats: number;
  updated: number;
}

/** chat id -> ids of our messages in it whose receipt may still move on. */
function chatsToCheck(campaigns: readonly Campaign[], since: number): Map<string, Set<string>> {
  const chats = new Map<string, Set<string>>();
  for (const campaign of campaigns) {
    if (campaign.closed) continue;
    const { model } = campaign;
    for (let i = 0; i < model.total; i++) {
      const level = model.ackLevel(i);
      if (level < 1 || level >= READ) continue;
      const contact = model.contact(i);
      if (!contact.messageId || !contact.chatId || (contact.sentAt ?? 0) < since) continue;
      const ids = chats.get(contact.chatId) ?? new Set<string>();
      ids.add(contact.messageId);
      chats.set(contact.chatId, ids);
    }
  }
  return chats;
}

/** Reads the chats one at a time; stops quietly when WhatsApp is no longer ready (the next ready runs it again). */
export async function refreshReceipts(
  campaigns: readonly Campaign[],
  port: Pick<WhatsAppPort, 'recentMessages' | 'getStatus'>,
  tracker: ReceiptTracker,
  clock: Clock,
  maxAgeMs = RECEIPT_REFRESH_MAX_AGE_MS,
): Promise<ReceiptRefreshResult> {
  const result: ReceiptRefreshResult = { chats: 0, updated: 0 };
  for (const [chatId, ids] of chatsToCheck(campaigns, clock.now() - maxAgeMs)) {
    if (port.getStatus().kind !== 'ready') break;
    let messages;
    try {
      messages = await port.recentMessages(chatId, RECONCILE_SEARCH_DEPTH);
    } catch {
      // A chat that cannot be read now (WhatsApp busy, the chat gone) is read again on the next refresh.
      continue;
    }
    result.chats += 1;
    for (const message of messages) {
      if (message.ack === undefined || !ids.has(message.id)) continue;
      if (await tracker.handle({ messageId: message.id, ack: message.ack, at: clock.now() })) result.updated += 1;
    }
  }
  return result;
}
