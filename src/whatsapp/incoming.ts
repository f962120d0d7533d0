/**
 * Incoming messages from whatsapp-web.js's `message` event, as the port's IncomingMessage: one-to-one chats only
 * (not our own messages, not groups, broadcasts, newsletters or status updates), with an `@lid` sender mapped back
 * to its phone number where WhatsApp Web knows it (the library's getContactLidAndPhone, then the contact's number).
 */
import { messageIdOf, type MessageKeyLike } from './message-id';
import type { IncomingMessage } from './port';

/** The slice of a library Message an incoming message is read from. */
export interface WwebjsIncomingLike {
  id?: MessageKeyLike | null;
  from?: unknown;
  fromMe?: boolean;
  body?: string;
  /** Epoch seconds. */
  timestamp?: number;
  isStatus?: boolean;
  broadcast?: boolean;
  getContact?: () => Promise<{ number?: unknown; id?: { user?: unknown; server?: unknown } } | null | undefined>;
}

/** What the mapping of an `@lid` sender needs of the client (present in whatsapp-web.js 1.34). */
export interface LidLookupClient {
  getContactLidAndPhone?: (userIds: string[]) => Promise<Array<{ lid?: string; pn?: string }>>;
}

const ONE_TO_ONE = /^[^@]+@(c\.us|lid|s\.whatsapp\.net)$/;

/** The chat id as a string: the library gives `_serialized` strings, older builds a Wid object. */
function chatIdOf(from: unknown): string | null {
  if (typeof from === 'string') return from;
  const serialized = (from as { _serialized?: unknown } | null)?._serialized;
  return typeof serialized === 'string' ? serialized : null;
}

const digitsIn = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const digits = value.split('@')[0]!.replace(/\D/g, '');
  return digits.length >= 6 ? digits : null;
};

/** The phone number behind an `@lid` chat id, or null when WhatsApp Web does not say. Never throws. */
export async function phoneOfLid(client: LidLookupClient, lid: string, message: WwebjsIncomingLike): Promise<string | null> {
  try {
    const [found] = (await client.getContactLidAndPhone?.([lid])) ?? [];
    const pn = digitsIn(found?.pn);
    if (pn) return pn;
  } catch {
    // Older pages lack the lookup: the contact may still say.
  }
  try {
    const contact = await message.getContact?.();
    if (contact?.id?.server === 'c.us') return digitsIn(contact.id.user);
    // For an @lid contact the library's `number` is the LID's own digits: no phone number.
    return null;
  } catch {
    return null;
  }
}

/**
 * The IncomingMessage for a library message, or null for one that is not a contact writing to us one to one.
 * `now` gives the time when the message carries none.
 */
export async function readIncoming(client: LidLookupClient, message: WwebjsIncomingLike, now: () => number): Promise<IncomingMessage | null> {
  if (!message || message.fromMe || message.isStatus || message.broadcast) return null;
  const from = chatIdOf(message.from);
  if (!from || from === 'status@broadcast' || !ONE_TO_ONE.test(from)) return null;
  const fromNumber = from.endsWith('@lid') ? await phoneOfLid(client, from, message) : digitsIn(from);
  const seconds = typeof message.timestamp === 'number' && message.timestamp > 0 ? message.timestamp : null;
  return {
    from,
    fromNumber,
    body: typeof message.body === 'string' ? message.body : '',
    at: seconds === null ? now() : seconds * 1000,
    id: messageIdOf(message.id) ?? '',
  };
}
