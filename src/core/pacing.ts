/**
 * Pacing policy: how long to wait before each message so the sending looks human and stays under WhatsApp's
 * ban radar (whatsapp-web.js #532: regular intervals, high rates and many new contacts get accounts banned).
 * Pure: randomness and time come in as arguments.
 */
import type { PacingDefaults, PacingSettings, SendingWindow } from '../shared/contract/campaign';

const SECOND = 1000;
const HOUR = 3600 * SECOND;

export const DEFAULT_PACING: PacingSettings = {
  minDelaySec: 25,
  maxDelaySec: 70,
  batchSizeMin: 15,
  batchSizeMax: 25,
  batchPauseMinSec: 300,
  batchPauseMaxSec: 900,
  dailyCap: 200,
  hourlyCap: 40,
  window: { startHour: 9, endHour: 20 },
  typingDelay: true,
  backoffAfterFailures: 2,
  backoffBaseSec: 60,
  autoPauseAfterFailures: 5,
  sendTimeoutSec: 60,
};

export const PACING_REASONS: PacingDefaults['reasons'] = {
  minDelaySec: 'Fixed or short gaps look automated; 25 s or more between messages is what careful senders use.',
  maxDelaySec: 'A wide random range (25-70 s) keeps the rhythm irregular, like a person.',
  batchSizeMin: 'Long unbroken runs are a ban signal; take a break every 15-25 messages.',
  batchSizeMax: 'The batch length is drawn at random so breaks do not come at a fixed count.',
  batchPauseMinSec: 'A break of at least 5 minutes between batches spreads the load over time.',
  batchPauseMaxSec: 'Breaks of up to 15 minutes, drawn at random, keep the pattern irregular.',
  dailyCap: 'Around 200 messages a day per account is a commonly reported safe ceiling, lower for new numbers.',
  hourlyCap: 'A burst of messages in one hour is a ban signal even under the daily cap; 40 an hour spreads the day out.',
  window: 'Messages outside office hours get reported more; send between 9:00 and 20:00 local time.',
  typingDelay: 'Waiting as long as typing the text would take makes each message look written by hand.',
  backoffAfterFailures: 'Two failures in a row often mean trouble; slow down before it gets worse.',
  backoffBaseSec: 'Back off by a minute, doubling with each further failure.',
  autoPauseAfterFailures: 'Five failures in a row: stop and let the operator look before the account is flagged.',
  sendTimeoutSec: 'whatsapp-web.js can stall silently; a send not done in 60 s fails that contact, not the campaign.',
};

export const pacingDefaults = (): PacingDefaults => ({ pacing: { ...DEFAULT_PACING }, reasons: { ...PACING_REASONS } });

/** A uniform draw in [min, max]. */
export const uniform = (random: () => number, min: number, max: number): number => min + (max - min) * random();

/** A uniform integer draw in [min, max]. */
export const uniformInt = (random: () => number, min: number, max: number): number => Math.min(max, min + Math.floor((max - min + 1) * random()));

/** About 35-55 ms a character (a fast typist), capped at 12 s so long texts do not stall the campaign. */
export function typingDelayMs(text: string, random: () => number): number {
  return Math.min(12 * SECOND, Math.round(text.length * uniform(random, 35, 55)));
}

/** Extra wait after `failures` consecutive failures: 0 below the threshold, then base doubling, capped at an hour. */
export function backoffMs(pacing: PacingSettings, failures: number): number {
  if (failures < pacing.backoffAfterFailures) return 0;
  const doublings = Math.min(20, failures - pacing.backoffAfterFailures);
  return Math.min(HOUR, pacing.backoffBaseSec * SECOND * 2 ** doublings);
}

export const shouldAutoPause = (pacing: PacingSettings, failures: number): boolean => failures >= pacing.autoPauseAfterFailures;

/** True when the local hour of `now` is inside the window ([start, end), wrapping past midnight). */
export function inWindow(window: SendingWindow | null, now: number): boolean {
  if (!window) return true;
  const hour = new Date(now).getHours();
  const end = window.endHour % 24;
  return window.startHour < end ? hour >= window.startHour && hour < end : hour >= window.startHour || hour < end;
}

/** Milliseconds until the window next opens (0 when open now). Steps by local hour so DST shifts are honoured. */
export function msUntilWindow(window: SendingWindow | null, now: number): number {
  if (inWindow(window, now)) return 0;
  const next = new Date(now);
  next.setMinutes(0, 0, 0);
  for (let i = 0; i < 48; i++) {
    next.setHours(next.getHours() + 1);
    if (inWindow(window, next.getTime())) return next.getTime() - now;
  }
  return 0;
}

/** The local calendar day of `now`, the unit of the daily cap. */
export function localDay(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Milliseconds until the next local midnight. */
export function msUntilNextDay(now: number): number {
  const next = new Date(now);
  next.setHours(24, 0, 0, 0);
  return next.getTime() - now;
}

/**
 * Tracks the batch rhythm: after each message, the gap before the next one is the random delay, plus a batch
 * pause when the current batch (of randomised length) is complete.
 */
export class Pacer {
  private sentInBatch = 0;
  private batchSize: number;

  constructor(
    private readonly pacing: PacingSettings,
    private readonly random: () => number,
  ) {
    this.batchSize = uniformInt(random, pacing.batchSizeMin, pacing.batchSizeMax);
  }

  /** Messages left before the current batch ends with a break (for the ETA, src/core/eta.ts). */
  get leftInBatch(): number {
    return this.batchSize - this.sentInBatch;
  }

  /** The gap after a message that was attempted (sent or failed). */
  gapAfterMessage(): { delayMs: number; batchPauseMs: number } {
    const delayMs = Math.round(uniform(this.random, this.pacing.minDelaySec, this.pacing.maxDelaySec) * SECOND);
    this.sentInBatch += 1;
    if (this.sentInBatch < this.batchSize) return { delayMs, batchPauseMs: 0 };
    this.sentInBatch = 0;
    this.batchSize = uniformInt(this.random, this.pacing.batchSizeMin, this.pacing.batchSizeMax);
    const batchPauseMs = Math.round(uniform(this.random, this.pacing.batchPauseMinSec, this.pacing.batchPauseMaxSec) * SECOND);
    return { delayMs, batchPauseMs };
  }
}

/**
 * Expected time to send `remaining` more messages: mean delay, mean typing time for a message of `meanLength`
 * characters, the batch pauses spread over the mean batch, and whole days while the daily cap runs out.
 * `sentToday` counts what the account has already sent today.
 */
export function estimateRemainingMs(pacing: PacingSettings, remaining: number, sentToday: number, meanLength = 0): number {
  if (remaining <= 0) return 0;
  const meanDelay = ((pacing.minDelaySec + pacing.maxDelaySec) / 2) * SECOND;
  const meanTyping = pacing.typingDelay ? Math.min(12 * SECOND, meanLength * 45) : 0;
  const meanBatch = (pacing.batchSizeMin + pacing.batchSizeMax) / 2;
  const meanPause = ((pacing.batchPauseMinSec + pacing.batchPauseMaxSec) / 2) * SECOND;
  const perMessage = meanDelay + meanTyping + meanPause / meanBatch;
  const leftToday = Math.max(0, pacing.dailyCap - sentToday);
  const extraDays = remaining > leftToday ? Math.ceil((remaining - leftToday) / pacing.dailyCap) : 0;
  const windowHours = pacing.window ? (pacing.window.endHour - pacing.window.startHour + 24) % 24 || 24 : 24;
  // Sending happens only inside the window: once the work outlasts one window, stretch it by the share of the day.
  const sendingMs = remaining * perMessage;
  const stretched = windowHours < 24 && sendingMs > windowHours * HOUR ? sendingMs * (24 / windowHours) : sendingMs;
  return Math.max(stretched, extraDays * 24 * HOUR);
}
