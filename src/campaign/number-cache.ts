/**
 * Remembers which numbers are on WhatsApp (WHATSAPP.md #3): a number is checked once, and concurrent checks of
 * the same number share one request. Only answers are cached, never errors.
 */
import type { WhatsAppPort } from '../whatsapp/port';

export class NumberCache {
  private readonly known = new Map<string, string | null>();
  private readonly inFlight = new Map<string, Promise<string | null>>();

  constructor(
    private readonly port: Pick<WhatsAppPort, 'checkNumber'>,
    private readonly maxEntries = 200_000,
  ) {}

  /** The chat id for these digits, or null when the number is not on WhatsApp. */
  resolve(digits: string): Promise<string | null> {
    if (this.known.has(digits)) return Promise.resolve(this.known.get(digits) ?? null);
    const pending = this.inFlight.get(digits);
    if (pending) return pending;
    const request = this.port.checkNumber(digits).then(
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

  /** Drop a stale answer ("No LID for user": resolve again before the one retry, WHATSAPP.md #4). */
  forget(digits: string): void {
    this.known.delete(digits);
  }
}
