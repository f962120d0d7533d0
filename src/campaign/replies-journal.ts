/**
 * The `reply` journal line: a contact of the campaign wrote back. `{"t":"reply","i":<index>,"text":"<preview>",
 * "at":<epoch ms>}`, with `"stop":true` when the reply was an opt-out keyword. Written through Campaign.record like
 * every other line (format 2, checksummed); the state model ignores it, the reply book (replies.ts) reads it.
 */
import { z } from 'zod';
import type { JournalEntry } from '../core/campaign-state';

/** Replies are journalled as a preview: at most this many characters. */
export const REPLY_PREVIEW_CHARS = 80;

export interface ReplyEntry {
  t: 'reply';
  i: number;
  /** The reply's first REPLY_PREVIEW_CHARS characters, on one line. */
  text: string;
  /** The reply was an opt-out keyword: the number went on the do-not-message list. */
  stop?: true;
  at: number;
}

/** The schema journal.ts reads a reply line with (`i` and `at` as that format checks them). */
export const replyEntrySchema = (i: z.ZodNumber, at: z.ZodType) =>
  z.looseObject({ t: z.literal('reply'), i, text: z.string(), stop: z.literal(true).optional(), at });

/** A preview of a reply: whitespace folded to single spaces, cut to REPLY_PREVIEW_CHARS with an ellipsis. */
export function replyPreview(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length <= REPLY_PREVIEW_CHARS ? text : `${chars.slice(0, REPLY_PREVIEW_CHARS - 1).join('')}…`;
}

export function replyLine(i: number, body: string, at: number, stop: boolean): ReplyEntry {
  return { t: 'reply', i, text: replyPreview(body), ...(stop ? { stop: true as const } : {}), at };
}

/** The journal's entry type does not list replies (the state model has nothing to do with them): this is the one cast. */
export const asJournalEntry = (entry: ReplyEntry): JournalEntry => entry as unknown as JournalEntry;

export const isReplyEntry = (entry: unknown): entry is ReplyEntry => (entry as { t?: unknown } | null)?.t === 'reply';
