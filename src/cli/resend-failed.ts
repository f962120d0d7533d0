/**
 * `wa-bulk send --resend-failed <campaign folder or id> --state DIR`: a new campaign to the contacts whose message
 * failed in a finished or stopped campaign, with its message, attachment and pace; nobody it sent to gets it
 * again (src/campaign/resend.ts). Then it runs like any `send`.
 */
import path from 'node:path';
import { appPathsFor } from '../platform/app-paths';
import { CAMPAIGN_CONTENT_FLAGS, type ParsedFlags, UsageError } from './options';
import { driveCampaign, openCampaigns, type CliCampaignContext } from './campaign-session';
import type { CliIo } from './io';

/** The campaign id a `--resend-failed` value names: an id, or a campaign folder inside the state folder's campaigns. */
export function campaignIdFrom(value: string, stateDir: string): string {
  if (!/[\\/]/.test(value)) return value;
  const dir = path.resolve(value);
  const campaignsDir = path.resolve(appPathsFor(stateDir).campaignsDir);
  if (path.dirname(dir) !== campaignsDir) {
    throw new UsageError(`--resend-failed: ${value} is not a campaign folder of ${campaignsDir}`);
  }
  return path.basename(dir);
}

export async function resendFailed(flags: ParsedFlags, io: CliIo): Promise<number> {
  const value = flags.values.get('--resend-failed')!;
  const stateDir = flags.values.get('--state');
  if (!stateDir) throw new UsageError('--state DIR is required');
  // What a resend takes from the original campaign: these flags would be ignored, so they are refused.
  const extra = CAMPAIGN_CONTENT_FLAGS.filter((f) => flags.values.has(f));
  if (extra.length > 0) {
    throw new UsageError(`--resend-failed sends the original campaign's message at its pace: leave out ${extra.join(', ')}`);
  }
  if (flags.values.has('--start-at')) throw new UsageError('--start-at does not go with --resend-failed: the resend starts at once');
  const id = campaignIdFrom(value, path.resolve(stateDir));
  const ctx = await openCampaigns(flags, path.resolve(stateDir), io);
  await ctx.port.start().catch(() => undefined);
  let created: string;
  try {
    created = await create(ctx, id, io);
  } catch (err) {
    await ctx.service.close();
    await ctx.port.destroy();
    throw err;
  }
  return driveCampaign(ctx, created, io);
}

async function create(ctx: CliCampaignContext, id: string, io: CliIo): Promise<string> {
  const source = await ctx.service.get(id);
  const campaign = await ctx.service.createResend(id);
  const n = campaign.meta.total;
  io.stderr.write(
    `Campaign ${campaign.id} created in ${campaign.dir}: resends to ${n} failed contact${n === 1 ? '' : 's'} of "${source.meta.name}" (${source.id}); nobody it sent to gets the message again\n`,
  );
  return campaign.id;
}
