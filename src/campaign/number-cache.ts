/**
 * Remembers which numbers are on WhatsApp (WHATSAPP.md #3): a number is checked once, and concurrent checks of
 * the same number share one request. Only answers are cached, never errors.
 *
 * A Brazilian or Mexican mobile has two written forms and WhatsApp may know the account under only one of them
 * (WHATSAPP.md #19, whatsapp-web.js #596): when the first is not found, the other (alternateForm) is asked too,
 * and the answer is kept under the digits asked for.
 */
import { alternateForm } from '../core/phone-variants';
import type { WhatsAppPort } from '../whatsapp/port';

export class NumberCache {
  private readonly known = new Map<string, string | null>();
  private readonly inFlight = new Map<string, Promise<string | null>>();

  constructor(
    private readonly port: Pick<WhatsAppPort, 'checkNumber'>,
    private readonly maxEntries = 200_000,
  ) {}

  /** The chat id for these digits (or their other form), or null when the number is not on WhatsApp. */
  resolve(digits: string): Promise<string | null> {
    if (this.known.has(digits)) return Promise.resolve(this.known.get(digits) ?? null);
    const pending = this.inFlight.get(digits);
    if (pending) return pending;
    const request = this.check(digits).then(
      (chatId) => {
        if (this.known.size >= this.maxEntries) this.known.clear();
        this.known.set(digits, chatId);
        this.inFlight.delete(digits);
        return chatId;
      },
      (err: unknown) => {
        this.inFlight.delete(digits);
        throw err;
      },
    );
    this.inFlight.set(digits, request);
    return request;
  }

  /**
   * Drop a stale answer ("No LID for user": resolve again before the one retry, WHATSAPP.md #4), for both forms
   * of the number: either may have been resolved (by a list saved before the forms were made one).
   */
  forget(digits: string): void {
    this.known.delete(digits);
    const alternate = alternateForm(digits);
    if (alternate !== null) this.known.delete(alternate);
  }

  private async check(digits: string): Promise<string | null> {
    const chatId = await this.port.checkNumber(digits);
    if (chatId !== null) return chatId;
    const alternate = alternateForm(digits);
    return alternate === null ? null : this.port.checkNumber(alternate);
  }
}
