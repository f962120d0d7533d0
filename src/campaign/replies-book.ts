/**
 * Who replied in each campaign: read once from its journal's `reply` lines, then kept up to date as replies come
 * in. Also finds the contact a reply belongs to: the most recent campaign that messaged that number.
 */
import { alternateE164 } from '../core/phone-variants';
import { REPLIES_PAGE, type CampaignReplies } from '../shared/contract/replies';
import type { Campaign } from './campaign';
import { campaignPaths } from './campaign-files';
import { readJournal } from './journal';
import { isReplyEntry, type ReplyEntry } from './replies-journal';

/** A contact's reply as shown: the latest reply's time and preview; `stop` once any reply of theirs opted out. */
export interface ContactReply {
  index: number;
  at: number;
  text: string;
  stop: boolean;
}

export interface ReplyTarget {
  campaign: Campaign;
  index: number;
}

export interface ReplyCounts {
  /** Contacts who replied. */
  replied: number;
  /** Of them, those whose reply was an opt-out keyword. */
  optedOutByReply: number;
}

/** A contact this campaign messaged (a message went out, or may have: "about to send"). */
const messaged = (campaign: Campaign, i: number): boolean => {
  const c = campaign.model.contact(i);
  return c.sentAt !== null || c.messageId !== null || c.status === 'sending';
};

/** The replies of a journal's entries, one per contact. */
export function repliesOfEntries(entries: readonly unknown[]): Map<number, ContactReply> {
  const out = new Map<number, ContactReply>();
  for (const entry of entries) if (isReplyEntry(entry)) addReply(out, entry);
  return out;
}

function addReply(replies: Map<number, ContactReply>, entry: ReplyEntry): void {
  const known = replies.get(entry.i);
  const stop = Boolean(known?.stop || entry.stop);
  if (!known || entry.at >= known.at) replies.set(entry.i, { index: entry.i, at: entry.at, text: entry.text, stop });
  else known.stop = stop;
}

export function countReplies(replies: ReadonlyMap<number, ContactReply>): ReplyCounts {
  let optedOutByReply = 0;
  for (const reply of replies.values()) if (reply.stop) optedOutByReply++;
  return { replied: replies.size, optedOutByReply };
}

export class ReplyBook {
  private readonly byCampaign = new Map<string, Map<number, ContactReply>>();
  /** Replies recorded before a campaign's journal was read (kept apart, merged in once it is). */
  private readonly early = new Map<string, ReplyEntry[]>();
  private readonly reading = new Map<string, Promise<Map<number, ContactReply>>>();
  private readonly phones = new WeakMap<Campaign, Map<string, number[]>>();

  /** The contact a reply belongs to: the newest campaign that messaged this number (or, unknown number, this chat). */
  findTarget(campaigns: readonly Campaign[], phone: string | null, chatId: string): ReplyTarget | null {
    const newestFirst = [...campaigns].sort((a, b) => b.meta.createdAt - a.meta.createdAt || (a.id < b.id ? 1 : -1));
    const forms = phone ? [phone, alternateE164(phone)].filter((p): p is string => p !== null) : [];
    for (const campaign of newestFirst) {
      const candidates = forms.length > 0 ? forms.flatMap((p) => this.indexesOf(campaign, p)) : this.indexesOfChat(campaign, chatId);
      const index = candidates.find((i) => messaged(campaign, i));
      if (index !== undefined) return { campaign, index };
    }
    return null;
  }

  /** A reply just journalled on this campaign. */
  add(campaignId: string, entry: ReplyEntry): void {
    const known = this.byCampaign.get(campaignId);
    if (known) addReply(known, entry);
    else this.early.set(campaignId, [...(this.early.get(campaignId) ?? []), entry]);
  }

  /** The campaign's replies (its journal is read the first time). */
  async repliesOf(campaign: Campaign): Promise<Map<number, ContactReply>> {
    const known = this.byCampaign.get(campaign.id);
    if (known) return known;
    let reading = this.reading.get(campaign.id);
    if (!reading) {
      reading = readJournal(campaignPaths(campaign.dir).journal).then((read) => {
        const replies = repliesOfEntries(read.entries);
        for (const entry of this.early.get(campaign.id) ?? []) addReply(replies, entry);
        this.early.delete(campaign.id);
        this.byCampaign.set(campaign.id, replies);
        return replies;
      });
      this.reading.set(campaign.id, reading);
      void reading.finally(() => this.reading.delete(campaign.id)).catch(() => undefined);
    }
    return reading;
  }

  async countsOf(campaign: Campaign): Promise<ReplyCounts> {
    return countReplies(await this.repliesOf(campaign));
  }

  private indexesOf(campaign: Campaign, phone: string): number[] {
    let index = this.phones.get(campaign);
    if (!index) {
      index = new Map();
      campaign.contacts.forEach((c, i) => index!.set(c.phone, [...(index!.get(c.phone) ?? []), i]));
      this.phones.set(campaign, index);
    }
    return index.get(phone) ?? [];
  }

  private indexesOfChat(campaign: Campaign, chatId: string): number[] {
    const found: number[] = [];
    for (let i = 0; i < campaign.model.total; i++) if (campaign.model.contact(i).chatId === chatId) found.push(i);
    return found;
  }
}

const NAME_COLUMN = /^(full ?name|name|first ?name|nombre|nom|nome|nama|naam|اسم|الاسم|नाम)$/i;

/** The contact's name from a name column, if the list had one. */
export function nameOf(fields: Record<string, string>): string | null {
  for (const [column, value] of Object.entries(fields)) if (NAME_COLUMN.test(column.trim()) && value.trim()) return value.trim();
  return null;
}

/** A campaign's replies as the app shows them: counts, the reply rate's base and the newest replies. */
export async function campaignReplies(book: ReplyBook, campaign: Campaign): Promise<CampaignReplies> {
  const replies = await book.repliesOf(campaign);
  const rows = [...replies.values()]
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .slice(0, REPLIES_PAGE)
    .map((r) => {
      const contact = campaign.contacts[r.index]!;
      return { index: r.index, row: contact.row, phone: contact.phone, name: nameOf(contact.fields), at: r.at, text: r.text, optedOut: r.stop };
    });
  return { campaignId: campaign.id, ...countReplies(replies), messaged: campaign.model.counts().sent, rows };
}

/** The replies in a campaign folder's journal (read-only: safe next to a process that sends). */
export async function readRepliesIn(dir: string): Promise<Map<number, ContactReply>> {
  return repliesOfEntries((await readJournal(campaignPaths(dir).journal)).entries);
}

/** A campaign's reply counts read from its journal (`wa-bulk report`). */
export async function readCampaignReplyCounts(campaign: Campaign): Promise<ReplyCounts> {
  return countReplies(await readRepliesIn(campaign.dir));
}
