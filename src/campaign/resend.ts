/**
 * "Resend to failed": a new campaign over the contacts whose message failed in a finished or stopped campaign,
 * which never reaches anyone that campaign (or, for a resend of a resend, any campaign before it) may already have
 * sent to. Checked when the new campaign is created, and again each time it starts or resumes (skipReached).
 */
import type { CampaignSummary, ContactStatus } from '../shared/contract/campaign';
import { AppFailure } from '../shared/result';
import type { Clock } from '../platform/clock';
import type { Campaign } from './campaign';
import type { CheckedAttachment } from './attachment';
import type { ContactRecord } from './contact-record';

/** Statuses that mean the message may have reached the contact: sent (or beyond), or "about to send" unsettled. */
const REACHED: ReadonlySet<ContactStatus> = new Set<ContactStatus>(['sending', 'sent', 'delivered', 'read']);

export type CampaignLookup = (id: string) => Promise<Campaign>;

/** What create() needs for the resend: the source's message, pace and attachment, and its failed contacts. */
export interface ResendPlan {
  name: string;
  template: string;
  pacing: Campaign['meta']['pacing'];
  columns: string[];
  contacts: ContactRecord[];
  attachment: CheckedAttachment | null;
  spinSeed: string;
  resendOf: string;
}

/** The campaign and every campaign it resends (following resendOf), newest first. */
async function chainOf(campaign: Campaign, get: CampaignLookup): Promise<Campaign[]> {
  const chain = [campaign];
  const seen = new Set([campaign.id]);
  for (let id = campaign.meta.resendOf; id !== undefined && !seen.has(id);) {
    seen.add(id);
    const earlier = await get(id).catch((err: unknown) => {
      if (!(err instanceof AppFailure) || err.code !== 'not_found') throw err;
      // Without it nobody can tell who was sent to: nothing is sent rather than risk a second message.
      throw new AppFailure('conflict', `Campaign "${campaign.meta.name}" resends campaign ${id}, which is gone; nothing is sent from it.`);
    });
    chain.push(earlier);
    id = earlier.meta.resendOf;
  }
  return chain;
}

/** Every number that any of these campaigns sent to, or may have (journal: sent, delivered, read, about to send). */
export function reachedNumbers(campaigns: readonly Campaign[]): Set<string> {
  const reached = new Set<string>();
  for (const c of campaigns) {
    for (let i = 0; i < c.contacts.length; i++) if (REACHED.has(c.model.statusOf(i))) reached.add(c.contacts[i]!.phone);
  }
  return reached;
}

/**
 * The resend of `source` (in state `now`, the service's summary): its failed contacts minus every number its chain
 * reached. Refused while the source can still send (running, paused, interrupted) and when nobody is left to resend to.
 */
export async function planResend(source: Campaign, now: Pick<CampaignSummary, 'state' | 'resumable'>, get: CampaignLookup): Promise<ResendPlan> {
  if (now.resumable || (now.state !== 'finished' && now.state !== 'stopped')) {
    throw new AppFailure('conflict', `Campaign "${source.meta.name}" is ${now.state}: finish or stop it before resending to its failed contacts.`);
  }
  const reached = reachedNumbers(await chainOf(source, get));
  const contacts: ContactRecord[] = [];
  for (let i = 0; i < source.contacts.length; i++) {
    const contact = source.contacts[i]!;
    if (source.model.statusOf(i) === 'failed' && !reached.has(contact.phone)) contacts.push(contact);
  }
  if (contacts.length === 0) {
    throw new AppFailure('bad_request', `Campaign "${source.meta.name}" has no failed contact left to resend to.`);
  }
  const a = source.meta.attachment;
  const path = source.attachmentPath();
  return {
    name: `Resend to failed: ${source.meta.name}`.slice(0, 200),
    template: source.meta.template,
    pacing: { ...source.meta.pacing },
    columns: source.meta.columns,
    contacts,
    attachment: a && path ? { path, name: a.name, size: a.size, mimeType: a.mimeType, kind: a.kind, maxSize: a.size } : null,
    // Each contact gets the text the first campaign meant for them.
    spinSeed: source.meta.spinSeed ?? source.id,
    resendOf: source.id,
  };
}

/**
 * Before a resend campaign sends (each start and resume): contacts still to send whose number the campaigns it
 * resends have reached meanwhile are skipped, journalled. Returns the log line, or null when there were none.
 */
export async function skipReached(campaign: Campaign, get: CampaignLookup, clock: Clock): Promise<string | null> {
  if (!campaign.meta.resendOf) return null;
  const reached = reachedNumbers((await chainOf(campaign, get)).slice(1));
  let skipped = 0;
  for (let i = 0; i < campaign.contacts.length; i++) {
    if (!campaign.model.isPending(i) || !reached.has(campaign.contacts[i]!.phone)) continue;
    await campaign.record({ t: 'skipped', i, reason: 'already_sent', at: clock.now() });
    skipped += 1;
  }
  if (skipped === 0) return null;
  return `${skipped} contact${skipped === 1 ? '' : 's'} skipped: the campaign this one resends has sent to ${skipped === 1 ? 'that number' : 'those numbers'} since.`;
}
