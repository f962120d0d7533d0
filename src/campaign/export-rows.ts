/**
 * What both exports read from a campaign: a line per contact with the text that went out and the chat id, and the
 * rows the import left out.
 */
import type { ContactResult, ContactStatus } from '../shared/contract/campaign';
import { readLeftOut, type LeftOutRow } from './left-out';
import { readRepliesIn, type ContactReply } from './replies-book';

/** What an export reads from a campaign (a Campaign is one). */
export interface ResultSource {
  meta: { columns: readonly string[]; total: number };
  row(index: number): ContactResult;
  /** The campaign folder, where left-out.jsonl is; absent: no rows left out are known. */
  dir?: string;
  /** The message as this contact gets it (template and spintax rendered with their fields). */
  render?(index: number): { text: string };
  model?: { contact(index: number): { chatId: string | null } };
}

/** Statuses whose message went out: only those rows show the text sent. */
const WENT_OUT: ReadonlySet<ContactStatus> = new Set(['sent', 'delivered', 'read']);

/** One contact's line of the results, as the exports need it. */
export interface ResultLine {
  result: ContactResult;
  /** The text this person got; '' when nothing went out to them. */
  message: string;
  chatId: string;
  /** The contact's latest reply (time and preview), or null. */
  reply: ContactReply | null;
}

export function* resultLines(campaign: ResultSource, replies?: ReadonlyMap<number, ContactReply>): Generator<ResultLine> {
  for (let i = 0; i < campaign.meta.total; i++) {
    const result = campaign.row(i);
    const message = WENT_OUT.has(result.status) && campaign.render ? campaign.render(i).text : '';
    yield { result, message, chatId: campaign.model?.contact(i).chatId ?? '', reply: replies?.get(i) ?? null };
  }
}

/** The rows left out at import; null when the campaign did not keep them (created before it did). */
export const leftOutOf = (campaign: ResultSource): Promise<LeftOutRow[] | null> => (campaign.dir ? readLeftOut(campaign.dir) : Promise.resolve(null));

/** The campaign's replies from its journal; none when the source has no folder. */
export const repliesFor = (campaign: ResultSource): Promise<Map<number, ContactReply>> =>
  campaign.dir ? readRepliesIn(campaign.dir) : Promise.resolve(new Map());

/** Says so in every export of a campaign that has no record of the rows left out. */
export const LEFT_OUT_UNKNOWN = 'Not recorded: this campaign was made before the app kept the rows left out at import.';
