/**
 * `wa-bulk report`: a campaign's counts, read-only (safe while another process is sending); with --refresh it
 * first connects and reads receipts that came while nothing was running.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Campaign } from '../campaign/campaign';
import { describeDamage } from '../campaign/campaign-service';
import { readCampaignReplyCounts } from '../campaign/replies-book';
import { appPathsFor } from '../platform/app-paths';
import { commandFailed, parseFlags, UsageError } from './options';
import { refreshCampaignReceipts } from './campaign-session';
import type { CliIo } from './io';

const USAGE = `usage: wa-bulk report --state DIR [--campaign ID] [--json] [--refresh [--browser PATH]]
  Counts of the newest campaign in DIR (or the one given): total, sent, delivered, read, failed, skipped
  (not on WhatsApp, opted out, duplicates), rejected (first messages WhatsApp refused), pending and unconfirmed (left "about to send", not reconciled yet),
  and the contacts who replied (replied; optedOutByReply: those whose reply was an opt-out keyword such as STOP).
  --refresh   connect to WhatsApp first (the saved session) and record the delivery and read receipts that came
              while nothing was running; not while \`send\` or \`resume\` runs on the same DIR`;

export async function runReportCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    const flags = parseFlags(argv, ['--state', '--campaign', '--browser'], ['--json', '--help', '--refresh']);
    if (flags.switches.has('--help')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const stateDir = flags.values.get('--state');
    if (!stateDir) throw new UsageError('--state DIR is required');
    const campaignsDir = appPathsFor(path.resolve(stateDir)).campaignsDir;
    const id = flags.values.get('--campaign') ?? (await newestCampaignId(campaignsDir));
    if (id && flags.switches.has('--refresh')) {
      const failed = await refreshCampaignReceipts(flags, path.resolve(stateDir), id, io);
      if (failed !== null) return failed;
    }
    let campaign: Campaign | null = null;
    try {
      campaign = id ? await Campaign.load(path.join(campaignsDir, id), { readOnly: true }) : null;
    } catch (err) {
      io.stderr.write(`wa-bulk report: ${(await describeDamage(id!, path.join(campaignsDir, id!), err)).message}\n`);
      return 2;
    }
    if (!campaign) {
      io.stderr.write(`wa-bulk report: no campaign${id ? ` ${id}` : ''} in ${stateDir}\n`);
      return 2;
    }
    const stored = campaign.storedState();
    const counts = { ...campaign.model.counts(), ...(await readCampaignReplyCounts(campaign)) };
    if (flags.switches.has('--json')) {
      io.stdout.write(
        `${JSON.stringify({ campaign: campaign.id, name: campaign.meta.name, state: stored.state, reason: stored.reason, ...counts })}\n`,
      );
    } else {
      io.stdout.write(
        [
          `${campaign.meta.name} (${campaign.id}): ${stored.state}${stored.reason ? ` - ${stored.reason}` : ''}`,
          `  total ${counts.total}: sent ${counts.sent} (delivered ${counts.delivered}, read ${counts.read}), failed ${counts.failed}, skipped ${counts.skipped}, rejected by WhatsApp ${counts.rejected}, pending ${counts.pending}, unconfirmed ${counts.unconfirmed}`,
          `  ${replyLine(counts)}`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  } catch (err) {
    return commandFailed('report', USAGE, err, io);
  }
}

/** "5 replied (17%), of them 1 opted out by reply": the rate of the contacts the message went to. */
function replyLine(counts: { sent: number; replied: number; optedOutByReply: number }): string {
  const rate = counts.sent > 0 ? ` (${Math.round((100 * counts.replied) / counts.sent)}%)` : '';
  return `${counts.replied} replied${rate}, of them ${counts.optedOutByReply} opted out by reply`;
}

/** Campaign ids start with their creation time, so the greatest name is the newest one with a campaign.json. */
async function newestCampaignId(dir: string): Promise<string | null> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return null;
  }
  for (const name of names
    .filter((n) => n.startsWith('c_'))
    .sort()
    .reverse()) {
    try {
      await fsp.access(path.join(dir, name, 'campaign.json'));
      return name;
    } catch {
      // Creation never finished: not a campaign.
    }
  }
  return null;
}
