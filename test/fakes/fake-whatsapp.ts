import { Listeners } from '../../src/shared/events';
import type { LogLine, WaStatus } from '../../src/shared/status';
import type { AckEvent, AckLevel, ChatMessage, IncomingMessage, MediaFile, SentMessage, WhatsAppPort } from '../../src/whatsapp/port';
import type { Clock } from '../../src/platform/clock';

export type SendBehaviour =
  | { kind: 'ok' }
  | { kind: 'fail'; message: string }
  /** Never settles (whatsapp-web.js #5810). */
  | { kind: 'hang' }
  /** Settles successfully when the test calls the returned release. */
  | { kind: 'held' }
  /** Drops the connection while the message is in flight; `delivered` says whether it reached WhatsApp. */
  | { kind: 'disconnect'; delivered: boolean }
  /** Resolves with no message id (WHATSAPP.md #12); `delivered` says whether the message is really in the chat. */
  | { kind: 'no-id'; delivered: boolean };

export interface FakeSent {
  chatId: string;
  body: string;
  id: string;
  at: number;
  media?: MediaFile;
  /** false: the contact wrote this message in the chat (a reply); absent or true: ours. */
  fromMe?: boolean;
}

/**
 * A WhatsAppPort whose every answer the test decides: status changes, unregistered numbers, sends that fail, hang
 * or drop the connection. `sent` is the ground truth of what "WhatsApp" accepted, and holds the contacts' own
 * messages too when a test puts them in a chat (addHistory with `fromMe: false`).
 */
export class FakeWhatsApp implements WhatsAppPort {
  private status: WaStatus = { kind: 'ready', account: { number: '15550001111', name: 'Test' } };
  private readonly statusListeners = new Listeners<WaStatus>();
  private readonly logListeners = new Listeners<Omit<LogLine, 'at'>>();
  private readonly ackListeners = new Listeners<AckEvent>();
  private readonly messageListeners = new Listeners<IncomingMessage>();
  readonly sent: FakeSent[] = [];
  readonly checks: string[] = [];
  /** Chat ids a typing indicator was shown in, in order. */
  readonly typing: string[] = [];
  /** sendTyping rejects with this; `'hang'` never settles. */
  typingBehaviour: Error | 'hang' | null = null;
  readonly unregistered = new Set<string>();
  /** Per-digits behaviour for the next sends (consumed in order); otherwise `defaultBehaviour`. */
  private readonly plans = new Map<string, SendBehaviour[]>();
  defaultBehaviour: SendBehaviour = { kind: 'ok' };
  private readonly held: Array<() => void> = [];
  private seq = 0;
  recentMessagesError: Error | null = null;
  /** Message id -> the receipt level WhatsApp knows (shown in recentMessages, as WhatsApp Web's chat does). */
  readonly knownAcks = new Map<string, AckLevel>();
  /** Chats recentMessages was asked for, in order. */
  readonly chatReads: string[] = [];

  constructor(private readonly clock: Clock) {}

  setStatus(status: WaStatus): void {
    this.status = status;
    this.statusListeners.emit(status);
  }

  ready(): void {
    this.setStatus({ kind: 'ready', account: { number: '15550001111', name: 'Test' } });
  }

  plan(digits: string, ...behaviours: SendBehaviour[]): void {
    this.plans.set(digits, [...(this.plans.get(digits) ?? []), ...behaviours]);
  }

  /** Lets the oldest held send complete. */
  releaseHeld(): boolean {
    const next = this.held.shift();
    next?.();
    return next !== undefined;
  }

  get heldCount(): number {
    return this.held.length;
  }

  emitAck(ack: AckEvent): void {
    this.ackListeners.emit(ack);
  }

  /** A contact writes to the account (`from` defaults to the number's `@c.us` chat). */
  receive(fromNumber: string | null, body: string, options: { from?: string; at?: number; id?: string } = {}): void {
    const from = options.from ?? `${fromNumber}@c.us`;
    this.messageListeners.emit({
      from,
      fromNumber,
      body,
      at: options.at ?? this.clock.now(),
      id: options.id ?? `false_${from}_IN${this.sent.length}`,
    });
  }

  /**
   * Puts a message in a chat as if sent earlier (e.g. by a process that crashed before journalling it), or, with
   * `fromMe: false`, as the contact's own message.
   */
  addHistory(message: FakeSent): void {
    this.sent.push(message);
  }

  async start(): Promise<void> {}
  async logout(): Promise<void> {}
  async destroy(): Promise<void> {}
  getStatus(): WaStatus {
    return this.status;
  }
  onStatus(listener: (status: WaStatus) => void) {
    return this.statusListeners.on(listener);
  }
  onLog(listener: (line: Omit<LogLine, 'at'>) => void) {
    return this.logListeners.on(listener);
  }
  onAck(listener: (ack: AckEvent) => void) {
    return this.ackListeners.on(listener);
  }
  onMessage(listener: (message: IncomingMessage) => void) {
    return this.messageListeners.on(listener);
  }

  async checkNumber(digits: string): Promise<string | null> {
    this.requireReady();
    this.checks.push(digits);
    return this.unregistered.has(digits) ? null : `${digits}@c.us`;
  }

  sendText(chatId: string, body: string): Promise<SentMessage> {
    return this.send(chatId, body);
  }

  sendMedia(chatId: string, media: MediaFile, caption: string): Promise<SentMessage> {
    return this.send(chatId, caption, media);
  }

  async recentMessages(chatId: string, limit: number): Promise<ChatMessage[]> {
    this.requireReady();
    this.chatReads.push(chatId);
    if (this.recentMessagesError) throw this.recentMessagesError;
    return this.sent
      .filter((m) => m.chatId === chatId)
      .slice(-limit)
      .map((m) => {
        const ack = this.knownAcks.get(m.id);
        return { id: m.id, body: m.body, fromMe: m.fromMe ?? true, at: m.at, ...(ack !== undefined ? { ack } : {}) };
      });
  }

  async sendTyping(chatId: string): Promise<void> {
    this.requireReady();
    this.typing.push(chatId);
    if (this.typingBehaviour === 'hang') return new Promise<void>(() => undefined);
    if (this.typingBehaviour) throw this.typingBehaviour;
  }

  /** Our messages accepted per chat id (not the contact's own). */
  countTo(chatId: string): number {
    return this.sent.filter((m) => m.chatId === chatId && m.fromMe !== false).length;
  }

  private requireReady(): void {
    if (this.status.kind !== 'ready') throw new Error(`not ready (${this.status.kind})`);
  }

  private accept(chatId: string, body: string, media?: MediaFile): SentMessage {
    const id = `true_${chatId}_FAKE${++this.seq}`;
    const at = this.clock.now();
    this.sent.push({ chatId, body, id, at, ...(media ? { media } : {}) });
    return { id, at };
  }

  private async send(chatId: string, body: string, media?: MediaFile): Promise<SentMessage> {
    this.requireReady();
    const digits = chatId.split('@')[0]!;
    const behaviour = this.plans.get(digits)?.shift() ?? this.defaultBehaviour;
    switch (behaviour.kind) {
      case 'ok':
        return this.accept(chatId, body, media);
      case 'fail':
        throw new Error(behaviour.message);
      case 'hang':
        return new Promise<SentMessage>(() => undefined);
      case 'held':
        return new Promise<SentMessage>((resolve) => this.held.push(() => resolve(this.accept(chatId, body, media))));
      case 'no-id': {
        const sent = behaviour.delivered ? this.accept(chatId, body, media) : null;
        return { id: null, at: sent?.at ?? this.clock.now() };
      }
      case 'disconnect': {
        const sent = behaviour.delivered ? this.accept(chatId, body, media) : null;
        this.setStatus({ kind: 'disconnected', reason: 'phone offline' });
        void sent;
        throw new Error('Connection closed');
      }
    }
  }
}
