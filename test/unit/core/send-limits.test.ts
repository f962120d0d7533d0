import { describe, expect, it } from 'vitest';
import { daysSince, effectiveDailyCap, hourlyWaitMs, localMonth, noReplyWarning, warmUpEndsOn } from '../../../src/core/send-limits';

const at = (y: number, m: number, d: number, h = 10, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const HOUR = 3600_000;

describe('send limits', () => {
  it('hourly cap: waits until the oldest of the last hour is an hour old', () => {
    const now = at(2026, 3, 10, 12);
    expect(hourlyWaitMs([], 3, now)).toBe(0);
    expect(hourlyWaitMs([now - 50 * 60_000, now - 10 * 60_000], 3, now)).toBe(0);
    const times = [now - 2 * HOUR, now - 50 * 60_000, now - 20 * 60_000, now - 1000];
    expect(hourlyWaitMs(times, 3, now)).toBe(10 * 60_000);
    expect(hourlyWaitMs(times, null, now)).toBe(0);
    expect(hourlyWaitMs(times, 4, now)).toBe(0);
  });

  it('warm-up: the first day cap, a step more each day, never above the daily cap', () => {
    const warmUp = { enabled: true, startDate: '2026-03-10', firstDayCap: 20, dailyStep: 10 };
    expect(effectiveDailyCap(200, warmUp, at(2026, 3, 10, 0, 1))).toBe(20);
    expect(effectiveDailyCap(200, warmUp, at(2026, 3, 10, 23, 59))).toBe(20);
    expect(effectiveDailyCap(200, warmUp, at(2026, 3, 11, 0, 1))).toBe(30);
    // Across the DST change (29 March in Europe, 8 March in the US) a day is still a day.
    expect(effectiveDailyCap(1000, warmUp, at(2026, 4, 1))).toBe(20 + 10 * 22);
    expect(effectiveDailyCap(200, warmUp, at(2026, 4, 30))).toBe(200);
    expect(effectiveDailyCap(200, { ...warmUp, enabled: false }, at(2026, 3, 10))).toBe(200);
    // Before the start date it is the first day's cap.
    expect(effectiveDailyCap(200, warmUp, at(2026, 3, 1))).toBe(20);
    expect(warmUpEndsOn(200, warmUp)).toBe('2026-03-28');
    expect(daysSince('not a date', at(2026, 3, 10))).toBe(0);
  });

  it('the meter warns from its threshold on, month by month', () => {
    expect(localMonth(at(2026, 11, 30, 23, 59))).toBe('2026-11');
    expect(noReplyWarning(149, 150)).toBe(false);
    expect(noReplyWarning(150, 150)).toBe(true);
    expect(noReplyWarning(1000, 0)).toBe(false);
  });
});
