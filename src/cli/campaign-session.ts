/**
 * Drives one campaign from the terminal: connects, runs it, prints each contact's outcome and the reasons for
 * waits and pauses, and on Ctrl-C pauses it (journalled) so `wa-bulk resume` continues where it stopped.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { CampaignService } from '../campaign/campaign-service';
import { isNewContactsWait } from '../campaign/reject-guard';
import { jsonFile } from '../contacts/json-file';
import { OptOutList } from '../contacts/opt-out';
import { appPathsFor } from '../platform/app-paths';
import { LOCK_FILE, lockFolder } from '../platform/folder-lock';
import { errorMessage } from '../shared/result';
import type { Campaign } from '../campaign/campaign';
import { numberFlag, type ParsedFlags } from './options';
import { createCliPort, waitUntilReady, type CliPort } from './whatsapp-port';
import type { CliIo } from './io';
import type { ReplyTracker } from '../campaign/replies';
import { trackReplies } from './reply-tracking';

export interface CliCampaignContext extends CliPort {
  service: CampaignService;
  /** Replies that come in meanwhile are journalled, and a STOP honoured at once. */
  replies: ReplyTracker;
  /** How long a finished run waits for the delivery receipts of its last messages before exiting. */
  receiptWaitMs: number;
}

/** Long enough for a phone that is online to acknowledge; a phone that is off is left to the next start's refresh. */
export const DEFAULT_RECEIPT_WAIT_SEC = 10;
/** The signals that end a terminal session; each pauses the campaign after the message in flight. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The opt-out list the app keeps in the same folder, checked again before every send. */
async function loadOptOut(stateDir: string): Promise<OptOutList> {
  const list = new OptOutList(jsonFile(appPathsFor(stateDir).optOutFile));
  await list.load();
  return list;
}

/**
 * Takes the state folder for this process (FolderLockedError, naming the holder, when another copy has it), then
 * builds the port and the campaign service over it. The lock is released when the service closes.
 */
export async function openCampaigns(flags: ParsedFlags, stateDir: string, io: CliIo): Promise<CliCampaignContext> {
  await preparePrivateFolder(stateDir);
  const lock = await lockFolder(stateDir, { command: commandLine() });
  try {
    const cliPort = await createCliPort(flags, stateDir, io);
    const paths = appPathsFor(stateDir);
    const optOut = await loadOptOut(stateDir);
    const service = new CampaignService({
      campaignsDir: paths.campaignsDir,
      stateDir: paths.stateDir,
      port: cliPort.port,
      clock: cliPort.clock,
      optOut,
      lock,
    });
    const replies = await trackReplies(paths.stateDir, cliPort.port, cliPort.clock, service, optOut, (line) => io.stderr.write(`${line}\n`));
    const receiptWaitSec = numberFlag(flags, '--receipt-wait', { min: 0 }) ?? DEFAULT_RECEIPT_WAIT_SEC;
    return { ...cliPort, service, replies, receiptWaitMs: receiptWaitSec * 1000 };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/** How a second copy names this one: `wa-bulk resume --state DIR`. */
function commandLine(): string {
  return ['wa-bulk', ...process.argv.slice(2)].join(' ');
}

/** What the app keeps in its data folder; a folder holding any of it is ours to make owner-only. */
const OUR_ENTRIES = ['campaigns', 'whatsapp', 'state', 'tmp', LOCK_FILE];

/**
 * The state folder holds the WhatsApp session, phone numbers and messages: owner-only (0700), as the app's data
 * folder is. One made by an earlier version (0755) is tightened; a folder that holds other things is left alone.
 */
async function preparePrivateFolder(stateDir: string): Promise<void> {
  const made = await fsp.mkdir(stateDir, { recursive: true, mode: 0o700 });
  // The session folder's parents too: the WhatsApp adapters create only what is missing, with default modes.
  await fsp.mkdir(appPathsFor(stateDir).sessionDir, { recursive: true, mode: 0o700 });
  if (made !== undefined || process.platform === 'win32') return;
  const entries = await fsp.readdir(stateDir).catch(() => [] as string[]);
  if (entries.length > 0 && !entries.every((e) => OUR_ENTRIES.includes(e) || e.endsWith('.json') || e.startsWith(`${LOCK_FILE}.`))) return;
  await fsp.chmod(stateDir, 0o700).catch(() => undefined);
}

/** Connects and runs the campaign to its end; the exit code: 0 finished, 3 stopped or paused, 4 no connection. */
export async function driveCampaign(ctx: CliCampaignContext, campaignId: string, io: CliIo): Promise<number> {
  const { service, port } = ctx;
  const campaign = await service.get(campaignId);
  // Others in the folder that cannot be loaded are said, not skipped in silence.
  for (const damaged of service.damagedCampaigns()) io.stderr.write(`warning: ${damaged.message}\n`);
  const total = campaign.meta.total;
  service.contactUpdates.on((u) => {
    if (u.status === 'sending') return;
    const c = campaign.contacts[u.index]!;
    io.stdout.write(`[${u.index + 1}/${total}] row ${c.row} ${c.phone} ${u.status}${u.reason ? `: ${u.reason}` : ''}\n`);
  });
  service.log.on((line) => io.stderr.write(`${line.level}: ${line.message}\n`));

  const problem = await waitUntilReady(port, io);
  if (problem) {
    io.stderr.write(
      `wa-bulk: ${problem.replace(/\.$/, '')}. The campaign is saved; run \`wa-bulk resume --state ${path.resolve(path.dirname(path.dirname(campaign.dir)))}\` later.\n`,
    );
    await service.close();
    await port.destroy();
    return 4;
  }

  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    io.stderr.write('Pausing after the message in flight...\n');
    service.pause(campaignId, 'Paused from the terminal (Ctrl-C).');
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const { done } = await service.run(campaignId);
    await Promise.race([done, untilPaused(service, campaignId)]);
    if (!interrupted) await awaitReceipts(campaign, ctx.receiptWaitMs, io);
  } catch (err) {
    io.stderr.write(`wa-bulk: ${errorMessage(err)}\n`);
    return 1;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
  const summary = service.summaryOf(campaign);
  const c = summary.counts;
  io.stdout.write(
    `Campaign ${summary.id} ${summary.state}${summary.reason ? ` (${summary.reason})` : ''}: ${c.sent} sent, ${c.failed} failed, ${c.skipped} skipped, ${c.rejected} rejected by WhatsApp, ${c.pending} pending, ${c.unconfirmed} unconfirmed of ${c.total}\n`,
  );
  await ctx.repliesDue?.();
  await ctx.replies.close();
  await service.close();
  await port.destroy();
  return summary.state === 'finished' ? 0 : 3;
}

/**
 * Receipts for the last messages come a moment after their sends: waits until every sent message is delivered,
 * at most `ms`. Whatever is still missing is read from the chats on the next start (or `report --refresh`).
 */
function awaitReceipts(campaign: Campaign, ms: number, io: CliIo): Promise<void> {
  const outstanding = () => {
    const counts = campaign.model.counts();
    return counts.sent - counts.delivered;
  };
  if (ms <= 0 || outstanding() === 0) return Promise.resolve();
  io.stderr.write(`Waiting up to ${Math.round(ms / 1000)} s for the delivery receipts of ${outstanding()} message(s)...\n`);
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(finish, ms);
    const unsubscribe = campaign.updates.on(() => {
      if (outstanding() === 0) finish();
    });
  });
}

/**
 * `wa-bulk report --refresh`: connects (the saved session), reads the receipts that came while nothing was
 * running from the campaign's chats, and journals them. Returns an exit code when it cannot connect.
 */
export async function refreshCampaignReceipts(flags: ParsedFlags, stateDir: string, campaignId: string, io: CliIo): Promise<number | null> {
  const ctx = await openCampaigns(flags, stateDir, io);
  try {
    await ctx.service.get(campaignId);
    const problem = await waitUntilReady(ctx.port, io);
    if (problem) {
      io.stderr.write(`wa-bulk report: ${problem.replace(/\.$/, '')}; no receipts were read.\n`);
      return 4;
    }
    const { chats, updated } = await ctx.service.refreshReceipts();
    io.stderr.write(`Read the receipts in ${chats} chat(s): ${updated} new.\n`);
    return null;
  } finally {
    await ctx.service.close();
    await ctx.port.destroy();
  }
}

/**
 * A paused campaign waits for a resume that will not come from the terminal: treat paused as the end. So is one
 * whose only contacts left are new contacts held back after WhatsApp refused first messages (reject-guard.ts).
 */
function untilPaused(service: CampaignService, id: string): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = service.progress.on((summary) => {
      if (summary.id === id && (summary.state === 'paused' || (summary.state === 'waiting' && isNewContactsWait(summary.reason)))) {
        unsubscribe();
        resolve();
      }
    });
  });
}
