/**
 * The first-contact guard (WHATSAPP.md #20): WhatsApp may refuse first messages to people the account never chatted
 * with when it suspects spam (the message is "sent", then ack -1, or the send fails with error 463; WAHA #2185,
 * Baileys #2441). After `limit` refusals in a row, messages to new contacts pause until the operator resumes them;
 * a first message that is delivered in between resets the count. Existing chats are never held back. Pure.
 */
import { rejectNotice } from '../core/send-limits';

export { rejectNotice };

export interface RejectGuardState {
  /** First messages refused in a row. */
  streak: number;
  /** Epoch ms new contacts were paused; null while they are not. */
  pausedAt: number | null;
}

/** When the refused or delivered message was sent: receipts come late, so the send order decides what is "in a row". */
type SentAt = number | undefined;

export class RejectGuard {
  private state: RejectGuardState = { streak: 0, pausedAt: null };
  /** When the latest refused message was sent: a delivery of a message sent before it does not break the row. */
  private lastRefusedSentAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly limit: () => number) {}

  get snapshot(): RejectGuardState {
    return { ...this.state };
  }

  get paused(): boolean {
    return this.state.pausedAt !== null;
  }

  /** A first message was refused; true when this refusal pauses new contacts. */
  rejected(at: number, sentAt: SentAt = at): boolean {
    this.state.streak += 1;
    this.lastRefusedSentAt = Math.max(this.lastRefusedSentAt, sentAt);
    if (this.paused || this.state.streak < this.limit()) return false;
    this.state.pausedAt = at;
    return true;
  }

  /** A first message reached the phone: if it was sent after the latest refusal, the refusals were not "in a row". */
  delivered(sentAt: SentAt = Number.POSITIVE_INFINITY): void {
    if (sentAt > this.lastRefusedSentAt) this.state.streak = 0;
  }

  /** The operator sends to new contacts again; the count starts afresh. */
  resume(): void {
    this.state = { streak: 0, pausedAt: null };
    this.lastRefusedSentAt = Number.NEGATIVE_INFINITY;
  }

  /** A pause read back from disk. */
  pausedSince(at: number): void {
    this.state.pausedAt = at;
  }
}

/** Error 463: WhatsApp refused the message outright (Baileys #2441; the first-contact block). */
export const isRefusal = (err: unknown): boolean => /\b463\b/.test(err instanceof Error ? err.message : String(err));

const HELD = 'Only new contacts are left';

/** The campaign waits only for the operator to resume new contacts (the CLI ends its run then; a notification says it). */
export const isNewContactsWait = (reason: string | null): boolean => reason?.includes(HELD) ?? false;

/** The notice part of such a wait's reason ("WhatsApp refused 3 first messages in a row. … new contacts."). */
export const newContactsNotice = (reason: string | null): string => (reason ?? '').split(` ${HELD}`)[0]!;

export const newContactsWaitReason = (held: number, streak: number): string =>
  `${rejectNotice(streak)} ${HELD} (${held} contact${held === 1 ? '' : 's'}); they get the message once new contacts are resumed.`;
