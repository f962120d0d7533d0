/**
 * Changing the pace of a campaign that is not sending right now: paused (by the operator, automatically, or by a
 * restart) or waiting (for the sending hours, the daily cap, WhatsApp). The new settings are written to
 * campaign.json first, so they survive a restart, and then take effect in the campaign in memory, where the
 * runner reads them for every later gap and window check.
 */
import type { CampaignState, PacingSettings } from '../shared/contract/campaign';
import { AppFailure } from '../shared/result';
import type { Campaign } from './campaign';
import { campaignPaths, writeFileAtomic } from './campaign-files';

/** The states in which the pace may change: nothing is being sent at that moment. */
export const PACING_EDITABLE: readonly CampaignState[] = ['paused', 'waiting', 'interrupted'];

/** What a runner offers for the change to reach a wait already under way. */
export interface WakeableRunner {
  pause(reason?: string): void;
  resume(): void;
}

/**
 * Saves the new pacing of a campaign in `state` and makes it the one in use; returns the log line saying what
 * changed. A waiting runner is woken so a changed sending window or cap is looked at again now, not when the old
 * wait ends (pause and resume at once: the loop never journals the pause, it only finds its sleep cut short).
 */
export async function editPacing(campaign: Campaign, state: CampaignState, next: PacingSettings, runner: WakeableRunner | null): Promise<string> {
  if (!PACING_EDITABLE.includes(state)) {
    throw new AppFailure(
      'conflict',
      `The pace of campaign "${campaign.meta.name}" can be changed only while it is paused or waiting; it is ${state}.`,
    );
  }
  const before = describePacing(campaign.meta.pacing);
  const meta = { ...campaign.meta, pacing: { ...next } };
  await writeFileAtomic(campaignPaths(campaign.dir).meta, `${JSON.stringify(meta, null, 2)}\n`);
  // In place: the runner's pacer holds this very object (campaign-files.ts gives each campaign its own copy).
  Object.assign(campaign.meta.pacing, next);
  if (state === 'waiting' && runner) {
    runner.pause('Pace changed.');
    runner.resume();
  }
  const after = describePacing(campaign.meta.pacing);
  return before === after ? 'The pace was saved unchanged.' : `Pace changed: ${after} (was: ${before}).`;
}

/** The pacing in one line, as the log and the History screen say it. */
export function describePacing(p: PacingSettings): string {
  const hours = p.window ? `between ${p.window.startHour}:00 and ${p.window.endHour}:00` : 'any hour';
  return `${p.minDelaySec}-${p.maxDelaySec} s between messages, a break of ${p.batchPauseMinSec}-${p.batchPauseMaxSec} s every ${p.batchSizeMin}-${p.batchSizeMax}, at most ${p.dailyCap} a day, ${hours}`;
}
