/** `wa-bulk resume`: continue an interrupted or paused campaign, reconciling unconfirmed sends first. */
import path from 'node:path';
import { commandFailed, type ParsedFlags, parseFlags, UsageError } from './options';
import type { Campaign } from '../campaign/campaign';
import { driveCampaign, openCampaigns, type CliCampaignContext } from './campaign-session';
import type { CliIo } from './io';

const USAGE = `usage: wa-bulk resume --state DIR [--campaign ID] [--simulate [--simulate-outbox FILE] [--simulate-unregistered FILE] [--simulate-fail-rate R] [--simulate-replies FILE] [--simulate-reject FILE]] [--browser PATH] [--receipt-wait SEC] [--resume-new-contacts]
  Continues the newest unfinished campaign in DIR (or the one given). Contacts left "about to send" are checked
  against the chat first: marked sent if the message is there, sent only if it is not.
  --resume-new-contacts  send to new contacts again after WhatsApp refused first messages (better a day later)`;

export async function runResumeCommand(argv: string[], io: CliIo): Promise<number> {
  let flags: ParsedFlags;
  try {
    flags = parseFlags(
      argv,
      [
        '--state',
        '--campaign',
        '--simulate-outbox',
        '--simulate-unregistered',
        '--simulate-fail-rate',
        '--simulate-replies',
        '--simulate-reject',
        '--browser',
        '--receipt-wait',
      ],
      ['--simulate', '--help', '--resume-new-contacts'],
    );
    if (flags.switches.has('--help')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const stateDir = flags.values.get('--state');
    if (!stateDir) throw new UsageError('--state DIR is required');
    const ctx = await openCampaigns(flags, path.resolve(stateDir), io);
    ctx.service.limits.resumeWhenAsked = flags.switches.has('--resume-new-contacts');
    // The browser loads while the campaign is read (issue 14); driveCampaign reports how the start went.
    await ctx.port.start().catch(() => undefined);
    let picked: Campaign | number;
    try {
      picked = await pickCampaign(ctx, flags.values.get('--campaign'), stateDir, io);
    } catch (err) {
      await closeCampaigns(ctx);
      throw err;
    }
    if (typeof picked === 'number') {
      await closeCampaigns(ctx);
      return picked;
    }
    return await driveCampaign(ctx, picked.id, io);
  } catch (err) {
    return commandFailed('resume', USAGE, err, io);
  }
}

/** The campaign to continue, or the exit code when there is none that can be. */
async function pickCampaign(ctx: CliCampaignContext, wanted: string | undefined, stateDir: string, io: CliIo): Promise<Campaign | number> {
  const campaign = wanted ? await ctx.service.get(wanted) : await ctx.service.latestResumable();
  if (!campaign) {
    io.stdout.write(`Nothing to resume in ${stateDir}: every campaign there is finished or stopped.\n`);
    return 0;
  }
  if (!campaign.storedState().resumable) {
    io.stderr.write(`wa-bulk resume: campaign ${campaign.id} is ${campaign.storedState().state} and cannot be resumed\n`);
    return 3;
  }
  if (campaign.tornTailRecovered) io.stderr.write('The journal ended in a half-written line (a crash mid-write); it was dropped.\n');
  const counts = campaign.model.counts();
  io.stderr.write(`Resuming ${campaign.id}: ${counts.pending} pending, ${counts.unconfirmed} to reconcile\n`);
  return campaign;
}

/** Closes what openCampaigns opened, the browser included, when no campaign is going to run. */
async function closeCampaigns(ctx: CliCampaignContext): Promise<void> {
  await ctx.service.close();
  await ctx.port.destroy();
}
