import { describe, expect, it } from 'vitest';
import { PacingSettings } from '../../../src/shared/contract/campaign';
import {
  DEFAULT_PACING,
  PACING_REASONS,
  Pacer,
  backoffMs,
  estimateRemainingMs,
  inWindow,
  localDay,
  msUntilNextDay,
  msUntilWindow,
  shouldAutoPause,
  typingDelayMs,
} from '../../../src/core/pacing';
import { seededRandom } from '../../../src/core/spintax';

const at = (h: number, m = 0, day = 10) => new Date(2026, 2, day, h, m).getTime();

describe('defaults', () => {
  it('are valid settings and every one has a reason of its own, one line shown under its field', () => {
    expect(PacingSettings.safeParse(DEFAULT_PACING).success).toBe(true);
    // The types require a string per key; what they cannot see is an empty, multi-line or copied reason.
    const reasons = Object.values(PACING_REASONS);
    for (const reason of reasons) expect(reason).toMatch(/^\S[^\n]{19,}\.$/);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it('the schema refuses inverted ranges and names the field', () => {
    const bad = PacingSettings.safeParse({ ...DEFAULT_PACING, minDelaySec: 10, maxDelaySec: 5 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['maxDelaySec']);
  });
});

describe('Pacer', () => {
  it('draws delays inside [min, max] spread over the range, and pauses after each batch', () => {
    const pacing = {
      ...DEFAULT_PACING,
      minDelaySec: 10,
      maxDelaySec: 20,
      batchSizeMin: 3,
      batchSizeMax: 5,
      batchPauseMinSec: 100,
      batchPauseMaxSec: 200,
    };
    const pacer = new Pacer(pacing, seededRandom(7));
    const delays: number[] = [];
    const batchLengths: number[] = [];
    let inBatch = 0;
    for (let i = 0; i < 5000; i++) {
      const gap = pacer.gapAfterMessage();
      delays.push(gap.delayMs);
      inBatch += 1;
      if (gap.batchPauseMs > 0) {
        expect(gap.batchPauseMs).toBeGreaterThanOrEqual(100_000);
        expect(gap.batchPauseMs).toBeLessThanOrEqual(200_000);
        batchLengths.push(inBatch);
        inBatch = 0;
      }
    }
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(20_000);
    // Spread: each fifth of the range gets a fair share (not a fixed interval).
    const buckets = [0, 0, 0, 0, 0];
    for (const d of delays) buckets[Math.min(4, Math.floor((d - 10_000) / 2000))]! += 1;
    for (const n of buckets) expect(n).toBeGreaterThan(800);
    expect(new Set(batchLengths)).toEqual(new Set([3, 4, 5]));
  });

  it('zero delays give zero gaps', () => {
    const pacer = new Pacer({ ...DEFAULT_PACING, minDelaySec: 0, maxDelaySec: 0, batchPauseMinSec: 0, batchPauseMaxSec: 0 }, Math.random);
    for (let i = 0; i < 50; i++) expect(pacer.gapAfterMessage()).toEqual({ delayMs: 0, batchPauseMs: 0 });
  });
});

describe('failures', () => {
  it('backs off from the threshold, doubling, capped at an hour, and auto-pauses at K', () => {
    const p = { ...DEFAULT_PACING, backoffAfterFailures: 2, backoffBaseSec: 30, autoPauseAfterFailures: 4 };
    expect([0, 1, 2, 3, 4].map((n) => backoffMs(p, n))).toEqual([0, 0, 30_000, 60_000, 120_000]);
    expect(backoffMs(p, 40)).toBe(3_600_000);
    expect(shouldAutoPause(p, 3)).toBe(false);
    expect(shouldAutoPause(p, 4)).toBe(true);
  });
});

describe('sending window and days', () => {
  it('knows when the window is open, including one that wraps midnight', () => {
    const w = { startHour: 9, endHour: 20 };
    expect(inWindow(w, at(9))).toBe(true);
    expect(inWindow(w, at(19, 59))).toBe(true);
    expect(inWindow(w, at(20))).toBe(false);
    expect(inWindow(null, at(3))).toBe(true);
    const night = { startHour: 22, endHour: 2 };
    expect(inWindow(night, at(23))).toBe(true);
    expect(inWindow(night, at(1))).toBe(true);
    expect(inWindow(night, at(12))).toBe(false);
  });

  it('computes the wait until the window opens', () => {
    const w = { startHour: 9, endHour: 20 };
    expect(msUntilWindow(w, at(10))).toBe(0);
    expect(msUntilWindow(w, at(7, 30))).toBe(90 * 60_000);
    expect(at(21, 15) + msUntilWindow(w, at(21, 15))).toBe(at(9, 0, 11));
  });

  it('names local days and the time to midnight', () => {
    expect(localDay(at(23, 59))).toBe('2026-03-10');
    expect(localDay(at(0, 0, 11))).toBe('2026-03-11');
    expect(msUntilNextDay(at(23, 0))).toBe(3_600_000);
  });
});

describe('typing and ETA', () => {
  it('typing time grows with length and is capped', () => {
    const r = seededRandom(1);
    const short = typingDelayMs('x'.repeat(20), r);
    expect(short).toBeGreaterThanOrEqual(700);
    expect(short).toBeLessThanOrEqual(1100);
    expect(typingDelayMs('x'.repeat(10_000), r)).toBe(12_000);
  });

  it('estimates from the mean gaps and counts whole days when the cap runs out', () => {
    const p = {
      ...DEFAULT_PACING,
      minDelaySec: 10,
      maxDelaySec: 30,
      batchSizeMin: 10,
      batchSizeMax: 10,
      batchPauseMinSec: 100,
      batchPauseMaxSec: 100,
      typingDelay: false,
      window: null,
      dailyCap: 1000,
    };
    expect(estimateRemainingMs(p, 10, 0)).toBe(10 * (20_000 + 10_000));
    expect(estimateRemainingMs(p, 0, 0)).toBe(0);
    const capped = { ...p, dailyCap: 10 };
    expect(estimateRemainingMs(capped, 25, 10)).toBeGreaterThanOrEqual(3 * 24 * 3_600_000);
  });
});
