import { describe, expect, it } from 'vitest';
import { estimateFinish } from '../../../src/core/eta';
import { DEFAULT_PACING, estimateRemainingMs } from '../../../src/core/pacing';
import type { PacingSettings } from '../../../src/shared/contract/campaign';

const at = (h: number, m = 0, day = 10) => new Date(2026, 2, day, h, m).getTime();
const MIN = 60_000;

/** Fast sending as an operator tries it: 2-4 s apart, breaks every 25-45 messages, no sending hours, no typing. */
const quick = {
  ...DEFAULT_PACING,
  hourlyCap: null,
  minDelaySec: 2,
  maxDelaySec: 4,
  batchSizeMin: 25,
  batchSizeMax: 45,
  batchPauseMinSec: 300,
  batchPauseMaxSec: 900,
  window: null,
  typingDelay: false,
} as PacingSettings;

describe('estimateFinish', () => {
  it('24 contacts that never reach the end of a batch: 23 gaps of 3 s (about 70 s), not minutes of breaks', () => {
    const now = at(10);
    const eta = estimateFinish({ pacing: quick, remaining: 24, now });
    expect(eta.firstSendAt).toBe(now);
    expect(eta.durationMs).toBe(23 * 3000);
    // Done in 71 s in the demo; the old mean-based estimate said about 8 minutes.
    expect(Math.abs(eta.durationMs - 71_000)).toBeLessThan(5000);
    expect(estimateRemainingMs(quick, 24, 0)).toBeGreaterThan(7 * MIN);
    expect(eta).toMatchObject({ days: 1, capReached: false, outsideHours: false });
  });

  it('takes a break only where a batch really ends inside the list', () => {
    const p: PacingSettings = { ...quick, batchSizeMin: 10, batchSizeMax: 10, batchPauseMinSec: 60, batchPauseMaxSec: 60 };
    // 10 messages: the batch ends with the last one, no break before it.
    expect(estimateFinish({ pacing: p, remaining: 10, now: at(10) }).durationMs).toBe(9 * 3000);
    // 11: one break between the 10th and the 11th.
    expect(estimateFinish({ pacing: p, remaining: 11, now: at(10) }).durationMs).toBe(10 * 3000 + 60_000);
    // 25: two breaks.
    expect(estimateFinish({ pacing: p, remaining: 25, now: at(10) }).durationMs).toBe(24 * 3000 + 2 * 60_000);
    // While sending, the runner knows its batch: 2 left in it, so the break comes after the 2nd.
    expect(estimateFinish({ pacing: p, remaining: 3, now: at(10), leftInBatch: 2 }).durationMs).toBe(2 * 3000 + 60_000);
  });

  it('starts at the next send already planned and adds the typing time of each message', () => {
    const p: PacingSettings = { ...quick, typingDelay: true };
    const now = at(10);
    const eta = estimateFinish({ pacing: p, remaining: 3, now, nextSendAt: now + 20_000, meanLength: 100 });
    // 100 characters at 45 ms: 4.5 s of typing before each send.
    expect(eta.firstSendAt).toBe(now + 20_000 + 4500);
    expect(eta.finishAt).toBe(now + 20_000 + 3 * 4500 + 2 * 3000);
    // Typing is capped at 12 s a message.
    expect(estimateFinish({ pacing: p, remaining: 1, now, meanLength: 10_000 }).durationMs).toBe(12_000);
  });

  it('waits for the sending hours: before they open, and when they close mid-list', () => {
    const p: PacingSettings = {
      ...quick,
      minDelaySec: 60,
      maxDelaySec: 60,
      batchSizeMin: 1000,
      batchSizeMax: 1000,
      window: { startHour: 9, endHour: 17 },
    };
    const early = estimateFinish({ pacing: p, remaining: 5, now: at(7, 30) });
    expect(early.firstSendAt).toBe(at(9));
    expect(early.finishAt).toBe(at(9, 4));
    expect(early.outsideHours).toBe(true);
    // At 16:58 two go today (16:58, 16:59), the third waits for 9:00 tomorrow.
    const late = estimateFinish({ pacing: p, remaining: 4, now: at(16, 58) });
    expect(late.firstSendAt).toBe(at(16, 58));
    expect(late.finishAt).toBe(at(9, 1, 11));
    expect(late).toMatchObject({ days: 2, outsideHours: true, capReached: false });
  });

  it('spreads over days at the daily cap, counting what was already sent today', () => {
    const p: PacingSettings = { ...quick, minDelaySec: 10, maxDelaySec: 10, batchSizeMin: 1000, batchSizeMax: 1000, dailyCap: 100 };
    const now = at(10);
    // 250 with 40 already sent today: 60 today, 100 tomorrow, 90 the day after.
    const eta = estimateFinish({ pacing: p, remaining: 250, now, sentToday: 40 });
    expect(eta.days).toBe(3);
    expect(eta.capReached).toBe(true);
    // Just after midnight (as the runner waits), then 89 gaps of 10 s.
    expect(eta.finishAt).toBe(at(0, 0, 12) + 1000 + 89 * 10_000);
    // Nothing left of today's cap: the first message waits for tomorrow.
    expect(estimateFinish({ pacing: p, remaining: 1, now, sentToday: 100 }).firstSendAt).toBe(at(0, 0, 11) + 1000);
  });

  it('a start on a later day (scheduled) begins that day with the whole cap', () => {
    const p = { ...quick, minDelaySec: 10, maxDelaySec: 10, batchSizeMin: 1000, batchSizeMax: 1000, dailyCap: 100 } as PacingSettings;
    const eta = estimateFinish({ pacing: p, remaining: 100, now: at(10), nextSendAt: at(8, 0, 11), sentToday: 100 });
    expect(eta.firstSendAt).toBe(at(8, 0, 11));
    expect(eta.finishAt).toBe(at(8, 0, 11) + 99 * 10_000);
    expect(eta).toMatchObject({ days: 1, capReached: false });
  });

  it('cap and sending hours together: the next day starts when the window opens', () => {
    const p: PacingSettings = {
      ...quick,
      minDelaySec: 30,
      maxDelaySec: 30,
      batchSizeMin: 1000,
      batchSizeMax: 1000,
      dailyCap: 2,
      window: { startHour: 9, endHour: 20 },
    };
    const eta = estimateFinish({ pacing: p, remaining: 3, now: at(19) });
    expect(eta.finishAt).toBe(at(9, 0, 11));
    expect(eta).toMatchObject({ days: 2, capReached: true, outsideHours: true });
  });

  it('an hourly cap holds the next message until the oldest send of the hour leaves it', () => {
    const p = { ...quick, minDelaySec: 60, maxDelaySec: 60, batchSizeMin: 1000, batchSizeMax: 1000, hourlyCap: 2 } as PacingSettings;
    const eta = estimateFinish({ pacing: p, remaining: 5, now: at(10) });
    // 10:00, 10:01 | 11:00, 11:01 | 12:00
    expect(eta.finishAt).toBe(at(12));
    expect(eta.capReached).toBe(true);
  });

  it('nothing left: finished now', () => {
    expect(estimateFinish({ pacing: quick, remaining: 0, now: 5 })).toEqual({
      firstSendAt: null,
      finishAt: 5,
      durationMs: 0,
      days: 0,
      capReached: false,
      outsideHours: false,
    });
  });

  it('the safe defaults for 1,000 contacts: five days of at most 200, within 9:00-20:00, computed quickly', () => {
    const started = performance.now();
    const eta = estimateFinish({ pacing: DEFAULT_PACING, remaining: 1000, now: at(9), meanLength: 120 });
    expect(performance.now() - started).toBeLessThan(200);
    expect(eta.days).toBe(5);
    expect(eta.capReached).toBe(true);
    expect(new Date(eta.finishAt).getDate()).toBe(14);
    const hour = new Date(eta.finishAt).getHours();
    expect(hour >= 9 && hour < 20).toBe(true);
  });
});
