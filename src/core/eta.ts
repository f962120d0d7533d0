/**
 * When a campaign will finish, from its actual pacing: the delay between two messages (none after the last), a
 * break only where a batch really ends inside the list, the typing time, the sending hours and the daily cap. The
 * same function serves the set-up screen (before Start) and the runner (while sending), so both say the same.
 * Pure: time comes in as `now`; local hours and midnights come from the Date of the machine, as the runner's do.
 * Random draws are replaced by their means, so this is the expected finish, not a bound.
 */
import type { PacingSettings, SendingWindow } from '../shared/contract/campaign';
import { inWindow, msUntilNextDay, msUntilWindow } from './pacing';

const SECOND = 1000;
const HOUR = 3600 * SECOND;

export interface EtaInput {
  pacing: PacingSettings;
  /** Messages still to send. */
  remaining: number;
  /** Epoch ms. */
  now: number;
  /** The earliest the next message may go (a pacing gap, a break or a wait in progress); null or past: now. */
  nextSendAt?: number | null;
  /** Messages this account has already sent today: the daily cap counts them. */
  sentToday?: number;
  /** Messages left before the current batch ends with a break; absent: a fresh batch of the mean length. */
  leftInBatch?: number;
  /** Mean message length in characters, for the typing time. */
  meanLength?: number;
}

export interface Eta {
  /** Expected time of the first message; null when nothing is left to send. */
  firstSendAt: number | null;
  /** Expected time of the last message (now when nothing is left). */
  finishAt: number;
  /** finishAt - now. */
  durationMs: number;
  /** Local calendar days on which messages go (0 when nothing is left). */
  days: number;
  /** The daily cap (or the hourly cap, when there is one) holds the sending at least once. */
  capReached: boolean;
  /** The sending hours hold the sending at least once (also before the first message). */
  outsideHours: boolean;
}

/** Mean typing time as the runner draws it (35-55 ms a character, at most 12 s). */
const meanTypingMs = (pacing: PacingSettings, meanLength: number): number => (pacing.typingDelay ? Math.min(12 * SECOND, meanLength * 45) : 0);

/** The hourly cap, for pacing that has one (a rolling hour, across campaigns). */
const hourlyCapOf = (p: PacingSettings): number | null => ('hourlyCap' in p && typeof p.hourlyCap === 'number' ? p.hourlyCap : null);

/** The first whole local hour from `t` at which the window is closed; Infinity when it never closes. */
function windowClosesAt(window: SendingWindow | null, t: number): number {
  if (!window) return Infinity;
  const next = new Date(t);
  next.setMinutes(0, 0, 0);
  for (let i = 0; i < 48; i++) {
    next.setHours(next.getHours() + 1);
    if (!inWindow(window, next.getTime())) return next.getTime();
  }
  return Infinity;
}

/** The time walked message by message; the clock only jumps (to midnight, to the window) when it must. */
class Walk {
  t: number;
  dayEnd: number;
  sentThisDay: number;
  openUntil = -Infinity;
  days = 0;
  dayCounted = false;
  capReached = false;
  outsideHours = false;
  /** Send times within the last hour, oldest first, when there is an hourly cap. */
  private readonly lastHour: number[] = [];

  constructor(
    private readonly pacing: PacingSettings,
    start: number,
    sentToday: number,
  ) {
    this.t = start;
    this.dayEnd = start + msUntilNextDay(start);
    this.sentThisDay = sentToday;
  }

  /** Moves `t` to the first moment a message may go (a new day resets the count; the cap and the window wait). */
  settle(): void {
    for (;;) {
      if (this.t >= this.dayEnd) {
        this.sentThisDay = 0;
        this.dayCounted = false;
        this.dayEnd = this.t + msUntilNextDay(this.t);
      }
      if (this.sentThisDay >= this.pacing.dailyCap) {
        // As the runner does: wait until just after midnight.
        this.t = this.dayEnd + SECOND;
        this.capReached = true;
        continue;
      }
      if (this.heldByHourlyCap()) continue;
      if (this.t < this.openUntil) return;
      const wait = msUntilWindow(this.pacing.window, this.t);
      if (wait === 0) {
        this.openUntil = windowClosesAt(this.pacing.window, this.t);
        return;
      }
      this.t += wait;
      this.outsideHours = true;
    }
  }

  /** With an hourly cap reached: moves `t` to when the oldest send of the hour leaves it, and says so. */
  private heldByHourlyCap(): boolean {
    const cap = hourlyCapOf(this.pacing);
    if (cap === null) return false;
    while (this.lastHour.length > 0 && this.lastHour[0]! <= this.t - HOUR) this.lastHour.shift();
    if (this.lastHour.length < cap) return false;
    this.t = this.lastHour[0]! + HOUR;
    this.capReached = true;
    return true;
  }

  /** One message goes at `t`. */
  send(): void {
    if (hourlyCapOf(this.pacing) !== null) this.lastHour.push(this.t);
    this.sentThisDay += 1;
    if (!this.dayCounted) {
      this.days += 1;
      this.dayCounted = true;
    }
  }
}

/** The expected first and last send of the messages left, from the pacing (see the module comment). */
export function estimateFinish(input: EtaInput): Eta {
  const { pacing, now } = input;
  const remaining = Math.max(0, Math.floor(input.remaining));
  if (remaining === 0) return { firstSendAt: null, finishAt: now, durationMs: 0, days: 0, capReached: false, outsideHours: false };
  const meanDelay = ((pacing.minDelaySec + pacing.maxDelaySec) / 2) * SECOND;
  const meanBatch = (pacing.batchSizeMin + pacing.batchSizeMax) / 2;
  const meanPause = ((pacing.batchPauseMinSec + pacing.batchPauseMaxSec) / 2) * SECOND;
  const typing = meanTypingMs(pacing, input.meanLength ?? 0);

  const start = Math.max(now, input.nextSendAt ?? now);
  // Today's sends count against today's cap only: a start on a later day begins that day afresh.
  const sentToday = start >= now + msUntilNextDay(now) ? 0 : (input.sentToday ?? 0);
  const walk = new Walk(pacing, start, sentToday);
  let leftInBatch = input.leftInBatch ?? meanBatch;
  let firstSendAt: number | null = null;
  for (let left = remaining; left > 0; left--) {
    walk.settle();
    walk.t += typing;
    walk.send();
    firstSendAt ??= walk.t;
    if (left === 1) break;
    leftInBatch -= 1;
    walk.t += meanDelay;
    // A break only where a batch ends before the last message (the runner checks for the end first).
    if (leftInBatch <= 0) {
      walk.t += meanPause;
      leftInBatch += meanBatch;
    }
  }
  return {
    firstSendAt,
    finishAt: walk.t,
    durationMs: walk.t - now,
    days: walk.days,
    capReached: walk.capReached,
    outsideHours: walk.outsideHours,
  };
}
