/**
 * The first-contact guard (WHATSAPP.md #20): WhatsApp may refuse first messages to people the account never chatted
 * with when it suspects spam (the message is "sent", then ack -1, or the send fails with error 463; WAHA #2185,
 * Baileys #2441). After `limit` refusals in a row, messages to new contacts pause until the operator resumes them;
 * a first message that is delivered in between resets the count. Existing chats are never held back. Pure.
 */
export interface RejectGuardState {
  /** First messages refused in a row. */
  streak: number;
  /** Epoch ms new contacts were paused; null while they are not. */
  pausedAt: number | null;
}

export const rejectNotice = (streak: number): string =>
  `WhatsApp refused ${streak} first message${streak === 1 ? '' : 's'} in a row. New contacts are paused to protect your account; people you have chatted with still get the message. Wait a day before messaging new contacts.`;

export class RejectGuard {
  private state: RejectGuardState = { streak: 0, pausedAt: null };

  constructor(private readonly limit: () => number) {}

  get snapshot(): RejectGuardState {
    return { ...this.state };
  }

  get paused(): boolean {
    return this.state.pausedAt !== null;
  }

  /** A first message was refused; true when this refusal pauses new contacts. */
  rejected(at: number): boolean {
    this.state.streak += 1;
    if (this.paused || this.state.streak < this.limit()) return false;
    this.state.pausedAt = at;
    return true;
  }

  /** A first message reached the phone: the refusals before it were not "in a row". */
  delivered(): void {
    this.state.streak = 0;
  }

  /** The operator sends to new contacts again; the count starts afresh. */
  resume(): void {
    this.state = { streak: 0, pausedAt: null };
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
  `${rejectNotice(streak)} ${HELD} (${held} contact${held === 1 ? '' : 's'}): resume new contacts when you are ready ("Resume new contacts" on the Send screen, or wa-bulk resume --resume-new-contacts).`;
