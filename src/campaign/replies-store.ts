/**
 * What the app remembers about replies across campaigns, in `<state>/replies.json` (zod-parsed):
 * - `links`: chat id -> E.164 number, for every chat a contact wrote from or we sent to, so a reply from an `@lid`
 *   chat (WhatsApp's private ids) is still known as that contact's number after the campaign that learned it;
 * - `replied`: per number, when it first and last wrote to us, and when it opted out by reply;
 * - `confirmed`: numbers already sent the opt-out confirmation (it goes once).
 * A damaged file is renamed aside (`replies.json.damaged-<time>`) and reported, and the app starts afresh: replies
 * already journalled on their contacts are not lost with it.
 */
import { z } from 'zod';
import { alternateE164 } from '../core/phone-variants';
import { reportError, type ErrorReporter } from '../shared/events';
import type { JsonFile } from '../contacts/json-file';
import { readJsonState, serialWrites } from '../contacts/json-state';

/** More chats than this are remembered by dropping the oldest links first. */
export const MAX_LINKS = 200_000;

const E164 = z.string().regex(/^\+\d{6,15}$/, 'expected a number like +15550001111');
const Replied = z.object({ first: z.number(), last: z.number(), stop: z.number().optional() }).strict();
export const StoredReplies = z
  .object({
    version: z.literal(1),
    links: z.record(z.string(), E164),
    replied: z.record(E164, Replied),
    confirmed: z.record(E164, z.number()),
  })
  .strict();
type Document = z.infer<typeof StoredReplies>;

export interface ReplyHistory {
  /** Epoch ms of the first and the latest reply. */
  first: number;
  last: number;
  /** When the number opted out by reply, if it did. */
  stop?: number;
}

export class ReplyStore {
  private doc: Document = { version: 1, links: {}, replied: {}, confirmed: {} };
  private links = new Map<string, string>();
  private writing: Promise<void> = Promise.resolve();
  private readonly write: (doc: unknown) => Promise<void>;

  constructor(
    private readonly file: JsonFile,
    private readonly report: ErrorReporter = reportError,
  ) {
    this.write = serialWrites(file);
  }

  /** Reads the file; a damaged one is renamed aside and reported, and the store starts empty. */
  async load(): Promise<void> {
    const stored = await readJsonState(
      this.file,
      StoredReplies,
      this.report,
      (aside) => `The reply history ${this.file.path} could not be read${aside ? ` and was moved to ${aside}` : ''}; it starts afresh`,
    );
    if (stored !== null) this.doc = stored;
    this.links = new Map(Object.entries(this.doc.links));
  }

  /** The number behind a chat id: `<digits>@c.us` says it itself; an `@lid` one only if a link was learned. */
  numberOf(chatId: string): string | null {
    const linked = this.links.get(chatId);
    if (linked) return linked;
    const m = /^(\d{6,15})@(c\.us|s\.whatsapp\.net)$/.exec(chatId);
    return m ? `+${m[1]}` : null;
  }

  /** Remembers that this chat is this number's (saved when new). */
  link(chatId: string, e164: string): Promise<void> {
    if (!E164.safeParse(e164).success || this.links.get(chatId) === e164) return this.writing;
    this.links.delete(chatId);
    this.links.set(chatId, e164);
    while (this.links.size > MAX_LINKS) this.links.delete(this.links.keys().next().value!);
    return this.save();
  }

  /** The number wrote to us at `at` (and opted out by it, when `stop`). */
  noteReply(e164: string, at: number, stop: boolean): Promise<void> {
    const known = this.doc.replied[e164];
    this.doc.replied[e164] = {
      first: Math.min(known?.first ?? at, at),
      last: Math.max(known?.last ?? at, at),
      ...(known?.stop !== undefined || stop ? { stop: known?.stop ?? at } : {}),
    };
    return this.save();
  }

  /**
   * Has this number ever written to this account (either written form of a Brazilian or Mexican mobile)? For the
   * first-contact rules and the no-reply meter: a contact who replied is not a stranger.
   */
  hasReplied(e164: string): boolean {
    return this.historyOf(e164) !== null;
  }

  historyOf(e164: string): ReplyHistory | null {
    const alternate = alternateE164(e164);
    return this.doc.replied[e164] ?? (alternate ? this.doc.replied[alternate] : undefined) ?? null;
  }

  /** Numbers that ever replied, with their history. */
  repliedNumbers(): Array<[string, ReplyHistory]> {
    return Object.entries(this.doc.replied);
  }

  wasConfirmed(e164: string): boolean {
    return this.doc.confirmed[e164] !== undefined;
  }

  markConfirmed(e164: string, at: number): Promise<void> {
    this.doc.confirmed[e164] = at;
    return this.save();
  }

  /** Log out with "delete data": forgets every chat link, reply and confirmation, and saves that (no number is left). */
  clear(): Promise<void> {
    this.doc = { version: 1, links: {}, replied: {}, confirmed: {} };
    this.links.clear();
    return this.save();
  }

  /** Writes one after another; a failed write is reported (the next change writes everything again). */
  private save(): Promise<void> {
    this.doc.links = Object.fromEntries(this.links);
    this.writing = this.write(structuredClone(this.doc)).catch((err: unknown) =>
      this.report(err, `The reply history ${this.file.path} could not be saved`),
    );
    return this.writing;
  }
}
