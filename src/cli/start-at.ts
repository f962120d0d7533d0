/**
 * `wa-bulk send --start-at TIME`: the campaign is created at once with its start time (kept in campaign.json), and
 * the command waits until then before it sends. Ctrl-C while waiting ends the wait; the campaign is kept, and
 * `wa-bulk resume` starts it whenever it is run.
 */
import { formatStartTime } from '../campaign/schedule-text';
import type { ParsedFlags } from './options';
import { UsageError } from './options';
import { driveCampaign, type CliCampaignContext } from './campaign-session';
import type { CliIo } from './io';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The --start-at moment: an ISO date and time, local unless it names its offset (2026-12-01T09:00, ...Z, ...+04:00). */
export function startAtFlag(flags: ParsedFlags, now: number): number | undefined {
  const raw = flags.values.get('--start-at');
  if (raw === undefined) return undefined;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw.trim()) ? Date.parse(raw.trim()) : NaN;
  if (Number.isNaN(at))
    throw new UsageError(`--start-at must be a date and time such as 2026-12-01T09:00 (your time zone) or 2026-12-01T09:00Z (got "${raw}")`);
  if (at < now - 60_000) throw new UsageError(`--start-at ${raw} (${formatStartTime(at)}) has already passed`);
  return at;
}

/** Waits for the start time (or a signal), then runs the campaign as `send` does; the exit code. */
export async function driveAt(ctx: CliCampaignContext, campaignId: string, startAt: number, io: CliIo): Promise<number> {
  io.stderr.write(
    `Waiting until ${formatStartTime(startAt)} to start. Ctrl-C stops waiting; the campaign is kept and \`wa-bulk resume\` starts it.\n`,
  );
  const wait = new AbortController();
  const onSignal = () => wait.abort();
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    await ctx.clock.sleep(Math.max(0, startAt - ctx.clock.now()), wait.signal);
  } catch {
    io.stderr.write(`Stopped waiting; nothing was sent. Campaign ${campaignId} is kept: \`wa-bulk resume\` starts it.\n`);
    await ctx.service.close();
    await ctx.port.destroy();
    return 5;
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
  return driveCampaign(ctx, campaignId, io);
}
