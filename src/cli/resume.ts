/** `wa-bulk resume`: continue an interrupted or paused campaign, reconciling unconfirmed sends first. */
import path from 'node:path';
import { errorMessage } from '../shared/result';
import { parseFlags, UsageError, type ParsedFlags } from '../campaign/cli/options';
import { driveCampaign, openCampaigns } from '../campaign/cli/session';
import type { CliIo } from './io';

const USAGE = `usage: wa-bulk resume --state DIR [--campaign ID] [--simulate [--simulate-outbox FILE] [--simulate-unregistered FILE] [--simulate-fail-rate R]] [--browser PATH] [--receipt-wait SEC]
  Continues the newest unfinished campaign in DIR (or the one given). Contacts left "about to send" are checked
  against the chat first: marked sent if the message is there, sent only if it is not.`;

export async function runResumeCommand(argv: string[], io: CliIo): Promise<number> {
  let flags: ParsedFlags;
  try {
    flags = parseFlags(
      argv,
      ['--state', '--campaign', '--simulate-outbox', '--simulate-unregistered', '--simulate-fail-rate', '--browser', '--receipt-wait'],
      ['--simulate', '--help'],
    );
    if (flags.switches.has('--help')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const stateDir = flags.values.get('--state');
    if (!stateDir) throw new UsageError('--state DIR is required');
    const ctx = await openCampaigns(flags, path.resolve(stateDir), io);
    const wanted = flags.values.get('--campaign');
    const campaign = wanted ? await ctx.service.get(wanted) : await ctx.service.latestResumable();
    if (!campaign) {
      io.stdout.write(`Nothing to resume in ${stateDir}: every campaign there is finished or stopped.\n`);
      await ctx.service.close();
      return 0;
    }
    if (!campaign.storedState().resumable) {
      io.stderr.write(`wa-bulk resume: campaign ${campaign.id} is ${campaign.storedState().state} and cannot be resumed\n`);
      await ctx.service.close();
      return 3;
    }
    if (campaign.tornTailRecovered) io.stderr.write('The journal ended in a half-written line (a crash mid-write); it was dropped.\n');
    const counts = campaign.model.counts();
    io.stderr.write(`Resuming ${campaign.id}: ${counts.pending} pending, ${counts.unconfirmed} to reconcile\n`);
    return await driveCampaign(ctx, campaign.id, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`wa-bulk resume: ${err.message}\n${USAGE}\n`);
      return 1;
    }
    io.stderr.write(`wa-bulk resume: ${errorMessage(err)}\n`);
    return 2;
  }
}
