import { z } from 'zod';
import type { Result } from '../result';
import { NoArgs } from './connection';
import { event, invoke } from './define';

/** How many replies replies:list returns at most (newest first). */
export const REPLIES_PAGE = 500;

/** One contact's reply in a campaign: the latest one's time and preview; `optedOut` once any reply of theirs was an opt-out keyword. */
export interface ContactReplyRow {
  /** Position in the campaign (0-based) and row in the imported file (1-based). */
  index: number;
  row: number;
  phone: string;
  /** The contact's name when the list had a name column, else null. */
  name: string | null;
  /** Epoch ms. */
  at: number;
  /** At most 80 characters. */
  text: string;
  optedOut: boolean;
}

export interface CampaignReplies {
  campaignId: string;
  /** Contacts who replied, and how many of those replied an opt-out keyword. */
  replied: number;
  optedOutByReply: number;
  /** Contacts the campaign's message went to (the base of the reply rate). */
  messaged: number;
  /** The newest first, at most REPLIES_PAGE. */
  rows: ContactReplyRow[];
}

/** A reply just journalled (or, from a number no campaign messaged, just seen). */
export interface ReplyNotice {
  campaignId: string | null;
  index: number | null;
  phone: string | null;
  at: number;
  text: string;
  optOutKeyword: string | null;
}

export const MAX_OPT_OUT_KEYWORD_CHARS = 40;

/** Opt-out by reply: the keywords (null: the defaults in seven languages) and the optional confirmation. */
export const ReplySettings = z
  .object({
    /** A reply that is, as a whole, one of these opts the number out (case, spaces, punctuation and accents ignored). */
    keywords: z.array(z.string().max(MAX_OPT_OUT_KEYWORD_CHARS)).max(200).nullable(),
    /** Send `confirmationText` once to a number that opted out by reply (off by default). */
    confirm: z.boolean(),
    confirmationText: z.string().max(1000),
  })
  .strict();
export type ReplySettings = z.infer<typeof ReplySettings>;

export interface ReplySettingsView extends ReplySettings {
  /** The keywords in force (the defaults when `keywords` is null). */
  effective: string[];
  defaults: string[];
}

const CampaignRef = z.object({ id: z.string().regex(/^c_[A-Za-z0-9_-]{4,64}$/, 'not a campaign id') }).strict();

export const repliesInvokes = {
  'replies:list': invoke<CampaignReplies>()(CampaignRef, "A campaign's replies: counts and the newest replies with their contacts."),
  'replies:getSettings': invoke<ReplySettingsView>()(NoArgs, 'The opt-out keywords and the confirmation setting.'),
  'replies:updateSettings': invoke<ReplySettingsView>()(
    ReplySettings.partial().strict(),
    'Change the opt-out keywords (null: back to the defaults) or the confirmation; saved at once.',
  ),
} as const;

export const repliesEvents = {
  'replies:new': event<ReplyNotice[]>()('batch', 'Replies as they come in, oldest first.'),
} as const;

export interface RepliesApi {
  listReplies(campaignId: string): Promise<Result<CampaignReplies>>;
  getReplySettings(): Promise<Result<ReplySettingsView>>;
  updateReplySettings(change: Partial<ReplySettings>): Promise<Result<ReplySettingsView>>;
  onReplies(listener: (replies: ReplyNotice[]) => void): () => void;
}
