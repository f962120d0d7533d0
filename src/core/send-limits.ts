/**
 * Limits on top of the pacing, per WhatsApp account: an hourly cap (a rolling hour), the warm-up of a new account
 * (a daily cap that starts low and rises by a step a day up to the pacing's daily cap), the first-contact guard's
 * threshold, and the meter of first messages nobody answered this month (WhatsApp has been testing a monthly cap
 * on unanswered messages since October 2025). Pure: times come in as arguments.
 */
import type { LimitSettings, WarmUp } from '../shared/contract/limits';
import { localDay } from './pacing';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const DEFAULT_WARM_UP: WarmUp = { enabled: false, startDate: '', firstDayCap: 20, dailyStep: 10 };

export const DEFAULT_LIMITS: LimitSettings = {
  warmUp: DEFAULT_WARM_UP,
  rejectPauseAfter: 3,
  noReplyWarnAt: 150,
};

/** Whole local days from the `start` day (YYYY-MM-DD) to the day of `now`; 0 on the start day and before it. */
export function daysSince(start: string, now: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m) return 0;
  const first = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12).getTime();
  const today = new Date(now);
  const noon = new Date(today.getFullYear(), today.getMonth(), today.getDate(), 12).getTime();
  // Noon to noon, rounded: a DST shift moves it by an hour, never by a day.
  return Math.max(0, Math.round((noon - first) / DAY));
}

/** Today's cap: the pacing's daily cap, lowered while warm-up is on (first day's cap, plus a step each later day). */
export function effectiveDailyCap(dailyCap: number, warmUp: WarmUp, now: number): number {
  if (!warmUp.enabled) return dailyCap;
  return Math.min(dailyCap, warmUp.firstDayCap + warmUp.dailyStep * daysSince(warmUp.startDate, now));
}

/** The day warm-up reaches the full daily cap (YYYY-MM-DD), or null when warm-up is off. */
export function warmUpEndsOn(dailyCap: number, warmUp: WarmUp): string | null {
  if (!warmUp.enabled) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(warmUp.startDate);
  if (!m) return null;
  const days = warmUp.dailyStep > 0 ? Math.max(0, Math.ceil((dailyCap - warmUp.firstDayCap) / warmUp.dailyStep)) : 0;
  return localDay(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days, 12).getTime());
}

/**
 * Milliseconds to wait for the hourly cap: 0 while fewer than `cap` sends fall in the last hour, otherwise until
 * the oldest of them is an hour old. `times` are send times (any order).
 */
export function hourlyWaitMs(times: readonly number[], cap: number | null | undefined, now: number): number {
  if (!cap) return 0;
  const recent = times.filter((t) => t > now - HOUR && t <= now).sort((a, b) => a - b);
  if (recent.length < cap) return 0;
  return Math.max(1, recent[recent.length - cap]! + HOUR - now);
}

/** The local month of `now` (YYYY-MM), the unit of the unanswered-messages meter. */
export const localMonth = (now: number): string => localDay(now).slice(0, 7);

/** The meter's level: a warning from `warnAt` on. */
export const noReplyWarning = (count: number, warnAt: number): boolean => warnAt > 0 && count >= warnAt;

/** What a pause of new contacts means and what to do (WHATSAPP.md #20), for the Send screen, the log and the notification. */
export const rejectNotice = (streak: number): string =>
  `WhatsApp refused ${streak} first message${streak === 1 ? '' : 's'} in a row. New contacts are paused to protect your account; people you have chatted with still get the message. Wait a day before messaging new contacts.`;
