import type { Unsubscribe } from '../shared/events';
import type { LogLine, WaStatus } from '../shared/status';

/**
 * The port every part of the app talks to. Two adapters implement it: `wwebjs.ts` over the real
 * whatsapp-web.js Client, and `simulated.ts` for the offline demo and tests.
 */
export interface WhatsAppPort {
  /** Starts the client; progress and the outcome arrive as status changes, never as a rejection. */
  start(): Promise<void>;
  /** Logs out inside WhatsApp (unlinks the device) and closes the browser. Needs a live client. */
  logout(): Promise<void>;
  /** Closes the browser and keeps the session on disk for next time. Safe to call at any time. */
  destroy(): Promise<void>;
  getStatus(): WaStatus;
  onStatus(listener: (status: WaStatus) => void): Unsubscribe;
  onLog(listener: (line: Omit<LogLine, 'at'>) => void): Unsubscribe;
  /** Delivery receipts for messages this client sent. */
  onAck(listener: (ack: AckEvent) => void): Unsubscribe;
  /** Messages contacts write to this account (one-to-one chats only: not our own, not groups, not status updates). */
  onMessage(listener: (message: IncomingMessage) => void): Unsubscribe;

  /** Digits only (no `+`). Resolves the chat id to send to, or null when the number is not on WhatsApp. */
  checkNumber(digits: string): Promise<string | null>;
  sendText(chatId: string, body: string): Promise<SentMessage>;
  sendMedia(chatId: string, media: MediaFile, caption: string): Promise<SentMessage>;
  /** Most recent messages of a chat, newest last; used to reconcile a send that may or may not have happened. */
  recentMessages(chatId: string, limit: number): Promise<ChatMessage[]>;
  /** Shows "typing…" in the chat for a few seconds; cosmetic, so callers treat a failure as harmless. */
  sendTyping(chatId: string): Promise<void>;
}

export interface SentMessage {
  /**
   * The message id (whatsapp-web.js `msg.id._serialized`, or `$1` since mid-July 2026), used to match acks.
   * null: WhatsApp took the message but gave no id (WHATSAPP.md #12), so it is sent but unconfirmed; the caller
   * looks for it in the chat (reconcile) and never treats it as a failure.
   */
  id: string | null;
  /** Epoch milliseconds. */
  at: number;
}

export interface MediaFile {
  path: string;
  mimeType: string;
  fileName: string;
}

export interface ChatMessage {
  /** Empty when WhatsApp Web gave no readable id. */
  id: string;
  body: string;
  fromMe: boolean;
  /** Epoch milliseconds. */
  at: number;
  /** Its receipt level as WhatsApp Web knows it now, when it says (receipts that came while the app was closed). */
  ack?: AckLevel;
}

/** whatsapp-web.js ack levels: -1 error, 0 pending, 1 server, 2 device (delivered), 3 read, 4 played. */
export type AckLevel = -1 | 0 | 1 | 2 | 3 | 4;

export const isAckLevel = (value: unknown): value is AckLevel => Number.isInteger(value) && (value as number) >= -1 && (value as number) <= 4;

export interface AckEvent {
  messageId: string;
  ack: AckLevel;
  at: number;
}

/** A message a contact wrote to this account. */
export interface IncomingMessage {
  /** The chat it came from: `<digits>@c.us`, or `<lid>@lid` for accounts WhatsApp addresses by LID. */
  from: string;
  /** The sender's phone number in digits (no `+`) when known; null for an `@lid` sender not mapped to a number yet. */
  fromNumber: string | null;
  body: string;
  /** Epoch milliseconds. */
  at: number;
  /** The message id ('' when WhatsApp Web gave no readable one). */
  id: string;
}
