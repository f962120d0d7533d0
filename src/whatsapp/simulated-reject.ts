/**
 * First-contact refusals for the simulated WhatsApp (`wa-bulk --simulate-reject FILE`, the demo's
 * `--simulate-reject FILE`, tests): WhatsApp takes the first message to each listed number ("sent", ack 1), then
 * refuses it with ack -1, as it does to first messages it takes for spam (WHATSAPP.md #20; WAHA #2185). A later
 * message to the same number goes through. "First" is judged by the chat, so it holds across runs sharing an outbox.
 */
import fsp from 'node:fs/promises';
import type { AckEvent, MediaFile, SentMessage } from './port';
import { maskNumber } from './redact';
import { SimulatedWhatsApp, type SimulatedWhatsAppOptions } from './simulated';

/** Numbers in a file, one per line (the digits of each line; lines without digits, such as a header, are skipped). */
export async function readRejectFile(file: string): Promise<string[]> {
  const text = await fsp.readFile(file, 'utf8');
  return text
    .split(/\r?\n/)
    .map((line) => (line.split(/[,;\t]/)[0] ?? '').replace(/\D/g, ''))
    .filter((digits) => digits.length > 0);
}

export class RejectingSimulatedWhatsApp extends SimulatedWhatsApp {
  private readonly rejects: Set<string>;
  /** Messages refused: their later receipts (delivered, read) never come. */
  private readonly refused = new Set<string>();
  private readonly clock: SimulatedWhatsAppOptions['clock'];

  constructor(
    options: SimulatedWhatsAppOptions,
    /** Digits of the numbers whose first message WhatsApp refuses. */
    rejectFirst: Iterable<string>,
  ) {
    super(options);
    this.clock = options.clock;
    this.rejects = new Set(rejectFirst);
  }

  override async sendText(chatId: string, body: string): Promise<SentMessage> {
    const first = await this.isFirstTo(chatId);
    return this.refuseIfListed(chatId, first, await super.sendText(chatId, body));
  }

  override async sendMedia(chatId: string, media: MediaFile, caption: string): Promise<SentMessage> {
    const first = await this.isFirstTo(chatId);
    return this.refuseIfListed(chatId, first, await super.sendMedia(chatId, media, caption));
  }

  override onAck(listener: (ack: AckEvent) => void): () => void {
    return super.onAck((ack) => {
      if (ack.ack >= 2 && this.refused.has(ack.messageId)) return;
      listener(ack);
    });
  }

  private async isFirstTo(chatId: string): Promise<boolean> {
    const digits = chatId.split('@')[0] ?? chatId;
    if (!this.rejects.has(digits)) return false;
    return (await this.recentMessages(chatId, 1)).length === 0;
  }

  /** The message went out (ack 1 follows by itself); ack -1 comes right after it. */
  private refuseIfListed(chatId: string, first: boolean, sent: SentMessage): SentMessage {
    const id = sent.id;
    if (!first || id === null) return sent;
    this.refused.add(id);
    this.events.log('warn', `Simulated first-contact refusal: WhatsApp refused the first message to ${maskNumber(chatId)}`);
    setImmediate(() => setImmediate(() => this.events.ack({ messageId: id, ack: -1, at: this.clock.now() })));
    return sent;
  }
}
