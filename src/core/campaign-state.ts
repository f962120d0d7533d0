/**
 * A campaign's per-contact state, rebuilt by replaying its journal and kept up to date as entries are appended.
 * Pure and compact (typed arrays), so a 100,000-contact campaign stays small in memory.
 */
import type { CampaignCounts, ContactStatus, SkipReason } from '../shared/contract/campaign';

/** One line of the journal (format: README.md, "The campaign journal"). `i` is the contact's index in the campaign. */
export type JournalEntry =
  | {
      t: 'campaign';
      state: 'running' | 'paused' | 'waiting' | 'stopped' | 'finished';
      reason?: string | null;
      /** On `stopped`: the operator ended it for good (an auth failure stop stays resumable). */
      final?: boolean;
      at: number;
    }
  | { t: 'sending'; i: number; chat: string; at: number }
  /** `first`: the first message to someone the account had never chatted with (a refusal of it is "rejected"). */
  | { t: 'sent'; i: number; id: string; at: number; via?: 'reconciled' | 'late'; first?: true }
  /** `rejected`: WhatsApp refused the message (error 463, first-contact block), not an ordinary failure. */
  | { t: 'failed'; i: number; reason: string; at: number; rejected?: true }
  | { t: 'skipped'; i: number; reason: SkipReason; at: number }
  | { t: 'unsent'; i: number; at: number }
  | { t: 'ack'; i: number; ack: number; at: number };

/** In-memory codes only (never stored); ordered so every status from `sent` on means WhatsApp took the message. */
const STATUS_CODES: readonly ContactStatus[] = ['pending', 'sending', 'failed', 'skipped', 'rejected', 'sent', 'delivered', 'read'];
const code = (status: ContactStatus): number => STATUS_CODES.indexOf(status);
const PENDING = code('pending');
const SENDING = code('sending');
const FAILED = code('failed');
const SKIPPED = code('skipped');
const REJECTED = code('rejected');
const SENT = code('sent');
const DELIVERED = code('delivered');
const READ = code('read');

export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  not_on_whatsapp: 'not on WhatsApp',
  opted_out: 'opted out',
  duplicate: 'duplicate number (already in this campaign)',
  already_sent: 'already sent to in the campaign this one resends',
};

/** The reason shown for a first message WhatsApp refused (WHATSAPP.md #20). */
export const REJECTED_REASON = 'WhatsApp refused this first message (it may suspect spam); not sent';

export interface ContactState {
  status: ContactStatus;
  reason: string | null;
  messageId: string | null;
  chatId: string | null;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
}

const orNull = (n: number): number | null => (Number.isNaN(n) ? null : n);

export class CampaignStateModel {
  private readonly status: Uint8Array;
  private readonly sentAt: Float64Array;
  private readonly deliveredAt: Float64Array;
  private readonly readAt: Float64Array;
  /** Sparse: only contacts that have one. */
  private readonly messageIds = new Map<number, string>();
  private readonly chatIds = new Map<number, string>();
  /** When each still-unconfirmed contact was journalled "about to send" (bounds reconciliation's search). */
  private readonly sendingAt = new Map<number, number>();
  private readonly reasons = new Map<number, string>();
  /** Contacts whose message was a first contact (`first` on its "sent" entry). */
  private readonly firsts = new Set<number>();
  private readonly byMessageId = new Map<string, number>();
  private readonly tally: number[] = STATUS_CODES.map(() => 0);
  /** The last campaign-level entry, if any. */
  lastCampaignEntry: Extract<JournalEntry, { t: 'campaign' }> | null = null;

  constructor(readonly total: number) {
    this.status = new Uint8Array(total);
    this.sentAt = new Float64Array(total).fill(Number.NaN);
    this.deliveredAt = new Float64Array(total).fill(Number.NaN);
    this.readAt = new Float64Array(total).fill(Number.NaN);
    this.tally[PENDING] = total;
  }

  private setStatus(i: number, next: number): void {
    const previous = this.status[i]!;
    if (next !== SENDING) this.sendingAt.delete(i);
    this.tally[previous]! -= 1;
    this.tally[next]! += 1;
    this.status[i] = next;
  }

  /** Applies one entry; entries for indexes outside the campaign are ignored (returns false). */
  apply(entry: JournalEntry): boolean {
    if (entry.t === 'campaign') {
      this.lastCampaignEntry = entry;
      return true;
    }
    const i = entry.i;
    if (!Number.isInteger(i) || i < 0 || i >= this.total) return false;
    switch (entry.t) {
      case 'sending':
        this.chatIds.set(i, entry.chat);
        this.sendingAt.set(i, entry.at);
        this.reasons.delete(i);
        this.setStatus(i, SENDING);
        break;
      case 'unsent':
        this.setStatus(i, PENDING);
        break;
      case 'sent':
        // A late success corrects a timeout failure; acks that already moved it on are kept.
        if (this.status[i]! < SENT) this.setStatus(i, SENT);
        this.reasons.delete(i);
        this.messageIds.set(i, entry.id);
        this.byMessageId.set(entry.id, i);
        if (entry.first) this.firsts.add(i);
        this.sentAt[i] = entry.at;
        break;
      case 'failed':
        this.reasons.set(i, entry.reason);
        this.setStatus(i, entry.rejected ? REJECTED : FAILED);
        break;
      case 'skipped':
        this.reasons.set(i, SKIP_REASON_TEXT[entry.reason] ?? entry.reason);
        this.setStatus(i, SKIPPED);
        break;
      case 'ack':
        this.applyAck(i, entry.ack, entry.at);
        break;
    }
    return true;
  }

  private applyAck(i: number, ack: number, at: number): void {
    const current = this.status[i]!;
    if (ack === -1) {
      if (current >= SENT) {
        // On a first contact, ack -1 is WhatsApp's first-contact block (WAHA #2185), not an ordinary failure.
        const first = this.firsts.has(i);
        this.reasons.set(i, first ? REJECTED_REASON : 'WhatsApp reported an error delivering the message');
        this.setStatus(i, first ? REJECTED : FAILED);
      }
      return;
    }
    if (current < SENT) return;
    if (ack >= 2 && Number.isNaN(this.deliveredAt[i]!)) this.deliveredAt[i] = at;
    if (ack >= 3 && Number.isNaN(this.readAt[i]!)) this.readAt[i] = at;
    const next = ack >= 3 ? READ : ack === 2 ? DELIVERED : SENT;
    if (next > current) this.setStatus(i, next);
  }

  /** The ack level a new receipt must exceed to be worth journalling. */
  ackLevel(i: number): number {
    const s = this.status[i]!;
    return s === READ ? 3 : s === DELIVERED ? 2 : s === SENT ? 1 : (s === FAILED || s === REJECTED) && this.messageIds.has(i) ? -1 : 0;
  }

  statusOf(i: number): ContactStatus {
    return STATUS_CODES[this.status[i]!]!;
  }

  isPending(i: number): boolean {
    return this.status[i] === PENDING;
  }

  sendingSince(i: number): number | null {
    return this.sendingAt.get(i) ?? null;
  }

  /** The message to this contact was a first contact (sent to someone the account had never chatted with). */
  isFirstContact(i: number): boolean {
    return this.firsts.has(i);
  }

  isUnconfirmed(i: number): boolean {
    return this.status[i] === SENDING;
  }

  indexOfMessage(messageId: string): number | undefined {
    return this.byMessageId.get(messageId);
  }

  contact(i: number): ContactState {
    return {
      status: this.statusOf(i),
      reason: this.reasons.get(i) ?? null,
      messageId: this.messageIds.get(i) ?? null,
      chatId: this.chatIds.get(i) ?? null,
      sentAt: orNull(this.sentAt[i]!),
      deliveredAt: orNull(this.deliveredAt[i]!),
      readAt: orNull(this.readAt[i]!),
    };
  }

  /** Indexes still `sending` (journalled "about to send", outcome unknown). */
  unconfirmed(): number[] {
    return [...this.sendingAt.keys()].sort((a, b) => a - b);
  }

  /** The first pending index at or after `from`, or -1. */
  nextPending(from: number): number {
    for (let i = Math.max(0, from); i < this.total; i++) if (this.status[i] === PENDING) return i;
    return -1;
  }

  counts(): CampaignCounts {
    const t = this.tally;
    return {
      total: this.total,
      pending: t[PENDING]!,
      sent: t[SENT]! + t[DELIVERED]! + t[READ]!,
      delivered: t[DELIVERED]! + t[READ]!,
      read: t[READ]!,
      failed: t[FAILED]!,
      skipped: t[SKIPPED]!,
      rejected: t[REJECTED]!,
      unconfirmed: t[SENDING]!,
    };
  }
}
