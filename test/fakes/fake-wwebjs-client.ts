import { EventEmitter } from 'node:events';
import type { MessageKeyLike } from '../../src/whatsapp/message-id';
import type { WwebjsClientConfig, WwebjsClientLike, WwebjsMessageLike } from '../../src/whatsapp/wwebjs-client';

type Behaviour<T> = () => Promise<T>;

/**
 * How message keys reach Node: `_serialized` (WhatsApp Web before mid-July 2026), the minified `$1` (after,
 * WHATSAPP.md #12), or only the parts (fromMe, remote Wid, id).
 */
export type KeyGeneration = 'serialized' | 'minified' | 'parts';

/** A message key as that generation of WhatsApp Web serializes it. */
export function messageKey(generation: KeyGeneration, fromMe: boolean, chatId: string, id: string): MessageKeyLike {
  const [user, server] = chatId.split('@');
  const serialized = `${fromMe}_${chatId}_${id}`;
  switch (generation) {
    case 'serialized':
      return { fromMe, remote: chatId, id, _serialized: serialized };
    case 'minified':
      return { fromMe, remote: { server, user, _serialized: chatId }, id, $1: serialized };
    case 'parts':
      return { fromMe, remote: { server, user }, id };
  }
}

/**
 * Stands in for whatsapp-web.js's Client: an EventEmitter the test drives with the library's real event names
 * (qr, loading_screen, authenticated, auth_failure, ready, disconnected, change_state, message_ack), and
 * scriptable initialize/logout/destroy/getNumberId/sendMessage/getChatById.
 */
export class FakeWwebjsClient extends EventEmitter implements WwebjsClientLike {
  info: { wid: { user: string }; pushname: string } | null = null;
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  initializeBehaviour: Behaviour<void> = async () => undefined;
  logoutBehaviour: Behaviour<void> = async () => undefined;
  destroyBehaviour: Behaviour<void> = async () => undefined;
  /** digits -> serialized id; missing means "not on WhatsApp". */
  readonly registered = new Map<string, string>();
  /** Errors thrown by the next sendMessage calls, in order. */
  readonly sendErrors: Error[] = [];
  readonly chats = new Map<string, WwebjsMessageLike[]>();
  /** The shape of the message keys sendMessage, fetchMessages and acks give. */
  keyGeneration: KeyGeneration = 'serialized';
  /** sendMessage delivers but resolves undefined, as 1.34.7 does on WhatsApp Web >= 2.3000.1042401057. */
  resolvesNoMessage = false;
  /** Thrown by the chat's sendStateTyping. */
  typingError: Error | null = null;
  /** Epoch ms a sent message is stamped with (WhatsApp stamps in seconds); default: Nov 2023 plus one second a send. */
  now: (() => number) | null = null;
  /** How many of the next sendMessage calls wait for releaseSend() before delivering (a stalled send, #5810). */
  holdNext = 0;
  browserOpen = false;
  private sent = 0;
  private received = 0;
  private readonly held: Array<() => void> = [];

  constructor(readonly config?: WwebjsClientConfig) {
    super();
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  get heldSends(): number {
    return this.held.length;
  }

  /** Lets the oldest held send deliver and resolve. */
  releaseSend(): boolean {
    const next = this.held.shift();
    next?.();
    return next !== undefined;
  }

  async initialize(): Promise<void> {
    this.calls.push({ method: 'initialize', args: [] });
    this.browserOpen = true;
    await this.initializeBehaviour();
  }
  async logout(): Promise<void> {
    this.calls.push({ method: 'logout', args: [] });
    if (!this.browserOpen) throw new TypeError("Cannot read properties of null (reading 'evaluate')");
    await this.logoutBehaviour();
    this.browserOpen = false;
  }
  async destroy(): Promise<void> {
    this.calls.push({ method: 'destroy', args: [] });
    await this.destroyBehaviour();
    this.browserOpen = false;
  }
  async getNumberId(number: string): Promise<{ _serialized: string } | null> {
    this.calls.push({ method: 'getNumberId', args: [number] });
    if (number.startsWith('+')) throw new Error('invalid wid');
    const id = this.registered.get(number.replace(/@c\.us$/, ''));
    return id ? { _serialized: id } : null;
  }
  async sendMessage(chatId: string, content: unknown, options?: Record<string, unknown>): Promise<WwebjsMessageLike | undefined> {
    this.calls.push({ method: 'sendMessage', args: [chatId, content, options] });
    const error = this.sendErrors.shift();
    if (error) throw error;
    if (this.holdNext > 0) {
      this.holdNext -= 1;
      await new Promise<void>((resolve) => this.held.push(resolve));
    }
    this.sent += 1;
    const message = {
      id: messageKey(this.keyGeneration, true, chatId, `FAKE${this.sent}`),
      body: typeof content === 'string' ? content : '',
      fromMe: true,
      timestamp: this.now ? Math.floor(this.now() / 1000) : 1_700_000_000 + this.sent,
    };
    this.chats.set(chatId, [...(this.chats.get(chatId) ?? []), message]);
    return this.resolvesNoMessage ? undefined : message;
  }
  /** The contact writes in the chat: a message that is not ours (fromMe false), stamped as sendMessage stamps. */
  receive(chatId: string, body: string): WwebjsMessageLike {
    this.received += 1;
    const message = {
      id: messageKey(this.keyGeneration, false, chatId, `THEIRS${this.received}`),
      body,
      fromMe: false,
      timestamp: this.now ? Math.floor(this.now() / 1000) : 1_700_000_000 + this.sent + this.received,
    };
    this.chats.set(chatId, [...(this.chats.get(chatId) ?? []), message]);
    return message;
  }
  async getChatById(chatId: string) {
    this.calls.push({ method: 'getChatById', args: [chatId] });
    const messages = this.chats.get(chatId) ?? [];
    return {
      fetchMessages: async ({ limit }: { limit: number }) => messages.slice(-limit),
      sendStateTyping: async () => {
        this.calls.push({ method: 'sendStateTyping', args: [chatId] });
        if (this.typingError) throw this.typingError;
      },
    };
  }
}
/** A factory that records every client it made, newest last. */
export function fakeClientFactory(setup?: (client: FakeWwebjsClient) => void) {
  const made: FakeWwebjsClient[] = [];
  const factory = (config: WwebjsClientConfig) => {
    const client = new FakeWwebjsClient(config);
    setup?.(client);
    made.push(client);
    return client;
  };
  return { factory, made, latest: () => made[made.length - 1] as FakeWwebjsClient };
}
